import type { Kysely } from "kysely";

// Frozen once released: never edit, add a new migration. Kysely<any> on purpose (see 000300).
// Finding states from and to outside vocabularies (issue 4, docs/vulns/states-and-exports.md):
// the CycloneDX VEX justification of a not-affected dismissal (exported again as VEX), and who
// set the current status ("user", "gitlab", "vex:<file>"), so an imported VEX or GitLab state
// never overrides a status a person set later.
/* eslint-disable @typescript-eslint/no-explicit-any */
export async function up(db: Kysely<any>): Promise<void> {
  // One column per statement: SQLite's ALTER TABLE adds one column at a time.
  await db.schema
    .alterTable("vuln_findings")
    .addColumn("dismissal_justification", "text")
    .execute();
  await db.schema.alterTable("vuln_findings").addColumn("status_source", "text").execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("vuln_findings").dropColumn("status_source").execute();
  await db.schema.alterTable("vuln_findings").dropColumn("dismissal_justification").execute();
}
