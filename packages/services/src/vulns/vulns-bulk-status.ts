import { AppError } from "@infrasec/core";
import type { Ctx, ServiceDeps } from "../shared/service-context";
import { audit, requirePermission } from "../shared/service-context";
import {
  checkStatusChange,
  planStatusChange,
  writeStatusChanges,
  type StatusChangeInput,
} from "./finding-status";

/** Most findings one bulk change accepts (the contract says the same). */
export const BULK_STATUS_MAX_IDS = 1000;

export interface BulkStatusInput extends StatusChangeInput {
  ids: readonly string[];
}

export interface BulkStatusResult {
  results: { id: string; result: "changed" | "unchanged" }[];
  changed: number;
  unchanged: number;
}

/**
 * The bulk status change: the single-finding rules applied to up to 1,000 findings, all or
 * nothing in one transaction with one audit event listing the changed findings. Unknown ids fail
 * the whole request naming the first one; repeated ids count once.
 */
export function createVulnBulkStatus(deps: ServiceDeps) {
  const { store, clock } = deps;
  return async function bulkStatus(ctx: Ctx, input: BulkStatusInput): Promise<BulkStatusResult> {
    requirePermission(ctx, "vulns:write");
    if (input.ids.length === 0 || input.ids.length > BULK_STATUS_MAX_IDS) {
      throw new AppError("validation_failed", `ids: give 1 to ${BULK_STATUS_MAX_IDS} finding ids`, [
        { path: "ids", message: `1 to ${BULK_STATUS_MAX_IDS} ids` },
      ]);
    }
    checkStatusChange(input);
    const ids = [...new Set(input.ids)];
    return store.transaction(async (tx) => {
      const found = new Map((await tx.vulns.findByIds(ids)).map((f) => [f.id, f]));
      const missing = input.ids.findIndex((id) => !found.has(id));
      if (missing >= 0) {
        throw new AppError(
          "validation_failed",
          `ids[${missing}]: no finding ${input.ids[missing]}`,
          [{ path: `ids.${missing}`, message: `no finding ${input.ids[missing]}` }],
        );
      }
      const provenance = await tx.vulns.states.provenance(ids);
      const plans = ids.flatMap((id) => {
        const plan = planStatusChange(found.get(id)!, provenance.get(id), input, {
          source: "user",
          actorName: ctx.actor.username,
          clock,
        });
        return plan ? [plan] : [];
      });
      await writeStatusChanges(tx, plans);
      const changed = new Set(plans.map((p) => p.before.id));
      if (plans.length > 0) {
        await audit(tx, ctx, clock, {
          action: "vulns.finding.bulk_status",
          targetType: "vuln_finding",
          targetId: null,
          summary: `${plans.length} finding(s) → ${input.status}${input.reason ? ` (${input.reason})` : ""}`,
          changes: {
            status: input.status,
            ...(input.reason ? { dismissalReason: input.reason } : {}),
            ...(input.justification ? { justification: input.justification } : {}),
            findings: plans.map((p) => ({ id: p.before.id, from: p.before.status })),
          },
        });
      }
      const results = input.ids.map((id) => ({
        id,
        result: changed.has(id) ? ("changed" as const) : ("unchanged" as const),
      }));
      return {
        results,
        changed: changed.size,
        unchanged: ids.length - changed.size,
      };
    });
  };
}
