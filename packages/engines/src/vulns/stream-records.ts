import { FORMAT_NAMES, sniffFormat } from "./detect-format";
import { cycloneDxXmlStreamReader } from "./cyclonedx-xml-stream-parser";
import { grypeStreamReader } from "./grype-stream-parser";
import {
  isJsonStreamFormat,
  jsonStreamReader,
  jsonStreamable,
  sniffJsonStreamFormat,
} from "./json-stream-readers";
import type { JsonStreamFormat } from "./json-stream-readers";
import { DEFAULT_MAX_BYTES } from "./json-shape";
import { resolveRecords, resolveRecordsWithIndex } from "./merge-findings";
import { nessusStreamReader } from "./nessus-stream-parser";
import { vulnParseError } from "./parse-error";
import { parseReport } from "./parse-report";
import type { ParseReportOptions } from "./parse-report";
import { trivyStreamReader } from "./trivy-stream-parser";
import { buildAliasIndex } from "./vuln-ids";
import type {
  FormatStreamReader,
  ReportCoverage,
  VulnRecord,
  VulnReportFormat,
} from "./vulns-types";

/** Bytes looked at to recognise the format before streaming. */
const SNIFF_BYTES = 64 * 1024;

/** Options of streamRecords. */
export interface StreamRecordsOptions extends ParseReportOptions {
  /** Records per yielded batch (default 1000). */
  batchSize?: number;
}

/** What streamRecords returns once all batches are out. */
export interface StreamRecordsEnd {
  format: VulnReportFormat;
  coverage: ReportCoverage;
  warnings: string[];
  records: number;
}

/** The chunks of a source as bytes, with the first SNIFF_BYTES gathered for detection. */
export interface ChunkSource {
  head: Uint8Array;
  next(): Promise<Uint8Array | null>;
}

/** Opens a chunk source (sync or async iterable of bytes or strings) and reads its head. */
export async function openChunks(
  source: AsyncIterable<Uint8Array | string> | Iterable<Uint8Array | string>,
): Promise<ChunkSource> {
  const encoder = new TextEncoder();
  const it =
    Symbol.asyncIterator in source ? source[Symbol.asyncIterator]() : source[Symbol.iterator]();
  const next = async (): Promise<Uint8Array | null> => {
    const r = await it.next();
    if (r.done) return null;
    return typeof r.value === "string" ? encoder.encode(r.value) : r.value;
  };
  const parts: Uint8Array[] = [];
  let size = 0;
  while (size < SNIFF_BYTES) {
    const c = await next();
    if (!c) break;
    parts.push(c);
    size += c.length;
  }
  return { head: concat(parts), next };
}

/** The format to stream, or null when the source must be read in one piece. */
export function streamableFormat(
  head: Uint8Array,
  forced: VulnReportFormat | undefined,
): "trivy" | "grype" | "nessus" | "cyclonedx-xml" | JsonStreamFormat | null {
  if (head[0] === 0x1f || head[0] === 0x50) return null; // gzip / ZIP: parseReport explains.
  const text = new TextDecoder().decode(head.subarray(0, SNIFF_BYTES)).replace(/^\uFEFF/, "");
  const format = forced ?? sniffFormat(text) ?? sniffJsonStreamFormat(text);
  if (isJsonStreamFormat(format)) return jsonStreamable(format, text);
  return format === "trivy" ||
    format === "grype" ||
    format === "nessus" ||
    format === "cyclonedx-xml"
    ? format
    : null;
}

/** A reader for a streamable format. */
export function streamReader(
  format: "trivy" | "grype" | "nessus" | "cyclonedx-xml" | JsonStreamFormat,
  opts: ParseReportOptions,
): FormatStreamReader {
  if (isJsonStreamFormat(format)) return jsonStreamReader(format, opts);
  if (format === "nessus") return nessusStreamReader(opts);
  if (format === "cyclonedx-xml") return cycloneDxXmlStreamReader(opts);
  return format === "trivy" ? trivyStreamReader(opts) : grypeStreamReader(opts);
}

/** Reads the rest of a source into one buffer, bounded by maxBytes. */
export async function collect(src: ChunkSource, opts: ParseReportOptions): Promise<Uint8Array> {
  const max = opts.maxBytes ?? DEFAULT_MAX_BYTES;
  const parts = [src.head];
  let total = src.head.length;
  for (let c = await src.next(); c; c = await src.next()) {
    total += c.length;
    if (total > max) {
      const name = opts.format ? FORMAT_NAMES[opts.format] : "vulnerability report";
      throw vulnParseError(name, `input exceeds the limit of ${max} bytes`);
    }
    parts.push(c);
  }
  return concat(parts);
}

/**
 * Yields completed records in batches while the report is still being read, for imports of
 * reports larger than memory (Trivy: records leave as soon as their asset is known). Findings
 * are not merged here: the consumer upserts by `identity.hash`. Alias groups come from each
 * record and `knownAliases`, or from the whole report when every record arrives at the end
 * (Grype). Formats that cannot stream are parsed whole and then batched.
 */
export async function* streamRecords(
  source: AsyncIterable<Uint8Array | string> | Iterable<Uint8Array | string>,
  opts: StreamRecordsOptions = {},
): AsyncGenerator<VulnRecord[], StreamRecordsEnd> {
  const batch = Math.max(1, opts.batchSize ?? 1000);
  const src = await openChunks(source);
  const format = streamableFormat(src.head, opts.format);
  if (!format) {
    const r = parseReport(await collect(src, opts), opts);
    for (let i = 0; i < r.records.length; i += batch) yield r.records.slice(i, i + batch);
    return {
      format: r.format,
      coverage: r.coverage,
      warnings: r.warnings,
      records: r.records.length,
    };
  }
  const reader = streamReader(format, opts);
  const known = buildAliasIndex(opts.knownAliases ?? []);
  let count = 0;
  let ready: VulnRecord[] = [];
  const head = src.head;
  reader.feed(head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf ? head.subarray(3) : head);
  for (let c: Uint8Array | null = new Uint8Array(0); c; c = await src.next()) {
    if (c.length) reader.feed(c);
    const taken = reader.take();
    if (taken.length) ready = ready.concat(resolveRecordsWithIndex(taken, format, known));
    while (ready.length >= batch) {
      count += batch;
      yield ready.slice(0, batch);
      ready = ready.slice(batch);
    }
  }
  const end = reader.finish();
  // Records that all arrive at the end (Grype names its asset after the matches) get the
  // report-wide alias groups, exactly as parseReport gives them.
  const rest =
    count === 0 && ready.length === 0
      ? resolveRecords(end.records, format, opts.knownAliases)
      : resolveRecordsWithIndex(end.records, format, known);
  ready = ready.concat(rest);
  for (let i = 0; i < ready.length; i += batch) yield ready.slice(i, i + batch);
  count += ready.length;
  return { format, coverage: end.coverage, warnings: end.warnings, records: count };
}

/** Concatenates byte chunks (no copy for one chunk). */
export function concat(parts: Uint8Array[]): Uint8Array {
  if (parts.length === 1) return parts[0]!;
  const out = new Uint8Array(parts.reduce((s, p) => s + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}
