import type { Executor } from "./executor";

/** Retention settings of monitoring. */
export interface MonitoringRetentionSettings {
  closedAlertDays: number;
  eventDays: number;
  updatedAt: string;
  updatedBy: string | null;
}

const SETTINGS_ID = "default";
const CLOSED = ["resolved", "false_positive"];

/** Retention: the settings row and the batched deletes of the retention sweep. */
export function monitoringRetentionRepo(db: Executor) {
  return {
    async getSettings(): Promise<MonitoringRetentionSettings | null> {
      const r = await db
        .selectFrom("monitoring_settings")
        .selectAll()
        .where("id", "=", SETTINGS_ID)
        .executeTakeFirst();
      return r
        ? {
            closedAlertDays: Number(r.closed_alert_days),
            eventDays: Number(r.event_days),
            updatedAt: r.updated_at,
            updatedBy: r.updated_by,
          }
        : null;
    },
    async saveSettings(s: MonitoringRetentionSettings): Promise<void> {
      const row = {
        closed_alert_days: s.closedAlertDays,
        event_days: s.eventDays,
        updated_at: s.updatedAt,
        updated_by: s.updatedBy,
      };
      await db
        .insertInto("monitoring_settings")
        .values({ id: SETTINGS_ID, ...row })
        .onConflict((oc) => oc.column("id").doUpdateSet(row))
        .execute();
    },
    /** Up to `limit` resolved / false-positive alerts whose status changed before `cutoff`. */
    async closedAlertIdsBefore(cutoff: string, limit: number): Promise<string[]> {
      const rows = await db
        .selectFrom("monitoring_alerts")
        .select("id")
        .where("status", "in", CLOSED)
        .where((eb) =>
          eb.or([
            eb("status_changed_at", "<", cutoff),
            eb.and([eb("status_changed_at", "is", null), eb("updated_at", "<", cutoff)]),
          ]),
        )
        .orderBy("id")
        .limit(limit)
        .execute();
      return rows.map((r) => r.id);
    },
    /** Deletes alerts and their kept events; returns the number of alerts deleted. */
    async deleteAlerts(ids: readonly string[]): Promise<number> {
      if (ids.length === 0) return 0;
      await db
        .deleteFrom("monitoring_alert_events")
        .where("alert_id", "in", [...ids])
        .execute();
      const r = await db
        .deleteFrom("monitoring_alerts")
        .where("id", "in", [...ids])
        .where("status", "in", CLOSED)
        .executeTakeFirst();
      return Number(r.numDeletedRows);
    },
    /** Deletes up to `limit` kept events older than `cutoff`; returns how many. */
    async deleteEventsBefore(cutoff: string, limit: number): Promise<number> {
      const ids = await db
        .selectFrom("monitoring_alert_events")
        .select("id")
        .where("ts", "<", cutoff)
        .orderBy("ts")
        .limit(limit)
        .execute();
      if (ids.length === 0) return 0;
      const r = await db
        .deleteFrom("monitoring_alert_events")
        .where(
          "id",
          "in",
          ids.map((x) => x.id),
        )
        .executeTakeFirst();
      return Number(r.numDeletedRows);
    },
  };
}
export type MonitoringRetentionRepo = ReturnType<typeof monitoringRetentionRepo>;
