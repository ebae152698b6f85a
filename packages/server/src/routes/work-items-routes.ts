import type { FastifyInstance } from "fastify";
import { api } from "@infrasec/contracts";
import type { Services } from "@infrasec/services";
import { mount } from "./mount";

/** Work items (api.workItems): thin adapters over services.workItems. */
export function workItemsRoutes(app: FastifyInstance, services: Services): void {
  const w = api.workItems;
  mount(app, w.list, ({ ctx, query }) => services.workItems.list(ctx, query));
  mount(app, w.create, ({ ctx, body }) => services.workItems.create(ctx, body));
  mount(app, w.byNumber, ({ ctx, params }) => services.workItems.getByNumber(ctx, params.number));
  mount(app, w.get, ({ ctx, params }) => services.workItems.get(ctx, params.id));
  mount(app, w.update, ({ ctx, params, body }) => services.workItems.update(ctx, params.id, body));
  mount(app, w.labels, ({ ctx, params, body }) =>
    services.workItems.changeLabels(ctx, params.id, body),
  );
  mount(app, w.history, async ({ ctx, params }) => ({
    items: await services.workItems.history(ctx, params.id),
  }));
  mount(app, w.comments, async ({ ctx, params }) => ({
    items: await services.workItems.comments(ctx, params.id),
  }));
  mount(app, w.addComment, ({ ctx, params, body }) =>
    services.workItems.addComment(ctx, params.id, body.body),
  );
  mount(app, w.verdict, ({ ctx, params, body }) =>
    services.workItems.verdict(ctx, params.id, body),
  );
  mount(app, w.changeApproval, ({ ctx, params, body }) =>
    services.workItems.changeApproval(ctx, params.id, body),
  );
  mount(app, w.addLink, ({ ctx, params, body }) =>
    services.workItems.addLink(ctx, params.id, body),
  );
  mount(app, w.removeLink, ({ ctx, params }) =>
    services.workItems.removeLink(ctx, params.id, params.linkId),
  );
  mount(app, w.assess, ({ ctx, body }) => services.workItems.assess(ctx, body.fields));
}
