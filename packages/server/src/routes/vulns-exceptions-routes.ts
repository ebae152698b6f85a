import type { FastifyInstance } from "fastify";
import { api } from "@infrasec/contracts";
import type { Services } from "@infrasec/services";
import { mount } from "./mount";

/** Vulnerability exceptions (issue 4): risk acceptances and deviation requests. */
export function vulnExceptionsRoutes(app: FastifyInstance, services: Services): void {
  const x = services.vulnExceptions;
  const r = api.vulnExceptions;
  mount(app, r.list, ({ ctx, query }) => x.list(ctx, query));
  mount(app, r.get, ({ ctx, params }) => x.get(ctx, params.id));
  mount(app, r.request, ({ ctx, body }) => x.request(ctx, body));
  mount(app, r.approve, ({ ctx, params, body }) => x.approve(ctx, params.id, body.note));
  mount(app, r.reject, ({ ctx, params, body }) => x.reject(ctx, params.id, body.note));
  mount(app, r.revoke, ({ ctx, params, body }) => x.revoke(ctx, params.id, body.note));
}
