import { basename } from "node:path";
import type { z } from "zod";
import type { AssetListQuery } from "@infrasec/contracts";
import {
  api,
  assetListQuery,
  createWorkItemBody,
  labelChangeBody,
  patchWorkItemBody,
  workListQuery,
} from "@infrasec/contracts";
import { AppError, ID_PATTERN, notFound, systemActor, systemClock } from "@infrasec/core";
import type { Ctx } from "@infrasec/services";
import { createServices, loadDemoData } from "@infrasec/services";
import { openConfiguredDatabase, vulnsUploadOptions } from "@infrasec/server";
import type { ServerConfig } from "@infrasec/server";
import { createStore } from "@infrasec/storage";
import type { Backend } from "./backend";
import { KEV_MAX_FILE_BYTES, fileLines, fileText } from "./enrichment-files";
import { localVulnExceptions } from "./vulns-exceptions-backend";
import { localVulnStates } from "./vulns-states-backend";
import { localVulnSla } from "./vulns-sla-backend";

/**
 * Local mode validates with the contract's schemas, as the server's routes do, so both modes
 * refuse the same input naming the same fields (`body.title`, `query.state`).
 */
function parse<T extends z.ZodType>(schema: T, value: unknown, where: string): z.output<T> {
  const r = schema.safeParse(value);
  if (r.success) return r.data;
  const details = r.error.issues.slice(0, 50).map((i) => ({
    path: [where, ...i.path.map(String)].join("."),
    message: i.message,
  }));
  throw new AppError(
    "validation_failed",
    `invalid ${where}: ${details.map((d) => `${d.path} ${d.message}`).join("; ")}`,
    details,
  );
}

/**
 * Local mode: the services on the configured database, acting as the system principal. Whoever
 * can read the data directory owns the data anyway; every change is still audited as `system`.
 */
export async function createLocalBackend(
  config: Pick<ServerConfig, "dataDir" | "databaseUrl">,
): Promise<Backend> {
  const handle = await openConfiguredDatabase(config);
  const store = createStore(handle);
  const s = createServices({ store, clock: systemClock, vulns: vulnsUploadOptions(config) });
  const ctx: Ctx = { actor: { ...systemActor, username: "cli" }, requestId: "cli" };
  return {
    mode: "local",
    createUser: (body) => s.users.create(ctx, body),
    listUsers: () => s.users.list(ctx),
    async findUserId(username) {
      const u = (await s.users.list(ctx)).find((x) => x.username === username);
      if (!u) throw notFound(`user ${username}`);
      return u.id;
    },
    createToken: (body) => s.tokens.create(ctx, body),
    listTokens: () => s.tokens.list(ctx, { all: true }),
    revokeToken: (id) => s.tokens.revoke(ctx, id),
    importAssets: (format, content, file) => s.assets.import(ctx, format, content, file),
    listAssets(q: AssetListQuery) {
      const { sort, limit, offset, ...filter } = assetListQuery.parse(q);
      return s.assets.list(ctx, filter, sort, limit, offset);
    },
    async getAsset(idOrKey) {
      if (ID_PATTERN.test(idOrKey)) return s.assets.get(ctx, idOrKey);
      const { asset } = await s.assets.correlate(idOrKey);
      if (!asset) throw notFound(`asset ${idOrKey}`);
      return asset;
    },
    verifyAudit: () => s.audit.verify(ctx),
    async exportAudit(filter, format, write) {
      for await (const chunk of s.audit.export(ctx, filter, format)) write(chunk);
    },
    createWorkItem: (body) => s.workItems.create(ctx, parse(createWorkItemBody, body, "body")),
    listWorkItems: (q) => s.workItems.list(ctx, parse(workListQuery, q, "query")),
    getWorkItemByNumber: (num) => s.workItems.getByNumber(ctx, num),
    workItemHistory: (id) => s.workItems.history(ctx, id),
    workItemComments: (id) => s.workItems.comments(ctx, id),
    updateWorkItem: (id, patch) =>
      s.workItems.update(ctx, id, parse(patchWorkItemBody, patch, "body")),
    changeWorkItemLabels: (id, change) =>
      s.workItems.changeLabels(ctx, id, parse(labelChangeBody, change, "body")),
    addWorkComment: (id, body) =>
      s.workItems.addComment(ctx, id, parse(api.workItems.addComment.body, { body }, "body").body),
    triageReport: (since) =>
      s.triage.report(ctx, parse(api.workTriage.report.query, { since }, "query").since),
    uploadReviewRun: (body) => s.review.upload(ctx, parse(api.review.uploadRun.body, body, "body")),
    loadDemoData: () =>
      // The vulnerability demo replays months of history on a clock of its own.
      loadDemoData(s, systemClock, { ...ctx, requestId: "demo" }, (clock) =>
        createServices({ store, clock, vulns: vulnsUploadOptions(config) }),
      ),
    async importVulnReport({ file, ...rest }) {
      // The file is read in place as a stream (plain or gzip): local imports are bound by
      // neither the HTTP body limit nor memory.
      const body = parse(api.vulns.importReport.body.omit({ content: true }), rest, "body");
      return s.vulns.runImport(ctx, { ...body, file });
    },
    listVulnFindings: (q) =>
      s.vulns.listFindings(ctx, parse(api.vulns.listFindings.query, q, "query")),
    getVulnFinding: (id) => s.vulns.getFinding(ctx, id),
    importEpss: (file) =>
      s.vulnEnrichment.importEpss(ctx, { lines: fileLines(file), fileName: basename(file) }),
    importKev: async (file) =>
      s.vulnEnrichment.importKev(ctx, {
        content: await fileText(file, KEV_MAX_FILE_BYTES),
        fileName: basename(file),
      }),
    enrichmentStatus: () => s.vulnEnrichment.status(ctx),
    fixActions: (q) =>
      s.vulnEnrichment.fixActions(ctx, parse(api.vulnEnrichment.fixActions.query, q, "query")),
    vulnExceptions: localVulnExceptions(s, ctx),
    vulnStates: localVulnStates(s, ctx),
    vulnSla: localVulnSla(s, ctx),
    close: async () => {
      // Deadline recomputations an asset or policy change queued finish before the CLI exits.
      await s.slaRecompute.idle();
      await handle.close();
    },
  };
}
