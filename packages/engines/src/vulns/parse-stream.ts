import { mergeFindings, resolveRecords } from "./merge-findings";
import { parseReport } from "./parse-report";
import type { ParseReportOptions } from "./parse-report";
import { collect, openChunks, streamReader, streamableFormat } from "./stream-records";
import type { ParsedReport } from "./vulns-types";

/** Options of parseReportStream; `maxBytes` bounds only the formats read in one piece. */
export type ParseReportStreamOptions = ParseReportOptions;

/**
 * Parses a report from a stream of chunks (a file read stream, an upload). Formats with a stream
 * reader (see streamableFormat: every JSON format) are read incrementally at any size: memory
 * holds the records, not the document. Other formats are collected (up to `maxBytes`) and parsed
 * with parseReport. The result equals parseReport's on the same bytes.
 */
export async function parseReportStream(
  source: AsyncIterable<Uint8Array | string> | Iterable<Uint8Array | string>,
  opts: ParseReportStreamOptions = {},
): Promise<ParsedReport> {
  const src = await openChunks(source);
  const format = streamableFormat(src.head, opts.format);
  if (!format) return parseReport(await collect(src, opts), opts);
  const reader = streamReader(format, opts);
  const head = src.head;
  reader.feed(head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf ? head.subarray(3) : head);
  for (let c = await src.next(); c; c = await src.next()) reader.feed(c);
  const result = reader.finish();
  // Report-wide alias resolution, exactly as parseReport does.
  const records = resolveRecords(result.records, format, opts.knownAliases);
  return {
    format,
    records,
    findings: mergeFindings(records),
    coverage: result.coverage,
    warnings: result.warnings,
  };
}
