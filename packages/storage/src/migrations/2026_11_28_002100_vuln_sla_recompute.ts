import type { Kysely } from "kysely";

// Frozen once released: never edit, add a new migration. Kysely<any> on purpose (see 000300).
// Deadlines that follow changes (issue 4, point 5: "policies are data"). `vuln_sla_policy` holds
// the edited remediation policy (one row, id `default`; absent = the configured preset). A
// recomputation of stored deadlines (after a policy edit or an asset's criticality, environment
// or exposure change) is a row of `vuln_sla_recomputes`, written in the transaction of the
// change and worked through in pages by an in-process runner or, after a crash, by the next SLA
// sweep; `cursor` is the last finding id done, so a resumed task does not start over.
// Indexes: the drift read (open findings whose stored `sla_policy` is not the current
// policy@version, per status, in (sla_policy, id) order) and one asset's open findings in id order.
/* eslint-disable @typescript-eslint/no-explicit-any */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("vuln_sla_policy")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("policy", "text", (c) => c.notNull())
    .addColumn("version", "integer", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addColumn("updated_by", "text", (c) => c.notNull())
    .execute();

  await db.schema
    .createTable("vuln_sla_recomputes")
    .addColumn("id", "text", (c) => c.primaryKey())
    // "policy" (every open finding whose stored policy stamp is not `policy`) or "asset".
    .addColumn("scope", "text", (c) => c.notNull())
    .addColumn("asset_id", "text")
    // policy id@version the deadlines are recomputed with.
    .addColumn("policy", "text", (c) => c.notNull())
    .addColumn("reason", "text", (c) => c.notNull())
    // queued | running | done | failed
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("cursor", "text")
    .addColumn("total", "integer", (c) => c.notNull())
    .addColumn("done", "integer", (c) => c.notNull())
    .addColumn("changed", "integer", (c) => c.notNull())
    .addColumn("error", "text")
    .addColumn("actor_name", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("heartbeat_at", "text")
    .addColumn("finished_at", "text")
    .execute();
  await db.schema
    .createIndex("vuln_sla_recomputes_status")
    .on("vuln_sla_recomputes")
    .columns(["status", "created_at"])
    .execute();

  await db.schema
    .createIndex("vuln_findings_sla_drift")
    .on("vuln_findings")
    .columns(["status", "sla_policy", "id"])
    .execute();
  await db.schema
    .createIndex("vuln_findings_asset_status_id")
    .on("vuln_findings")
    .columns(["asset_id", "status", "id"])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex("vuln_findings_asset_status_id").execute();
  await db.schema.dropIndex("vuln_findings_sla_drift").execute();
  await db.schema.dropTable("vuln_sla_recomputes").execute();
  await db.schema.dropTable("vuln_sla_policy").execute();
}
