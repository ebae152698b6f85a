import type { Kysely } from "kysely";

// Frozen once released: never edit, add a new migration. Kysely<any> on purpose (see 000300).
// Change review on the platform (issue 3): review runs uploaded from CI, their findings as
// classified, and the suppressions each run saw. A project row remembers its default branch.
/* eslint-disable @typescript-eslint/no-explicit-any */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("review_projects")
    .addColumn("project", "text", (c) => c.primaryKey())
    .addColumn("default_branch", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();

  await db.schema
    .createTable("review_runs")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("project", "text", (c) =>
      c.notNull().references("review_projects.project").onDelete("cascade"),
    )
    .addColumn("ref", "text", (c) => c.notNull())
    .addColumn("commit_sha", "text", (c) => c.notNull())
    .addColumn("mr_iid", "integer")
    .addColumn("mr_url", "text")
    .addColumn("pipeline_url", "text")
    .addColumn("base_ref", "text")
    .addColumn("default_branch", "text", (c) => c.notNull())
    .addColumn("mode", "text", (c) => c.notNull())
    .addColumn("base_run_id", "text")
    .addColumn("fail_on", "text", (c) => c.notNull())
    .addColumn("outcome", "text", (c) => c.notNull())
    .addColumn("failing", "integer", (c) => c.notNull())
    .addColumn("total", "integer", (c) => c.notNull())
    .addColumn("open_count", "integer", (c) => c.notNull())
    .addColumn("new_count", "integer", (c) => c.notNull())
    .addColumn("fixed_count", "integer", (c) => c.notNull())
    .addColumn("error_count", "integer", (c) => c.notNull())
    // JSON: { byStatus, bySeverity, matrix, suppressions } (fixed shape, read whole).
    .addColumn("counts", "text", (c) => c.notNull())
    // JSON array of { file, line, message }.
    .addColumn("errors", "text", (c) => c.notNull().defaultTo("[]"))
    .addColumn("tool_name", "text")
    .addColumn("tool_version", "text")
    .addColumn("uploaded_by", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("review_runs_project_ref")
    .on("review_runs")
    .columns(["project", "ref", "created_at"])
    .execute();
  await db.schema
    .createIndex("review_runs_created")
    .on("review_runs")
    .column("created_at")
    .execute();
  await db.schema
    .createIndex("review_runs_mr")
    .on("review_runs")
    .columns(["project", "mr_iid"])
    .execute();

  await db.schema
    .createTable("review_run_findings")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("run_id", "text", (c) =>
      c.notNull().references("review_runs.id").onDelete("cascade"),
    )
    // Position in the uploaded report, so listings keep the report's deterministic order.
    .addColumn("seq", "integer", (c) => c.notNull())
    .addColumn("rule_id", "text", (c) => c.notNull())
    .addColumn("severity", "text", (c) => c.notNull())
    .addColumn("severity_rank", "integer", (c) => c.notNull())
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("message", "text", (c) => c.notNull())
    .addColumn("file", "text", (c) => c.notNull())
    .addColumn("start_line", "integer", (c) => c.notNull())
    .addColumn("end_line", "integer", (c) => c.notNull())
    .addColumn("resource", "text", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("fingerprint", "text", (c) => c.notNull())
    .addColumn("attribute_path", "text")
    .addColumn("needs", "text")
    .addColumn("suppression", "text")
    .addColumn("equivalents", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("review_run_findings_run")
    .on("review_run_findings")
    .columns(["run_id", "status", "severity_rank"])
    .execute();
  await db.schema
    .createIndex("review_run_findings_rule")
    .on("review_run_findings")
    .columns(["rule_id", "run_id"])
    .execute();

  await db.schema
    .createTable("review_run_suppressions")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("run_id", "text", (c) =>
      c.notNull().references("review_runs.id").onDelete("cascade"),
    )
    .addColumn("source", "text", (c) => c.notNull())
    // JSON array of rule ids as written (infrasec ids or CKV_/AVD- ids).
    .addColumn("rules", "text", (c) => c.notNull())
    .addColumn("file", "text", (c) => c.notNull())
    .addColumn("line", "integer", (c) => c.notNull())
    .addColumn("resource", "text")
    .addColumn("attribute", "text")
    .addColumn("reason", "text", (c) => c.notNull())
    .addColumn("owner", "text")
    .addColumn("until", "text")
    .addColumn("state", "text", (c) => c.notNull())
    .addColumn("matched", "integer", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("review_run_suppressions_run")
    .on("review_run_suppressions")
    .column("run_id")
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of [
    "review_run_suppressions",
    "review_run_findings",
    "review_runs",
    "review_projects",
  ])
    await db.schema.dropTable(t).execute();
}
