import type { Clock } from "@infrasec/core";
import { newId } from "@infrasec/core";
import type { Repos } from "@infrasec/storage";
import { notifyPeople } from "../shared/notify-people";
import type { ExceptionRecord } from "./vulns-exceptions-types";

/** Outbound event types about exceptions (delivery integrations read GET /api/v1/events). */
export type ExceptionEventType =
  | "vulns.exception.approved"
  | "vulns.exception.rejected"
  | "vulns.exception.revoked"
  | "vulns.exception.expiring"
  | "vulns.exception.expired";

const NOTICE: Record<ExceptionEventType, { kind: ExceptionNoticeKind; verb: string }> = {
  "vulns.exception.approved": { kind: "exception_approved", verb: "approved" },
  "vulns.exception.rejected": { kind: "exception_rejected", verb: "rejected" },
  "vulns.exception.revoked": { kind: "exception_revoked", verb: "revoked" },
  "vulns.exception.expiring": { kind: "exception_expiring", verb: "expires soon" },
  "vulns.exception.expired": { kind: "exception_expired", verb: "expired" },
};
type ExceptionNoticeKind =
  | "exception_approved"
  | "exception_rejected"
  | "exception_revoked"
  | "exception_expiring"
  | "exception_expired";

/**
 * Appends an outbound event addressed to the requester and puts the same news in their in-app
 * inbox (once per exception and event), in the caller's transaction, as work-notify.ts does for
 * work items.
 */
export async function appendExceptionEvent(
  tx: Repos,
  clock: Clock,
  type: ExceptionEventType,
  e: ExceptionRecord,
  extra: Record<string, unknown> = {},
): Promise<void> {
  const at = clock.now();
  await tx.notifications.appendEvent({
    id: newId(at.getTime()),
    type,
    recipientId: e.requestedBy,
    payload: {
      exceptionId: e.id,
      kind: e.kind,
      severity: e.severity,
      scope: e.scope,
      expiresAt: e.expiresAt,
      link: `/vulnerabilities/exceptions/${e.id}`,
      ...extra,
    },
    createdAt: at.toISOString(),
  });
  const requester = await tx.users.findById(e.requestedBy);
  if (!requester) return;
  const notice = NOTICE[type];
  const label = e.kind === "deviation" ? "Deviation" : "Risk acceptance";
  await notifyPeople(tx, {
    kind: notice.kind,
    title: `${label} for ${scopeSummary(e) || "findings"} ${notice.verb}`,
    link: `/vulnerabilities/exceptions/${e.id}`,
    recipients: [requester],
    actorId: null,
    dedupeKey: (u) => `${type}:${e.id}:${u}`,
    payload: { exceptionId: e.id, event: type },
    at,
  });
}

/** One line naming what an exception covers, for audit summaries. */
export function scopeSummary(e: Pick<ExceptionRecord, "scope">): string {
  const s = e.scope;
  const parts: string[] = [];
  if (s.vulnId) parts.push(s.vulnId);
  if (s.package) parts.push(`package ${s.package}`);
  if (s.assetIds?.length) parts.push(`${s.assetIds.length} asset(s)`);
  if (s.findingIds?.length) parts.push(`${s.findingIds.length} finding(s)`);
  return parts.join(", ");
}
