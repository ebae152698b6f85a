import { AppError, newId, notFound } from "@infrasec/core";
import type { Severity } from "@infrasec/core";
import { HANDBOOK_SLA_POLICY } from "@infrasec/engines/vulns";
import type { Ctx, ServiceDeps } from "../shared/service-context";
import { audit, requirePermission } from "../shared/service-context";
import { OPEN_STATUSES } from "./reconcile-fns";
import { createVulnImportJobs, type VulnsOptions } from "./vulns-import-jobs";
import type { FindingListRecord, FindingRecord, FindingSort } from "./vulns-types";
import { findingDetailView, findingView, type VulnFindingDetailView } from "./vulns-views";

export type { VulnsOptions, ImportInput } from "./vulns-import-jobs";
export type { VulnFindingView, VulnFindingDetailView, VulnImportJobView } from "./vulns-views";

const DAY = 86_400_000;
const CLOSED_STATUSES = ["resolved", "dismissed"] as const;
const DISMISSAL_REASONS = [
  "risk_accepted",
  "false_positive",
  "not_affected",
  "mitigating_control",
  "out_of_scope",
] as const;
type DismissalReason = (typeof DISMISSAL_REASONS)[number];
type Status = "detected" | "confirmed" | "in_progress" | "resolved" | "dismissed";

export interface FindingListInput {
  asset?: string;
  severity?: Severity;
  status?: Status | "open" | "closed";
  vulnId?: string;
  package?: string;
  q?: string;
  sla?: "breached" | "due_soon" | "on_track" | "none";
  sort: FindingSort;
  limit: number;
  offset: number;
}

export interface StatusChangeInput {
  status: Status;
  reason?: DismissalReason;
  comment?: string;
}

export interface FindingEditInput {
  severity?: Severity;
  fixedVersion?: string | null;
  comment: string;
}

/**
 * Vulnerability management use cases (issue 4): imports run as jobs (see vulns-import-jobs),
 * findings are listed, shown with identity and history, and moved through their lifecycle.
 */
export function createVulnsService(deps: ServiceDeps, opts: VulnsOptions = {}) {
  const { store, clock } = deps;
  const imports = createVulnImportJobs(deps, opts);
  const soonDays = (opts.policy ?? HANDBOOK_SLA_POLICY).dueSoonDays;
  const nowMs = () => clock.now().getTime();

  async function mustGet(id: string): Promise<FindingListRecord> {
    const f = await store.vulns.findById(id);
    if (!f) throw notFound("finding");
    return f;
  }

  async function detail(id: string): Promise<VulnFindingDetailView> {
    const f = await mustGet(id);
    const [occ, events] = await Promise.all([store.vulns.occurrences(id), store.vulns.events(id)]);
    return findingDetailView(f, occ, events, nowMs(), soonDays);
  }

  return {
    imports,
    startImport: imports.start,
    runImport: imports.run,
    confirmImport: imports.confirm,
    getImport: imports.get,
    listImports: imports.list,
    recoverInterruptedJobs: imports.recoverInterruptedJobs,
    idle: imports.idle,

    async listFindings(ctx: Ctx, q: FindingListInput) {
      requirePermission(ctx, "vulns:read");
      const now = nowMs();
      const statuses =
        q.status === "open"
          ? OPEN_STATUSES
          : q.status === "closed"
            ? CLOSED_STATUSES
            : q.status
              ? [q.status]
              : undefined;
      const { items, total } = await store.vulns.list(
        {
          assetId: q.asset ? (await imports.resolveAsset(q.asset)).id : undefined,
          severities: q.severity ? [q.severity] : undefined,
          statuses,
          vulnId: q.vulnId,
          package: q.package,
          q: q.q,
          sla: q.sla
            ? {
                state: q.sla,
                now: new Date(now).toISOString(),
                soon: new Date(now + soonDays * DAY).toISOString(),
              }
            : undefined,
          openStatuses: OPEN_STATUSES,
        },
        q.sort,
        q.limit,
        q.offset,
      );
      return { items: items.map((f) => findingView(f, now, soonDays)), total };
    },

    async getFinding(ctx: Ctx, id: string): Promise<VulnFindingDetailView> {
      requirePermission(ctx, "vulns:read");
      return detail(id);
    },

    /**
     * Moves a finding through its lifecycle. Dismissing needs a typed reason and a comment;
     * resolving by hand needs a note; any status may be set again from a closed one (reopen).
     */
    async changeStatus(
      ctx: Ctx,
      id: string,
      input: StatusChangeInput,
    ): Promise<VulnFindingDetailView> {
      requirePermission(ctx, "vulns:write");
      const comment = input.comment?.trim() ?? "";
      const problems: { path: string; message: string }[] = [];
      if (input.status === "dismissed") {
        if (!input.reason)
          problems.push({
            path: "reason",
            message: `required to dismiss: one of ${DISMISSAL_REASONS.join(", ")}`,
          });
        if (!comment) problems.push({ path: "comment", message: "required to dismiss" });
      } else if (input.reason) {
        problems.push({ path: "reason", message: "only a dismissal takes a reason" });
      }
      if (input.status === "resolved" && !comment) {
        problems.push({ path: "comment", message: "a note is required to resolve by hand" });
      }
      if (problems.length > 0) {
        throw new AppError(
          "validation_failed",
          problems.map((p) => `${p.path}: ${p.message}`).join("; "),
          problems,
        );
      }
      const before = await mustGet(id);
      if (
        before.status === input.status &&
        (input.status !== "dismissed" || before.dismissalReason === input.reason)
      ) {
        return detail(id);
      }
      const now = clock.now().toISOString();
      const after: FindingRecord = {
        ...before,
        status: input.status,
        dismissalReason: input.status === "dismissed" ? (input.reason ?? null) : null,
        resolution: input.status === "resolved" ? "manual" : null,
        resolvedAt: input.status === "resolved" ? now : null,
        updatedAt: now,
      };
      await store.transaction(async (tx) => {
        await tx.vulns.updateMany([after]);
        await tx.vulns.insertEvents([
          {
            id: newId(nowMs()),
            findingId: id,
            at: now,
            kind: "status",
            fromStatus: before.status,
            toStatus: input.status,
            reason: after.dismissalReason,
            note: comment || null,
            changes: null,
            actorName: ctx.actor.username,
            jobId: null,
          },
        ]);
        await audit(tx, ctx, clock, {
          action: "vulns.finding.status",
          targetType: "vuln_finding",
          targetId: id,
          summary: `${before.vulnId} on ${before.assetKey}: ${before.status} → ${input.status}${after.dismissalReason ? ` (${after.dismissalReason})` : ""}`,
          changes: {
            status: [before.status, input.status],
            ...(after.dismissalReason ? { dismissalReason: [null, after.dismissalReason] } : {}),
          },
        });
      });
      return detail(id);
    },

    /** A person's override of severity or fixed version; imports keep it from then on. */
    async editFinding(
      ctx: Ctx,
      id: string,
      input: FindingEditInput,
    ): Promise<VulnFindingDetailView> {
      requirePermission(ctx, "vulns:write");
      const before = await mustGet(id);
      const changes: Record<string, [unknown, unknown]> = {};
      const edited = new Set(before.editedFields);
      const after: FindingRecord = { ...before };
      if (input.severity !== undefined) {
        edited.add("severity");
        if (input.severity !== before.severity) {
          changes.severity = [before.severity, input.severity];
          after.severity = input.severity;
          after.severitySource = "manual";
        }
      }
      if (input.fixedVersion !== undefined) {
        edited.add("fixedVersion");
        if (input.fixedVersion !== before.fixedVersion) {
          changes.fixedVersion = [before.fixedVersion, input.fixedVersion];
          after.fixedVersion = input.fixedVersion;
        }
      }
      if (edited.size === before.editedFields.length && Object.keys(changes).length === 0) {
        return detail(id);
      }
      const now = clock.now().toISOString();
      after.editedFields = [...edited].sort();
      after.updatedAt = now;
      await store.transaction(async (tx) => {
        await tx.vulns.updateMany([after]);
        await tx.vulns.insertEvents([
          {
            id: newId(nowMs()),
            findingId: id,
            at: now,
            kind: "edited",
            fromStatus: null,
            toStatus: null,
            reason: null,
            note: input.comment,
            changes,
            actorName: ctx.actor.username,
            jobId: null,
          },
        ]);
        await audit(tx, ctx, clock, {
          action: "vulns.finding.edit",
          targetType: "vuln_finding",
          targetId: id,
          summary: `edited ${before.vulnId} on ${before.assetKey}: ${Object.keys(changes).join(", ") || "kept as is"}`,
          changes,
        });
      });
      return detail(id);
    },
  };
}
export type VulnsService = ReturnType<typeof createVulnsService>;
