import type { FastifyInstance } from "fastify";
import { api } from "@infrasec/contracts";
import type { Services } from "@infrasec/services";
import { mount } from "./mount";

export function assetsRoutes(app: FastifyInstance, services: Services): void {
  mount(app, api.assets.list, ({ ctx, query }) => {
    const { sort, limit, offset, ...filter } = query;
    return services.assets.list(ctx, filter, sort, limit, offset);
  });
  mount(app, api.assets.create, ({ ctx, body }) => services.assets.create(ctx, body));
  // Static paths are registered before `:id` ones on purpose only for readability: the router
  // prefers static segments anyway.
  mount(app, api.assets.correlate, ({ ctx, query }) =>
    services.assets.correlateFor(ctx, query.value, query.type),
  );
  mount(app, api.assets.import, ({ ctx, body }) =>
    services.assets.import(ctx, body.format, body.content, `upload.${body.format}`),
  );
  mount(app, api.assets.get, ({ ctx, params }) => services.assets.get(ctx, params.id));
  mount(app, api.assets.update, ({ ctx, params, body }) =>
    services.assets.update(ctx, params.id, body),
  );
  mount(app, api.assets.remove, ({ ctx, params }) => services.assets.remove(ctx, params.id));
  mount(app, api.assets.history, async ({ ctx, params }) => ({
    items: await services.assets.history(ctx, params.id),
  }));
}
