import type { NotificationView } from "@infrasec/contracts";

type Kind = NotificationView["kind"];

/** What each kind of notification means, with a glyph (the app ships no icon font). */
export const NOTIFICATION_KINDS: Readonly<
  Record<Kind, { label: string; icon: string; color: string }>
> = {
  assigned: { label: "Assigned to you", icon: "→", color: "blue" },
  mentioned: { label: "Mentioned you", icon: "@", color: "indigo" },
  review_requested: { label: "Review requested", icon: "?", color: "violet" },
  approval_given: { label: "Approved", icon: "✓", color: "green" },
  approval_refused: { label: "Refused", icon: "✕", color: "red" },
  due_soon: { label: "Due soon", icon: "!", color: "orange" },
  access_review_assigned: { label: "Access review assigned", icon: "→", color: "teal" },
  access_review_reminder: { label: "Access review reminder", icon: "!", color: "orange" },
  access_review_overdue: { label: "Access review overdue", icon: "!", color: "red" },
  exception_approved: { label: "Exception approved", icon: "✓", color: "green" },
  exception_rejected: { label: "Exception rejected", icon: "✕", color: "red" },
  exception_revoked: { label: "Exception revoked", icon: "✕", color: "gray" },
  exception_expiring: { label: "Exception expiring", icon: "!", color: "orange" },
  exception_expired: { label: "Exception expired", icon: "!", color: "red" },
};

export function notificationKind(kind: string): { label: string; icon: string; color: string } {
  return (
    (NOTIFICATION_KINDS as Record<string, { label: string; icon: string; color: string }>)[
      kind
    ] ?? {
      label: kind.replace(/_/g, " "),
      icon: "•",
      color: "gray",
    }
  );
}

/**
 * Where a notification leads: its item's page, else its in-app link (only same-origin paths:
 * a stored link is never followed off the site), else nowhere.
 */
export function notificationHref(n: Pick<NotificationView, "itemNumber" | "link">): string | null {
  if (n.itemNumber !== null) return `/work/items/${n.itemNumber}`;
  return n.link && /^\/(?!\/)/.test(n.link) ? n.link : null;
}

/** The badge text of the bell: nothing at 0, "99+" past 99. */
export function unreadBadge(unread: number): string | null {
  if (unread <= 0) return null;
  return unread > 99 ? "99+" : String(unread);
}

/** The bell's accessible name, which says the count ("Notifications, 3 unread"). */
export function bellLabel(unread: number): string {
  return unread > 0 ? `Notifications, ${unread} unread` : "Notifications";
}

/** Ids of the unread notifications of a list (to mark exactly what was shown as read). */
export function unreadIds(items: readonly Pick<NotificationView, "id" | "readAt">[]): string[] {
  return items.filter((n) => n.readAt === null).map((n) => n.id);
}

/** How often the bell asks for the unread count; it also asks on every navigation. */
export const INBOX_POLL_MS = 60_000;
