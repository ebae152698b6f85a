import type { Kysely } from "kysely";

// Frozen once released: never edit, add a new migration. Kysely<any> on purpose (see 000300).
// Re-import performance (issue 4, ADR 0204): the content hash of a finding's compared values
// (repos/vulns-content-hash.ts). An identical re-import reads the id, this hash, the status and
// the due date of each finding it sees again, and neither reads the other columns nor rewrites
// the row when the incoming finding's hash is equal. Not indexed: it is only read by id/identity.
// Rows written before this migration have none; the next import that finds them unchanged stores
// it (one narrow UPDATE), so no backfill over the whole table runs here.
/* eslint-disable @typescript-eslint/no-explicit-any */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("vuln_findings").addColumn("content_hash", "text").execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("vuln_findings").dropColumn("content_hash").execute();
}
