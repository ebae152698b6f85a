import { eachDay } from "@infrasec/engines/work";

/**
 * Geometry of the burnup chart, kept apart from the SVG so it can be tested as numbers: linear
 * scales, "nice" axis maxima and ticks, the scope and completed polylines, day labels and the
 * today marker. One point per calendar day, as the API sends them.
 */

export interface Margin {
  top: number;
  right: number;
  bottom: number;
  left: number;
}

export interface BurnupInputPoint {
  day: string;
  scope: number;
  completed: number;
}

export interface PlottedPoint extends BurnupInputPoint {
  x: number;
  yScope: number;
  yCompleted: number;
}

export interface BurnupGeometry {
  width: number;
  height: number;
  /** The plot area inside the margins. */
  plot: { left: number; right: number; top: number; bottom: number };
  yMax: number;
  yTicks: { value: number; y: number }[];
  xTicks: { day: string; x: number }[];
  scopePath: string;
  completedPath: string;
  points: PlottedPoint[];
  /** x of today's day when it falls inside the range, else null. */
  todayX: number | null;
}

export const DEFAULT_MARGIN: Margin = { top: 12, right: 16, bottom: 36, left: 44 };

const DAY_MS = 86_400_000;

/** A linear map from a domain to a range; a zero-width domain maps to the range's middle. */
export function linearScale(
  [d0, d1]: readonly [number, number],
  [r0, r1]: readonly [number, number],
): (v: number) => number {
  if (d1 === d0) return () => (r0 + r1) / 2;
  return (v) => r0 + ((v - d0) / (d1 - d0)) * (r1 - r0);
}

/** The step of ~`count` ticks over 0..max: 1, 2 or 5 times a power of ten, at least 1. */
export function niceStep(max: number, count = 5): number {
  if (!(max > 0)) return 1;
  const raw = max / count;
  const power = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * power).find((s) => s >= raw) ?? 10 * power;
  return Math.max(1, step);
}

/** The axis maximum: the smallest multiple of the tick step at or above `max` (1 for empty). */
export function niceMax(max: number, count = 5): number {
  if (!(max > 0)) return 1;
  const step = niceStep(max, count);
  return Math.ceil(max / step) * step;
}

/** Tick values 0, step, …, niceMax(max). */
export function niceTicks(max: number, count = 5): number[] {
  const step = niceStep(max, count);
  const top = niceMax(max, count);
  const out: number[] = [];
  for (let v = 0; v <= top + 1e-9; v += step) out.push(v);
  return out;
}

/**
 * Indexes of at most `maxTicks` evenly spaced labels over `n` days, always including the first
 * and last day so the range is readable.
 */
export function dayTickIndexes(n: number, maxTicks = 7): number[] {
  if (n <= 0) return [];
  if (n === 1) return [0];
  const slots = Math.max(2, Math.min(maxTicks, n));
  const out = new Set<number>();
  for (let i = 0; i < slots; i++) out.add(Math.round((i * (n - 1)) / (slots - 1)));
  return [...out].sort((a, b) => a - b);
}

/** Whole days from one YYYY-MM-DD to another. */
export function dayOffset(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);
}

function path(points: readonly { x: number; y: number }[]): string {
  return points
    .map((p, i) => `${i === 0 ? "M" : "L"}${p.x.toFixed(1)},${p.y.toFixed(1)}`)
    .join(" ");
}

/**
 * Lays out a burnup series in a `width` × `height` box. The x axis spans `range` (the
 * milestone's start to due date) when given, else the series' own days, so a series that stops
 * today still shows the time left; y runs from 0 to a nice maximum of the values.
 */
export function burnupGeometry(
  input: readonly BurnupInputPoint[],
  opts: {
    width: number;
    height: number;
    today?: string;
    range?: { start: string; end: string };
    margin?: Margin;
    maxDayTicks?: number;
  },
): BurnupGeometry {
  const { width, height } = opts;
  const m = opts.margin ?? DEFAULT_MARGIN;
  const plot = { left: m.left, right: width - m.right, top: m.top, bottom: height - m.bottom };
  const maxValue = Math.max(0, ...input.map((p) => Math.max(p.scope, p.completed)));
  const yMax = niceMax(maxValue);
  const y = linearScale([0, yMax], [plot.bottom, plot.top]);
  const start = opts.range?.start ?? input[0]?.day;
  const end = opts.range?.end ?? input[input.length - 1]?.day;
  const span = start && end ? Math.max(0, dayOffset(start, end)) : 0;
  const x = linearScale([0, span], [plot.left, plot.right]);
  const xOf = (day: string) => x(start ? dayOffset(start, day) : 0);
  const points = input.map((p) => ({
    ...p,
    x: xOf(p.day),
    yScope: y(p.scope),
    yCompleted: y(p.completed),
  }));
  let todayX: number | null = null;
  if (start && opts.today) {
    const i = dayOffset(start, opts.today);
    if (i >= 0 && i <= span) todayX = x(i);
  }
  const days = start && end ? eachDay(start, end) : [];
  return {
    width,
    height,
    plot,
    yMax,
    yTicks: niceTicks(maxValue).map((value) => ({ value, y: y(value) })),
    xTicks: dayTickIndexes(days.length, opts.maxDayTicks).map((i) => ({
      day: days[i] ?? "",
      x: x(i),
    })),
    scopePath: path(points.map((p) => ({ x: p.x, y: p.yScope }))),
    completedPath: path(points.map((p) => ({ x: p.x, y: p.yCompleted }))),
    points,
    todayX,
  };
}

/** What a burnup unit counts: items or summed weight. */
export function unitName(unit: "count" | "weight"): string {
  return unit === "weight" ? "weight" : "items";
}

/**
 * The chart in words, for its <desc> and for people who do not see it: the range, the opening
 * state and the state on the last day up to today.
 */
export function burnupSummary(
  points: readonly BurnupInputPoint[],
  unit: "count" | "weight",
  today: string,
): string {
  const first = points[0];
  const last = points[points.length - 1];
  if (!first || !last) return "No days in the milestone's range.";
  const upTo = [...points].reverse().find((p) => p.day <= today) ?? first;
  const u = unitName(unit);
  return (
    `Daily scope and completed ${u} from ${first.day} to ${last.day}. ` +
    `At the start: scope ${first.scope}, completed ${first.completed}. ` +
    `On ${upTo.day}: scope ${upTo.scope}, completed ${upTo.completed}.`
  );
}
