import { linearScale, niceMax, niceTicks } from "../../work/planning/burnup-geometry";

/**
 * Geometry of the dashboard charts, kept apart from the SVG so it can be tested as numbers:
 * stacked bars (categories × series), horizontal percentage bars and multi-series lines with
 * gaps. The scales and "nice" axes are the burnup chart's, so every chart in the app ticks
 * alike.
 */

export interface Margin {
  top: number;
  right: number;
  bottom: number;
  left: number;
}

export interface PlotArea {
  left: number;
  right: number;
  top: number;
  bottom: number;
}

export const CHART_MARGIN: Margin = { top: 12, right: 16, bottom: 40, left: 44 };

function plotArea(width: number, height: number, m: Margin): PlotArea {
  return { left: m.left, right: width - m.right, top: m.top, bottom: height - m.bottom };
}

export interface StackedInput {
  key: string;
  label: string;
  /** Value per series key; a missing key counts as zero. */
  values: Readonly<Record<string, number>>;
}

export interface StackedSegment {
  series: string;
  value: number;
  y: number;
  height: number;
}

export interface StackedBar {
  key: string;
  label: string;
  total: number;
  x: number;
  width: number;
  /** Bottom-up in the order of the series list; zero values are left out. */
  segments: StackedSegment[];
}

export interface StackedGeometry {
  plot: PlotArea;
  yMax: number;
  yTicks: { value: number; y: number }[];
  bars: StackedBar[];
}

/**
 * Lays out one bar per category in equal slots, the bar taking `barRatio` of its slot, each bar
 * stacking the series bottom-up in the given order; y runs from 0 to a nice maximum of the
 * totals.
 */
export function stackedBarGeometry(
  data: readonly StackedInput[],
  series: readonly string[],
  opts: { width: number; height: number; margin?: Margin; barRatio?: number },
): StackedGeometry {
  const plot = plotArea(opts.width, opts.height, opts.margin ?? CHART_MARGIN);
  const totals = data.map((d) => series.reduce((sum, s) => sum + (d.values[s] ?? 0), 0));
  const maxTotal = Math.max(0, ...totals);
  const yMax = niceMax(maxTotal);
  const y = linearScale([0, yMax], [plot.bottom, plot.top]);
  const slot = data.length > 0 ? (plot.right - plot.left) / data.length : 0;
  const barWidth = slot * (opts.barRatio ?? 0.6);
  const bars = data.map((d, i) => {
    let base = 0;
    const segments: StackedSegment[] = [];
    for (const s of series) {
      const value = d.values[s] ?? 0;
      if (value <= 0) continue;
      const top = y(base + value);
      segments.push({ series: s, value, y: top, height: y(base) - top });
      base += value;
    }
    return {
      key: d.key,
      label: d.label,
      total: totals[i] ?? 0,
      x: plot.left + slot * i + (slot - barWidth) / 2,
      width: barWidth,
      segments,
    };
  });
  return {
    plot,
    yMax,
    yTicks: niceTicks(maxTotal).map((value) => ({ value, y: y(value) })),
    bars,
  };
}

export interface PercentRowInput {
  key: string;
  label: string;
  /** 0–100, or null when nothing was measured (no bar, "—"). */
  percent: number | null;
}

export interface PercentRow extends PercentRowInput {
  y: number;
  barHeight: number;
  barWidth: number;
}

export interface PercentGeometry {
  width: number;
  height: number;
  plot: PlotArea;
  rows: PercentRow[];
  /** x of 0 %, 50 % and 100 %. */
  ticks: { value: number; x: number }[];
}

/**
 * Horizontal bars of a percentage, one row per category: the label column on the left, the
 * bar scaled to 0–100 % (clamped), the chart's height growing with its rows.
 */
export function percentBarGeometry(
  rows: readonly PercentRowInput[],
  opts: { width: number; rowHeight?: number; labelWidth?: number },
): PercentGeometry {
  const rowHeight = opts.rowHeight ?? 26;
  const top = 4;
  const bottom = 20;
  const plot = {
    left: opts.labelWidth ?? 150,
    right: opts.width - 52,
    top,
    bottom: top + rowHeight * rows.length,
  };
  const x = linearScale([0, 100], [plot.left, plot.right]);
  return {
    width: opts.width,
    height: plot.bottom + bottom,
    plot,
    rows: rows.map((r, i) => {
      const pct = r.percent === null ? null : Math.min(100, Math.max(0, r.percent));
      return {
        ...r,
        y: top + rowHeight * i + rowHeight * 0.2,
        barHeight: rowHeight * 0.6,
        barWidth: pct === null ? 0 : x(pct) - plot.left,
      };
    }),
    ticks: [0, 50, 100].map((value) => ({ value, x: x(value) })),
  };
}

export interface LineSeriesInput {
  key: string;
  /** One value per x label; null leaves a gap (nothing measured there). */
  values: readonly (number | null)[];
}

export interface LinePoint {
  index: number;
  value: number;
  x: number;
  y: number;
}

export interface LineSeries {
  key: string;
  path: string;
  points: LinePoint[];
}

export interface LineGeometry {
  plot: PlotArea;
  yMax: number;
  yTicks: { value: number; y: number }[];
  xs: number[];
  series: LineSeries[];
}

/**
 * Lines over evenly spaced x labels (days, months); a null value breaks the line, so a month
 * without resolutions is not drawn as a zero-day MTTR.
 */
export function lineChartGeometry(
  labelsCount: number,
  series: readonly LineSeriesInput[],
  opts: { width: number; height: number; margin?: Margin },
): LineGeometry {
  const plot = plotArea(opts.width, opts.height, opts.margin ?? CHART_MARGIN);
  const values = series.flatMap((s) => s.values.filter((v): v is number => v !== null));
  const maxValue = Math.max(0, ...values);
  const yMax = niceMax(maxValue);
  const y = linearScale([0, yMax], [plot.bottom, plot.top]);
  const x = linearScale([0, Math.max(0, labelsCount - 1)], [plot.left, plot.right]);
  const xs = Array.from({ length: labelsCount }, (_, i) => x(i));
  return {
    plot,
    yMax,
    yTicks: niceTicks(maxValue).map((value) => ({ value, y: y(value) })),
    xs,
    series: series.map((s) => {
      const points: LinePoint[] = [];
      let path = "";
      let penDown = false;
      s.values.forEach((v, i) => {
        if (v === null || i >= labelsCount) {
          penDown = false;
          return;
        }
        const p = { index: i, value: v, x: x(i), y: y(v) };
        points.push(p);
        path += `${path ? " " : ""}${penDown ? "L" : "M"}${p.x.toFixed(1)},${p.y.toFixed(1)}`;
        penDown = true;
      });
      return { key: s.key, path, points };
    }),
  };
}

/** "12 %"-style text of a percentage rounded to whole numbers; null → "—". */
export function formatPercent(p: number | null): string {
  return p === null ? "—" : `${Math.round(p)} %`;
}
