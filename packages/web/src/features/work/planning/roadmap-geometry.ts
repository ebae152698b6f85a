import { dayOffset } from "./burnup-geometry";

/**
 * Placing epics on the roadmap's quarter timeline, as percentages of its width so the layout is
 * plain CSS. The timeline runs from the first quarter's first day to the end of the last
 * quarter's last day; a bar spans its epic's start to the end of its due day.
 */

export interface TimelineQuarter {
  name: string;
  start: string;
  end: string;
}

export interface BarPlacement {
  /** Percent of the timeline width. */
  left: number;
  width: number;
  /** The bar continues before the first or after the last quarter shown. */
  clippedStart: boolean;
  clippedEnd: boolean;
  /** Only one of the dates is set: the bar is a one-day marker at that date. */
  partial: "no_start" | "no_due" | null;
}

/** Total days of the timeline, end day included. */
export function timelineDays(quarters: readonly TimelineQuarter[]): number {
  const first = quarters[0];
  const last = quarters[quarters.length - 1];
  if (!first || !last) return 0;
  return dayOffset(first.start, last.end) + 1;
}

/** Each quarter's column as percent left and width. */
export function quarterColumns(
  quarters: readonly TimelineQuarter[],
): { name: string; left: number; width: number }[] {
  const total = timelineDays(quarters);
  const first = quarters[0];
  if (!first || total === 0) return [];
  return quarters.map((q) => ({
    name: q.name,
    left: (dayOffset(first.start, q.start) / total) * 100,
    width: ((dayOffset(q.start, q.end) + 1) / total) * 100,
  }));
}

/**
 * Where an epic's bar goes, or null when it has no dates or lies wholly outside the timeline.
 * Dates are YYYY-MM-DD; a due date before the start is drawn as a marker at the due date.
 */
export function placeBar(
  quarters: readonly TimelineQuarter[],
  startDate: string | null,
  dueDate: string | null,
): BarPlacement | null {
  const total = timelineDays(quarters);
  const first = quarters[0];
  if (!first || total === 0) return null;
  if (!startDate && !dueDate) return null;
  const partial = !startDate ? "no_start" : !dueDate ? "no_due" : null;
  let from = startDate ?? dueDate ?? "";
  const to = dueDate ?? startDate ?? "";
  if (from > to) from = to;
  const startDay = dayOffset(first.start, from);
  const endDay = dayOffset(first.start, to) + 1;
  if (endDay <= 0 || startDay >= total) return null;
  const a = Math.max(0, startDay);
  const b = Math.min(total, endDay);
  return {
    left: (a / total) * 100,
    width: ((b - a) / total) * 100,
    clippedStart: startDay < 0,
    clippedEnd: endDay > total,
    partial,
  };
}

/** Percent position of a day on the timeline (the today line), or null when outside it. */
export function dayPosition(quarters: readonly TimelineQuarter[], day: string): number | null {
  const total = timelineDays(quarters);
  const first = quarters[0];
  if (!first || total === 0) return null;
  const d = dayOffset(first.start, day);
  if (d < 0 || d >= total) return null;
  return ((d + 0.5) / total) * 100;
}
