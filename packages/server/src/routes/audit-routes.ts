import type { FastifyInstance } from "fastify";
import { Readable } from "node:stream";
import { api } from "@infrasec/contracts";
import type { Services } from "@infrasec/services";
import { mount } from "./mount";

export function auditRoutes(app: FastifyInstance, services: Services): void {
  mount(app, api.audit.list, ({ ctx, query }) => {
    const { limit, before, ...filter } = query;
    return services.audit.list(ctx, filter, limit, before);
  });

  mount(app, api.audit.export, async ({ ctx, query, reply }) => {
    const { format, ...filter } = query;
    const stamp = new Date().toISOString().replace(/[:.]/g, "-");
    const stream = Readable.from(services.audit.export(ctx, filter, format));
    await reply
      .header("content-type", format === "csv" ? "text/csv; charset=utf-8" : "application/x-ndjson")
      .header("content-disposition", `attachment; filename="infrasec-audit-${stamp}.${format}"`)
      .send(stream);
  });

  mount(app, api.audit.verify, ({ ctx }) => services.audit.verify(ctx));
}
