import { AppError, notFound } from "@infrasec/core";
import { SLA_POLICY_PRESETS, slaPolicyProblems, slaPolicyStamp } from "@infrasec/engines/vulns";
import type { SlaPolicy } from "@infrasec/engines/vulns";
import type { VulnSlaRecomputeRecord } from "@infrasec/storage";
import type { Ctx, ServiceDeps } from "../shared/service-context";
import { audit, requirePermission } from "../shared/service-context";
import type { SlaRecomputeRunner } from "./sla-recompute-runner";
import { currentSlaPolicy } from "./sla-recompute-runner";

/**
 * The remediation policy as data (issue 4, point 5): read it, edit it (a new version), and
 * follow the recomputation of every open finding's deadline the edit queues. The edit, its
 * audit event and the queued task commit together; the findings are recomputed in the
 * background (sla-recompute-runner.ts) and the response names the task to poll.
 */

/** An edit: fields of the engine's SlaPolicy, on top of a preset or of the current policy. */
export type SlaPolicyEdit = Partial<Omit<SlaPolicy, "id" | "version">> & {
  /** Start from this built-in preset (gitlab-handbook, defectdojo, fedramp-vdr). */
  preset?: string;
};

/** A recomputation task as the API shows it. */
export function recomputeView(t: VulnSlaRecomputeRecord) {
  return {
    id: t.id,
    scope: t.scope,
    assetId: t.assetId,
    policy: t.policy,
    reason: t.reason,
    status: t.status,
    total: t.total,
    done: t.done,
    changed: t.changed,
    error: t.error,
    createdAt: t.createdAt,
    finishedAt: t.finishedAt,
  };
}
export type SlaRecomputeView = ReturnType<typeof recomputeView>;

export function createVulnSlaPolicyService(
  deps: ServiceDeps,
  opts: { policy?: SlaPolicy; runner: SlaRecomputeRunner },
) {
  const { store, clock } = deps;

  return {
    /** The policy deadlines are computed with now, where it comes from, and its last recompute. */
    async get(ctx: Ctx) {
      requirePermission(ctx, "vulns:read");
      const stored = await store.vulnSlaRecompute.getPolicy();
      const policy = await currentSlaPolicy(store, opts.policy);
      const last = await store.vulnSlaRecompute.latestTask("policy");
      return {
        policy,
        stamp: slaPolicyStamp(policy),
        source: stored ? ("stored" as const) : ("configured" as const),
        updatedAt: stored?.updatedAt ?? null,
        updatedBy: stored?.updatedBy ?? null,
        presets: Object.keys(SLA_POLICY_PRESETS),
        recompute: last ? recomputeView(last) : null,
      };
    },

    /**
     * Saves a new version of the policy and queues the recomputation of every open finding
     * (closed findings keep the deadline they were closed against). Needs settings:manage.
     */
    async update(ctx: Ctx, edit: SlaPolicyEdit) {
      requirePermission(ctx, "settings:manage");
      const { preset, ...fields } = edit;
      const base = preset === undefined ? null : SLA_POLICY_PRESETS[preset];
      if (preset !== undefined && !base) {
        throw new AppError("validation_failed", `preset: unknown preset "${preset}"`, [
          {
            path: "preset",
            message: `not one of ${Object.keys(SLA_POLICY_PRESETS).join(", ")}`,
          },
        ]);
      }
      const t = await store.transaction(async (tx) => {
        const before = await currentSlaPolicy(tx, opts.policy);
        const after: SlaPolicy = {
          ...(base ?? before),
          ...fields,
          id: base?.id ?? before.id,
          version: before.version + 1,
        };
        const problems = slaPolicyProblems(after);
        if (problems.length > 0) {
          throw new AppError(
            "validation_failed",
            `SLA policy: ${problems.join("; ")}`,
            problems.map((p) => ({ path: p.split(":")[0] ?? "policy", message: p })),
          );
        }
        const now = clock.now().toISOString();
        await tx.vulnSlaRecompute.putPolicy({
          policy: JSON.stringify(after),
          version: after.version,
          updatedAt: now,
          updatedBy: ctx.actor.username,
        });
        const reason = `SLA policy edited: ${slaPolicyStamp(before)} → ${slaPolicyStamp(after)}`;
        const task = await opts.runner.queue(tx, ctx, { kind: "policy", policy: after }, reason);
        await audit(tx, ctx, clock, {
          action: "vulns.sla.policy",
          targetType: "vuln_sla_policy",
          targetId: "default",
          summary: `${reason}; ${task.total} open findings queued for recomputation (task ${task.id})`,
          changes: changedFields(before, after),
        });
        return task;
      });
      opts.runner.kick();
      return { ...(await this.get(ctx)), recompute: recomputeView(t) };
    },

    /** One recomputation task (policy or asset), to follow its progress. */
    async recompute(ctx: Ctx, id: string): Promise<SlaRecomputeView> {
      requirePermission(ctx, "vulns:read");
      const t = await store.vulnSlaRecompute.getTask(id);
      if (!t) throw notFound(`SLA recomputation ${id}`);
      return recomputeView(t);
    },
  };
}
export type VulnSlaPolicyService = ReturnType<typeof createVulnSlaPolicyService>;

function changedFields(a: SlaPolicy, b: SlaPolicy): Record<string, [unknown, unknown]> {
  const out: Record<string, [unknown, unknown]> = {};
  for (const k of Object.keys(b) as (keyof SlaPolicy)[]) {
    if (JSON.stringify(a[k]) !== JSON.stringify(b[k])) out[k] = [a[k], b[k]];
  }
  return out;
}
