import { ApiError, api, buildUrl, errorBodySchema } from "@infrasec/contracts";
import type { VulnImportJob, VulnUploadQuery } from "@infrasec/contracts";
import { csrfHeader, fetchWithSessionCheck } from "../../app/api-client";
import { importProblems } from "./vulns-format";

/** File types the import dialog offers: reports, gzip reports and archives of reports. */
export const REPORT_FILE_ACCEPT = [
  ".json",
  ".sarif",
  ".xml",
  ".nessus",
  ".gz",
  ".tgz",
  ".zip",
  ".tar",
  "application/json",
  "application/gzip",
  "application/zip",
  "application/x-tar",
  "text/*",
].join(",");

/** What is wrong with the import form, for a chosen file of `size` bytes (null: none chosen). */
export function uploadProblems(form: {
  size: number | null;
  asset: string | null;
  scanner: string;
  scope: string;
}): Partial<Record<"content" | "asset" | "scanner" | "scope", string>> {
  // The file goes to the server as it is (no browser size limit); only emptiness is checked.
  const out = importProblems({ ...form, content: "-" });
  if (form.size === null || form.size === 0) {
    out.content = "Choose a report file (it is empty or missing)";
  }
  return out;
}

/**
 * Sends the chosen file as the raw body of POST /api/v1/vulns/imports/upload (the browser
 * streams it from disk; nothing is read into memory or into a JSON body), asset and options in
 * the query. The server recognises gzip, ZIP and tar archives by their bytes.
 */
export async function uploadReportFile(file: Blob, query: VulnUploadQuery): Promise<VulnImportJob> {
  const def = api.vulnUploads.uploadReport;
  const res = await fetchWithSessionCheck(buildUrl(def, {}, query), {
    method: def.method,
    headers: {
      accept: "application/json",
      "content-type": "application/octet-stream",
      ...csrfHeader(),
    },
    body: file,
    credentials: "same-origin",
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
