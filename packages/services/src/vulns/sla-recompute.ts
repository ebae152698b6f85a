import type { Clock } from "@infrasec/core";
import { newId } from "@infrasec/core";
import { slaPolicyStamp } from "@infrasec/engines/vulns";
import type { SlaPolicy } from "@infrasec/engines/vulns";
import type { DeadlineInputRow, DeadlineWrite, Repos } from "@infrasec/storage";
import { OPEN_STATUSES } from "./reconcile-fns";
import { deadlineFacts, findingDeadline } from "./sla-deadline";
import type { SlaMoveCounts } from "./sla-moves";
import { applySlaMoves } from "./sla-moves";
import { groupMoves, soonOf } from "./vulns-sla-sweep";
import type { FindingEvent } from "./vulns-types";

/**
 * Recomputes the stored deadlines of one page of findings (≤ 1,000) inside the caller's
 * transaction: the SLA engine's clock for each open finding (sla-deadline.ts), one UPDATE for
 * the findings whose deadline or policy stamp differ, an `updated` history event per moved
 * deadline saying why (reason `sla_recompute`, the trigger and the clock's explanation), and
 * the SLA state moves the new deadlines cause, with the sweep's compare-and-set and events
 * (sla-moves.ts): a breached finding whose deadline moved later goes back on track without an
 * event, an on-track one whose deadline moved into the past records `sla_breached` once.
 */

/** Why deadlines are recomputed, in words for the history, and by whom. */
export interface RecomputeWhy {
  /** E.g. `severity edited (critical → low)`, `asset db-1: criticality 2 → 4`. */
  reason: string;
  actorName: string;
}

export interface RecomputeCounts extends SlaMoveCounts {
  /** Open findings whose deadline was computed. */
  examined: number;
  /** Findings whose stored deadline moved. */
  moved: number;
  /** UPDATE statements that wrote deadlines (each ≤ 1,000 findings). */
  writeStatements: number;
}

export function emptyRecomputeCounts(): RecomputeCounts {
  return {
    examined: 0,
    moved: 0,
    writeStatements: 0,
    changed: 0,
    events: { due_soon: 0, breached: 0, met: 0, missed: 0 },
  };
}

const OPEN = new Set<string>(OPEN_STATUSES);

/** Recomputes one page of rows (read by `tx.vulnSlaRecompute.inputs`); see the module comment. */
export async function recomputePage(
  tx: Repos,
  clock: Clock,
  policy: SlaPolicy,
  page: readonly DeadlineInputRow[],
  why: RecomputeWhy,
  counts: RecomputeCounts,
): Promise<void> {
  const rows = page.filter((r) => OPEN.has(r.status));
  if (rows.length === 0) return;
  const stamp = slaPolicyStamp(policy);
  const facts = await deadlineFacts(tx, rows);
  const nowMs = clock.now().getTime();
  const now = new Date(nowMs).toISOString();
  const writes: DeadlineWrite[] = [];
  const history: FindingEvent[] = [];
  const moved: DeadlineInputRow[] = [];
  for (const r of rows) {
    counts.examined++;
    const c = findingDeadline(r, facts, policy, clock);
    const due = c.dueAt ? c.dueAt.toISOString() : null;
    if (due === r.slaDueAt && r.slaPolicy === stamp) continue;
    writes.push({ id: r.id, slaDueAt: due, slaPolicy: stamp });
    if (due === r.slaDueAt) continue;
    moved.push({ ...r, slaDueAt: due });
    history.push({
      id: newId(nowMs),
      findingId: r.id,
      at: now,
      kind: "updated",
      fromStatus: null,
      toStatus: null,
      reason: "sla_recompute",
      note: `deadline recomputed (${why.reason}): ${c.explanation.join("; ")}`,
      changes: { slaDueAt: [r.slaDueAt, due] },
      actorName: why.actorName,
      jobId: null,
    });
  }
  counts.moved += moved.length;
  if (writes.length === 0) return;
  counts.writeStatements += await tx.vulnSlaRecompute.writeDeadlines(writes);
  if (history.length > 0) await tx.vulns.insertEvents(history);
  const moves = groupMoves(moved, now, soonOf(nowMs, policy.dueSoonDays));
  if (moves.length > 0) await applySlaMoves(tx, moves, now, counts);
}

/** Recomputes the given findings (a person's edit: a handful) in the caller's transaction. */
export async function recomputeFindings(
  tx: Repos,
  clock: Clock,
  policy: SlaPolicy,
  ids: readonly string[],
  why: RecomputeWhy,
): Promise<RecomputeCounts> {
  const counts = emptyRecomputeCounts();
  for (let i = 0; i < ids.length; i += 1000) {
    const part = ids.slice(i, i + 1000);
    const page = await tx.vulnSlaRecompute.inputs({ kind: "ids", ids: part }, part.length);
    await recomputePage(tx, clock, policy, page, why, counts);
  }
  return counts;
}
