import type { Kysely } from "kysely";

// Frozen: never edit a released migration; add a new one. Migrations take Kysely<any> on
// purpose: they must not depend on table types that later migrations change.
/* eslint-disable @typescript-eslint/no-explicit-any */

/** The team's workflow (issue 5): work items and what hangs off them, catalogue, planning. */
export async function up(db: Kysely<any>): Promise<void> {
  // Named counters (item numbers, outbound event positions). Allocation is an UPDATE of one
  // row, which PostgreSQL serializes with a row lock, so concurrent writers never collide.
  await db.schema
    .createTable("work_counters")
    .addColumn("name", "text", (c) => c.primaryKey())
    .addColumn("value", "integer", (c) => c.notNull())
    .execute();
  await db
    .insertInto("work_counters")
    .values([
      { name: "item_number", value: 0 },
      { name: "outbound_event", value: 0 },
    ])
    .execute();

  await db.schema
    .createTable("work_items")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("number", "integer", (c) => c.notNull().unique())
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("template_id", "text")
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("description", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("fields", "text", (c) => c.notNull().defaultTo("{}"))
    .addColumn("owner_id", "text", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("created_by", "text", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("start_date", "text")
    .addColumn("due_date", "text")
    .addColumn("weight", "integer")
    .addColumn("health", "text")
    .addColumn("confidential", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("milestone_id", "text")
    .addColumn("parent_id", "text", (c) => c.references("work_items.id").onDelete("set null"))
    // Lower-cased title, description and comments, kept by the repository for search.
    .addColumn("search_text", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addColumn("last_activity_at", "text", (c) => c.notNull())
    .addColumn("closed_at", "text")
    .execute();
  for (const col of ["kind", "status", "owner_id", "milestone_id", "parent_id", "updated_at"]) {
    await db.schema.createIndex(`work_items_${col}`).on("work_items").column(col).execute();
  }

  const itemRef = (table: string) =>
    db.schema
      .createTable(table)
      .addColumn("item_id", "text", (c) =>
        c.notNull().references("work_items.id").onDelete("cascade"),
      );

  await itemRef("work_item_assignees")
    .addColumn("user_id", "text", (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addPrimaryKeyConstraint("work_item_assignees_pk", ["item_id", "user_id"])
    .execute();
  await db.schema
    .createIndex("work_item_assignees_user")
    .on("work_item_assignees")
    .column("user_id")
    .execute();

  await itemRef("work_item_labels")
    .addColumn("label", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("work_item_labels_pk", ["item_id", "label"])
    .execute();
  await db.schema
    .createIndex("work_item_labels_label")
    .on("work_item_labels")
    .column("label")
    .execute();

  await itemRef("work_item_reviewers")
    .addColumn("user_id", "text", (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addPrimaryKeyConstraint("work_item_reviewers_pk", ["item_id", "user_id"])
    .execute();

  await itemRef("work_item_verdicts")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("reviewer_id", "text", (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addColumn("verdict", "text", (c) => c.notNull())
    .addColumn("level", "text")
    .addColumn("comment", "text")
    .addColumn("at", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("work_item_verdicts_item")
    .on("work_item_verdicts")
    .column("item_id")
    .execute();

  await itemRef("work_change_approvals")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("requirement", "text", (c) => c.notNull())
    .addColumn("by_id", "text", (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addColumn("capacity", "text", (c) => c.notNull())
    .addColumn("at", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("work_change_approvals_item")
    .on("work_change_approvals")
    .column("item_id")
    .execute();

  await itemRef("work_item_links")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("type", "text", (c) => c.notNull())
    .addColumn("target_kind", "text", (c) => c.notNull())
    .addColumn("target_id", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addUniqueConstraint("work_item_links_unique", ["item_id", "type", "target_kind", "target_id"])
    .execute();
  await db.schema
    .createIndex("work_item_links_target")
    .on("work_item_links")
    .columns(["target_kind", "target_id"])
    .execute();

  await itemRef("work_comments")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("author_id", "text", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("body", "text", (c) => c.notNull())
    .addColumn("mentions", "text", (c) => c.notNull().defaultTo("[]"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("work_comments_item").on("work_comments").column("item_id").execute();

  await itemRef("work_history")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("actor_id", "text", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("at", "text", (c) => c.notNull())
    .addColumn("action", "text", (c) => c.notNull())
    .addColumn("changes", "text", (c) => c.notNull().defaultTo("[]"))
    .addColumn("note", "text")
    .execute();
  await db.schema
    .createIndex("work_history_item")
    .on("work_history")
    .columns(["item_id", "at"])
    .execute();

  await itemRef("work_status_updates")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("health", "text", (c) => c.notNull())
    .addColumn("body", "text", (c) => c.notNull())
    .addColumn("author_id", "text", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("work_status_updates_item")
    .on("work_status_updates")
    .column("item_id")
    .execute();

  await db.schema
    .createTable("work_labels")
    .addColumn("name", "text", (c) => c.primaryKey())
    .addColumn("color", "text", (c) => c.notNull())
    .addColumn("description", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();

  await db.schema
    .createTable("work_templates")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("definition", "text", (c) => c.notNull())
    .addColumn("version", "integer", (c) => c.notNull())
    .addColumn("customized", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addColumn("updated_by", "text", (c) => c.references("users.id").onDelete("set null"))
    .execute();

  await db.schema
    .createTable("work_boards")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("mode", "text", (c) => c.notNull())
    .addColumn("scope", "text")
    .addColumn("columns", "text", (c) => c.notNull())
    .addColumn("swimlanes", "text", (c) => c.notNull())
    .addColumn("filter_labels", "text", (c) => c.notNull().defaultTo("[]"))
    .addColumn("kind", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();

  await db.schema
    .createTable("work_settings")
    .addColumn("key", "text", (c) => c.primaryKey())
    .addColumn("value", "text", (c) => c.notNull())
    .execute();

  await db.schema
    .createTable("work_milestones")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("description", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("start_date", "text", (c) => c.notNull())
    .addColumn("due_date", "text", (c) => c.notNull())
    .addColumn("state", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();

  await db.schema
    .createTable("work_objectives")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("description", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("quarter", "text", (c) => c.notNull())
    .addColumn("owner_id", "text", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("work_objectives_quarter")
    .on("work_objectives")
    .column("quarter")
    .execute();

  await db.schema
    .createTable("work_key_results")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("objective_id", "text", (c) =>
      c.notNull().references("work_objectives.id").onDelete("cascade"),
    )
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("owner_id", "text", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("start_value", "double precision", (c) => c.notNull())
    .addColumn("target", "double precision", (c) => c.notNull())
    .addColumn("current", "double precision", (c) => c.notNull())
    .addColumn("unit", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();

  await db.schema
    .createTable("work_objective_epics")
    .addColumn("objective_id", "text", (c) =>
      c.notNull().references("work_objectives.id").onDelete("cascade"),
    )
    .addColumn("item_id", "text", (c) =>
      c.notNull().references("work_items.id").onDelete("cascade"),
    )
    .addPrimaryKeyConstraint("work_objective_epics_pk", ["objective_id", "item_id"])
    .execute();

  await db.schema
    .createTable("notifications")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("user_id", "text", (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("item_id", "text", (c) => c.references("work_items.id").onDelete("cascade"))
    .addColumn("actor_id", "text", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("title", "text", (c) => c.notNull())
    // Deduplicates reminders (due_soon once per item, person and due date).
    .addColumn("dedupe_key", "text", (c) => c.unique())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("read_at", "text")
    .execute();
  await db.schema
    .createIndex("notifications_user")
    .on("notifications")
    .columns(["user_id", "created_at"])
    .execute();

  await db.schema
    .createTable("outbound_events")
    .addColumn("seq", "integer", (c) => c.primaryKey())
    .addColumn("id", "text", (c) => c.notNull().unique())
    .addColumn("type", "text", (c) => c.notNull())
    .addColumn("recipient_id", "text", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("payload", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of [
    "outbound_events",
    "notifications",
    "work_objective_epics",
    "work_key_results",
    "work_objectives",
    "work_milestones",
    "work_settings",
    "work_boards",
    "work_templates",
    "work_labels",
    "work_status_updates",
    "work_history",
    "work_comments",
    "work_item_links",
    "work_change_approvals",
    "work_item_verdicts",
    "work_item_reviewers",
    "work_item_labels",
    "work_item_assignees",
    "work_items",
    "work_counters",
  ])
    await db.schema.dropTable(t).execute();
}
