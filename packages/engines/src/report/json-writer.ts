import type { Finding } from "@infrasec/core";
import { ruleIndex, sortFindings, type ReportSuppression, type ReviewReport } from "./report-model";

/** Version of the native JSON format; bump only on a breaking change (docs/review/json-report.md). */
export const JSON_SCHEMA_VERSION = 1;

/** One finding of the native JSON report (the stable contract plus documented optional fields). */
export interface JsonFinding {
  ruleId: string;
  severity: Finding["severity"];
  title: string;
  file: string;
  startLine: number;
  endLine: number;
  resource: string;
  status: Finding["status"];
  equivalents: { checkov: string[]; trivy: string[] };
  message: string;
  fingerprint: string;
  attributePath?: string;
  needs?: string;
  suppression?: Finding["suppression"];
}

/** The native JSON report document. */
export interface JsonReport {
  schemaVersion: 1;
  tool: { name: string; version: string };
  findings: JsonFinding[];
  errors: { file: string; line: number | null; message: string }[];
  summary: ReviewReport["summary"];
  /** Additive (engine 0.1.1): `change` when statuses come from change mode. */
  mode?: "full" | "change";
  /** Additive (engine 0.1.1): every suppression seen, with state active / expired / stale. */
  suppressions?: ReportSuppression[];
  /** Additive (engine 0.1.1): the gate threshold the CLI used. */
  gate?: { failOn: Finding["severity"] };
}

/** Builds the native JSON document (an object; `writeJson` serializes it). */
export function toJsonReport(report: ReviewReport): JsonReport {
  const rules = ruleIndex(report);
  return {
    schemaVersion: JSON_SCHEMA_VERSION,
    tool: { name: report.tool.name, version: report.tool.version },
    findings: sortFindings(report.findings).map((f) => ({
      ruleId: f.ruleId,
      severity: f.severity,
      title: f.title,
      file: f.location.file,
      startLine: f.location.startLine,
      endLine: f.location.endLine,
      resource: f.resource,
      status: f.status,
      equivalents: rules.equivalents(f.ruleId),
      message: f.message,
      fingerprint: f.fingerprint,
      ...(f.attributePath !== undefined ? { attributePath: f.attributePath } : {}),
      ...(f.needs !== undefined ? { needs: f.needs } : {}),
      ...(f.suppression ? { suppression: f.suppression } : {}),
    })),
    errors: report.errors.map((e) => ({ file: e.file, line: e.line ?? null, message: e.message })),
    summary: report.summary,
    ...(report.mode ? { mode: report.mode } : {}),
    ...(report.suppressions ? { suppressions: report.suppressions } : {}),
    ...(report.gate ? { gate: report.gate } : {}),
  };
}

/** Writes the native JSON report (`schemaVersion: 1`), pretty-printed with a final newline. */
export function writeJson(report: ReviewReport): string {
  return `${JSON.stringify(toJsonReport(report), null, 2)}\n`;
}
