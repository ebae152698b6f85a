import { FORMAT_NAMES, detectJsonFormat } from "./detect-format";
import { childPath, vulnParseError } from "./parse-error";
import type { PathSegment } from "./json-stream";
import type { FormatParseOptions } from "./trivy-parser";
import type { VulnReportFormat } from "./vulns-types";

/** Options of the stream readers of SARIF, CycloneDX JSON, GitLab and OSV-Scanner. */
export interface StreamParseOptions extends FormatParseOptions {
  /** Set when the caller forced the format: the document's shape is then not re-checked. */
  format?: VulnReportFormat;
}

/**
 * A stream reader is chosen from the first 64 KiB (sniffFormat), while parseReport decides on
 * the whole document (detectJsonFormat). The skeleton a reader keeps has every top-level key,
 * which is all detectJsonFormat looks at, so the reader confirms the guess at the end: a
 * document that only looked like this format fails with a clear error instead of being read
 * as the wrong format.
 */
export function confirmStreamedFormat(
  skeleton: unknown,
  format: VulnReportFormat,
  opts: StreamParseOptions,
): void {
  if (opts.format) return;
  const found = detectJsonFormat(skeleton);
  if (found === format) return;
  throw vulnParseError(
    FORMAT_NAMES[format],
    `the document is a ${FORMAT_NAMES[found]}, though its first 64 KiB looked like a ${FORMAT_NAMES[format]}; pass the format explicitly (format: "${found}")`,
    { path: "$" },
  );
}

/** `$.a[0].b` from a splitter path. */
export function toJsonPath(path: readonly PathSegment[]): string {
  return path.reduce<string>((acc, s) => childPath(acc, s), "$");
}

/** Whether a splitter path is exactly `[key, index]` (e.g. one run, one OSV result). */
export function isIndexedKey(path: readonly PathSegment[], key: string): path is [string, number] {
  return path.length === 2 && path[0] === key && typeof path[1] === "number";
}
