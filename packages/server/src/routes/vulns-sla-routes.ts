import type { FastifyInstance } from "fastify";
import { api } from "@infrasec/contracts";
import type { Services } from "@infrasec/services";
import { mount } from "./mount";

/** SLA sweeps and events, and the vulnerability dashboard (issue 4). */
export function vulnSlaRoutes(app: FastifyInstance, services: Services): void {
  mount(app, api.vulnSla.dashboard, ({ ctx, query }) => services.vulnMetrics.dashboard(ctx, query));
  mount(app, api.vulnSla.listSlaEvents, ({ ctx, query }) => services.vulnSla.events(ctx, query));
  mount(app, api.vulnSla.runSlaSweep, ({ ctx }) => services.vulnSla.runSweep(ctx));
}
