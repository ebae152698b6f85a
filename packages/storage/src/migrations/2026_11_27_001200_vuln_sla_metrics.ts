import type { Kysely } from "kysely";

// Frozen once released: never edit, add a new migration. Kysely<any> on purpose (see 000300).
// SLA sweeps and vulnerability metrics (issue 4). `sla_state` is the SLA state the last sweep
// stored (null until the first sweep), so a sweep only touches findings whose state moved and
// emits each due-soon / breached event once. The indexes serve the findings list at 10⁶ rows
// (sort and filters without a full sort) and the dashboard aggregates (covering indexes, so the
// counts read index pages only). SLA events are rows of vuln_finding_events (kinds sla_*).
/* eslint-disable @typescript-eslint/no-explicit-any */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("vuln_findings").addColumn("sla_state", "text").execute();

  // Sweep: per (stored state, status), the findings whose due date left the state's range.
  await db.schema
    .createIndex("vuln_findings_sla_sweep")
    .on("vuln_findings")
    .columns(["sla_state", "status", "sla_due_at", "id"])
    .execute();
  // List: the default order (-severity, then due date) and the same order within one asset.
  await db.schema
    .createIndex("vuln_findings_rank_due")
    .on("vuln_findings")
    .columns(["severity_rank desc", "sla_due_at", "id"])
    .execute();
  await db.schema
    .createIndex("vuln_findings_asset_rank_due")
    .on("vuln_findings")
    .columns(["asset_id", "severity_rank desc", "sla_due_at", "id"])
    .execute();
  // Dashboard: open findings by severity, age and due date (covering).
  await db.schema
    .createIndex("vuln_findings_status_due_cover")
    .on("vuln_findings")
    .columns(["status", "sla_due_at", "severity_rank", "asset_id", "first_seen_at"])
    .execute();
  // Dashboard: findings resolved in a window, for SLA compliance and MTTR (covering).
  await db.schema
    .createIndex("vuln_findings_resolved_cover")
    .on("vuln_findings")
    .columns(["resolved_at", "status", "severity_rank", "asset_id", "sla_due_at", "first_seen_at"])
    .execute();
  // Dashboard of one asset, computed live: its findings' metric columns (covering).
  await db.schema
    .createIndex("vuln_findings_asset_metrics")
    .on("vuln_findings")
    .columns([
      "asset_id",
      "status",
      "severity_rank",
      "sla_due_at",
      "first_seen_at",
      "resolved_at",
      "id",
    ])
    .execute();
  // Burndown: status transitions by time (covering); SLA events newest first.
  await db.schema
    .createIndex("vuln_finding_events_transitions")
    .on("vuln_finding_events")
    .columns(["at", "from_status", "to_status"])
    .execute();
  await db.schema
    .createIndex("vuln_finding_events_kind_at")
    .on("vuln_finding_events")
    .columns(["kind", "at", "id"])
    .execute();

  // Daily counts per (day, owner team, asset kind, severity), maintained by the SLA sweep: flows
  // of the day (detected, closed, reopened, resolved with met / missed and days to resolve) and,
  // on the newest day only, the open-state snapshot of the last sweep. The dashboard
  // reads these few thousand rows instead of aggregating 10⁶ findings per request.
  await db.schema
    .createTable("vuln_daily_counts")
    .addColumn("day", "text", (c) => c.notNull())
    .addColumn("owner_team", "text", (c) => c.notNull())
    .addColumn("asset_kind", "text", (c) => c.notNull())
    .addColumn("severity_rank", "integer", (c) => c.notNull())
    .addColumn("detected", "integer", (c) => c.notNull())
    .addColumn("closed", "integer", (c) => c.notNull())
    .addColumn("reopened", "integer", (c) => c.notNull())
    .addColumn("resolved", "integer", (c) => c.notNull())
    .addColumn("met", "integer", (c) => c.notNull())
    .addColumn("missed", "integer", (c) => c.notNull())
    .addColumn("resolve_days", "double precision", (c) => c.notNull())
    .addColumn("open", "integer")
    .addColumn("breached", "integer")
    .addColumn("due_soon", "integer")
    .addColumn("no_sla", "integer")
    .addColumn("age0", "integer")
    .addColumn("age1", "integer")
    .addColumn("age2", "integer")
    .addColumn("age3", "integer")
    .addColumn("age4", "integer")
    .addColumn("due7", "integer")
    .addColumn("computed_at", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("vuln_daily_counts_pk", [
      "day",
      "owner_team",
      "asset_kind",
      "severity_rank",
    ])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("vuln_daily_counts").execute();
  for (const name of [
    "vuln_finding_events_kind_at",
    "vuln_finding_events_transitions",
    "vuln_findings_asset_metrics",
    "vuln_findings_resolved_cover",
    "vuln_findings_status_due_cover",
    "vuln_findings_asset_rank_due",
    "vuln_findings_rank_due",
    "vuln_findings_sla_sweep",
  ]) {
    await db.schema.dropIndex(name).execute();
  }
  await db.schema.alterTable("vuln_findings").dropColumn("sla_state").execute();
}
