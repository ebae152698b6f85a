import type { Kysely } from "kysely";

// Frozen once released: never edit, add a new migration. Kysely<any> on purpose (see 000300).
// Vulnerability exceptions (issue 4): risk acceptances and deviation requests with a scope, an
// approver other than the requester and an expiry bounded by severity. vuln_exception_findings
// records what an approved exception dismissed (with the status and due date before), so that
// expiry or revocation reopens exactly those findings and resumes their clocks.
/* eslint-disable @typescript-eslint/no-explicit-any */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("vuln_exceptions")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull())
    // JSON { findingIds, assetIds, vulnId, package }; the single-valued parts are also columns.
    .addColumn("scope", "text", (c) => c.notNull())
    .addColumn("scope_vuln_id", "text")
    .addColumn("scope_package", "text")
    .addColumn("severity", "text", (c) => c.notNull())
    .addColumn("justification", "text", (c) => c.notNull())
    .addColumn("compensating_controls", "text")
    .addColumn("requested_by", "text", (c) => c.notNull().references("users.id"))
    .addColumn("requested_at", "text", (c) => c.notNull())
    .addColumn("decided_by", "text", (c) => c.references("users.id"))
    .addColumn("decided_at", "text")
    .addColumn("decision_note", "text")
    .addColumn("starts_at", "text", (c) => c.notNull())
    .addColumn("expires_at", "text", (c) => c.notNull())
    // Requested length in days when it runs from approval; null: a fixed end date was asked.
    .addColumn("requested_days", "integer")
    .addColumn("decision_item_id", "text", (c) =>
      c.references("work_items.id").onDelete("set null"),
    )
    // When the "expiring" notice went out (sent once).
    .addColumn("expiring_notified_at", "text")
    .addColumn("ended_at", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();
  // The expiry sweep and the "expiring" filter read approved exceptions by end date.
  await db.schema
    .createIndex("vuln_exceptions_status_expires")
    .on("vuln_exceptions")
    .columns(["status", "expires_at"])
    .execute();
  await db.schema
    .createIndex("vuln_exceptions_vuln_id")
    .on("vuln_exceptions")
    .column("scope_vuln_id")
    .execute();

  // Scope assets as rows, so "exceptions on this asset" is an index lookup.
  await db.schema
    .createTable("vuln_exception_assets")
    .addColumn("exception_id", "text", (c) =>
      c.notNull().references("vuln_exceptions.id").onDelete("cascade"),
    )
    .addColumn("asset_id", "text", (c) => c.notNull().references("assets.id").onDelete("cascade"))
    .addPrimaryKeyConstraint("vuln_exception_assets_pk", ["exception_id", "asset_id"])
    .execute();
  await db.schema
    .createIndex("vuln_exception_assets_asset")
    .on("vuln_exception_assets")
    .column("asset_id")
    .execute();

  await db.schema
    .createTable("vuln_exception_findings")
    .addColumn("exception_id", "text", (c) =>
      c.notNull().references("vuln_exceptions.id").onDelete("cascade"),
    )
    .addColumn("finding_id", "text", (c) =>
      c.notNull().references("vuln_findings.id").onDelete("cascade"),
    )
    .addColumn("prior_status", "text", (c) => c.notNull())
    .addColumn("prior_due_at", "text")
    .addColumn("covered_at", "text", (c) => c.notNull())
    // When expiry or revocation reopened it (null while covered, or when it was left closed).
    .addColumn("released_at", "text")
    .addPrimaryKeyConstraint("vuln_exception_findings_pk", ["exception_id", "finding_id"])
    .execute();
  await db.schema
    .createIndex("vuln_exception_findings_finding")
    .on("vuln_exception_findings")
    .column("finding_id")
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ["vuln_exception_findings", "vuln_exception_assets", "vuln_exceptions"])
    await db.schema.dropTable(t).execute();
}
