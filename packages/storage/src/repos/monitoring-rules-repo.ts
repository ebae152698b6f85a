import type { Executor } from "./executor";
import { bool, int } from "./executor";
import type { MonitoringRulesTable } from "../schema/monitoring-tables";

/** An uploaded rule (with YAML) or the stored enabled flag of a built-in rule. */
export interface MonitoringRuleRecord {
  id: string;
  origin: "builtin" | "user";
  yaml: string | null;
  title: string;
  level: string;
  enabled: boolean;
  createdAt: string;
  updatedAt: string;
  updatedBy: string | null;
}

const fromRow = (r: MonitoringRulesTable): MonitoringRuleRecord => ({
  id: r.id,
  origin: r.origin === "builtin" ? "builtin" : "user",
  yaml: r.yaml,
  title: r.title,
  level: r.level,
  enabled: bool(Number(r.enabled)),
  createdAt: r.created_at,
  updatedAt: r.updated_at,
  updatedBy: r.updated_by,
});

/** Rules of the monitoring catalogue as stored (the built-in pack itself lives in the engine). */
export function monitoringRulesRepo(db: Executor) {
  return {
    async list(): Promise<MonitoringRuleRecord[]> {
      const rows = await db.selectFrom("monitoring_rules").selectAll().orderBy("id").execute();
      return rows.map(fromRow);
    },
    async get(id: string): Promise<MonitoringRuleRecord | null> {
      const r = await db
        .selectFrom("monitoring_rules")
        .selectAll()
        .where("id", "=", id)
        .executeTakeFirst();
      return r ? fromRow(r) : null;
    },
    /** Inserts or replaces by id. */
    async upsert(r: MonitoringRuleRecord): Promise<void> {
      const values = {
        id: r.id,
        origin: r.origin,
        yaml: r.yaml,
        title: r.title,
        level: r.level,
        enabled: int(r.enabled),
        created_at: r.createdAt,
        updated_at: r.updatedAt,
        updated_by: r.updatedBy,
      };
      await db
        .insertInto("monitoring_rules")
        .values(values)
        .onConflict((oc) =>
          oc.column("id").doUpdateSet({
            origin: values.origin,
            yaml: values.yaml,
            title: values.title,
            level: values.level,
            enabled: values.enabled,
            updated_at: values.updated_at,
            updated_by: values.updated_by,
          }),
        )
        .execute();
    },
    async remove(id: string): Promise<boolean> {
      const r = await db.deleteFrom("monitoring_rules").where("id", "=", id).executeTakeFirst();
      return Number(r.numDeletedRows) > 0;
    },
    /** Changes whenever a rule row changes: the detector is rebuilt when this differs. */
    async version(): Promise<string> {
      const r = await db
        .selectFrom("monitoring_rules")
        .select((eb) => [
          eb.fn.countAll<number>().as("n"),
          eb.fn.max("updated_at").as("latest"),
          eb.fn.sum<number>("enabled").as("on"),
        ])
        .executeTakeFirstOrThrow();
      return `${Number(r.n)}:${r.latest ?? ""}:${Number(r.on ?? 0)}`;
    },
  };
}
export type MonitoringRulesRepo = ReturnType<typeof monitoringRulesRepo>;
