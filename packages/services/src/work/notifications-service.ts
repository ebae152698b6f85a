import { systemActor } from "@infrasec/core";
import { addDays, isoDay } from "@infrasec/engines/work";
import type { Ctx, ServiceDeps } from "../shared/service-context";
import { requirePermission } from "../shared/service-context";
import { loadUserMap } from "./work-item-store";
import { notify } from "./work-notify";
import type { NotificationKind, NotificationView, OutboundEventView } from "./work-view-types";

/** Reminders go out for open assigned items due within this many days. */
export const DUE_SOON_DAYS = 2;

/**
 * The caller's inbox, read marks, and the outbound event stream delivery integrations read.
 * Due-date reminders are generated lazily when the inbox is read (no scheduler needed): once
 * per item, person and due date, thanks to the dedupe key.
 */
export function createNotificationsService(deps: ServiceDeps) {
  const { store, clock } = deps;

  async function generateDueSoon(userId: string): Promise<void> {
    const now = clock.now();
    const today = isoDay(now);
    const horizon = isoDay(addDays(now, DUE_SOON_DAYS));
    const { items } = await store.work.list(
      { assigneeId: userId, state: "open", dueOnOrAfter: today, dueOnOrBefore: horizon },
      { all: true },
      "dueDate",
      200,
    );
    if (items.length === 0) return;
    await store.transaction(async (tx) => {
      for (const item of items) {
        // Sent by the system: the reader is the recipient, and nobody acted.
        await notify(
          tx,
          deps,
          { actor: systemActor },
          {
            kind: "due_soon",
            item,
            recipientIds: [userId],
            dedupeKey: (u) => `due_soon:${item.id}:${u}:${item.dueDate}`,
          },
        );
      }
    });
  }

  return {
    async inbox(
      ctx: Ctx,
      opts: { unread?: boolean; limit: number },
    ): Promise<{ items: NotificationView[]; unread: number }> {
      const me = ctx.actor.userId;
      if (!me) return { items: [], unread: 0 };
      await generateDueSoon(me);
      const rows = await store.notifications.listForUser(me, {
        unreadOnly: opts.unread,
        limit: opts.limit,
      });
      const items = await store.work.findByIds(
        rows.map((r) => r.itemId).filter((x): x is string => !!x),
      );
      const numbers = new Map(items.map((i) => [i.id, i.number]));
      const users = await loadUserMap(
        store,
        rows.map((r) => r.actorId),
      );
      return {
        items: rows.map((r) => ({
          id: r.id,
          kind: r.kind as NotificationKind,
          itemId: r.itemId,
          itemNumber: r.itemId ? (numbers.get(r.itemId) ?? null) : null,
          title: r.title,
          actor: r.actorId ? (users.get(r.actorId) ?? null) : null,
          createdAt: r.createdAt,
          readAt: r.readAt,
          link: r.link ?? null,
        })),
        unread: await store.notifications.countUnread(me),
      };
    },

    /** Marks the caller's notifications read: the given ones, or all. */
    async markRead(ctx: Ctx, ids?: string[]): Promise<{ updated: number }> {
      const me = ctx.actor.userId;
      if (!me) return { updated: 0 };
      const updated = await store.notifications.markRead(me, clock.now().toISOString(), ids);
      return { updated };
    },

    /** Events after a position, oldest first; `next` is the position to pass next time. */
    async events(
      ctx: Ctx,
      after: number,
      limit: number,
    ): Promise<{ items: OutboundEventView[]; next: number }> {
      requirePermission(ctx, "settings:manage");
      const rows = await store.notifications.listEvents(after, limit);
      const users = await loadUserMap(
        store,
        rows.map((r) => r.recipientId),
      );
      return {
        items: rows.map((r) => ({
          seq: r.seq,
          id: r.id,
          type: r.type,
          recipient: r.recipientId ? (users.get(r.recipientId) ?? null) : null,
          payload: r.payload,
          createdAt: r.createdAt,
        })),
        next: rows.length > 0 ? rows[rows.length - 1]!.seq : after,
      };
    },
  };
}
export type NotificationsService = ReturnType<typeof createNotificationsService>;
