import type { Executor } from "./executor";
import type { MonitoringSuppressionsTable } from "../schema/monitoring-tables";

export interface MonitoringSuppressionRecord {
  id: string;
  ruleId: string | null;
  conditions: Record<string, string>;
  reason: string;
  expiresAt: string | null;
  hits: number;
  lastHitAt: string | null;
  createdBy: string;
  createdAt: string;
}

const fromRow = (r: MonitoringSuppressionsTable): MonitoringSuppressionRecord => ({
  id: r.id,
  ruleId: r.rule_id,
  conditions: JSON.parse(r.conditions) as Record<string, string>,
  reason: r.reason,
  expiresAt: r.expires_at,
  hits: Number(r.hits),
  lastHitAt: r.last_hit_at,
  createdBy: r.created_by,
  createdAt: r.created_at,
});

/** Suppressions of alert creation, with how many matches each one dropped. */
export function monitoringSuppressionsRepo(db: Executor) {
  return {
    /** Newest first; without `includeExpiredAt`, only those not expired at `now`. */
    async list(
      opts: { now?: string; ruleId?: string } = {},
    ): Promise<MonitoringSuppressionRecord[]> {
      let q = db.selectFrom("monitoring_suppressions").selectAll();
      if (opts.now) {
        const now = opts.now;
        q = q.where((eb) => eb.or([eb("expires_at", "is", null), eb("expires_at", ">", now)]));
      }
      if (opts.ruleId) q = q.where("rule_id", "=", opts.ruleId);
      const rows = await q.orderBy("created_at", "desc").orderBy("id", "desc").execute();
      return rows.map(fromRow);
    },
    async get(id: string): Promise<MonitoringSuppressionRecord | null> {
      const r = await db
        .selectFrom("monitoring_suppressions")
        .selectAll()
        .where("id", "=", id)
        .executeTakeFirst();
      return r ? fromRow(r) : null;
    },
    async insert(s: MonitoringSuppressionRecord): Promise<void> {
      await db
        .insertInto("monitoring_suppressions")
        .values({
          id: s.id,
          rule_id: s.ruleId,
          conditions: JSON.stringify(s.conditions),
          reason: s.reason,
          expires_at: s.expiresAt,
          hits: s.hits,
          last_hit_at: s.lastHitAt,
          created_by: s.createdBy,
          created_at: s.createdAt,
        })
        .execute();
    },
    async remove(id: string): Promise<boolean> {
      const r = await db
        .deleteFrom("monitoring_suppressions")
        .where("id", "=", id)
        .executeTakeFirst();
      return Number(r.numDeletedRows) > 0;
    },
    /** Adds dropped matches to the counter (atomic increment, safe across processes). */
    async addHits(id: string, n: number, at: string): Promise<void> {
      await db
        .updateTable("monitoring_suppressions")
        .set((eb) => ({ hits: eb("hits", "+", n), last_hit_at: at }))
        .where("id", "=", id)
        .execute();
    },
  };
}
export type MonitoringSuppressionsRepo = ReturnType<typeof monitoringSuppressionsRepo>;
