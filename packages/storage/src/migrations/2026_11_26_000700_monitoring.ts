import type { Kysely } from "kysely";

// Frozen once released: never edit, add a new migration. Kysely<any> on purpose (see 000300).
// Security monitoring on the platform (issue 6): uploaded Sigma rules and enable flags of the
// built-in pack, alerts grouped by (rule, entity) with their first matched events, and
// suppressions with their hit counters.
/* eslint-disable @typescript-eslint/no-explicit-any */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("monitoring_rules")
    .addColumn("id", "text", (c) => c.primaryKey())
    // builtin: a row only records the enabled flag; user: the uploaded YAML.
    .addColumn("origin", "text", (c) => c.notNull())
    .addColumn("yaml", "text")
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("level", "text", (c) => c.notNull())
    .addColumn("enabled", "integer", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addColumn("updated_by", "text")
    .execute();

  await db.schema
    .createTable("monitoring_alerts")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("rule_id", "text", (c) => c.notNull())
    .addColumn("rule_title", "text", (c) => c.notNull())
    .addColumn("rule_author", "text")
    .addColumn("rule_origin", "text")
    .addColumn("level", "text", (c) => c.notNull())
    // informational 0 … critical 4, for sorting and minLevel.
    .addColumn("level_rank", "integer", (c) => c.notNull())
    // JSON array of strings.
    .addColumn("tags", "text", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("entity_key", "text", (c) => c.notNull())
    .addColumn("source", "text", (c) => c.notNull())
    .addColumn("host", "text")
    .addColumn("container_id", "text")
    .addColumn("container_name", "text")
    .addColumn("image", "text")
    .addColumn("namespace", "text")
    .addColumn("pod", "text")
    .addColumn("asset_id", "text")
    .addColumn("asset_key", "text")
    .addColumn("asset_name", "text")
    .addColumn("asset_matched_by", "text")
    .addColumn("count", "integer", (c) => c.notNull())
    .addColumn("events_kept", "integer", (c) => c.notNull())
    .addColumn("first_seen", "text", (c) => c.notNull())
    .addColumn("last_seen", "text", (c) => c.notNull())
    // JSON objects.
    .addColumn("matched_fields", "text", (c) => c.notNull())
    .addColumn("correlation", "text")
    .addColumn("status_comment", "text")
    .addColumn("status_changed_by", "text")
    .addColumn("status_changed_at", "text")
    .addColumn("incident_id", "text")
    .addColumn("incident_number", "integer")
    .addColumn("escalated_at", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();
  // Grouping looks up the open alert of (rule, entity) on every match.
  await db.schema
    .createIndex("monitoring_alerts_group")
    .on("monitoring_alerts")
    .columns(["rule_id", "entity_key", "status", "last_seen"])
    .execute();
  await db.schema
    .createIndex("monitoring_alerts_last_seen")
    .on("monitoring_alerts")
    .column("last_seen")
    .execute();
  await db.schema
    .createIndex("monitoring_alerts_status")
    .on("monitoring_alerts")
    .columns(["status", "level_rank", "last_seen"])
    .execute();
  await db.schema
    .createIndex("monitoring_alerts_asset")
    .on("monitoring_alerts")
    .column("asset_id")
    .execute();

  await db.schema
    .createTable("monitoring_alert_events")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("alert_id", "text", (c) =>
      c.notNull().references("monitoring_alerts.id").onDelete("cascade"),
    )
    .addColumn("seq", "integer", (c) => c.notNull())
    .addColumn("ts", "text", (c) => c.notNull())
    .addColumn("source", "text", (c) => c.notNull())
    // JSON: logsource, fields, matched fields, provenance, selections, context, original.
    .addColumn("logsource", "text", (c) => c.notNull())
    .addColumn("fields", "text", (c) => c.notNull())
    .addColumn("matched_fields", "text", (c) => c.notNull())
    .addColumn("provenance", "text", (c) => c.notNull())
    .addColumn("selections", "text", (c) => c.notNull())
    .addColumn("context", "text", (c) => c.notNull())
    .addColumn("original", "text")
    .execute();
  await db.schema
    .createIndex("monitoring_alert_events_alert")
    .on("monitoring_alert_events")
    .columns(["alert_id", "seq"])
    .unique()
    .execute();

  await db.schema
    .createTable("monitoring_suppressions")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("rule_id", "text")
    // JSON object: condition key → value (glob with *).
    .addColumn("conditions", "text", (c) => c.notNull())
    .addColumn("reason", "text", (c) => c.notNull())
    .addColumn("expires_at", "text")
    .addColumn("hits", "integer", (c) => c.notNull())
    .addColumn("last_hit_at", "text")
    .addColumn("created_by", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("monitoring_suppressions").execute();
  await db.schema.dropTable("monitoring_alert_events").execute();
  await db.schema.dropTable("monitoring_alerts").execute();
  await db.schema.dropTable("monitoring_rules").execute();
}
