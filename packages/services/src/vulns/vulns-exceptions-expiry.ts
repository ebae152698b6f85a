import type { Clock } from "@infrasec/core";
import { systemActor } from "@infrasec/core";
import type { SlaPolicy } from "@infrasec/engines/vulns";
import type { Store } from "@infrasec/storage";
import type { Ctx } from "../shared/service-context";
import { audit } from "../shared/service-context";
import { releaseFindings } from "./vulns-exceptions-cover";
import { appendExceptionEvent, scopeSummary } from "./vulns-exceptions-events";
import { EXPIRING_DAYS, EXPIRY_BATCH } from "./vulns-exceptions-types";

const DAY = 86_400_000;
const system: Ctx = { actor: systemActor, requestId: "vulns.exceptions.expire" };

export interface ExpiryResult {
  expired: number;
  reopened: number;
  expiringNotices: number;
}

/**
 * One expiry round at `now` (the background task's body, also `infrasec vulns exceptions
 * expire`). Approved exceptions past their end become expired and reopen the findings they
 * still dismiss, with clocks resumed from the end date (not from the round's time, which may be
 * later); exceptions ending within EXPIRING_DAYS get one "expiring" event. One transaction per
 * exception, each conditional on the status read, so concurrent rounds cannot double the effects.
 */
export async function expireDue(
  store: Store,
  clock: Clock,
  policy: SlaPolicy,
  now: Date = clock.now(),
): Promise<ExpiryResult> {
  const at = now.toISOString();
  const result: ExpiryResult = { expired: 0, reopened: 0, expiringNotices: 0 };
  for (const candidate of await store.vulnExceptions.approvedEndingBy(at, EXPIRY_BATCH)) {
    await store.transaction(async (tx) => {
      const e = await tx.vulnExceptions.findById(candidate.id);
      if (!e || e.status !== "approved" || e.expiresAt > at) return;
      const next = { ...e, status: "expired", endedAt: e.expiresAt, updatedAt: at };
      if (!(await tx.vulnExceptions.transition(next, "approved"))) return;
      const reopened = await releaseFindings(tx, clock, policy, e, e.expiresAt, "expired", {
        actorName: system.actor.username,
      });
      await audit(tx, system, clock, {
        action: "vulns.exception.expire",
        targetType: "vuln_exception",
        targetId: e.id,
        summary: `exception for ${scopeSummary(e)} expired; ${reopened.length} finding(s) reopened`,
        changes: { status: ["approved", "expired"], reopened: reopened.length },
      });
      await appendExceptionEvent(tx, clock, "vulns.exception.expired", next, {
        reopened: reopened.length,
        reopenedFindingIds: reopened.slice(0, 100),
      });
      result.expired++;
      result.reopened += reopened.length;
    });
  }
  const soon = new Date(now.getTime() + EXPIRING_DAYS * DAY).toISOString();
  for (const e of await store.vulnExceptions.expiringUnnotified(at, soon, EXPIRY_BATCH)) {
    await store.transaction(async (tx) => {
      if (!(await tx.vulnExceptions.markExpiringNotified(e.id, at))) return;
      await appendExceptionEvent(tx, clock, "vulns.exception.expiring", e, {
        daysLeft: Math.ceil((Date.parse(e.expiresAt) - now.getTime()) / DAY),
      });
      result.expiringNotices++;
    });
  }
  return result;
}
