import type {
  BurnupPoint,
  MilestoneEvent,
  WorkItem,
  WorkItemKind,
  WorkTree,
} from "@infrasec/engines/work";
import { addMonths, epicProgress, isClosedStatus, quarterOf } from "@infrasec/engines/work";
import type { ProgressView, QuarterView } from "./planning-view-types";

/**
 * Planning maths the services need around the engine: the contract's progress numbers from
 * `epicProgress`, item trees, milestone events rebuilt from item history for `burnupSeries`,
 * and the roadmap's quarters from `quarterOf`. Pure; the services load the data.
 */

/** Builds the tree under `root` from a parent → children index; cycles are cut. */
export function buildTree(
  root: WorkItem,
  childrenOf: ReadonlyMap<string, readonly WorkItem[]>,
  seen: Set<string> = new Set(),
): WorkTree {
  seen.add(root.id);
  const children = (childrenOf.get(root.id) ?? [])
    .filter((c) => !seen.has(c.id))
    .map((c) => buildTree(c, childrenOf, seen));
  return { item: root, children };
}

/** Groups items by `parentId`, keeping their order. */
export function indexByParent(
  items: readonly { domain: WorkItem; parentId: string | null }[],
): Map<string, WorkItem[]> {
  const out = new Map<string, WorkItem[]>();
  for (const i of items) {
    if (!i.parentId) continue;
    out.set(i.parentId, [...(out.get(i.parentId) ?? []), i.domain]);
  }
  return out;
}

/** The same tree with every weight removed, so `epicProgress` counts items. */
function unweighted(t: WorkTree): WorkTree {
  return { item: { ...t.item, weight: null }, children: t.children.map(unweighted) };
}

/**
 * The contract's progress of a tree, from the engine: counts from an unweighted copy, weights
 * (when any leaf carries one) from the tree itself, and the engine's percent (by weight when
 * weighted, else by count; 0 when there is nothing to count).
 */
export function progressOf(tree: WorkTree): ProgressView {
  const byCount = epicProgress(unweighted(tree));
  const main = epicProgress(tree);
  const weighted = main.basis === "weight";
  return {
    total: byCount.total,
    closed: byCount.done,
    totalWeight: weighted ? main.total : 0,
    closedWeight: weighted ? main.done : 0,
    percent: main.percent ?? 0,
  };
}

/** A flat list (milestone items) as a tree of leaves under a placeholder root. */
export function flatTree(items: readonly WorkItem[]): WorkTree {
  const root: WorkItem = {
    id: "",
    kind: "epic",
    title: "",
    status: "open",
    labels: [],
    fields: {},
    assignees: [],
    confidential: false,
    links: [],
    createdAt: "",
    updatedAt: "",
  };
  return { item: root, children: items.map((item) => ({ item, children: [] })) };
}

/** One history entry, as stored: field-level changes at a time. */
export interface HistoryEntry {
  itemId: string;
  at: string;
  changes: readonly { field: string; from: unknown; to: unknown }[];
}

interface MilestoneState {
  milestoneId: string | null;
  weight: number | null;
  closed: boolean;
}

const asId = (v: unknown): string | null => (typeof v === "string" && v ? v : null);
const asWeight = (v: unknown): number | null => (typeof v === "number" ? v : null);

/** Whether an entry's changes close or reopen the item (closedAt, else the status). */
function closedAfter(
  kind: WorkItemKind,
  changes: HistoryEntry["changes"],
  side: "from" | "to",
): boolean | undefined {
  const closedAt = changes.find((c) => c.field === "closedAt");
  if (closedAt) return closedAt[side] !== null && closedAt[side] !== undefined;
  const status = changes.find((c) => c.field === "status");
  if (status && typeof status[side] === "string") {
    return isClosedStatus({ kind, status: status[side] });
  }
  return undefined;
}

/**
 * Rebuilds a milestone's events from item history, for `burnupSeries`. The state at creation is
 * found by undoing the recorded changes from the item's current state backwards, so it does not
 * matter whether the creation entry lists the initial values; replaying the changes forwards then
 * yields `added` / `removed` (milestone set or cleared), `closed` / `reopened` and `weight`
 * events. The history's field names are the item's (`milestoneId`, `weight`, `closedAt`,
 * `status`).
 */
export function milestoneEvents(
  milestoneId: string,
  items: readonly WorkItem[],
  history: readonly HistoryEntry[],
): MilestoneEvent[] {
  const events: MilestoneEvent[] = [];
  for (const item of items) {
    const entries = history
      .filter((h) => h.itemId === item.id)
      .sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
    const state: MilestoneState = {
      milestoneId: item.milestoneId ?? null,
      weight: item.weight ?? null,
      closed: isClosedStatus(item),
    };
    for (const h of [...entries].reverse()) {
      for (const c of h.changes) {
        if (c.field === "milestoneId") state.milestoneId = asId(c.from);
        if (c.field === "weight") state.weight = asWeight(c.from);
      }
      const wasClosed = closedAfter(item.kind, h.changes, "from");
      if (wasClosed !== undefined) state.closed = wasClosed;
    }
    const inIt = (s: MilestoneState): boolean => s.milestoneId === milestoneId;
    if (inIt(state)) {
      events.push({ at: item.createdAt, itemId: item.id, kind: "added", weight: state.weight });
    }
    if (state.closed) events.push({ at: item.createdAt, itemId: item.id, kind: "closed" });
    for (const h of entries) {
      const before = { ...state };
      for (const c of h.changes) {
        if (c.field === "milestoneId") state.milestoneId = asId(c.to);
        if (c.field === "weight") state.weight = asWeight(c.to);
      }
      const closed = closedAfter(item.kind, h.changes, "to");
      if (closed !== undefined) state.closed = closed;
      if (state.weight !== before.weight) {
        events.push({ at: h.at, itemId: item.id, kind: "weight", weight: state.weight });
      }
      if (!inIt(before) && inIt(state)) {
        events.push({ at: h.at, itemId: item.id, kind: "added", weight: state.weight });
      }
      if (inIt(before) && !inIt(state)) events.push({ at: h.at, itemId: item.id, kind: "removed" });
      if (!before.closed && state.closed)
        events.push({ at: h.at, itemId: item.id, kind: "closed" });
      if (before.closed && !state.closed) {
        events.push({ at: h.at, itemId: item.id, kind: "reopened" });
      }
    }
  }
  return events;
}

/** Burnup points in the contract's shape, by count or by weight. */
export function burnupPoints(
  series: readonly BurnupPoint[],
  unit: "count" | "weight",
): { day: string; scope: number; completed: number; unit: string }[] {
  return series.map((p) => ({
    day: p.date,
    scope: unit === "count" ? p.scopeCount : p.scopeWeight,
    completed: unit === "count" ? p.doneCount : p.doneWeight,
    unit,
  }));
}

/** The first day of a quarter written `2026-Q4`. */
export function quarterStart(name: string): Date {
  const m = /^(\d{4})-Q([1-4])$/.exec(name);
  if (!m) throw new Error(`not a quarter: ${name}`);
  return new Date(Date.UTC(Number(m[1]), (Number(m[2]) - 1) * 3, 1));
}

/** `count` consecutive quarters from `from` (default: the quarter of `now`). */
export function roadmapQuarters(from: string | undefined, count: number, now: Date): QuarterView[] {
  const first = from ? quarterStart(from) : quarterStart(quarterOf(now).name);
  return Array.from({ length: count }, (_, i) => quarterOf(addMonths(first, i * 3)));
}

/**
 * The span an epic occupies on the roadmap: start to due date, or the one date it has. Epics
 * without either date cannot be placed and are left off.
 */
export function epicSpan(item: WorkItem): { start: string; end: string } | null {
  const start = item.startDate ?? item.dueDate ?? null;
  const end = item.dueDate ?? item.startDate ?? null;
  if (!start || !end) return null;
  return start <= end ? { start, end } : { start: end, end: start };
}

/** Whether two inclusive day ranges overlap. */
export function overlaps(
  a: { start: string; end: string },
  b: { start: string; end: string },
): boolean {
  return a.start <= b.end && b.start <= a.end;
}
