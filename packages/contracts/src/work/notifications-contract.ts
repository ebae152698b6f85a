import { z } from "zod";
import { limitQuery, route } from "../route";
import { userRefSchema } from "./work-schemas";

/** The in-app inbox and the outbound event stream later deliveries (email, chat) read. */

export const NOTIFICATION_KINDS = [
  "assigned",
  "mentioned",
  "review_requested",
  "approval_given",
  "approval_refused",
  "due_soon",
  /** Access reviews: items assigned to you, a reminder before the deadline, the deadline passed. */
  "access_review_assigned",
  "access_review_reminder",
  "access_review_overdue",
  /** Vulnerability exceptions the recipient requested: decided, ending soon, ended. */
  "exception_approved",
  "exception_rejected",
  "exception_revoked",
  "exception_expiring",
  "exception_expired",
] as const;

export const notificationSchema = z.object({
  id: z.string(),
  kind: z.enum(NOTIFICATION_KINDS),
  itemId: z.string().nullable(),
  itemNumber: z.number().nullable(),
  title: z.string(),
  actor: userRefSchema.nullable(),
  createdAt: z.string(),
  readAt: z.string().nullable(),
  /** In-app path for notifications that are not about a work item; null otherwise. */
  link: z.string().nullable(),
});
export type NotificationView = z.infer<typeof notificationSchema>;

export const outboundEventSchema = z.object({
  /** Monotonic position in the stream; pass it back as `after` to read on. */
  seq: z.number(),
  id: z.string(),
  type: z.string(),
  recipient: userRefSchema.nullable(),
  payload: z.record(z.string(), z.unknown()),
  createdAt: z.string(),
});

export const notificationsRoutes = {
  inbox: route({
    method: "GET",
    path: "/api/v1/notifications",
    summary: "The caller's notifications, newest first",
    tag: "notifications",
    access: "authenticated",
    query: z.strictObject({ unread: z.enum(["true", "false"]).optional(), limit: limitQuery }),
    response: z.object({ items: z.array(notificationSchema), unread: z.number() }),
  }),
  markRead: route({
    method: "POST",
    path: "/api/v1/notifications/read",
    summary: "Mark notifications read (all of the caller's when ids is absent)",
    tag: "notifications",
    access: "authenticated",
    body: z.strictObject({ ids: z.array(z.uuid()).max(500).optional() }),
    response: z.object({ updated: z.number() }),
  }),
  events: route({
    method: "GET",
    path: "/api/v1/events",
    summary: "Outbound notification events after a position, for delivery integrations",
    tag: "notifications",
    access: "settings:manage",
    query: z.strictObject({
      after: z.coerce.number().int().min(0).default(0),
      limit: limitQuery,
    }),
    response: z.object({ items: z.array(outboundEventSchema), next: z.number() }),
  }),
};
