import { newId, notFound } from "@infrasec/core";
import type { Severity } from "@infrasec/core";
import type { Ctx, ServiceDeps } from "../shared/service-context";
import { audit, requirePermission } from "../shared/service-context";
import { OPEN_STATUSES } from "./reconcile-fns";
import {
  checkStatusChange,
  planStatusChange,
  statusSummary,
  writeStatusChanges,
  type FindingStatus,
  type StatusChangeInput,
} from "./finding-status";
import { recomputeFindings } from "./sla-recompute";
import { currentSlaPolicy } from "./sla-recompute-runner";
import { deadlineWhy, type DeadlineWhy } from "./sla-deadline";
import { enrichBatch, enrichmentIds } from "./finding-priority";
import { createVulnImportJobs, type VulnsOptions } from "./vulns-import-jobs";
import type { FindingListRecord, FindingRecord, FindingSort } from "./vulns-types";
import { findingDetailView, findingView, type VulnFindingDetailView } from "./vulns-views";

export type { VulnsOptions, ImportInput } from "./vulns-import-jobs";
export type { VulnFindingView, VulnFindingDetailView, VulnImportJobView } from "./vulns-views";
/** A finding's detail with its deadline explained (sla-deadline.ts). */
type FindingDetail = VulnFindingDetailView & { deadline: DeadlineWhy | null };

const DAY = 86_400_000;
const CLOSED_STATUSES = ["resolved", "dismissed"] as const;
type Status = FindingStatus;

export interface FindingListInput {
  asset?: string;
  severity?: Severity;
  status?: Status | "open" | "closed";
  vulnId?: string;
  package?: string;
  q?: string;
  sla?: "breached" | "due_soon" | "on_track" | "none";
  /** "true": in CISA KEV; "false": checked and not listed. */
  kev?: "true" | "false";
  sort: FindingSort;
  limit: number;
  offset: number;
}

export type { StatusChangeInput } from "./finding-status";

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
  // The stored (edited) policy's window, read per request: an edit applies without a restart.
  const soonDays = async () => (await currentSlaPolicy(store, opts.policy)).dueSoonDays;
  const nowMs = () => clock.now().getTime();

  async function mustGet(id: string): Promise<FindingListRecord> {
    const f = await store.vulns.findById(id);
    if (!f) throw notFound("finding");
    return f;
  }

  /** The earliest KEV entry over the finding's alias group, when it is flagged. */
  async function kevEntryOf(f: FindingListRecord) {
    if (f.kev !== true) return null;
    const entries = await store.vulns.enrichment.kevEntries(enrichmentIds(f));
    const first = entries.sort((a, b) => (a.dateAdded < b.dateAdded ? -1 : 1))[0];
    return first
      ? {
          cve: first.cve,
          dateAdded: first.dateAdded,
          dueDate: first.dueDate,
          ransomware: first.ransomware,
        }
      : null;
  }

  async function detail(id: string): Promise<FindingDetail> {
    const f = await mustGet(id);
    const [occ, events] = await Promise.all([store.vulns.occurrences(id), store.vulns.events(id)]);
    const policy = await currentSlaPolicy(store, opts.policy);
    return {
      ...findingDetailView(f, occ, events, nowMs(), policy.dueSoonDays, await kevEntryOf(f)),
      deadline: await deadlineWhy(store, clock, policy, id, f.slaDueAt),
    };
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
      const dueSoonDays = await soonDays();
      const statuses =
        q.status === "open"
          ? OPEN_STATUSES
          : q.status === "closed"
            ? CLOSED_STATUSES
            : q.status
              ? [q.status]
              : undefined;
      const { items, total, totalIsEstimate } = await store.vulns.list(
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
                soon: new Date(now + dueSoonDays * DAY).toISOString(),
              }
            : undefined,
          openStatuses: OPEN_STATUSES,
          kev: q.kev === undefined ? undefined : q.kev === "true",
        },
        q.sort,
        q.limit,
        q.offset,
      );
      // total is exact up to 10,000; beyond, it reads "10,000+" (totalIsEstimate).
      return { items: items.map((f) => findingView(f, now, dueSoonDays)), total, totalIsEstimate };
    },

    async getFinding(ctx: Ctx, id: string): Promise<FindingDetail> {
      requirePermission(ctx, "vulns:read");
      return detail(id);
    },

    /**
     * Moves a finding through its lifecycle. Dismissing needs a typed reason and a comment;
     * resolving by hand needs a note; any status may be set again from a closed one (reopen).
     */
    async changeStatus(ctx: Ctx, id: string, input: StatusChangeInput): Promise<FindingDetail> {
      requirePermission(ctx, "vulns:write");
      checkStatusChange(input);
      const before = await mustGet(id);
      const current = (await store.vulns.states.provenance([id])).get(id);
      const plan = planStatusChange(before, current, input, {
        source: "user",
        actorName: ctx.actor.username,
        clock,
      });
      if (!plan) return detail(id);
      await store.transaction(async (tx) => {
        await writeStatusChanges(tx, [plan]);
        await audit(tx, ctx, clock, {
          action: "vulns.finding.status",
          targetType: "vuln_finding",
          targetId: id,
          summary: statusSummary(plan),
          changes: {
            status: [before.status, input.status],
            ...(plan.after.dismissalReason
              ? { dismissalReason: [null, plan.after.dismissalReason] }
              : {}),
            ...(plan.provenance.dismissalJustification
              ? { justification: [null, plan.provenance.dismissalJustification] }
              : {}),
          },
        });
      });
      return detail(id);
    },

    /** A person's override of severity or fixed version; imports keep it from then on. */
    async editFinding(ctx: Ctx, id: string, input: FindingEditInput): Promise<FindingDetail> {
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
        if (changes.severity) {
          // A severity override moves the stored priority (finding-priority.ts).
          await enrichBatch(
            tx,
            [{ ...after, criticality: before.assetCriticality, exposure: before.assetExposure }],
            {
              policy: await currentSlaPolicy(tx, opts.policy),
              now,
              nowMs: nowMs(),
              actorName: ctx.actor.username,
              jobId: null,
              onlyChanged: false,
            },
          );
        }
        if (changes.severity || changes.fixedVersion) {
          // The deadline follows the edit (sla-recompute.ts): same transaction, history says why.
          await recomputeFindings(tx, clock, await currentSlaPolicy(tx, opts.policy), [id], {
            reason: Object.entries(changes)
              .map(([k, [a, b]]) => `${k} edited (${String(a)} → ${String(b)})`)
              .join(", "),
            actorName: ctx.actor.username,
          });
        }
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
