import type { Finding, FindingStatus, RuleMeta, Severity } from "@infrasec/core";
import { FINDING_STATUSES, SEVERITIES, bySeverityDesc } from "@infrasec/core";

/**
 * Rule metadata as the writers need it. The review engine's `ReviewRuleMeta` is assignable to it;
 * it is declared here so that `report/` does not import an engine (engines may import `report/`).
 */
export interface ReportRuleMeta extends RuleMeta {
  framework?: string;
  provider?: string;
}

/** A file or input that could not be evaluated. */
export interface ReportError {
  file: string;
  line?: number;
  message: string;
}

/**
 * A suppression as reports list it: `active` ones suppressed at least one finding; `expired`
 * ones (until < today) no longer suppress; `stale` ones matched nothing. Stale and expired
 * suppressions are the clean-up list of a repository.
 */
export interface ReportSuppression {
  state: "active" | "expired" | "stale";
  source: "infrasec" | "checkov" | "trivy" | "config";
  rules: string[];
  reason: string;
  until?: string;
  owner?: string;
  /** Where it is written: the comment's file and line, or the config file and entry number. */
  file: string;
  line: number;
  /** Config form: the resource pattern it applies to. */
  resource?: string;
  attribute?: string;
  /** Findings it suppressed in this run. */
  matched: number;
}

/** Counts for the summary of every format. */
export interface ReportSummary {
  total: number;
  bySeverity: Record<Severity, number>;
  byStatus: Record<FindingStatus, number>;
  errors: number;
  /** Subjects evaluated (resources, objects, stages), when the caller knows it. */
  subjects?: number;
  files?: number;
}

/** The one model every writer reads. */
export interface ReviewReport {
  tool: { name: string; version: string; informationUri?: string };
  rules: ReportRuleMeta[];
  findings: Finding[];
  errors: ReportError[];
  summary: ReportSummary;
  /** ISO 8601 UTC times of the scan; engines have no clock, so the caller passes them. */
  startedAt?: string;
  finishedAt?: string;
  /** Per-rule severity overrides from configuration (recorded in SARIF invocations). */
  overrides?: { ruleId: string; severity: Severity }[];
  /** `change` when findings were classified against a baseline (--base / --baseline). */
  mode?: "full" | "change";
  /** Every suppression the run saw, with its state (active, expired, stale). */
  suppressions?: ReportSuppression[];
  /** The gate's threshold, when the caller gates (the CLI does). */
  gate?: { failOn: Severity };
}

/** Output formats of `writeReport`. */
export const REPORT_FORMATS = [
  "text",
  "json",
  "sarif",
  "junit",
  "gitlab-codequality",
  "gitlab-sast",
  "markdown",
] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

/** Options shared by the writers; each uses what applies to it. */
export interface WriteReportOptions {
  /** Text: ANSI colours (pass true only when stdout is a TTY). */
  color?: boolean;
  /** Markdown: rows per section before "and N more". Default 50. */
  maxRows?: number;
}

/** Builds the summary counts from findings and errors. */
export function summarize(
  findings: readonly Finding[],
  errors: readonly ReportError[],
  extra: { subjects?: number; files?: number } = {},
): ReportSummary {
  const bySeverity = Object.fromEntries(SEVERITIES.map((s) => [s, 0])) as Record<Severity, number>;
  const byStatus = Object.fromEntries(FINDING_STATUSES.map((s) => [s, 0])) as Record<
    FindingStatus,
    number
  >;
  for (const f of findings) {
    bySeverity[f.severity]++;
    byStatus[f.status]++;
  }
  return { total: findings.length, bySeverity, byStatus, errors: errors.length, ...extra };
}

/** Deterministic order for every writer: file, line, severity, rule, resource. */
export function sortFindings(findings: readonly Finding[]): Finding[] {
  return [...findings].sort(
    (a, b) =>
      cmp(a.location.file, b.location.file) ||
      a.location.startLine - b.location.startLine ||
      bySeverityDesc(a.severity, b.severity) ||
      cmp(a.ruleId, b.ruleId) ||
      cmp(a.resource, b.resource) ||
      cmp(a.fingerprint, b.fingerprint),
  );
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Rule lookup by id, plus the peer-tool equivalents of a rule (empty lists when unknown). */
export function ruleIndex(report: ReviewReport): {
  get(id: string): ReportRuleMeta | undefined;
  equivalents(id: string): { checkov: string[]; trivy: string[] };
} {
  const byId = new Map(report.rules.map((r) => [r.id, r]));
  return {
    get: (id) => byId.get(id),
    equivalents: (id) => {
      const eq = byId.get(id)?.equivalents ?? {};
      return { checkov: [...(eq.checkov ?? [])], trivy: [...(eq.trivy ?? [])] };
    },
  };
}

/** Findings that are still open (what a gate or a code-quality widget shows). */
export function isOpen(f: Finding): boolean {
  return f.status === "new" || f.status === "existing" || f.status === "unknown";
}
