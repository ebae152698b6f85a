import type { Kysely } from "kysely";

// Frozen once released: never edit, add a new migration. Kysely<any> on purpose (see 000300).
// Access reviews on the platform (issue 7): analysed snapshots (the analysis as bounded JSON),
// their principals as indexed rows for listing, review campaigns and their items.
/* eslint-disable @typescript-eslint/no-explicit-any */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("access_snapshots")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("provider", "text", (c) => c.notNull())
    // JSON: [{ name, kind, bytes, sha256 }].
    .addColumn("files", "text", (c) => c.notNull())
    // JSON: counts shown in lists without reading the analysis.
    .addColumn("summary", "text", (c) => c.notNull())
    // JSON: [{ file, path, message }].
    .addColumn("errors", "text", (c) => c.notNull())
    // JSON: findings, per-principal admin state, paths, grants and entitlements (diff, reviews).
    .addColumn("analysis", "text", (c) => c.notNull())
    .addColumn("created_by", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("access_snapshots_name")
    .on("access_snapshots")
    .columns(["name", "created_at"])
    .execute();

  await db.schema
    .createTable("access_principals")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("snapshot_id", "text", (c) =>
      c.notNull().references("access_snapshots.id").onDelete("cascade"),
    )
    .addColumn("principal_id", "text", (c) => c.notNull())
    .addColumn("type", "text", (c) => c.notNull())
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("is_admin", "integer", (c) => c.notNull())
    .addColumn("admin", "text", (c) => c.notNull())
    .addColumn("has_escalation", "integer", (c) => c.notNull())
    .addColumn("escalation_count", "integer", (c) => c.notNull())
    .addColumn("finding_count", "integer", (c) => c.notNull())
    .addColumn("entitlement_count", "integer", (c) => c.notNull())
    .addColumn("owner", "text")
    .addColumn("last_used", "text")
    // Admins first, then principals with escalations, then the rest (list order).
    .addColumn("sort_rank", "integer", (c) => c.notNull())
    // JSON: effective permissions, entitlements, escalations, findings of this principal.
    .addColumn("detail", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("access_principals_key")
    .on("access_principals")
    .columns(["snapshot_id", "principal_id"])
    .unique()
    .execute();
  await db.schema
    .createIndex("access_principals_rank")
    .on("access_principals")
    .columns(["snapshot_id", "sort_rank", "name"])
    .execute();

  await db.schema
    .createTable("access_campaigns")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("snapshot_id", "text", (c) => c.notNull().references("access_snapshots.id"))
    .addColumn("snapshot_name", "text", (c) => c.notNull())
    .addColumn("provider", "text", (c) => c.notNull())
    .addColumn("due_date", "text", (c) => c.notNull())
    .addColumn("baseline_campaign_id", "text")
    .addColumn("created_by", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("closed_by", "text")
    .addColumn("closed_at", "text")
    // JSON: { snapshotId, verifiedAt, verifiedBy, revoked, stillPresent } after verify.
    .addColumn("verification", "text")
    .execute();
  await db.schema
    .createIndex("access_campaigns_baseline")
    .on("access_campaigns")
    .columns(["snapshot_name", "status", "closed_at"])
    .execute();

  await db.schema
    .createTable("access_review_items")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("campaign_id", "text", (c) =>
      c.notNull().references("access_campaigns.id").onDelete("cascade"),
    )
    .addColumn("position", "integer", (c) => c.notNull())
    .addColumn("principal_id", "text", (c) => c.notNull())
    .addColumn("principal_name", "text", (c) => c.notNull())
    .addColumn("principal_type", "text", (c) => c.notNull())
    .addColumn("owner", "text")
    .addColumn("entitlement_key", "text", (c) => c.notNull())
    // JSON: { key, kind, name, scope, privileged }.
    .addColumn("entitlement", "text", (c) => c.notNull())
    .addColumn("privileged", "integer", (c) => c.notNull())
    // JSON array of flags.
    .addColumn("flags", "text", (c) => c.notNull())
    .addColumn("last_used", "text")
    .addColumn("change", "text")
    .addColumn("reviewer", "text", (c) => c.notNull())
    .addColumn("decision", "text")
    .addColumn("justification", "text")
    .addColumn("follow_up_ticket", "text")
    .addColumn("decided_by", "text")
    .addColumn("decided_at", "text")
    .addColumn("verification", "text")
    .execute();
  await db.schema
    .createIndex("access_review_items_campaign")
    .on("access_review_items")
    .columns(["campaign_id", "position"])
    .execute();
  await db.schema
    .createIndex("access_review_items_reviewer")
    .on("access_review_items")
    .columns(["reviewer", "campaign_id"])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("access_review_items").execute();
  await db.schema.dropTable("access_campaigns").execute();
  await db.schema.dropTable("access_principals").execute();
  await db.schema.dropTable("access_snapshots").execute();
}
