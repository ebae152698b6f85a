import type { FastifyInstance } from "fastify";
import { api } from "@infrasec/contracts";
import type { Services } from "@infrasec/services";
import { mount } from "./mount";

/** Vulnerability management (issue 4): imports as jobs, findings, status changes. */
export function vulnsRoutes(app: FastifyInstance, services: Services): void {
  const v = services.vulns;
  mount(app, api.vulns.importReport, ({ ctx, body }) =>
    v.startImport(ctx, {
      content: body.content,
      format: body.format,
      asset: body.asset,
      scanner: body.scanner,
      scope: body.scope,
      fileName: body.fileName,
    }),
  );
  mount(app, api.vulns.listImports, async ({ ctx, query }) => ({
    items: await v.listImports(ctx, query.asset, query.limit),
  }));
  mount(app, api.vulns.getImport, ({ ctx, params }) => v.getImport(ctx, params.id));
  mount(app, api.vulns.confirmImport, ({ ctx, params }) => v.confirmImport(ctx, params.id));
  mount(app, api.vulns.listFindings, ({ ctx, query }) => v.listFindings(ctx, query));
  mount(app, api.vulns.getFinding, ({ ctx, params }) => v.getFinding(ctx, params.id));
  mount(app, api.vulns.changeStatus, ({ ctx, params, body }) =>
    v.changeStatus(ctx, params.id, body),
  );
  mount(app, api.vulns.editFinding, ({ ctx, params, body }) => v.editFinding(ctx, params.id, body));
}
