import type { Kysely } from "kysely";

// Frozen once released: never edit, add a new migration. Kysely<any> on purpose (see 000300).
// Vulnerability import performance (issue 4): a narrow table for the last sighting of a finding.
// An identical re-import sees every finding again without changing it; writing last_seen_at into
// the wide vuln_findings row rewrote ~1 KB and eight index entries per finding on PostgreSQL
// (MVCC), which dominated the re-import. A row here, when present, overrides the finding's
// last_seen_at and last_job_id (the repository joins it); writes that rewrite the finding row
// delete it, so the finding row is authoritative again.
/* eslint-disable @typescript-eslint/no-explicit-any */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("vuln_finding_seen")
    .addColumn("finding_id", "text", (c) =>
      c.primaryKey().references("vuln_findings.id").onDelete("cascade"),
    )
    .addColumn("last_seen_at", "text", (c) => c.notNull())
    .addColumn("last_job_id", "text")
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("vuln_finding_seen").execute();
}
