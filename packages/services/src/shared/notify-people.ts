import type { Repos, UserRecord } from "@infrasec/storage";
import { orderedId } from "../work/work-ids";
import type { NotificationKind } from "../work/work-view-types";

/** A notification about something that is not a work item: it carries an in-app link instead. */
export interface PersonNotice {
  kind: NotificationKind;
  title: string;
  /** In-app path the notification opens, e.g. /access/campaigns/<id>. */
  link: string;
  /** The people, as users (disabled ones are skipped). */
  recipients: readonly UserRecord[];
  /** Who caused it; null for the system (reminders, expiries). */
  actorId: string | null;
  /** Sent once per key (`{user}` is the recipient's id); absent: always sent. */
  dedupeKey?: (userId: string) => string;
  /** Extra fields of the outbound event. */
  payload: Record<string, unknown>;
  at: Date;
}

/** What every inbox notification carries, whatever it is about. */
export interface InboxNotice {
  kind: NotificationKind;
  title: string;
  /** Recipients (disabled ones, the actor and duplicates are skipped). */
  recipients: readonly UserRecord[];
  /** Who caused it; null for the system (reminders, expiries). */
  actorId: string | null;
  /** The work item it is about, or null with an in-app `link` instead. */
  itemId: string | null;
  link?: string;
  dedupeKey?: (userId: string) => string;
  /** The outbound event's payload for one recipient. */
  payloadOf: (user: UserRecord) => Record<string, unknown>;
  at: Date;
}

/**
 * Writes inbox notifications and, for each one written, an outbound event (`notification.<kind>`)
 * in the caller's transaction, so deliveries (email, chat) see exactly what the inbox shows.
 * Nobody is notified about their own action. Returns the number written (deduplicated ones
 * are not).
 */
export async function writeInboxNotices(tx: Repos, n: InboxNotice): Promise<number> {
  let written = 0;
  const seen = new Set<string>();
  for (const user of n.recipients) {
    if (user.disabled || seen.has(user.id) || user.id === n.actorId) continue;
    seen.add(user.id);
    const inserted = await tx.notifications.insert({
      id: orderedId(n.at.getTime()),
      userId: user.id,
      kind: n.kind,
      itemId: n.itemId,
      actorId: n.actorId,
      title: n.title,
      dedupeKey: n.dedupeKey ? n.dedupeKey(user.id) : null,
      createdAt: n.at.toISOString(),
      readAt: null,
      ...(n.link !== undefined ? { link: n.link } : {}),
    });
    if (!inserted) continue;
    await tx.notifications.appendEvent({
      id: orderedId(n.at.getTime()),
      type: `notification.${n.kind}`,
      recipientId: user.id,
      payload: n.payloadOf(user),
      createdAt: n.at.toISOString(),
    });
    written++;
  }
  return written;
}

/** Notifies people about something that is not a work item (an in-app link instead). */
export function notifyPeople(tx: Repos, n: PersonNotice): Promise<number> {
  return writeInboxNotices(tx, {
    ...n,
    itemId: null,
    payloadOf: (user) => ({ ...n.payload, link: n.link, title: n.title, recipient: user.username }),
  });
}
