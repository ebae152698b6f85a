import type { z } from "zod";
import type {
  ApiClient,
  VulnBulkStatusBody,
  VulnBulkStatusResult,
  VulnExportQuery,
  VulnStatesImportBody,
  VulnStatesImportResult,
} from "@infrasec/contracts";
import { api } from "@infrasec/contracts";
import { AppError } from "@infrasec/core";
import type { Ctx, Services } from "@infrasec/services";

/** What the finding-state commands need, in local mode (services) and remote mode (HTTP). */
export interface VulnStatesBackend {
  bulkStatus(body: VulnBulkStatusBody): Promise<VulnBulkStatusResult>;
  applyVex(body: VulnStatesImportBody): Promise<VulnStatesImportResult>;
  applyGitlabStates(body: VulnStatesImportBody): Promise<VulnStatesImportResult>;
  /** Streams the export to `write` as it is produced. */
  exportFindings(query: VulnExportQuery, write: (chunk: string) => void): Promise<void>;
}

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

const r = api.vulnStates;

/** Local mode: the services on the configured database, as the CLI's principal. */
export function localVulnStates(s: Services, ctx: Ctx): VulnStatesBackend {
  return {
    bulkStatus: (body) => s.vulnStates.bulkStatus(ctx, parse(r.bulkStatus.body, body, "body")),
    applyVex: (body) => s.vulnStates.applyVex(ctx, parse(r.applyVex.body, body, "body")),
    applyGitlabStates: (body) =>
      s.vulnStates.applyGitlabCsv(ctx, parse(r.applyGitlabStates.body, body, "body")),
    async exportFindings(query, write) {
      const out = await s.vulnStates.exportFindings(
        ctx,
        parse(r.exportFindings.query, query, "query"),
      );
      for await (const chunk of out.chunks) write(chunk);
    },
  };
}

/** Remote mode: the token's user acts; the export streams from the response body. */
export function remoteVulnStates(
  client: Pick<ApiClient, "raw">,
  call: ApiClient["call"],
  rethrow: (e: unknown) => never,
): VulnStatesBackend {
  return {
    bulkStatus: (body) => call(r.bulkStatus, { body }),
    applyVex: (body) => call(r.applyVex, { body }),
    applyGitlabStates: (body) => call(r.applyGitlabStates, { body }),
    async exportFindings(query, write) {
      const res = await client.raw(r.exportFindings, { query }).catch(rethrow);
      if (!res.body) return;
      const decoder = new TextDecoder();
      for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>)
        write(decoder.decode(chunk, { stream: true }));
      write(decoder.decode());
    },
  };
}
