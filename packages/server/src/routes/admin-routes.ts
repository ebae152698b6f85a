import type { FastifyInstance } from "fastify";
import { api } from "@infrasec/contracts";
import type { Services } from "@infrasec/services";
import { mount } from "./mount";

/** Users, teams and API tokens. */
export function adminRoutes(app: FastifyInstance, services: Services): void {
  mount(app, api.users.list, async ({ ctx }) => ({ items: await services.users.list(ctx) }));
  mount(app, api.users.create, ({ ctx, body }) => services.users.create(ctx, body));
  mount(app, api.users.get, ({ ctx, params }) => services.users.get(ctx, params.id));
  mount(app, api.users.update, ({ ctx, params, body }) =>
    services.users.update(ctx, params.id, body),
  );
  mount(app, api.users.unlock, ({ ctx, params }) => services.users.unlock(ctx, params.id));
  mount(app, api.users.resetPassword, ({ ctx, params }) =>
    services.users.resetPassword(ctx, params.id),
  );

  mount(app, api.teams.list, async ({ ctx }) => ({ items: await services.teams.list(ctx) }));
  mount(app, api.teams.create, ({ ctx, body }) => services.teams.create(ctx, body));
  mount(app, api.teams.update, ({ ctx, params, body }) =>
    services.teams.update(ctx, params.id, body),
  );
  mount(app, api.teams.setMembers, ({ ctx, params, body }) =>
    services.teams.setMembers(ctx, params.id, body.userIds),
  );
  mount(app, api.teams.remove, ({ ctx, params }) => services.teams.remove(ctx, params.id));

  mount(app, api.tokens.list, async ({ ctx, query }) => ({
    items: await services.tokens.list(ctx, { all: query.all === "true" }),
  }));
  mount(app, api.tokens.create, ({ ctx, body }) => services.tokens.create(ctx, body));
  mount(app, api.tokens.revoke, ({ ctx, params }) => services.tokens.revoke(ctx, params.id));
}
