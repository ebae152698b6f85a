import type { Clock, Severity } from "@infrasec/core";
import { newId } from "@infrasec/core";
import { addDays } from "@infrasec/engines/vulns";
import type { SlaPolicy } from "@infrasec/engines/vulns";
import type { Repos } from "@infrasec/storage";
import { OPEN_STATUSES } from "./reconcile-fns";
import type { FindingEvent, FindingRecord } from "./vulns-types";
import type { ExceptionRecord } from "./vulns-exceptions-types";
import { dismissalReasonFor } from "./vulns-exceptions-types";

/**
 * Applying an approved exception to findings and taking it off again. Both run inside the
 * caller's transaction and write one finding event per finding.
 */

interface Who {
  actorName: string;
  /** The import job that brought the findings, when coverage happens at import. */
  jobId?: string | null;
}

/**
 * Dismisses the open findings among `findingIds` for the exception (reason risk_accepted or
 * mitigating_control) and records each with its status and due date before. Returns the ids
 * covered. The stored due date is left as it was: a dismissed finding has no running clock,
 * and the end of the exception computes the new one from the recorded due date.
 */
export async function coverFindings(
  tx: Repos,
  clock: Clock,
  e: ExceptionRecord,
  findingIds: readonly string[],
  who: Who,
): Promise<string[]> {
  if (findingIds.length === 0) return [];
  const now = clock.now().toISOString();
  const reason = dismissalReasonFor(e.kind);
  const whole = (await tx.vulns.findByIds(findingIds)).filter((f) =>
    (OPEN_STATUSES as readonly string[]).includes(f.status),
  );
  if (whole.length === 0) return [];
  const note = who.jobId
    ? `exception ${e.id} covers it (matched at import)`
    : `exception ${e.id} approved`;
  const after: FindingRecord[] = whole.map((f) => ({
    ...f,
    status: "dismissed",
    dismissalReason: reason,
    resolution: null,
    resolvedAt: null,
    updatedAt: now,
  }));
  await tx.vulns.updateMany(after);
  await tx.vulns.insertEvents(
    whole.map((f) => statusEvent(clock, f.id, f.status, "dismissed", reason, note, who)),
  );
  await tx.vulnExceptions.insertCovered(
    whole.map((f) => ({
      exceptionId: e.id,
      findingId: f.id,
      priorStatus: f.status,
      priorDueAt: f.slaDueAt,
      coveredAt: now,
      releasedAt: null,
    })),
  );
  return whole.map((f) => f.id);
}

/**
 * The due date a finding gets back when an exception that covered it from `coveredAt` ends at
 * `endAt`, by the policy's exceptionEffect: pause shifts the old due date by the time spent
 * under the exception; restart starts a fresh clock of the severity's target at the end;
 * none keeps the old due date. A finding without a due date keeps none.
 */
export function resumedDueAt(
  priorDueAt: string | null,
  coveredAt: string,
  endAt: string,
  severity: Severity,
  policy: SlaPolicy,
): string | null {
  if (!priorDueAt) return null;
  const end = Date.parse(endAt);
  if (policy.exceptionEffect === "pause") {
    const paused = Math.max(0, end - Date.parse(coveredAt));
    return new Date(Date.parse(priorDueAt) + paused).toISOString();
  }
  if (policy.exceptionEffect === "restart") {
    const days = policy.targets[severity].remediateDays;
    return days === null ? priorDueAt : new Date(addDays(end, days, policy.calendar)).toISOString();
  }
  return priorDueAt;
}

/**
 * Reopens the findings the exception covered that are still dismissed by it (status detected,
 * clock resumed per policy, event "exception <id> expired|revoked"); findings someone resolved
 * or re-dismissed meanwhile keep their state. Every covered row is marked released. Returns
 * the ids reopened.
 */
export async function releaseFindings(
  tx: Repos,
  clock: Clock,
  policy: SlaPolicy,
  e: ExceptionRecord,
  endAt: string,
  why: "expired" | "revoked",
  who: Who,
): Promise<string[]> {
  const rows = (await tx.vulnExceptions.covered(e.id)).filter((r) => r.releasedAt === null);
  if (rows.length === 0) return [];
  const now = clock.now().toISOString();
  const reason = dismissalReasonFor(e.kind);
  const cover = new Map(rows.map((r) => [r.findingId, r]));
  const whole = (await tx.vulns.findByIds(rows.map((r) => r.findingId))).filter(
    (f) => f.status === "dismissed" && f.dismissalReason === reason,
  );
  const after: FindingRecord[] = whole.map((f) => {
    const c = cover.get(f.id);
    return {
      ...f,
      status: "detected",
      dismissalReason: null,
      slaDueAt: c
        ? resumedDueAt(c.priorDueAt, c.coveredAt, endAt, f.severity as Severity, policy)
        : f.slaDueAt,
      updatedAt: now,
    };
  });
  await tx.vulns.updateMany(after);
  await tx.vulns.insertEvents(
    after.map((f) =>
      statusEvent(clock, f.id, "dismissed", "detected", null, `exception ${e.id} ${why}`, who),
    ),
  );
  await tx.vulnExceptions.markReleased(
    e.id,
    rows.map((r) => r.findingId),
    now,
  );
  return after.map((f) => f.id);
}

function statusEvent(
  clock: Clock,
  findingId: string,
  fromStatus: string,
  toStatus: string,
  reason: string | null,
  note: string,
  who: Who,
): FindingEvent {
  return {
    id: newId(clock.now().getTime()),
    findingId,
    at: clock.now().toISOString(),
    kind: "status",
    fromStatus,
    toStatus,
    reason,
    note,
    changes: null,
    actorName: who.actorName,
    jobId: who.jobId ?? null,
  };
}
