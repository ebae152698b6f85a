import type { FastifyInstance } from "fastify";
import { api } from "@infrasec/contracts";
import type { Services } from "@infrasec/services";
import { mount } from "./mount";

/** The inbox, read marks and the outbound event stream (api.notifications). */
export function notificationsRoutes(app: FastifyInstance, services: Services): void {
  const n = api.notifications;
  mount(app, n.inbox, ({ ctx, query }) =>
    services.notifications.inbox(ctx, {
      unread: query.unread === undefined ? undefined : query.unread === "true",
      limit: query.limit,
    }),
  );
  mount(app, n.markRead, ({ ctx, body }) => services.notifications.markRead(ctx, body.ids));
  mount(app, n.events, ({ ctx, query }) =>
    services.notifications.events(ctx, query.after, query.limit),
  );
}
