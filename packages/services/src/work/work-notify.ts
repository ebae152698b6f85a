import type { Repos, WorkItemRecord } from "@infrasec/storage";
import type { Ctx, ServiceDeps } from "../shared/service-context";
import type { NotificationKind } from "./work-view-types";
import { orderedId } from "./work-ids";

/** One notification to send about an item. */
export interface NotifyInput {
  kind: NotificationKind;
  item: Pick<WorkItemRecord, "id" | "number" | "title" | "kind">;
  /** User ids; the acting person and duplicates are dropped. */
  recipientIds: readonly (string | null | undefined)[];
  /** Reminders are sent once per key (due_soon:<item>:<user>:<due>); `{user}` is replaced. */
  dedupeKey?: (userId: string) => string;
}

/**
 * Writes inbox notifications and, for each one written, an outbound event (`notification.<kind>`)
 * in the caller's transaction, so deliveries (email, chat) see exactly what the inbox shows.
 * Nobody is notified about their own action. Returns how many were written.
 */
export async function notify(
  tx: Repos,
  deps: Pick<ServiceDeps, "clock">,
  ctx: Ctx,
  n: NotifyInput,
): Promise<number> {
  const recipients = [
    ...new Set(n.recipientIds.filter((id): id is string => !!id && id !== ctx.actor.userId)),
  ];
  if (recipients.length === 0) return 0;
  const users = new Map((await tx.users.findByIds(recipients)).map((u) => [u.id, u]));
  const at = deps.clock.now();
  let written = 0;
  for (const userId of recipients) {
    const user = users.get(userId);
    if (!user || user.disabled) continue;
    const inserted = await tx.notifications.insert({
      id: orderedId(at.getTime()),
      userId,
      kind: n.kind,
      itemId: n.item.id,
      actorId: ctx.actor.userId,
      title: n.item.title,
      dedupeKey: n.dedupeKey ? n.dedupeKey(userId) : null,
      createdAt: at.toISOString(),
      readAt: null,
    });
    if (!inserted) continue;
    await tx.notifications.appendEvent({
      id: orderedId(at.getTime()),
      type: `notification.${n.kind}`,
      recipientId: userId,
      payload: {
        itemId: n.item.id,
        itemNumber: n.item.number,
        itemTitle: n.item.title,
        itemKind: n.item.kind,
        recipient: user.username,
        actor: ctx.actor.userId ? ctx.actor.username : null,
      },
      createdAt: at.toISOString(),
    });
    written++;
  }
  return written;
}
