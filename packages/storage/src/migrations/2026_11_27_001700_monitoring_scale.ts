import type { Kysely } from "kysely";

// Frozen once released: never edit, add a new migration. Kysely<any> on purpose (see 000300).
// Monitoring at scale (issue 6): the JetStream sequence each detection partition has committed
// (so a redelivered message never stores its alerts twice), retention settings, and the
// indexes the retention sweep walks.
/* eslint-disable @typescript-eslint/no-explicit-any */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("monitoring_partition_marks")
    .addColumn("stream", "text", (c) => c.notNull())
    .addColumn("partition", "integer", (c) => c.notNull())
    // Highest stream sequence whose alerts are committed; updated in the same transaction.
    .addColumn("last_seq", "bigint", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("monitoring_partition_marks_pk", ["stream", "partition"])
    .execute();

  await db.schema
    .createTable("monitoring_settings")
    .addColumn("id", "text", (c) => c.primaryKey())
    // Resolved and false-positive alerts are deleted this many days after their status change.
    .addColumn("closed_alert_days", "integer", (c) => c.notNull())
    // Kept events (the first N events of each alert) older than this are deleted.
    .addColumn("event_days", "integer", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addColumn("updated_by", "text")
    .execute();

  await db.schema
    .createIndex("monitoring_alerts_closed")
    .on("monitoring_alerts")
    .columns(["status", "status_changed_at"])
    .execute();
  await db.schema
    .createIndex("monitoring_alert_events_ts")
    .on("monitoring_alert_events")
    .column("ts")
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex("monitoring_alert_events_ts").execute();
  await db.schema.dropIndex("monitoring_alerts_closed").execute();
  await db.schema.dropTable("monitoring_settings").execute();
  await db.schema.dropTable("monitoring_partition_marks").execute();
}
