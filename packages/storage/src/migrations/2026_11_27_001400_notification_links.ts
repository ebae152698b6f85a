import type { Kysely } from "kysely";

// Frozen once released: never edit, add a new migration. Kysely<any> on purpose (see 000300).
// Notifications about things other than work items (access reviews, exceptions, SLA clocks) carry
// the in-app path they lead to. Access-review campaigns remember which reminders and escalations
// they already sent, so an hourly sweep in several processes sends each one once.
/* eslint-disable @typescript-eslint/no-explicit-any */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("notifications").addColumn("link", "text").execute();
  await db.schema
    .createTable("access_campaign_signals")
    .addColumn("campaign_id", "text", (c) =>
      c.notNull().references("access_campaigns.id").onDelete("cascade"),
    )
    // e.g. "remind:5:alice", "overdue", "removal_due:<item id>"
    .addColumn("signal", "text", (c) => c.notNull())
    .addColumn("sent_at", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("access_campaign_signals_pk", ["campaign_id", "signal"])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("access_campaign_signals").execute();
  await db.schema.alterTable("notifications").dropColumn("link").execute();
}
