import { createReadStream } from "node:fs";
import { open } from "node:fs/promises";
import { Readable } from "node:stream";
import type { VulnImportBody, VulnImportJob } from "@infrasec/contracts";
import { ApiError, api, buildUrl, errorBodySchema } from "@infrasec/contracts";

/** gzip files go up as application/gzip (the server also recognises the magic bytes). */
async function mediaType(file: string): Promise<string> {
  const fh = await open(file, "r");
  try {
    const head = Buffer.alloc(2);
    const { bytesRead } = await fh.read(head, 0, 2, 0);
    return bytesRead === 2 && head[0] === 0x1f && head[1] === 0x8b
      ? "application/gzip"
      : "application/octet-stream";
  } finally {
    await fh.close();
  }
}

/**
 * Streams a report file to POST /api/v1/vulns/imports/upload as the raw request body (never
 * read whole), and returns the queued job. Errors come back as ApiError, like the typed client's.
 */
export async function uploadVulnReport(
  server: string,
  token: string,
  input: Omit<VulnImportBody, "content"> & { file: string },
): Promise<VulnImportJob> {
  const { file, ...query } = input;
  const def = api.vulnUploads.uploadReport;
  const url = server.replace(/\/$/, "") + buildUrl(def, {}, query);
  const body = Readable.toWeb(createReadStream(file, { highWaterMark: 1024 * 1024 }));
  const init: RequestInit & { duplex: "half" } = {
    method: def.method,
    headers: {
      accept: "application/json",
      authorization: `Bearer ${token}`,
      "content-type": await mediaType(file),
    },
    body,
    // A streamed request body must say so (fetch sends it while the answer may already come).
    duplex: "half",
  };
  const res = await fetch(url, init).catch((e: unknown) => {
    const code = (e as { cause?: { code?: string } }).cause?.code;
    if (code !== "EPIPE" && code !== "ECONNRESET") throw e;
    // The server stopped reading: most likely the report exceeds its upload limit.
    throw new ApiError(
      413,
      "payload_too_large",
      `the server closed the connection while ${file} was being sent (${code}); the report ` +
        "is probably larger than its upload limit (INFRASEC_VULN_UPLOAD_LIMIT_BYTES)",
    );
  });
  const text = await res.text();
  let parsed: unknown = null;
  try {
    parsed = JSON.parse(text);
  } catch {
    /* not JSON: reported below */
  }
  if (!res.ok) {
    const eb = errorBodySchema.safeParse(parsed);
    if (eb.success) {
      const e = eb.data.error;
      throw new ApiError(res.status, e.code, e.message, e.details);
    }
    throw new ApiError(res.status, "http_error", `HTTP ${res.status}: ${text.slice(0, 200)}`);
  }
  return def.response.parse(parsed);
}
