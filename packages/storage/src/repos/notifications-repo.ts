import type { Executor } from "./executor";

export interface NotificationRecord {
  id: string;
  userId: string;
  kind: string;
  itemId: string | null;
  actorId: string | null;
  title: string;
  dedupeKey: string | null;
  createdAt: string;
  readAt: string | null;
  /** In-app path when the notification is not about a work item (absent: none). */
  link?: string | null;
}

export interface OutboundEventRecord {
  seq: number;
  id: string;
  type: string;
  recipientId: string | null;
  payload: Record<string, unknown>;
  createdAt: string;
}

/**
 * The in-app inbox and the outbound event stream. Event positions come from the
 * `outbound_event` counter (an UPDATE … RETURNING, serialized by PostgreSQL's row lock), so
 * readers can page with `after` and never miss an event committed later with a lower number.
 */
export function notificationsRepo(db: Executor) {
  return {
    /** Inserts unless the dedupe key exists already; true when inserted. */
    async insert(n: NotificationRecord): Promise<boolean> {
      const r = await db
        .insertInto("notifications")
        .values({
          id: n.id,
          user_id: n.userId,
          kind: n.kind,
          item_id: n.itemId,
          actor_id: n.actorId,
          title: n.title,
          dedupe_key: n.dedupeKey,
          created_at: n.createdAt,
          read_at: n.readAt,
          link: n.link ?? null,
        })
        .onConflict((oc) => oc.column("dedupe_key").doNothing())
        .executeTakeFirst();
      return Number(r.numInsertedOrUpdatedRows ?? 0) > 0;
    },
    /** A person's notifications, newest first. */
    async listForUser(
      userId: string,
      opts: { unreadOnly?: boolean; limit: number },
    ): Promise<NotificationRecord[]> {
      let q = db.selectFrom("notifications").selectAll().where("user_id", "=", userId);
      if (opts.unreadOnly) q = q.where("read_at", "is", null);
      const rows = await q
        .orderBy("created_at", "desc")
        .orderBy("id", "desc")
        .limit(opts.limit)
        .execute();
      return rows.map((r) => ({
        id: r.id,
        userId: r.user_id,
        kind: r.kind,
        itemId: r.item_id,
        actorId: r.actor_id,
        title: r.title,
        dedupeKey: r.dedupe_key,
        createdAt: r.created_at,
        readAt: r.read_at,
        link: r.link,
      }));
    },
    async countUnread(userId: string): Promise<number> {
      const r = await db
        .selectFrom("notifications")
        .select((eb) => eb.fn.countAll<number>().as("n"))
        .where("user_id", "=", userId)
        .where("read_at", "is", null)
        .executeTakeFirstOrThrow();
      return Number(r.n);
    },
    /** Marks a person's unread notifications read (only the given ones when ids is set). */
    async markRead(userId: string, at: string, ids?: readonly string[]): Promise<number> {
      if (ids && ids.length === 0) return 0;
      let q = db
        .updateTable("notifications")
        .set({ read_at: at })
        .where("user_id", "=", userId)
        .where("read_at", "is", null);
      if (ids) q = q.where("id", "in", [...ids]);
      const r = await q.executeTakeFirst();
      return Number(r.numUpdatedRows);
    },

    /** Appends an event at the next position of the stream and returns the position. */
    async appendEvent(e: Omit<OutboundEventRecord, "seq">): Promise<number> {
      const c = await db
        .updateTable("work_counters")
        .set((eb) => ({ value: eb("value", "+", 1) }))
        .where("name", "=", "outbound_event")
        .returning("value")
        .executeTakeFirstOrThrow();
      const seq = Number(c.value);
      await db
        .insertInto("outbound_events")
        .values({
          seq,
          id: e.id,
          type: e.type,
          recipient_id: e.recipientId,
          payload: JSON.stringify(e.payload),
          created_at: e.createdAt,
        })
        .execute();
      return seq;
    },
    async listEvents(after: number, limit: number): Promise<OutboundEventRecord[]> {
      const rows = await db
        .selectFrom("outbound_events")
        .selectAll()
        .where("seq", ">", after)
        .orderBy("seq")
        .limit(limit)
        .execute();
      return rows.map((r) => ({
        seq: Number(r.seq),
        id: r.id,
        type: r.type,
        recipientId: r.recipient_id,
        payload: JSON.parse(r.payload) as Record<string, unknown>,
        createdAt: r.created_at,
      }));
    },
  };
}
export type NotificationsRepo = ReturnType<typeof notificationsRepo>;
