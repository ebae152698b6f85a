import type { FastifyInstance } from "fastify";
import { api } from "@infrasec/contracts";
import type { Services } from "@infrasec/services";
import { mount } from "./mount";

/** EPSS and CISA KEV imports, their status, and fix actions (docs/vulns/enrichment.md). */
export function vulnEnrichmentRoutes(app: FastifyInstance, services: Services): void {
  const e = services.vulnEnrichment;
  mount(app, api.vulnEnrichment.importEpss, ({ ctx, body }) =>
    e.importEpss(ctx, { content: body.content, fileName: body.fileName }),
  );
  mount(app, api.vulnEnrichment.importKev, ({ ctx, body }) =>
    e.importKev(ctx, { content: body.content, fileName: body.fileName }),
  );
  mount(app, api.vulnEnrichment.status, ({ ctx }) => e.status(ctx));
  mount(app, api.vulnEnrichment.fixActions, ({ ctx, query }) => e.fixActions(ctx, query));
}
