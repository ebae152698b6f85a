import { parseCycloneDxJson } from "./cyclonedx-parser";
import { parseCycloneDxXml } from "./cyclonedx-xml-parser";
import {
  FORMAT_NAMES,
  detectJsonFormat,
  detectSyntax,
  detectXmlFormat,
  sniffFormat,
} from "./detect-format";
import { parseGitlab } from "./gitlab-parser";
import { parseGrype } from "./grype-parser";
import { parseJsonText, toText } from "./json-shape";
import type { JsonObject } from "./json-shape";
import { mergeFindings, resolveRecords } from "./merge-findings";
import { parseNessus } from "./nessus-parser";
import { parseOsvScanner } from "./osv-parser";
import { vulnParseError } from "./parse-error";
import { parseSarif } from "./sarif-parser";
import { parseTrivy } from "./trivy-parser";
import { parseXmlText } from "./xml-source";
import type { FormatParseResult, ParsedReport, VulnReportFormat } from "./vulns-types";

/** Options of parseReport. */
export interface ParseReportOptions {
  /** Skip auto-detection; errors then name this format. */
  format?: VulnReportFormat;
  /** Asset key for identity instead of the one the report names (image, host, repository). */
  asset?: string;
  /** Alias statements known from enrichment data (e.g. ["GHSA-…", "CVE-…"]), merged with the report's. */
  knownAliases?: Iterable<readonly string[]>;
  /** Input size limit in bytes (default 400 MiB). */
  maxBytes?: number;
  /** Nessus: keep informational (severity 0) items as records. */
  includeInfo?: boolean;
}

/**
 * Parses a scanner report into normalized records and identity-merged findings. Pure: bytes in,
 * data out. The text is decoded once and parsed once; the parsed tree is dropped as soon as the
 * format reader has produced records, so a large file is never held in several copies.
 * Throws AppError `parse_failed` naming the expected format and the place (JSON path or line).
 */
export function parseReport(
  input: Uint8Array | string,
  opts: ParseReportOptions = {},
): ParsedReport {
  const { format, result } = readFormat(input, opts);
  const records = resolveRecords(result.records, format, opts.knownAliases);
  return {
    format,
    records,
    findings: mergeFindings(records),
    coverage: result.coverage,
    warnings: result.warnings,
  };
}

function readFormat(
  input: Uint8Array | string,
  opts: ParseReportOptions,
): { format: VulnReportFormat; result: FormatParseResult } {
  const loaded = load(input, opts);
  if (loaded.syntax === "xml") {
    const format = opts.format ?? detectXmlFormat(loaded.doc as JsonObject);
    return { format, result: readXml(format, loaded.doc as JsonObject, opts) };
  }
  const format = opts.format ?? detectJsonFormat(loaded.doc);
  return { format, result: readJson(format, loaded.doc, opts) };
}

/**
 * Decodes and parses in its own frame so that the decoded text is garbage as soon as the tree
 * exists: a large report is never held as bytes, text and tree while records are built.
 */
function load(
  input: Uint8Array | string,
  opts: ParseReportOptions,
): { syntax: "json" | "xml"; doc: unknown } {
  const expected = opts.format ? FORMAT_NAMES[opts.format] : "vulnerability report";
  const text = toText(input, expected, opts.maxBytes);
  const syntax = detectSyntax(text);
  if (opts.format) {
    const want = opts.format === "nessus" || opts.format === "cyclonedx-xml" ? "xml" : "json";
    if (want !== syntax) {
      throw vulnParseError(
        FORMAT_NAMES[opts.format],
        `input is ${syntax.toUpperCase()}, not ${want.toUpperCase()}`,
        {
          line: 1,
          column: 1,
        },
      );
    }
  }
  const guess = opts.format ?? sniffFormat(text);
  if (syntax === "xml") {
    return {
      syntax,
      doc: parseXmlText(text, guess ? FORMAT_NAMES[guess] : "XML vulnerability report"),
    };
  }
  return {
    syntax,
    doc: parseJsonText(text, guess ? FORMAT_NAMES[guess] : "JSON vulnerability report"),
  };
}

function readJson(
  format: VulnReportFormat,
  doc: unknown,
  opts: ParseReportOptions,
): FormatParseResult {
  switch (format) {
    case "trivy":
      return parseTrivy(doc, opts);
    case "grype":
      return parseGrype(doc, opts);
    case "sarif":
      return parseSarif(doc, opts);
    case "cyclonedx-json":
      return parseCycloneDxJson(doc, opts);
    case "osv-scanner":
      return parseOsvScanner(doc, opts);
    case "gitlab":
      return parseGitlab(doc, opts);
    default:
      throw vulnParseError(FORMAT_NAMES[format], "this format is XML, but the input is JSON", {
        path: "$",
      });
  }
}

function readXml(
  format: VulnReportFormat,
  doc: JsonObject,
  opts: ParseReportOptions,
): FormatParseResult {
  if (format === "nessus") return parseNessus(doc, opts);
  if (format === "cyclonedx-xml") return parseCycloneDxXml(doc, opts);
  throw vulnParseError(FORMAT_NAMES[format], "this format is JSON, but the input is XML", {
    line: 1,
  });
}
