import { AppError, notFound } from "@infrasec/core";
import {
  importChanges,
  readGitlabStatesCsv,
  readVexStatements,
  statementMatches,
} from "@infrasec/engines/vulns";
import type {
  FindingState,
  SlaPolicy,
  StateStatement,
  VexJustification,
} from "@infrasec/engines/vulns";
import type { Ctx, ServiceDeps } from "../shared/service-context";
import { audit, requirePermission } from "../shared/service-context";
import { planStatusChange, writeStatusChanges, type StatusChangePlan } from "./finding-status";
import { createVulnBulkStatus } from "./vulns-bulk-status";
import { createFindingsExport } from "./vulns-export";
import { currentSlaPolicy } from "./sla-recompute-runner";

/** Rows of per-statement detail returned at most (the counts always cover every row). */
export const STATE_IMPORT_MAX_ROWS = 2000;
const ID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export interface StatesImportInput {
  asset: string;
  content: string;
  fileName?: string;
}

export interface StatesImportRow {
  where: string;
  vulnId: string | null;
  component: string | null;
  findingId: string | null;
  outcome: "changed" | "skipped" | "unmatched";
  reason: string;
}

export interface StatesImportResult {
  matched: number;
  changed: number;
  skipped: number;
  unmatched: number;
  rows: StatesImportRow[];
  rowsTruncated: boolean;
}

/**
 * Finding states from and to outside tools (issue 4): a CycloneDX VEX document or a GitLab
 * Vulnerability Report CSV applied to an asset's stored findings, exports in CycloneDX VEX,
 * GitLab, CSV and SARIF, and the bulk status change.
 */
export function createVulnStatesService(
  deps: ServiceDeps,
  opts: { toolVersion?: string; policy?: SlaPolicy } = {},
) {
  const { store, clock } = deps;

  async function resolveAsset(ref: string): Promise<{ id: string; key: string }> {
    const v = ref.trim();
    const byId = ID_PATTERN.test(v) ? await store.assets.findById(v) : undefined;
    const asset = byId ?? (await store.assets.findByKeys([v]))[0];
    if (!asset) throw notFound(`asset ${v}`);
    return { id: asset.id, key: asset.key };
  }

  /**
   * Matches statements to the asset's findings and applies them in one transaction. A statement
   * never overrides a status a person set ("user") unless the statement says it was made later.
   */
  async function apply(
    ctx: Ctx,
    input: StatesImportInput,
    source: string,
    statements: StateStatement[],
    action: string,
  ): Promise<StatesImportResult> {
    const asset = await resolveAsset(input.asset);
    const ids = [...new Set(statements.flatMap((s) => s.ids))];
    return store.transaction(async (tx) => {
      const candidates = await tx.vulns.states.candidates(asset.id, ids);
      const setAt = await tx.vulns.states.statusSetAt(
        candidates.filter((c) => c.statusSource === "user").map((c) => c.id),
      );
      const out: StatesImportResult = {
        matched: 0,
        changed: 0,
        skipped: 0,
        unmatched: 0,
        rows: [],
        rowsTruncated: false,
      };
      const row = (r: StatesImportRow) => {
        out[r.outcome]++;
        if (r.findingId) out.matched++;
        if (out.rows.length < STATE_IMPORT_MAX_ROWS) out.rows.push(r);
        else out.rowsTruncated = true;
      };
      // The planned state per finding: the first statement that changes a finding wins.
      const planned = new Map<string, { statement: StateStatement; state: FindingState }>();
      for (const s of statements) {
        const base = {
          where: s.where,
          vulnId: s.ids[0] ?? null,
          component: s.component?.ref ?? null,
        };
        const hits = candidates.filter((c) => statementMatches(s, c));
        if (hits.length === 0) {
          row({
            ...base,
            findingId: null,
            outcome: "unmatched",
            reason: s.ids.length
              ? `no finding of ${asset.key} for ${s.ids.join(" / ")}${s.component ? ` on ${s.component.ref}` : ""}`
              : "the statement names no vulnerability id",
          });
          continue;
        }
        for (const c of hits) {
          const target = s.target;
          if (target.action === "leave") {
            row({ ...base, findingId: c.id, outcome: "skipped", reason: target.why });
            continue;
          }
          const personSetAt = setAt.get(c.id);
          if (
            c.statusSource === "user" &&
            (!s.issuedAt || !personSetAt || s.issuedAt <= personSetAt)
          ) {
            row({
              ...base,
              findingId: c.id,
              outcome: "skipped",
              reason: `a person set the status (${c.status})${personSetAt ? ` at ${personSetAt}` : ""}, after this statement`,
            });
            continue;
          }
          const current: FindingState = {
            status: c.status as FindingState["status"],
            reason: c.dismissalReason as FindingState["reason"],
            justification: c.dismissalJustification as VexJustification | null,
          };
          if (!importChanges(current, target.state)) {
            row({
              ...base,
              findingId: c.id,
              outcome: "skipped",
              reason: `already ${c.status}${c.dismissalReason ? ` (${c.dismissalReason})` : ""}`,
            });
            continue;
          }
          const earlier = planned.get(c.id);
          if (earlier) {
            row({
              ...base,
              findingId: c.id,
              outcome: "skipped",
              reason: `${earlier.statement.where} already applies to this finding`,
            });
            continue;
          }
          planned.set(c.id, { statement: s, state: target.state });
          row({ ...base, findingId: c.id, outcome: "changed", reason: target.summary });
        }
      }
      const records = new Map(
        (await tx.vulns.findByIds([...planned.keys()])).map((f) => [f.id, f]),
      );
      const provenance = await tx.vulns.states.provenance([...planned.keys()]);
      const plans: StatusChangePlan[] = [];
      for (const [id, { statement, state }] of planned) {
        const plan = planStatusChange(
          { ...records.get(id)!, assetKey: asset.key },
          provenance.get(id),
          {
            status: state.status,
            reason: state.reason ?? undefined,
            justification: state.justification ?? undefined,
            comment: statement.note,
          },
          { source, actorName: ctx.actor.username, clock },
        );
        if (plan) plans.push(plan);
      }
      await writeStatusChanges(tx, plans);
      await audit(tx, ctx, clock, {
        action,
        targetType: "asset",
        targetId: asset.id,
        summary: `${source} on ${asset.key}: ${plans.length} changed, ${out.skipped} skipped, ${out.unmatched} unmatched`,
        changes: {
          source,
          matched: out.matched,
          changed: plans.length,
          skipped: out.skipped,
          unmatched: out.unmatched,
          findings: plans
            .slice(0, 1000)
            .map((p) => ({ id: p.before.id, from: p.before.status, to: p.after.status })),
        },
      });
      return out;
    });
  }

  const fileTag = (name: string | undefined) =>
    (name ?? "document").replace(/[^\w.@+-]/g, "_").slice(0, 120);

  return {
    bulkStatus: createVulnBulkStatus(deps),

    /** Applies a CycloneDX VEX document (JSON or XML) to the asset's findings. */
    async applyVex(ctx: Ctx, input: StatesImportInput): Promise<StatesImportResult> {
      requirePermission(ctx, "vulns:write");
      const statements = readVexStatements(input.content);
      if (statements.length === 0) {
        throw new AppError("validation_failed", "the document has no vulnerabilities[] to apply", [
          { path: "content", message: "no vulnerabilities" },
        ]);
      }
      return apply(ctx, input, `vex:${fileTag(input.fileName)}`, statements, "vulns.vex.apply");
    },

    /** Applies GitLab's Vulnerability Report CSV export to the asset's findings. */
    async applyGitlabCsv(ctx: Ctx, input: StatesImportInput): Promise<StatesImportResult> {
      requirePermission(ctx, "vulns:write");
      const statements = readGitlabStatesCsv(input.content);
      return apply(ctx, input, "gitlab", statements, "vulns.gitlab_states.apply");
    },

    exportFindings: createFindingsExport(deps, {
      resolveAsset,
      toolVersion: opts.toolVersion ?? "0.1.0",
      // The stored (edited) policy's window, read per export: an edit applies without a restart.
      dueSoonDays: async () => (await currentSlaPolicy(store, opts.policy)).dueSoonDays,
    }),
  };
}
export type VulnStatesService = ReturnType<typeof createVulnStatesService>;
