import type { CompareOp, CorrelationCondition } from "../rules/rule-types";

/** Limits that keep correlation memory bounded whatever the event stream does. */
export interface CorrelationLimits {
  /** Groups kept per correlation; the least recently used group is evicted beyond it. */
  readonly maxGroups: number;
  /** Entries (events or values) kept per group; the oldest are dropped beyond it. */
  readonly maxEntriesPerGroup: number;
}

/** Defaults: 10k groups × 1k entries per correlation. */
export const DEFAULT_CORRELATION_LIMITS: CorrelationLimits = {
  maxGroups: 10_000,
  maxEntriesPerGroup: 1_000,
};

/** Counters exposed by the detector so dropped state is never silent. */
export interface CorrelationStats {
  evictedGroups: number;
  droppedEntries: number;
  lateEvents: number;
}

/** Compares a metric with one comparison. */
export function compare(op: CompareOp, x: number, v: number): boolean {
  switch (op) {
    case "gt":
      return x > v;
    case "gte":
      return x >= v;
    case "lt":
      return x < v;
    case "lte":
      return x <= v;
    case "eq":
      return x === v;
    case "neq":
      return x !== v;
  }
}

/** True when every comparison of the condition holds. */
export function conditionHolds(c: CorrelationCondition, x: number): boolean {
  return c.comparisons.every((k) => compare(k.op, x, k.value));
}

/**
 * Whether the condition can only become true as more events arrive (gt/gte only). Such
 * conditions fire as soon as the sliding window satisfies them; others (lt, lte, eq, neq, ranges
 * with an upper bound) need the whole window and are evaluated when it closes.
 */
export function firesOnArrival(c: CorrelationCondition): boolean {
  return c.comparisons.every((k) => k.op === "gt" || k.op === "gte");
}

/** An LRU map of per-group state with a hard size bound. */
export class BoundedGroups<S> {
  private readonly map = new Map<string, S>();

  constructor(
    private readonly max: number,
    private readonly stats: CorrelationStats,
  ) {}

  get size(): number {
    return this.map.size;
  }

  /** Returns the group's state, creating it, and marks it most recently used. */
  touch(key: string, init: () => S): S {
    let s = this.map.get(key);
    if (s !== undefined) this.map.delete(key);
    else {
      s = init();
      if (this.map.size >= this.max) {
        this.map.delete(this.map.keys().next().value!);
        this.stats.evictedGroups++;
      }
    }
    this.map.set(key, s);
    return s;
  }

  delete(key: string): void {
    this.map.delete(key);
  }

  entries(): IterableIterator<[string, S]> {
    return this.map.entries();
  }
}
