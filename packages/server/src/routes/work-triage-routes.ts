import type { FastifyInstance } from "fastify";
import { api } from "@infrasec/contracts";
import type { Services } from "@infrasec/services";
import { mount } from "./mount";

/** Triage queue and report, bulk changes, hygiene, the Decision Log, board views and moves. */
export function workTriageRoutes(app: FastifyInstance, services: Services): void {
  mount(app, api.workTriage.queue, ({ ctx }) => services.triage.queue(ctx));
  mount(app, api.workTriage.report, ({ ctx, query }) => services.triage.report(ctx, query.since));
  mount(app, api.workTriage.bulk, ({ ctx, body }) => services.triage.bulk(ctx, body));
  mount(app, api.workTriage.hygiene, ({ ctx, body }) => services.triage.hygiene(ctx, body.dryRun));
  mount(app, api.workTriage.decisions, async ({ ctx, query }) => ({
    items: await services.triage.decisions(ctx, query.q),
  }));
  mount(app, api.workTriage.board, ({ ctx, params, query }) =>
    services.boards.view(ctx, params.id, query),
  );
  mount(app, api.workTriage.move, ({ ctx, params, body }) =>
    services.boards.move(ctx, params.id, body),
  );
}
