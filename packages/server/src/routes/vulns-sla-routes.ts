import type { FastifyInstance } from "fastify";
import { api } from "@infrasec/contracts";
import type { Services } from "@infrasec/services";
import { mount } from "./mount";

/** SLA sweeps and events, and the vulnerability dashboard (issue 4). */
export function vulnSlaRoutes(app: FastifyInstance, services: Services): void {
  mount(app, api.vulnSla.dashboard, ({ ctx, query }) => services.vulnMetrics.dashboard(ctx, query));
  mount(app, api.vulnSla.listSlaEvents, ({ ctx, query }) => services.vulnSla.events(ctx, query));
  mount(app, api.vulnSla.runSlaSweep, ({ ctx }) => services.vulnSla.runSweep(ctx));
  // The policy as data; an edit answers with the recomputation task it queued.
  mount(app, api.vulnSlaPolicy.getSlaPolicy, ({ ctx }) => services.vulnSlaPolicy.get(ctx));
  mount(app, api.vulnSlaPolicy.updateSlaPolicy, ({ ctx, body }) =>
    services.vulnSlaPolicy.update(ctx, body),
  );
  mount(app, api.vulnSlaPolicy.getSlaRecompute, ({ ctx, params }) =>
    services.vulnSlaPolicy.recompute(ctx, params.id),
  );
}
