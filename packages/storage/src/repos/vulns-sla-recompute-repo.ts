import type { Executor } from "./executor";
import { deadlineInputsRepo } from "./vulns-deadline-inputs";

/**
 * Storage of deadline recomputation (issue 4: "policies are data"): the edited SLA policy, the
 * recomputation tasks and, through vulns-deadline-inputs.ts, the inputs of a finding's
 * deadline and the bounded writes of new ones.
 */

export interface VulnSlaPolicyRow {
  policy: string;
  version: number;
  updatedAt: string;
  updatedBy: string;
}

export interface VulnSlaRecomputeRecord {
  id: string;
  scope: "policy" | "asset";
  assetId: string | null;
  policy: string;
  reason: string;
  status: "queued" | "running" | "done" | "failed";
  cursor: string | null;
  total: number;
  done: number;
  changed: number;
  error: string | null;
  actorName: string;
  createdAt: string;
  heartbeatAt: string | null;
  finishedAt: string | null;
}

/** Deadline recomputation storage; see the module comment. */
export function vulnSlaRecomputeRepo(db: Executor) {
  return {
    async getPolicy(): Promise<VulnSlaPolicyRow | null> {
      const r = await db
        .selectFrom("vuln_sla_policy")
        .selectAll()
        .where("id", "=", "default")
        .executeTakeFirst();
      return r
        ? {
            policy: r.policy,
            version: Number(r.version),
            updatedAt: r.updated_at,
            updatedBy: r.updated_by,
          }
        : null;
    },

    async putPolicy(p: VulnSlaPolicyRow): Promise<void> {
      const row = {
        policy: p.policy,
        version: p.version,
        updated_at: p.updatedAt,
        updated_by: p.updatedBy,
      };
      await db
        .insertInto("vuln_sla_policy")
        .values({ id: "default", ...row })
        .onConflict((oc) => oc.column("id").doUpdateSet(row))
        .execute();
    },

    async insertTask(t: VulnSlaRecomputeRecord): Promise<void> {
      await db.insertInto("vuln_sla_recomputes").values(toRow(t)).execute();
    },

    async getTask(id: string): Promise<VulnSlaRecomputeRecord | null> {
      const r = await db
        .selectFrom("vuln_sla_recomputes")
        .selectAll()
        .where("id", "=", id)
        .executeTakeFirst();
      return r ? fromRow(r) : null;
    },

    /** The newest task of a scope (the policy page shows the last policy recomputation). */
    async latestTask(scope: "policy" | "asset"): Promise<VulnSlaRecomputeRecord | null> {
      const r = await db
        .selectFrom("vuln_sla_recomputes")
        .selectAll()
        .where("scope", "=", scope)
        .orderBy("created_at", "desc")
        .orderBy("id", "desc")
        .limit(1)
        .executeTakeFirst();
      return r ? fromRow(r) : null;
    },

    /** Queued tasks and running ones whose runner went silent before `staleBefore`, oldest first. */
    async pendingTasks(staleBefore: string, limit: number): Promise<VulnSlaRecomputeRecord[]> {
      const rows = await db
        .selectFrom("vuln_sla_recomputes")
        .selectAll()
        .where((eb) =>
          eb.or([
            eb("status", "=", "queued"),
            eb.and([eb("status", "=", "running"), eb("heartbeat_at", "<", staleBefore)]),
          ]),
        )
        .orderBy("created_at")
        .orderBy("id")
        .limit(limit)
        .execute();
      return rows.map(fromRow);
    },

    /**
     * Compare-and-set claim: only a task still as `seen` (status and heartbeat) becomes running,
     * so two runners never work one task. True when this caller got it.
     */
    async claimTask(
      t: Pick<VulnSlaRecomputeRecord, "id" | "status" | "heartbeatAt">,
      at: string,
    ): Promise<boolean> {
      let q = db
        .updateTable("vuln_sla_recomputes")
        .set({ status: "running", heartbeat_at: at })
        .where("id", "=", t.id)
        .where("status", "=", t.status);
      q =
        t.heartbeatAt === null
          ? q.where("heartbeat_at", "is", null)
          : q.where("heartbeat_at", "=", t.heartbeatAt);
      const r = await q.executeTakeFirst();
      return Number(r.numUpdatedRows) === 1;
    },

    async saveProgress(
      id: string,
      p: { cursor: string | null; done: number; changed: number; total: number; at: string },
    ): Promise<void> {
      await db
        .updateTable("vuln_sla_recomputes")
        .set({
          cursor: p.cursor,
          done: p.done,
          changed: p.changed,
          total: p.total,
          heartbeat_at: p.at,
        })
        .where("id", "=", id)
        .execute();
    },

    async finishTask(id: string, status: "done" | "failed", at: string, error: string | null) {
      await db
        .updateTable("vuln_sla_recomputes")
        .set({ status, finished_at: at, heartbeat_at: at, error })
        .where("id", "=", id)
        .execute();
    },

    ...deadlineInputsRepo(db),
  };
}
export type VulnSlaRecomputeRepo = ReturnType<typeof vulnSlaRecomputeRepo>;

type Row = {
  id: string;
  scope: string;
  asset_id: string | null;
  policy: string;
  reason: string;
  status: string;
  cursor: string | null;
  total: number;
  done: number;
  changed: number;
  error: string | null;
  actor_name: string;
  created_at: string;
  heartbeat_at: string | null;
  finished_at: string | null;
};

function toRow(t: VulnSlaRecomputeRecord): Row {
  return {
    id: t.id,
    scope: t.scope,
    asset_id: t.assetId,
    policy: t.policy,
    reason: t.reason,
    status: t.status,
    cursor: t.cursor,
    total: t.total,
    done: t.done,
    changed: t.changed,
    error: t.error,
    actor_name: t.actorName,
    created_at: t.createdAt,
    heartbeat_at: t.heartbeatAt,
    finished_at: t.finishedAt,
  };
}

function fromRow(r: Row): VulnSlaRecomputeRecord {
  return {
    id: r.id,
    scope: r.scope as VulnSlaRecomputeRecord["scope"],
    assetId: r.asset_id,
    policy: r.policy,
    reason: r.reason,
    status: r.status as VulnSlaRecomputeRecord["status"],
    cursor: r.cursor,
    total: Number(r.total),
    done: Number(r.done),
    changed: Number(r.changed),
    error: r.error,
    actorName: r.actor_name,
    createdAt: r.created_at,
    heartbeatAt: r.heartbeat_at,
    finishedAt: r.finished_at,
  };
}
