import type { Repos, WorkItemRecord } from "@infrasec/storage";
import type { Ctx, ServiceDeps } from "../shared/service-context";
import type { NotificationKind } from "./work-view-types";
import { writeInboxNotices } from "../shared/notify-people";

/** One notification to send about an item. */
export interface NotifyInput {
  kind: NotificationKind;
  item: Pick<WorkItemRecord, "id" | "number" | "title" | "kind">;
  /** User ids; the acting person and duplicates are dropped. */
  recipientIds: readonly (string | null | undefined)[];
  /** Reminders are sent once per key (due_soon:<item>:<user>:<due>); `{user}` is replaced. */
  dedupeKey?: (userId: string) => string;
}

/** Notifies the people of an item about a change (work-item notifications). */
export async function notify(
  tx: Repos,
  deps: Pick<ServiceDeps, "clock">,
  ctx: Ctx,
  n: NotifyInput,
): Promise<number> {
  const ids = [
    ...new Set(n.recipientIds.filter((id): id is string => !!id && id !== ctx.actor.userId)),
  ];
  if (ids.length === 0) return 0;
  const users = new Map((await tx.users.findByIds(ids)).map((u) => [u.id, u]));
  return writeInboxNotices(tx, {
    kind: n.kind,
    title: n.item.title,
    recipients: ids.flatMap((id) => users.get(id) ?? []),
    actorId: ctx.actor.userId,
    itemId: n.item.id,
    dedupeKey: n.dedupeKey,
    at: deps.clock.now(),
    payloadOf: (user) => ({
      itemId: n.item.id,
      itemNumber: n.item.number,
      itemTitle: n.item.title,
      itemKind: n.item.kind,
      recipient: user.username,
      actor: ctx.actor.userId ? ctx.actor.username : null,
    }),
  });
}
