import type { Kysely } from "kysely";

// Frozen once released: never edit, add a new migration. Kysely<any> on purpose (see 000300).
// Vulnerability management (issue 4): findings unique per (asset, identity hash), their
// occurrences, their status and field history, and import jobs.
/* eslint-disable @typescript-eslint/no-explicit-any */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("vuln_findings")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("asset_id", "text", (c) => c.notNull().references("assets.id").onDelete("cascade"))
    .addColumn("identity_hash", "text", (c) => c.notNull())
    .addColumn("identity_version", "text", (c) => c.notNull())
    .addColumn("identity_fn", "text", (c) => c.notNull())
    .addColumn("identity_tuple", "text", (c) => c.notNull())
    .addColumn("identity_basis", "text", (c) => c.notNull())
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("vuln_id", "text", (c) => c.notNull())
    .addColumn("aliases", "text", (c) => c.notNull().defaultTo("[]"))
    .addColumn("title", "text")
    .addColumn("package", "text")
    .addColumn("purl", "text")
    .addColumn("version", "text")
    .addColumn("fixed_version", "text")
    .addColumn("fix_state", "text", (c) => c.notNull())
    .addColumn("severity", "text", (c) => c.notNull())
    .addColumn("severity_rank", "integer", (c) => c.notNull())
    .addColumn("severity_source", "text", (c) => c.notNull())
    .addColumn("scanner_severity", "text")
    .addColumn("cvss_score", "double precision")
    .addColumn("cvss_vector", "text")
    .addColumn("cwes", "text", (c) => c.notNull().defaultTo("[]"))
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("dismissal_reason", "text")
    .addColumn("resolution", "text")
    .addColumn("resolved_at", "text")
    .addColumn("scanner", "text", (c) => c.notNull())
    .addColumn("scope", "text", (c) => c.notNull())
    .addColumn("coverage_target", "text")
    .addColumn("coverage_class", "text")
    .addColumn("scanners", "text", (c) => c.notNull().defaultTo("[]"))
    .addColumn("first_seen_at", "text", (c) => c.notNull())
    .addColumn("last_seen_at", "text", (c) => c.notNull())
    .addColumn("first_job_id", "text")
    .addColumn("last_job_id", "text")
    .addColumn("sla_policy", "text")
    .addColumn("sla_due_at", "text")
    .addColumn("occurrences_hash", "text", (c) => c.notNull())
    .addColumn("occurrence_count", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("edited_fields", "text", (c) => c.notNull().defaultTo("[]"))
    .addColumn("search_text", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addUniqueConstraint("vuln_findings_identity", ["asset_id", "identity_hash"])
    .execute();
  // Reconciliation reads the open findings of one (asset, scanner, scope).
  await db.schema
    .createIndex("vuln_findings_scope")
    .on("vuln_findings")
    .columns(["asset_id", "scanner", "scope", "status"])
    .execute();
  // The default list order: open first by severity, then SLA.
  await db.schema
    .createIndex("vuln_findings_status_severity")
    .on("vuln_findings")
    .columns(["status", "severity_rank", "id"])
    .execute();
  // last_seen_at is deliberately not indexed: every re-import rewrites it, and an index on it
  // would turn 100k cheap updates into 100k index updates.
  for (const col of ["vuln_id", "package", "sla_due_at", "first_seen_at"]) {
    await db.schema.createIndex(`vuln_findings_${col}`).on("vuln_findings").column(col).execute();
  }

  await db.schema
    .createTable("vuln_occurrences")
    .addColumn("finding_id", "text", (c) =>
      c.notNull().references("vuln_findings.id").onDelete("cascade"),
    )
    .addColumn("idx", "integer", (c) => c.notNull())
    .addColumn("data", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("vuln_occurrences_pk", ["finding_id", "idx"])
    .execute();

  await db.schema
    .createTable("vuln_finding_events")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("finding_id", "text", (c) =>
      c.notNull().references("vuln_findings.id").onDelete("cascade"),
    )
    .addColumn("at", "text", (c) => c.notNull())
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("from_status", "text")
    .addColumn("to_status", "text")
    .addColumn("reason", "text")
    .addColumn("note", "text")
    .addColumn("changes", "text")
    .addColumn("actor_name", "text", (c) => c.notNull())
    .addColumn("job_id", "text")
    .execute();
  await db.schema
    .createIndex("vuln_finding_events_finding")
    .on("vuln_finding_events")
    .columns(["finding_id", "at"])
    .execute();
  // Metrics (MTTR, burndown) read status events by time.
  await db.schema
    .createIndex("vuln_finding_events_at")
    .on("vuln_finding_events")
    .columns(["at", "kind"])
    .execute();

  await db.schema
    .createTable("vuln_import_jobs")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("asset_id", "text", (c) => c.notNull().references("assets.id").onDelete("cascade"))
    .addColumn("asset_key", "text", (c) => c.notNull())
    .addColumn("scanner", "text")
    .addColumn("scope", "text", (c) => c.notNull())
    .addColumn("format", "text")
    .addColumn("file_name", "text")
    .addColumn("progress", "double precision", (c) => c.notNull().defaultTo(0))
    .addColumn("counts", "text", (c) => c.notNull())
    .addColumn("open_in_scope", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("to_close", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("error", "text")
    .addColumn("error_details", "text")
    .addColumn("content", "text")
    .addColumn("confirmed", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("created_by", "text", (c) => c.notNull())
    .addColumn("runner_id", "text")
    .addColumn("heartbeat_at", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("started_at", "text")
    .addColumn("finished_at", "text")
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("vuln_import_jobs_status")
    .on("vuln_import_jobs")
    .columns(["status", "created_at"])
    .execute();
  await db.schema
    .createIndex("vuln_import_jobs_asset")
    .on("vuln_import_jobs")
    .columns(["asset_id", "created_at"])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ["vuln_import_jobs", "vuln_finding_events", "vuln_occurrences", "vuln_findings"])
    await db.schema.dropTable(t).execute();
}
