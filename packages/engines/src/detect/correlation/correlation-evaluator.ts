import type { SigmaEvent } from "../detect-types";
import { toNumber } from "../match/scalar-coercion";
import type { CompiledCorrelation } from "../runtime/rule-set-compiler";
import {
  BoundedGroups,
  conditionHolds,
  firesOnArrival,
  type CorrelationLimits,
  type CorrelationStats,
} from "./correlation-state";

/** A correlation firing for one group. */
export interface CorrelationFire {
  readonly group: Readonly<Record<string, string>>;
  readonly count: number;
  readonly firstTimestamp: number;
  readonly timestamp: number;
  readonly event?: SigmaEvent;
}

/** How the evaluator reads a field of the input (an event, or the group of a chained correlation). */
export type FieldLookup = (field: string) => string | undefined;

interface Entry {
  readonly t: number;
  readonly v: string;
}
interface WindowState {
  entries: Entry[];
  start: number;
  group: Record<string, string>;
  lastEvent?: SigmaEvent;
}
interface OrderedState {
  starts: (number | undefined)[];
  group: Record<string, string>;
}

/** Types whose metric is not monotone in the number of events: evaluated when the window closes. */
const WHOLE_WINDOW = new Set(["value_percentile", "value_median"]);

/**
 * Percentile (0–100) of numbers by linear interpolation between closest ranks (numpy's default,
 * Excel PERCENTILE.INC): p 0 is the minimum, 50 the median, 100 the maximum.
 */
export function percentileOf(values: readonly number[], p: number): number | undefined {
  if (values.length === 0) return undefined;
  const xs = [...values].sort((a, b) => a - b);
  const h = ((xs.length - 1) * p) / 100;
  const lo = Math.floor(h);
  const hi = Math.min(lo + 1, xs.length - 1);
  return xs[lo]! + (h - lo) * (xs[hi]! - xs[lo]!);
}

/**
 * Streaming evaluation of one correlation rule. Windows are driven by event time only;
 * `gt`/`gte` conditions fire on the sliding window as soon as they hold (then the group resets),
 * other conditions — and percentile types, whatever the operator — are evaluated on a window of
 * `timespan` starting at the group's first event.
 */
export class CorrelationEvaluator {
  private readonly windows: BoundedGroups<WindowState>;
  private readonly ordered: BoundedGroups<OrderedState>;
  private readonly onArrival: boolean;
  private readonly span: number;

  constructor(
    readonly correlation: CompiledCorrelation,
    private readonly limits: CorrelationLimits,
    private readonly stats: CorrelationStats,
  ) {
    this.windows = new BoundedGroups(limits.maxGroups, stats);
    this.ordered = new BoundedGroups(limits.maxGroups, stats);
    this.onArrival =
      firesOnArrival(correlation.rule.condition) && !WHOLE_WINDOW.has(correlation.rule.type);
    this.span = correlation.rule.timespanMs;
  }

  private groupOf(refIndex: number, refId: string, lookup: FieldLookup): Record<string, string> {
    const rule = this.correlation.rule;
    const written = rule.rules[refIndex] ?? refId;
    const group: Record<string, string> = {};
    for (const g of rule.groupBy) {
      const alias = rule.aliases.get(g);
      const field = alias?.get(written) ?? alias?.get(refId) ?? g;
      group[g] = lookup(field) ?? "";
    }
    return group;
  }

  private metric(entries: readonly Entry[]): number | undefined {
    const type = this.correlation.rule.type;
    if (type === "event_count") return entries.length;
    if (type === "value_count" || type === "temporal") return new Set(entries.map((e) => e.v)).size;
    const nums = entries.map((e) => toNumber(e.v)).filter((n): n is number => n !== undefined);
    const p = this.correlation.rule.condition.percentile;
    if (p !== undefined) return percentileOf(nums, p);
    const sum = nums.reduce((a, b) => a + b, 0);
    return type === "value_sum" ? sum : nums.length === 0 ? 0 : sum / nums.length;
  }

  /**
   * value_percentile without `percentile` (the spec's example: "a process name seen in ≤ 1 % of
   * the processes"): each distinct value's share of the window's events, in percent. Every value
   * whose share satisfies the condition fires, with the value added to the group.
   */
  private shares(st: WindowState): CorrelationFire[] {
    const counts = new Map<string, number>();
    for (const e of st.entries) counts.set(e.v, (counts.get(e.v) ?? 0) + 1);
    const n = st.entries.length;
    const field = this.correlation.rule.condition.fields[0] ?? "value";
    const last = st.entries[n - 1];
    const out: CorrelationFire[] = [];
    for (const [v, c] of [...counts].sort((a, b) => a[1] - b[1] || a[0].localeCompare(b[0]))) {
      const share = (c / n) * 100;
      if (!conditionHolds(this.correlation.rule.condition, share)) continue;
      out.push({
        group: { ...st.group, [field]: v },
        count: share,
        firstTimestamp: st.start,
        timestamp: last?.t ?? st.start,
        event: st.lastEvent,
      });
    }
    return out;
  }

  private valueOf(refIndex: number, lookup: FieldLookup): string | undefined {
    const rule = this.correlation.rule;
    if (rule.type === "event_count") return "";
    if (rule.type === "temporal") return String(refIndex);
    const parts = rule.condition.fields.map(lookup);
    if (parts.some((p) => p === undefined)) return undefined; // value_* ignore events without the field
    return parts.length === 1 ? parts[0] : JSON.stringify(parts);
  }

  /** Feeds one match of referenced rule `refId` at event time `t`. */
  feed(refId: string, t: number, lookup: FieldLookup, event?: SigmaEvent): CorrelationFire[] {
    const indexes = this.correlation.refs.flatMap((r, i) => (r === refId ? [i] : []));
    if (indexes.length === 0) return [];
    if (this.correlation.rule.type === "temporal_ordered")
      return this.feedOrdered(indexes, refId, t, lookup, event);
    const out: CorrelationFire[] = [];
    const idx = indexes[0]!;
    const group = this.groupOf(idx, refId, lookup);
    const key = JSON.stringify(group);
    const v = this.valueOf(idx, lookup);
    if (v === undefined) return out;
    const st = this.windows.touch(key, () => ({ entries: [], start: t, group }));
    if (this.onArrival) {
      const cutoff = t - this.span;
      if (st.entries.length > 0 && st.entries[0]!.t < cutoff)
        st.entries = st.entries.filter((e) => e.t >= cutoff);
      this.push(st, { t, v });
      st.lastEvent = event;
      const m = this.metric(st.entries);
      if (m !== undefined && conditionHolds(this.correlation.rule.condition, m)) {
        out.push({ group, count: m, firstTimestamp: st.entries[0]?.t ?? t, timestamp: t, event });
        this.windows.delete(key);
      }
      return out;
    }
    if (st.entries.length > 0 && t >= st.start + this.span) {
      out.push(...this.close(st));
      st.entries = [];
      st.start = t;
    }
    if (st.entries.length === 0) st.start = t;
    this.push(st, { t, v });
    st.lastEvent = event;
    return out;
  }

  private push(st: WindowState, e: Entry): void {
    st.entries.push(e);
    if (st.entries.length > this.limits.maxEntriesPerGroup) {
      st.entries.shift();
      this.stats.droppedEntries++;
    }
  }

  private close(st: WindowState): CorrelationFire[] {
    const rule = this.correlation.rule;
    if (rule.type === "value_percentile" && rule.condition.percentile === undefined)
      return this.shares(st);
    const m = this.metric(st.entries);
    if (m === undefined || !conditionHolds(rule.condition, m)) return [];
    const last = st.entries[st.entries.length - 1];
    return [
      {
        group: st.group,
        count: m,
        firstTimestamp: st.start,
        timestamp: last?.t ?? st.start,
        event: st.lastEvent,
      },
    ];
  }

  private feedOrdered(
    indexes: number[],
    refId: string,
    t: number,
    lookup: FieldLookup,
    event?: SigmaEvent,
  ): CorrelationFire[] {
    const n = this.correlation.refs.length;
    const group = this.groupOf(indexes[0]!, refId, lookup);
    const key = JSON.stringify(group);
    const st = this.ordered.touch(key, () => ({
      starts: Array<number | undefined>(n).fill(undefined),
      group,
    }));
    // Highest index first so one event cannot advance two steps of the chain at once.
    for (const i of [...indexes].sort((a, b) => b - a)) {
      if (i === 0) st.starts[0] = t;
      else {
        const prev = st.starts[i - 1];
        if (prev !== undefined && t - prev <= this.span && t >= prev) st.starts[i] = prev;
      }
    }
    const first = st.starts[n - 1];
    if (first !== undefined) {
      this.ordered.delete(key);
      return [{ group, count: n, firstTimestamp: first, timestamp: t, event }];
    }
    return [];
  }

  /** Closes windows that ended before `watermark` (or all when undefined) and returns their firings. */
  closeWindows(watermark?: number): CorrelationFire[] {
    if (this.onArrival || this.correlation.rule.type === "temporal_ordered") return [];
    const out: CorrelationFire[] = [];
    for (const [key, st] of [...this.windows.entries()]) {
      if (watermark !== undefined && st.start + this.span > watermark) continue;
      out.push(...this.close(st));
      this.windows.delete(key);
    }
    return out;
  }
}
