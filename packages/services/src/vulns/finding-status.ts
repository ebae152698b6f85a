import { AppError, newId } from "@infrasec/core";
import type { Clock } from "@infrasec/core";
import type { Repos } from "@infrasec/storage";
import { DISMISSAL_REASONS } from "@infrasec/engines/vulns";
import type { DismissalReason, FindingStatus } from "@infrasec/engines/vulns";
import type { FindingEvent, FindingRecord } from "./vulns-types";

/** A stored finding, with its asset key when the caller has it (for audit summaries). */
export type StatusChangeTarget = FindingRecord & { assetKey?: string };

/**
 * The rules of a finding status change, shared by the single-finding route, the bulk route and
 * the VEX / GitLab state imports: validation, what counts as no change, the new row, its event
 * and its provenance (who set the status, the VEX justification).
 */

// The status and dismissal-reason vocabularies are the engine's (state-mapping.ts), so the
// status rules, the GitLab/VEX mappings and the exports cannot drift apart.
export { DISMISSAL_REASONS } from "@infrasec/engines/vulns";
export type { DismissalReason, FindingStatus } from "@infrasec/engines/vulns";

export interface StatusChangeInput {
  status: FindingStatus;
  reason?: DismissalReason;
  comment?: string;
  /** CycloneDX VEX justification; only a dismissal takes one. */
  justification?: string;
}

/** Throws `validation_failed` naming each problem: dismissals need reason and comment… */
export function checkStatusChange(input: StatusChangeInput, where = ""): void {
  const comment = input.comment?.trim() ?? "";
  const problems: { path: string; message: string }[] = [];
  const at = (field: string) => `${where}${field}`;
  if (input.status === "dismissed") {
    if (!input.reason)
      problems.push({
        path: at("reason"),
        message: `required to dismiss: one of ${DISMISSAL_REASONS.join(", ")}`,
      });
    if (!comment) problems.push({ path: at("comment"), message: "required to dismiss" });
  } else {
    if (input.reason)
      problems.push({ path: at("reason"), message: "only a dismissal takes a reason" });
    if (input.justification)
      problems.push({
        path: at("justification"),
        message: "only a dismissal takes a justification",
      });
  }
  if (input.status === "resolved" && !comment) {
    problems.push({ path: at("comment"), message: "a note is required to resolve by hand" });
  }
  if (problems.length > 0) {
    throw new AppError(
      "validation_failed",
      problems.map((p) => `${p.path}: ${p.message}`).join("; "),
      problems,
    );
  }
}

/** A finding's current provenance, as vulns.states.provenance returns it. */
export interface CurrentProvenance {
  dismissalJustification: string | null;
  statusSource: string | null;
}

/** A planned change: the rewritten row, its event, its provenance. */
export interface StatusChangePlan {
  before: StatusChangeTarget;
  after: FindingRecord;
  event: FindingEvent;
  provenance: { id: string; dismissalJustification: string | null; statusSource: string };
}

/**
 * The change a valid input makes to a finding, or null when it makes none (same status, and for
 * a dismissal the same reason and justification).
 */
export function planStatusChange(
  before: StatusChangeTarget,
  current: CurrentProvenance | undefined,
  input: StatusChangeInput,
  opts: { source: string; actorName: string; clock: Clock },
): StatusChangePlan | null {
  const justification = input.status === "dismissed" ? (input.justification ?? null) : null;
  if (
    before.status === input.status &&
    (input.status !== "dismissed" ||
      (before.dismissalReason === input.reason &&
        (current?.dismissalJustification ?? null) === justification))
  ) {
    return null;
  }
  const nowDate = opts.clock.now();
  const now = nowDate.toISOString();
  const after: FindingRecord = {
    ...before,
    status: input.status,
    dismissalReason: input.status === "dismissed" ? (input.reason ?? null) : null,
    resolution: input.status === "resolved" ? "manual" : null,
    resolvedAt: input.status === "resolved" ? now : null,
    updatedAt: now,
  };
  return {
    before,
    after,
    event: {
      id: newId(nowDate.getTime()),
      findingId: before.id,
      at: now,
      kind: "status",
      fromStatus: before.status,
      toStatus: input.status,
      reason: after.dismissalReason,
      note: input.comment?.trim() || null,
      changes: justification ? { justification: [null, justification], source: opts.source } : null,
      actorName: opts.actorName,
      jobId: null,
    },
    provenance: { id: before.id, dismissalJustification: justification, statusSource: opts.source },
  };
}

/** Writes planned changes in the caller's transaction: rows, provenance, events (batched). */
export async function writeStatusChanges(
  tx: Repos,
  plans: readonly StatusChangePlan[],
): Promise<void> {
  if (plans.length === 0) return;
  await tx.vulns.updateMany(plans.map((p) => p.after));
  await tx.vulns.states.setProvenance(plans.map((p) => p.provenance));
  await tx.vulns.insertEvents(plans.map((p) => p.event));
}

/** The audit summary of one change: "CVE-1 on web: detected → dismissed (false_positive)". */
export function statusSummary(p: StatusChangePlan): string {
  const reason = p.after.dismissalReason ? ` (${p.after.dismissalReason})` : "";
  return `${p.before.vulnId} on ${p.before.assetKey ?? p.before.assetId}: ${p.before.status} → ${p.after.status}${reason}`;
}
