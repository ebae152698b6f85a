import { describe, expect, it } from "vitest";
import type { StackedInput } from "./chart-geometry";
import {
  formatPercent,
  lineChartGeometry,
  percentBarGeometry,
  stackedBarGeometry,
} from "./chart-geometry";

const margin = { top: 10, right: 10, bottom: 30, left: 40 };

describe("stacked bar geometry", () => {
  const data: StackedInput[] = [
    { key: "0-7", label: "0-7 d", values: { critical: 2, high: 3 } },
    { key: "8-30", label: "8-30 d", values: { high: 1, medium: 4 } },
    { key: "31-90", label: "31-90 d", values: {} },
    { key: "91-180", label: "91-180 d", values: { critical: 0, low: 1 } },
  ];
  const g = stackedBarGeometry(data, ["critical", "high", "medium", "low"], {
    width: 440,
    height: 240,
    margin,
    barRatio: 0.5,
  });

  it("gives each category an equal slot with the bar centred in it", () => {
    expect(g.plot).toEqual({ left: 40, right: 430, top: 10, bottom: 210 });
    expect(g.bars.map((b) => b.x)).toEqual([64.375, 161.875, 259.375, 356.875]);
    expect(g.bars.every((b) => b.width === 48.75)).toBe(true);
    expect(g.bars.map((b) => b.total)).toEqual([5, 5, 0, 1]);
  });

  it("stacks the series bottom-up in order, on a nice axis, leaving zeros out", () => {
    expect(g.yMax).toBe(5);
    expect(g.yTicks.map((t) => t.value)).toEqual([0, 1, 2, 3, 4, 5]);
    const [first] = g.bars;
    expect(first?.segments).toEqual([
      { series: "critical", value: 2, y: 130, height: 80 },
      { series: "high", value: 3, y: 10, height: 120 },
    ]);
    expect(g.bars[2]?.segments).toEqual([]);
    expect(g.bars[3]?.segments.map((s) => s.series)).toEqual(["low"]);
  });

  it("keeps an empty chart drawable", () => {
    const empty = stackedBarGeometry([], ["critical"], { width: 300, height: 200, margin });
    expect(empty.bars).toEqual([]);
    expect(empty.yMax).toBe(1);
  });
});

describe("percentage bars", () => {
  it("scales 0–100 % into the bar column and clamps out-of-range values", () => {
    const g = percentBarGeometry(
      [
        { key: "critical", label: "critical", percent: 50 },
        { key: "high", label: "high", percent: 120 },
        { key: "low", label: "low", percent: null },
      ],
      { width: 352, rowHeight: 20, labelWidth: 100 },
    );
    expect(g.plot).toEqual({ left: 100, right: 300, top: 4, bottom: 64 });
    expect(g.height).toBe(84);
    expect(g.rows.map((r) => r.barWidth)).toEqual([100, 200, 0]);
    expect(g.rows.map((r) => r.y)).toEqual([8, 28, 48]);
    expect(g.ticks).toEqual([
      { value: 0, x: 100 },
      { value: 50, x: 200 },
      { value: 100, x: 300 },
    ]);
  });

  it("writes percentages rounded, and a dash when nothing was measured", () => {
    expect(formatPercent(87.46)).toBe("87 %");
    expect(formatPercent(0)).toBe("0 %");
    expect(formatPercent(null)).toBe("—");
  });
});

describe("line chart geometry", () => {
  it("spreads the labels evenly and breaks a line where a value is missing", () => {
    const g = lineChartGeometry(
      4,
      [
        { key: "critical", values: [10, null, 4, 6] },
        { key: "high", values: [null, 20, null, null] },
      ],
      { width: 340, height: 240, margin },
    );
    expect(g.xs).toEqual([40, 136.66666666666666, 233.33333333333331, 330]);
    expect(g.yMax).toBe(20);
    expect(g.series[0]?.path).toBe("M40.0,110.0 M233.3,170.0 L330.0,150.0");
    expect(g.series[0]?.points.map((p) => p.index)).toEqual([0, 2, 3]);
    expect(g.series[1]?.path).toBe("M136.7,10.0");
  });

  it("puts a single label in the middle", () => {
    const g = lineChartGeometry(1, [{ key: "open", values: [3] }], {
      width: 340,
      height: 240,
      margin,
    });
    expect(g.series[0]?.points[0]?.x).toBe(185);
  });
});
