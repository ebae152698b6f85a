import { cycloneDxJsonStreamReader } from "./cyclonedx-stream-parser";
import { gitlabStreamReader } from "./gitlab-stream-parser";
import { osvStreamReader } from "./osv-stream-parser";
import { sarifStreamReader } from "./sarif-stream-parser";
import type { StreamParseOptions } from "./stream-format-check";
import type { FormatStreamReader, VulnReportFormat } from "./vulns-types";

/** JSON formats read by a stream reader besides Trivy and Grype. */
export type JsonStreamFormat = "sarif" | "cyclonedx-json" | "gitlab" | "osv-scanner";

const READERS: Readonly<
  Record<JsonStreamFormat, (opts: StreamParseOptions) => FormatStreamReader>
> = {
  sarif: sarifStreamReader,
  "cyclonedx-json": cycloneDxJsonStreamReader,
  gitlab: gitlabStreamReader,
  "osv-scanner": osvStreamReader,
};

/** Whether a format has one of these stream readers. */
export function isJsonStreamFormat(f: VulnReportFormat | null | undefined): f is JsonStreamFormat {
  return f !== null && f !== undefined && Object.hasOwn(READERS, f);
}

/** The stream reader of one of these formats. */
export function jsonStreamReader(
  format: JsonStreamFormat,
  opts: StreamParseOptions,
): FormatStreamReader {
  return READERS[format](opts);
}

/**
 * The format to stream when the head is JSON, else null: a forced JSON format on XML input is
 * left to parseReport, whose error says so ("input is XML, not JSON").
 */
export function jsonStreamable(format: JsonStreamFormat, head: string): JsonStreamFormat | null {
  const first = /\S/.exec(head.length > 4096 ? head.slice(0, 4096) : head)?.[0];
  return first === "{" || first === "[" ? format : null;
}

/**
 * A second guess for heads sniffFormat does not recognise (it only names the format in errors
 * of reports read whole, so it looks for the parts most producers write first). GitLab's
 * analyzers write `scan` after `vulnerabilities`, so the head of a large GitLab report shows
 * only `version` and the first vulnerabilities (with `identifiers`); an OSV-Scanner result may
 * list `packages` before `source`. The readers confirm the format on the document's top-level
 * keys at the end, so a wrong guess fails clearly rather than misreads.
 */
export function sniffJsonStreamFormat(head: string): JsonStreamFormat | null {
  if (!/^\s*\{/.test(head)) return null;
  if (
    /"version"\s*:\s*"1[45]\.\d+(?:\.\d+)?"/.test(head) &&
    /"vulnerabilities"\s*:\s*\[/.test(head) &&
    /"identifiers"\s*:\s*\[/.test(head)
  )
    return "gitlab";
  if (/"results"\s*:\s*\[\s*\{\s*"packages"\s*:\s*\[\s*\{\s*"package"\s*:/.test(head))
    return "osv-scanner";
  return null;
}
