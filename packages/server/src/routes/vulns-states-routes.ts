import type { FastifyInstance } from "fastify";
import { Readable } from "node:stream";
import { api } from "@infrasec/contracts";
import type { Services } from "@infrasec/services";
import { mount } from "./mount";

/** Finding states in bulk, VEX and GitLab state imports, and finding exports (issue 4). */
export function vulnStatesRoutes(app: FastifyInstance, services: Services): void {
  const s = services.vulnStates;
  mount(app, api.vulnStates.bulkStatus, ({ ctx, body }) => s.bulkStatus(ctx, body));
  mount(app, api.vulnStates.applyVex, ({ ctx, body }) => s.applyVex(ctx, body));
  mount(app, api.vulnStates.applyGitlabStates, ({ ctx, body }) => s.applyGitlabCsv(ctx, body));
  mount(app, api.vulnStates.exportFindings, async ({ ctx, query, reply }) => {
    // Asset and permission are checked before the first byte; findings stream page by page.
    const out = await s.exportFindings(ctx, query);
    await reply
      .header("content-type", out.mediaType)
      .header("content-disposition", `attachment; filename="${out.fileName}"`)
      .send(Readable.from(out.chunks));
  });
}
