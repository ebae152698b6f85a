import type { FastifyInstance } from "fastify";
import { api } from "@infrasec/contracts";
import type { Services } from "@infrasec/services";
import { mount } from "./mount";

/**
 * Labels, templates and settings of api.workCatalog (the board routes of the same contract are
 * mounted by work-boards-routes.ts).
 */
export function workCatalogRoutes(app: FastifyInstance, services: Services): void {
  const c = api.workCatalog;
  mount(app, c.listLabels, async ({ ctx, query }) => ({
    items: await services.workCatalog.listLabels(ctx, query.q),
  }));
  mount(app, c.createLabel, ({ ctx, body }) => services.workCatalog.createLabel(ctx, body));
  mount(app, c.updateLabel, ({ ctx, params, body }) =>
    services.workCatalog.updateLabel(ctx, params.name, body),
  );
  mount(app, c.deleteLabel, ({ ctx, params }) =>
    services.workCatalog.deleteLabel(ctx, params.name),
  );
  mount(app, c.listTemplates, async ({ ctx }) => ({
    items: await services.workCatalog.listTemplates(ctx),
  }));
  mount(app, c.getTemplate, ({ ctx, params }) => services.workCatalog.getTemplate(ctx, params.id));
  mount(app, c.updateTemplate, ({ ctx, params, body }) =>
    services.workCatalog.updateTemplate(ctx, params.id, body.definition),
  );
  mount(app, c.resetTemplate, ({ ctx, params }) =>
    services.workCatalog.resetTemplate(ctx, params.id),
  );
  mount(app, c.getSettings, ({ ctx }) => services.workCatalog.getSettings(ctx));
  mount(app, c.updateSettings, ({ ctx, body }) => services.workCatalog.updateSettings(ctx, body));
}
