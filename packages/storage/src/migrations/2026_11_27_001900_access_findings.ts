import type { Kysely } from "kysely";

// Frozen once released: never edit, add a new migration. Kysely<any> on purpose (see 000300).
// Access findings join the shared asset model: each snapshot is linked to the inventory asset of
// its account, project or cluster, and its findings are rows (per snapshot) that the asset page
// lists and counts. The snapshot's analysis JSON stays the source for the snapshot views.
/* eslint-disable @typescript-eslint/no-explicit-any */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable("access_snapshots")
    .addColumn("asset_id", "text", (c) => c.references("assets.id").onDelete("set null"))
    .execute();
  await db.schema
    .createIndex("access_snapshots_asset_idx")
    .on("access_snapshots")
    .columns(["asset_id", "created_at"])
    .execute();
  await db.schema
    .createTable("access_findings")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("snapshot_id", "text", (c) =>
      c.notNull().references("access_snapshots.id").onDelete("cascade"),
    )
    .addColumn("asset_id", "text", (c) => c.notNull().references("assets.id").onDelete("cascade"))
    .addColumn("rule_id", "text", (c) => c.notNull())
    .addColumn("severity", "text", (c) => c.notNull())
    // 0 critical … 4 info: lists sort most severe first without a CASE expression.
    .addColumn("severity_rank", "integer", (c) => c.notNull())
    .addColumn("principal", "text", (c) => c.notNull())
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("evidence", "text", (c) => c.notNull())
    .addColumn("fingerprint", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("access_findings_asset_idx")
    .on("access_findings")
    .columns(["asset_id", "snapshot_id", "severity_rank"])
    .execute();
  await db.schema
    .createIndex("access_findings_snapshot_idx")
    .on("access_findings")
    .column("snapshot_id")
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("access_findings").execute();
  await db.schema.dropIndex("access_snapshots_asset_idx").execute();
  await db.schema.alterTable("access_snapshots").dropColumn("asset_id").execute();
}
