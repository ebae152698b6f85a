import type { Kysely } from "kysely";

// Frozen: never edit a released migration; add a new one. Migrations take Kysely<any> on
// purpose: they must not depend on table types that later migrations change.
/* eslint-disable @typescript-eslint/no-explicit-any */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("assets")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("key", "text", (c) => c.notNull().unique())
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("description", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("owner_team", "text")
    .addColumn("environment", "text", (c) => c.notNull())
    .addColumn("criticality", "integer", (c) => c.notNull())
    .addColumn("exposure", "text", (c) => c.notNull())
    .addColumn("data_classification", "text", (c) => c.notNull())
    .addColumn("tags", "text", (c) => c.notNull().defaultTo("[]"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();
  for (const col of ["kind", "owner_team", "environment", "criticality", "exposure", "name"]) {
    await db.schema.createIndex(`assets_${col}`).on("assets").column(col).execute();
  }

  await db.schema
    .createTable("asset_identifiers")
    .addColumn("asset_id", "text", (c) => c.notNull().references("assets.id").onDelete("cascade"))
    .addColumn("type", "text", (c) => c.notNull())
    .addColumn("value", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("asset_identifiers_pk", ["asset_id", "type", "value"])
    .execute();
  await db.schema
    .createIndex("asset_identifiers_lookup")
    .on("asset_identifiers")
    .columns(["value", "type"])
    .execute();

  await db.schema
    .createTable("asset_tags")
    .addColumn("asset_id", "text", (c) => c.notNull().references("assets.id").onDelete("cascade"))
    .addColumn("tag", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("asset_tags_pk", ["asset_id", "tag"])
    .execute();
  await db.schema.createIndex("asset_tags_tag").on("asset_tags").column("tag").execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ["asset_tags", "asset_identifiers", "assets"])
    await db.schema.dropTable(t).execute();
}
