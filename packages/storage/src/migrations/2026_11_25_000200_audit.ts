import type { Kysely } from "kysely";

// Frozen: never edit a released migration; add a new one. Migrations take Kysely<any> on
// purpose: they must not depend on table types that later migrations change.
/* eslint-disable @typescript-eslint/no-explicit-any */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("audit_events")
    .addColumn("seq", "integer", (c) => c.primaryKey())
    .addColumn("id", "text", (c) => c.notNull().unique())
    .addColumn("at", "text", (c) => c.notNull())
    .addColumn("actor_id", "text")
    .addColumn("actor_name", "text", (c) => c.notNull())
    .addColumn("action", "text", (c) => c.notNull())
    .addColumn("target_type", "text", (c) => c.notNull())
    .addColumn("target_id", "text")
    .addColumn("request_id", "text")
    .addColumn("summary", "text", (c) => c.notNull())
    .addColumn("changes", "text")
    .addColumn("prev_hash", "text", (c) => c.notNull())
    .addColumn("hash", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("audit_events_target")
    .on("audit_events")
    .columns(["target_type", "target_id"])
    .execute();
  await db.schema
    .createIndex("audit_events_actor")
    .on("audit_events")
    .column("actor_name")
    .execute();
  await db.schema.createIndex("audit_events_at").on("audit_events").column("at").execute();

  await db.schema
    .createTable("audit_head")
    .addColumn("id", "integer", (c) => c.primaryKey())
    .addColumn("seq", "integer", (c) => c.notNull())
    .addColumn("hash", "text", (c) => c.notNull())
    .execute();
  await db
    .insertInto("audit_head")
    .values({ id: 1, seq: 0, hash: "0".repeat(64) })
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("audit_head").execute();
  await db.schema.dropTable("audit_events").execute();
}
