import { api } from "@infrasec/contracts";
import type { NotificationView } from "@infrasec/contracts";
import { client } from "../../app/api-client";

export interface Inbox {
  items: NotificationView[];
  unread: number;
}

export function loadInbox(opts: { unread?: boolean; limit?: number } = {}): Promise<Inbox> {
  return client.call(api.notifications.inbox, {
    query: {
      ...(opts.unread === undefined ? {} : { unread: opts.unread ? "true" : "false" }),
      ...(opts.limit === undefined ? {} : { limit: opts.limit }),
    },
  });
}

/** Marks the given notifications read, or every one of the caller's when ids is absent. */
export function markRead(ids?: string[]): Promise<{ updated: number }> {
  return client.call(api.notifications.markRead, { body: ids ? { ids } : {} });
}
