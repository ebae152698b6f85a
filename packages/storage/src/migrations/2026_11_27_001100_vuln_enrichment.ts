import type { Kysely } from "kysely";

// Frozen once released: never edit, add a new migration. Kysely<any> on purpose (see 000300).
// Exploitation enrichment and stored priority (issue 4, docs/vulns/enrichment.md): the EPSS and
// CISA KEV feeds as last imported (each import replaces its set), where they came from, and on
// each finding the priority and the enrichment inputs it was computed from, so lists sort by
// priority without joins and the detail can explain the score from stored inputs.
/* eslint-disable @typescript-eslint/no-explicit-any */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("vuln_epss")
    .addColumn("cve", "text", (c) => c.primaryKey())
    .addColumn("score", "double precision", (c) => c.notNull())
    .addColumn("percentile", "double precision", (c) => c.notNull())
    .execute();
  await db.schema
    .createTable("vuln_kev")
    .addColumn("cve", "text", (c) => c.primaryKey())
    .addColumn("date_added", "text", (c) => c.notNull())
    .addColumn("due_date", "text")
    .addColumn("ransomware", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("vendor", "text")
    .addColumn("product", "text")
    .addColumn("name", "text")
    .execute();
  await db.schema
    .createTable("vuln_enrichment_sources")
    // "epss" or "kev".
    .addColumn("source", "text", (c) => c.primaryKey())
    // EPSS model_version or KEV catalogVersion.
    .addColumn("version", "text")
    // EPSS score_date or KEV dateReleased.
    .addColumn("source_date", "text")
    .addColumn("record_count", "integer", (c) => c.notNull())
    .addColumn("imported_at", "text", (c) => c.notNull())
    .addColumn("imported_by", "text", (c) => c.notNull())
    .execute();
  // One column per statement: SQLite's ALTER TABLE adds one column at a time.
  const columns: [string, "double precision" | "text" | "integer"][] = [
    ["priority_score", "double precision"],
    ["priority_band", "text"],
    // 1 in KEV, 0 checked and not listed, null not enriched yet.
    ["kev", "integer"],
    ["epss_score", "double precision"],
    ["epss_percentile", "double precision"],
    ["cvss_version", "text"],
  ];
  for (const [name, type] of columns) {
    await db.schema.alterTable("vuln_findings").addColumn(name, type).execute();
  }
  await db.schema
    .createIndex("vuln_findings_priority")
    .on("vuln_findings")
    .columns(["priority_score", "id"])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex("vuln_findings_priority").execute();
  for (const c of [
    "priority_score",
    "priority_band",
    "kev",
    "epss_score",
    "epss_percentile",
    "cvss_version",
  ]) {
    await db.schema.alterTable("vuln_findings").dropColumn(c).execute();
  }
  await db.schema.dropTable("vuln_enrichment_sources").execute();
  await db.schema.dropTable("vuln_kev").execute();
  await db.schema.dropTable("vuln_epss").execute();
}
