import { describe, expect, it } from "vitest";
import {
  burnupGeometry,
  burnupSummary,
  dayOffset,
  dayTickIndexes,
  linearScale,
  niceMax,
  niceStep,
  niceTicks,
} from "./burnup-geometry";

const margin = { top: 10, right: 10, bottom: 30, left: 40 };

describe("burnup scales", () => {
  it("maps a domain linearly onto a range, inverted for the y axis", () => {
    const y = linearScale([0, 10], [200, 0]);
    expect(y(0)).toBe(200);
    expect(y(10)).toBe(0);
    expect(y(2.5)).toBe(150);
    expect(linearScale([3, 3], [0, 100])(3)).toBe(50);
  });

  it("rounds the axis maximum up to a nice step", () => {
    expect(niceStep(10)).toBe(2);
    expect(niceStep(13)).toBe(5);
    expect(niceStep(3)).toBe(1);
    expect(niceStep(0)).toBe(1);
    expect(niceMax(13)).toBe(15);
    expect(niceMax(10)).toBe(10);
    expect(niceMax(47)).toBe(50);
    expect(niceMax(0)).toBe(1);
    expect(niceTicks(13)).toEqual([0, 5, 10, 15]);
    expect(niceTicks(4)).toEqual([0, 1, 2, 3, 4]);
    expect(niceTicks(0)).toEqual([0, 1]);
  });

  it("spreads day labels evenly and always labels the first and last day", () => {
    expect(dayTickIndexes(0)).toEqual([]);
    expect(dayTickIndexes(1)).toEqual([0]);
    expect(dayTickIndexes(3)).toEqual([0, 1, 2]);
    expect(dayTickIndexes(92, 5)).toEqual([0, 23, 46, 68, 91]);
    expect(dayOffset("2026-12-30", "2027-01-02")).toBe(3);
  });
});

describe("burnup geometry", () => {
  const points = [
    { day: "2026-10-01", scope: 4, completed: 0 },
    { day: "2026-10-02", scope: 6, completed: 1 },
    { day: "2026-10-03", scope: 6, completed: 3 },
    { day: "2026-10-04", scope: 8, completed: 6 },
    { day: "2026-10-05", scope: 8, completed: 8 },
  ];

  it("places the first day on the left edge, the last on the right, zero at the bottom", () => {
    const g = burnupGeometry(points, { width: 440, height: 240, margin });
    expect(g.plot).toEqual({ left: 40, right: 430, top: 10, bottom: 210 });
    expect(g.yMax).toBe(8);
    expect(g.points[0]?.x).toBe(40);
    expect(g.points[4]?.x).toBe(430);
    expect(g.points[2]?.x).toBeCloseTo(235);
    expect(g.points[0]?.yCompleted).toBe(210);
    expect(g.points[4]?.yScope).toBe(10);
    expect(g.points[1]?.yScope).toBeCloseTo(60);
    expect(g.scopePath.startsWith("M40.0,110.0 L137.5,60.0")).toBe(true);
    expect(g.completedPath.endsWith("L430.0,10.0")).toBe(true);
    expect(g.yTicks.map((t) => t.value)).toEqual([0, 2, 4, 6, 8]);
    expect(g.yTicks[0]?.y).toBe(210);
  });

  it("draws the today marker only inside the range", () => {
    const inside = burnupGeometry(points, { width: 440, height: 240, margin, today: "2026-10-03" });
    expect(inside.todayX).toBeCloseTo(235);
    const before = burnupGeometry(points, { width: 440, height: 240, margin, today: "2026-09-30" });
    expect(before.todayX).toBeNull();
    const after = burnupGeometry(points, { width: 440, height: 240, margin, today: "2026-10-06" });
    expect(after.todayX).toBeNull();
  });

  it("spans the milestone's whole range when given, so the time left shows", () => {
    const g = burnupGeometry(points.slice(0, 3), {
      width: 440,
      height: 240,
      margin,
      today: "2026-10-03",
      range: { start: "2026-10-01", end: "2026-10-11" },
      maxDayTicks: 3,
    });
    expect(g.points.map((p) => p.x)).toEqual([40, 79, 118]);
    expect(g.todayX).toBe(118);
    expect(g.xTicks).toEqual([
      { day: "2026-10-01", x: 40 },
      { day: "2026-10-06", x: 235 },
      { day: "2026-10-11", x: 430 },
    ]);
    expect(g.yMax).toBe(6);
  });

  it("keeps an empty or one-day series drawable", () => {
    const empty = burnupGeometry([], { width: 300, height: 200, margin });
    expect(empty.scopePath).toBe("");
    expect(empty.yMax).toBe(1);
    expect(empty.xTicks).toEqual([]);
    const one = burnupGeometry([{ day: "2026-10-01", scope: 0, completed: 0 }], {
      width: 300,
      height: 200,
      margin,
      today: "2026-10-01",
    });
    expect(one.points[0]?.x).toBe(165);
    expect(one.todayX).toBe(165);
    expect(one.points[0]?.yScope).toBe(170);
  });

  it("describes the series in words for the chart's <desc>", () => {
    expect(burnupSummary(points, "weight", "2026-10-03")).toBe(
      "Daily scope and completed weight from 2026-10-01 to 2026-10-05. " +
        "At the start: scope 4, completed 0. On 2026-10-03: scope 6, completed 3.",
    );
    expect(burnupSummary(points, "count", "2027-01-01")).toMatch(
      /On 2026-10-05: scope 8, completed 8\.$/,
    );
    expect(burnupSummary([], "count", "2026-10-01")).toBe("No days in the milestone's range.");
  });
});
