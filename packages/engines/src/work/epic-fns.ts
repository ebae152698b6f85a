import type { HealthStatus, WorkItem } from "./work-item-types";
import { isClosedStatus } from "./work-status-fns";
import { BLOCKED_LABELS } from "./triage-fns";
import { daysBetween, eachDay, isoDay } from "./work-date-fns";

/**
 * Epic progress and health, and milestone burnup. Pure functions over items and events; the
 * service loads the tree and the events.
 */

/** An epic (or any item) with its children; children may be epics with their own children. */
export interface WorkTree {
  item: WorkItem;
  children: readonly WorkTree[];
}

/** Progress of a tree: closed weight over total weight of its leaf items. */
export interface Progress {
  done: number;
  total: number;
  /** Whole percent, rounded down; null when there is nothing to count. */
  percent: number | null;
  basis: "weight" | "count";
}

function leaves(t: WorkTree): WorkItem[] {
  return t.children.length === 0 ? [t.item] : t.children.flatMap(leaves);
}

/**
 * Epic progress from child weights, rolled up through child epics (as GitLab does). When no leaf
 * has a weight, counts items instead, so an epic of unweighted tasks still shows progress.
 * Leaves with no weight count 0 when others are weighted: unweighted work is not estimated.
 */
export function epicProgress(tree: WorkTree): Progress {
  const items = tree.children.flatMap(leaves);
  const weighted = items.some((i) => i.weight != null);
  let done = 0;
  let total = 0;
  for (const i of items) {
    const w = weighted ? (i.weight ?? 0) : 1;
    total += w;
    if (isClosedStatus(i)) done += w;
  }
  return {
    done,
    total,
    percent: total === 0 ? null : Math.floor((done / total) * 100),
    basis: weighted ? "weight" : "count",
  };
}

/** Thresholds of the suggested health; not published, so configurable. */
export interface HealthPolicy {
  /** Needs attention when progress < elapsed share × this ratio (20% done after 3 of 5 days). */
  slippageRatio: number;
  /** The status block is stale after this many days without an update (weekly by default). */
  statusStaleAfterDays: number;
}

/** Default health thresholds: half the elapsed share, and a weekly status reminder. */
export const DEFAULT_HEALTH_POLICY: HealthPolicy = { slippageRatio: 0.5, statusStaleAfterDays: 7 };

/** The structured, versioned status block an owner keeps on an epic. */
export interface EpicStatusUpdate {
  text: string;
  health: HealthStatus;
  /** ISO 8601 UTC. */
  updatedAt: string;
  updatedBy: string;
}

/** A suggested health with its reasons, and whether the owner's status update is stale. */
export interface HealthAssessment {
  suggested: HealthStatus;
  reasons: string[];
  progress: Progress;
  statusStale: boolean;
  latestStatus: EpicStatusUpdate | null;
}

/**
 * Suggests the health of an open epic: At risk once past its due date (published hygiene: auto
 * At Risk after the due date), Needs attention when progress lags the elapsed time (the
 * published example: 20% done after 3 of 5 days) or a child is blocked, else On track. The
 * owner's own status stays authoritative; this is what the UI proposes and the reminder uses.
 */
export function assessEpicHealth(
  tree: WorkTree,
  now: Date,
  statusUpdates: readonly EpicStatusUpdate[] = [],
  policy: HealthPolicy = DEFAULT_HEALTH_POLICY,
): HealthAssessment {
  const progress = epicProgress(tree);
  const { startDate, dueDate } = tree.item;
  const reasons: string[] = [];
  let suggested: HealthStatus = "on_track";
  const today = isoDay(now);
  const finished = progress.percent === 100;
  if (dueDate && today > dueDate && !finished && !isClosedStatus(tree.item)) {
    suggested = "at_risk";
    reasons.push(`past its due date (${dueDate}) at ${progress.percent ?? 0}% done`);
  } else {
    if (startDate && dueDate && progress.percent !== null) {
      const span = daysBetween(`${startDate}T00:00:00Z`, `${dueDate}T00:00:00Z`);
      const elapsed = daysBetween(`${startDate}T00:00:00Z`, `${today}T00:00:00Z`);
      if (span > 0 && elapsed > 0) {
        const share = Math.min(1, elapsed / span);
        if (progress.percent / 100 < share * policy.slippageRatio) {
          suggested = "needs_attention";
          reasons.push(
            `${progress.percent}% done after ${Math.min(elapsed, span)} of ${span} days`,
          );
        }
      }
    }
    const blocked = tree.children
      .flatMap(leaves)
      .filter((i) => !isClosedStatus(i) && i.labels.some((l) => BLOCKED_LABELS.includes(l)));
    if (blocked.length > 0) {
      suggested = "needs_attention";
      reasons.push(`${blocked.length} blocked child item(s)`);
    }
  }
  if (reasons.length === 0) reasons.push("progress keeps pace with the schedule");
  const latestStatus =
    [...statusUpdates].sort((a, b) => (a.updatedAt < b.updatedAt ? 1 : -1))[0] ?? null;
  const statusStale =
    !isClosedStatus(tree.item) &&
    (latestStatus === null ||
      daysBetween(latestStatus.updatedAt, now) >= policy.statusStaleAfterDays);
  return { suggested, reasons, progress, statusStale, latestStatus };
}

/** An event in a milestone's history. */
export interface MilestoneEvent {
  /** ISO 8601 UTC. */
  at: string;
  itemId: string;
  kind: "added" | "removed" | "closed" | "reopened" | "weight";
  /** The item's weight from this event on (for `added` and `weight`). */
  weight?: number | null;
}

/** One day of a burnup chart, at the end of that UTC day. */
export interface BurnupPoint {
  date: string;
  scopeCount: number;
  doneCount: number;
  scopeWeight: number;
  doneWeight: number;
}

/**
 * A milestone burnup series, one point per UTC day from `start` to `end` inclusive, replaying
 * the events in time order (events before `start` form the opening state). Scope grows and
 * shrinks as items are added and removed; done follows closes and reopens.
 */
export function burnupSeries(
  events: readonly MilestoneEvent[],
  range: { start: string; end: string },
): BurnupPoint[] {
  const sorted = [...events].sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
  const state = new Map<string, { weight: number; closed: boolean }>();
  const inScope = new Set<string>();
  const apply = (e: MilestoneEvent): void => {
    const s = state.get(e.itemId) ?? { weight: 0, closed: false };
    if (e.kind === "added") {
      inScope.add(e.itemId);
      if (e.weight !== undefined) s.weight = e.weight ?? 0;
    } else if (e.kind === "removed") inScope.delete(e.itemId);
    else if (e.kind === "closed") s.closed = true;
    else if (e.kind === "reopened") s.closed = false;
    else s.weight = e.weight ?? 0;
    state.set(e.itemId, s);
  };
  const out: BurnupPoint[] = [];
  let i = 0;
  for (const date of eachDay(range.start, range.end)) {
    for (let e = sorted[i]; e && isoDay(e.at) <= date; e = sorted[++i]) apply(e);
    const p: BurnupPoint = { date, scopeCount: 0, doneCount: 0, scopeWeight: 0, doneWeight: 0 };
    for (const id of inScope) {
      const s = state.get(id) ?? { weight: 0, closed: false };
      p.scopeCount++;
      p.scopeWeight += s.weight;
      if (s.closed) {
        p.doneCount++;
        p.doneWeight += s.weight;
      }
    }
    out.push(p);
  }
  return out;
}
