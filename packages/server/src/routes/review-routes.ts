import type { FastifyInstance } from "fastify";
import { api } from "@infrasec/contracts";
import type { Services } from "@infrasec/services";
import { mount } from "./mount";

/** Change review (issue 3): CI uploads of review runs, runs, findings, rules, suppressions. */
export function reviewRoutes(app: FastifyInstance, services: Services): void {
  mount(app, api.review.uploadRun, ({ ctx, body }) => services.review.upload(ctx, body));
  mount(app, api.review.listRuns, ({ ctx, query }) => {
    const { limit, offset, ...filter } = query;
    return services.review.listRuns(ctx, filter, limit, offset);
  });
  mount(app, api.review.getRun, ({ ctx, params }) => services.review.getRun(ctx, params.id));
  mount(app, api.review.runFindings, ({ ctx, params, query }) => {
    const { limit, offset, ...filter } = query;
    return services.review.runFindings(ctx, params.id, filter, limit, offset);
  });
  mount(app, api.review.projects, ({ ctx }) => services.review.projects(ctx));
  mount(app, api.review.listRules, ({ ctx, query }) => {
    const { limit, offset, ...filter } = query;
    return services.review.listRules(ctx, filter, limit, offset);
  });
  mount(app, api.review.getRule, ({ ctx, params }) => services.review.getRule(ctx, params.id));
  mount(app, api.review.listSuppressions, ({ ctx, query }) => {
    const { limit, offset, ...filter } = query;
    return services.review.listSuppressions(ctx, filter, limit, offset);
  });
}
