import { basename } from "node:path";
import { ApiError, api, createClient } from "@infrasec/contracts";
import { AppError, ERROR_CODES, ID_PATTERN, notFound } from "@infrasec/core";
import type { ErrorCode } from "@infrasec/core";
import type { Backend } from "./backend";
import { uploadVulnReport } from "./vulns-upload";
import { EPSS_MAX_EXPANDED_BYTES, KEV_MAX_FILE_BYTES, fileText } from "./enrichment-files";
import { remoteVulnExceptions } from "./vulns-exceptions-backend";
import { remoteVulnStates } from "./vulns-states-backend";
import { remoteVulnSla } from "./vulns-sla-backend";

/** Server errors become AppErrors so the CLI maps them to exit codes in one place. */
function rethrow(e: unknown): never {
  if (e instanceof ApiError) {
    const code = (ERROR_CODES as readonly string[]).includes(e.code)
      ? (e.code as ErrorCode)
      : "internal";
    throw new AppError(code, `${e.message} (HTTP ${e.status})`, e.details);
  }
  if (e instanceof TypeError)
    throw new AppError("config_invalid", `cannot reach the server: ${e.message}`);
  throw e;
}

/** Remote mode: the HTTP API with a bearer token. */
export function createRemoteBackend(server: string, token: string): Backend {
  const client = createClient({ baseUrl: server, token });
  const call: typeof client.call = (def, input) => client.call(def, input).catch(rethrow);
  return {
    mode: "remote",
    createUser: (body) => call(api.users.create, { body }),
    listUsers: async () => (await call(api.users.list)).items,
    async findUserId(username) {
      const u = (await call(api.users.list)).items.find((x) => x.username === username);
      if (!u) throw notFound(`user ${username}`);
      return u.id;
    },
    createToken: (body) => call(api.tokens.create, { body }),
    listTokens: async (all) =>
      (await call(api.tokens.list, { query: { all: all ? "true" : "false" } })).items,
    revokeToken: (id) => call(api.tokens.revoke, { params: { id } }),
    importAssets: (format, content) => call(api.assets.import, { body: { format, content } }),
    listAssets: (query) => call(api.assets.list, { query }),
    async getAsset(idOrKey) {
      if (ID_PATTERN.test(idOrKey)) return call(api.assets.get, { params: { id: idOrKey } });
      const r = await call(api.assets.correlate, { query: { value: idOrKey } });
      if (!r.asset) throw notFound(`asset ${idOrKey}`);
      return r.asset;
    },
    verifyAudit: () => call(api.audit.verify),
    async exportAudit(filter, format, write) {
      const res = await client
        .raw(api.audit.export, { query: { ...filter, format } })
        .catch(rethrow);
      if (!res.body) return;
      const decoder = new TextDecoder();
      for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>)
        write(decoder.decode(chunk, { stream: true }));
    },
    createWorkItem: (body) => call(api.workItems.create, { body }),
    listWorkItems: (query) => call(api.workItems.list, { query }),
    getWorkItemByNumber: (num) => call(api.workItems.byNumber, { params: { number: num } }),
    workItemHistory: async (id) => (await call(api.workItems.history, { params: { id } })).items,
    workItemComments: async (id) => (await call(api.workItems.comments, { params: { id } })).items,
    updateWorkItem: (id, body) => call(api.workItems.update, { params: { id }, body }),
    changeWorkItemLabels: (id, body) => call(api.workItems.labels, { params: { id }, body }),
    addWorkComment: (id, body) =>
      call(api.workItems.addComment, { params: { id }, body: { body } }),
    triageReport: (since) => call(api.workTriage.report, { query: { since } }),
    uploadReviewRun: (body) => call(api.review.uploadRun, { body }),
    loadDemoData() {
      // Demo users get one-time passwords printed by the CLI; over HTTP that is the admin's job.
      return Promise.reject(
        new AppError("config_invalid", "demo load runs in local mode only (drop --server)", [
          { path: "--server", message: "demo load is local-only" },
        ]),
      );
    },
    async importVulnReport(input, wait) {
      // Streamed as the raw body: no JSON string, no body limit but the server's upload limit.
      let job = await uploadVulnReport(server, token, input).catch(rethrow);
      // Poll with a gentle back-off; the server keeps the job as a row, so this may be resumed.
      for (let delay = 200; wait && (job.status === "queued" || job.status === "running");) {
        await new Promise((r) => setTimeout(r, delay));
        delay = Math.min(2000, delay * 1.5);
        job = await call(api.vulns.getImport, { params: { id: job.id } });
      }
      return job;
    },
    listVulnFindings: (query) => call(api.vulns.listFindings, { query }),
    getVulnFinding: (id) => call(api.vulns.getFinding, { params: { id } }),
    importEpss: async (file) =>
      call(api.vulnEnrichment.importEpss, {
        body: { content: await fileText(file, EPSS_MAX_EXPANDED_BYTES), fileName: basename(file) },
      }),
    importKev: async (file) =>
      call(api.vulnEnrichment.importKev, {
        body: { content: await fileText(file, KEV_MAX_FILE_BYTES), fileName: basename(file) },
      }),
    enrichmentStatus: () => call(api.vulnEnrichment.status),
    fixActions: (query) => call(api.vulnEnrichment.fixActions, { query }),
    vulnExceptions: remoteVulnExceptions(call),
    vulnStates: remoteVulnStates(client, call, rethrow),
    vulnSla: remoteVulnSla(call),
    close: () => Promise.resolve(),
  };
}
