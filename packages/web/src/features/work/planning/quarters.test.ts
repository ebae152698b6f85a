import { describe, expect, it } from "vitest";
import {
  addQuarters,
  currentQuarter,
  parseQuarter,
  quarterBounds,
  quarterOptions,
  quarterOrCurrent,
  quartersSpanning,
} from "./quarters";

describe("quarter arithmetic", () => {
  it("parses and rejects quarter names", () => {
    expect(parseQuarter("2026-Q4")).toEqual({ year: 2026, q: 4 });
    expect(parseQuarter("2026-Q5")).toBeNull();
    expect(parseQuarter("2026Q1")).toBeNull();
    expect(parseQuarter("")).toBeNull();
  });

  it("adds and subtracts quarters across year boundaries", () => {
    expect(addQuarters("2026-Q4", 1)).toBe("2027-Q1");
    expect(addQuarters("2026-Q1", -1)).toBe("2025-Q4");
    expect(addQuarters("2026-Q2", 7)).toBe("2028-Q1");
    expect(addQuarters("2026-Q3", -9)).toBe("2024-Q2");
    expect(addQuarters("2026-Q3", 0)).toBe("2026-Q3");
    expect(() => addQuarters("soon", 1)).toThrow(/not a quarter/);
  });

  it("finds the quarter of a date in UTC", () => {
    expect(currentQuarter(new Date("2026-12-31T23:59:59Z"))).toBe("2026-Q4");
    expect(currentQuarter(new Date("2027-01-01T00:00:00Z"))).toBe("2027-Q1");
    expect(currentQuarter(new Date("2026-04-01T00:00:00Z"))).toBe("2026-Q2");
  });

  it("gives the first and last day of a quarter", () => {
    expect(quarterBounds("2026-Q4")).toEqual({ start: "2026-10-01", end: "2026-12-31" });
    expect(quarterBounds("2028-Q1")).toEqual({ start: "2028-01-01", end: "2028-03-31" });
    expect(quarterBounds("2026-Q2")).toEqual({ start: "2026-04-01", end: "2026-06-30" });
  });

  it("lists picker options around a quarter", () => {
    expect(quarterOptions("2026-Q4", 2, 2)).toEqual([
      "2026-Q2",
      "2026-Q3",
      "2026-Q4",
      "2027-Q1",
      "2027-Q2",
    ]);
  });

  it("falls back to the current quarter for a missing or bad URL value", () => {
    const now = new Date("2026-11-15T10:00:00Z");
    expect(quarterOrCurrent("2025-Q1", now)).toBe("2025-Q1");
    expect(quarterOrCurrent("2025-Q9", now)).toBe("2026-Q4");
    expect(quarterOrCurrent(null, now)).toBe("2026-Q4");
  });

  it("lists the quarters an epic's dates span, capped", () => {
    expect(quartersSpanning(["2026-11-20", null, "2027-04-02"])).toEqual([
      "2026-Q4",
      "2027-Q1",
      "2027-Q2",
    ]);
    expect(quartersSpanning([null, null])).toEqual([]);
    expect(quartersSpanning(["2026-01-01", "2030-01-01"], 3)).toEqual([
      "2026-Q1",
      "2026-Q2",
      "2026-Q3",
    ]);
  });
});
