import { describe, expect, it } from "vitest";
import { dayPosition, placeBar, quarterColumns, timelineDays } from "./roadmap-geometry";

const quarters = [
  { name: "2026-Q4", start: "2026-10-01", end: "2026-12-31" },
  { name: "2027-Q1", start: "2027-01-01", end: "2027-03-31" },
];

describe("roadmap geometry", () => {
  it("sizes quarter columns by their days", () => {
    expect(timelineDays(quarters)).toBe(92 + 90);
    const cols = quarterColumns(quarters);
    expect(cols[0]).toMatchObject({ name: "2026-Q4", left: 0 });
    expect(cols[0]?.width).toBeCloseTo((92 / 182) * 100);
    expect(cols[1]?.left).toBeCloseTo((92 / 182) * 100);
    expect((cols[1]?.left ?? 0) + (cols[1]?.width ?? 0)).toBeCloseTo(100);
    expect(quarterColumns([])).toEqual([]);
  });

  it("places a bar from the start day to the end of the due day", () => {
    const bar = placeBar(quarters, "2026-10-01", "2026-12-31");
    expect(bar).toMatchObject({ left: 0, clippedStart: false, clippedEnd: false, partial: null });
    expect(bar?.width).toBeCloseTo((92 / 182) * 100);
  });

  it("clips bars that run past the timeline and drops those outside it", () => {
    const bar = placeBar(quarters, "2026-09-01", "2027-06-30");
    expect(bar).toMatchObject({ left: 0, width: 100, clippedStart: true, clippedEnd: true });
    expect(placeBar(quarters, "2026-01-01", "2026-09-30")).toBeNull();
    expect(placeBar(quarters, "2027-04-01", "2027-05-01")).toBeNull();
    expect(placeBar(quarters, null, null)).toBeNull();
  });

  it("draws a one-day marker when only one date is known", () => {
    const noStart = placeBar(quarters, null, "2027-01-01");
    expect(noStart?.partial).toBe("no_start");
    expect(noStart?.left).toBeCloseTo((92 / 182) * 100);
    expect(noStart?.width).toBeCloseTo((1 / 182) * 100);
    expect(placeBar(quarters, "2026-11-01", null)?.partial).toBe("no_due");
  });

  it("positions today in the middle of its day, or nowhere outside the timeline", () => {
    expect(dayPosition(quarters, "2026-10-01")).toBeCloseTo((0.5 / 182) * 100);
    expect(dayPosition(quarters, "2027-04-01")).toBeNull();
  });
});
