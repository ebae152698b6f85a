import type { ErrorDetail, Finding, FindingStatus, Severity } from "@infrasec/core";
import { AppError, FINDING_STATUSES, SEVERITIES, atLeast, severityRank } from "@infrasec/core";
import { classify, fingerprint } from "@infrasec/engines/kit";

/**
 * Pure functions of review-run uploads: semantic validation of the engine's JSON report (the
 * HTTP contract checks its structure first), classification against a base run, counts.
 */

/** The engine's native JSON report as uploaded (docs/review/json-report.md, schemaVersion 1). */
export interface UploadedReviewReport {
  schemaVersion: 1;
  tool?: { name: string; version: string };
  mode?: "full" | "change";
  findings: {
    ruleId: string;
    severity: Severity;
    title: string;
    file: string;
    startLine: number;
    endLine: number;
    resource: string;
    status: FindingStatus;
    equivalents?: { checkov: string[]; trivy: string[] };
    message?: string;
    fingerprint?: string;
    attributePath?: string;
    needs?: string;
    suppression?: { source: string; reason: string; until?: string; owner?: string };
  }[];
  errors: { file: string; line?: number | null; message: string }[];
  summary: { total: number };
  suppressions?: UploadedReviewSuppression[];
  gate?: { failOn: Severity };
}

export interface UploadedReviewSuppression {
  state: "active" | "expired" | "stale";
  source: "infrasec" | "checkov" | "trivy" | "config";
  rules: string[];
  reason: string;
  until?: string;
  owner?: string;
  file: string;
  line: number;
  resource?: string;
  attribute?: string;
  matched?: number;
}

export interface ReviewRunMetadataInput {
  project: string;
  ref: string;
  commit: string;
  mergeRequest?: { iid: number; url?: string };
  pipelineUrl?: string;
  baseRef?: string;
  defaultBranch?: string;
  failOn?: Severity;
}

/** A finding ready to store: engine shape plus peer ids. */
export type RunFinding = Finding & { equivalents: { checkov: string[]; trivy: string[] } };

const MAX_FINDINGS = 50_000;

/**
 * Checks what a schema cannot: consistency of the report with itself. Every problem names its
 * field (`report.findings[3].endLine`), so a CI log shows what to fix.
 */
export function validateReviewReport(report: UploadedReviewReport): void {
  const details: ErrorDetail[] = [];
  if (report.schemaVersion !== 1)
    details.push({ path: "report.schemaVersion", message: "only schemaVersion 1 is supported" });
  if (!Array.isArray(report.findings))
    details.push({ path: "report.findings", message: "must be an array" });
  else {
    if (report.findings.length > MAX_FINDINGS)
      details.push({ path: "report.findings", message: `at most ${MAX_FINDINGS} findings` });
    if (report.summary?.total !== report.findings.length)
      details.push({
        path: "report.summary.total",
        message: `is ${String(report.summary?.total)} but the report lists ${report.findings.length} findings`,
      });
    report.findings.forEach((f, i) => {
      const at = `report.findings[${i}]`;
      if (!(SEVERITIES as readonly string[]).includes(f.severity))
        details.push({
          path: `${at}.severity`,
          message: `must be one of ${SEVERITIES.join(", ")}`,
        });
      if (!(FINDING_STATUSES as readonly string[]).includes(f.status))
        details.push({
          path: `${at}.status`,
          message: `must be one of ${FINDING_STATUSES.join(", ")}`,
        });
      if (!f.ruleId) details.push({ path: `${at}.ruleId`, message: "is required" });
      if (f.endLine < f.startLine)
        details.push({ path: `${at}.endLine`, message: "must not be before startLine" });
    });
  }
  if (details.length)
    throw new AppError(
      "validation_failed",
      `invalid review report: ${details
        .slice(0, 5)
        .map((d) => `${d.path} ${d.message}`)
        .join("; ")}`,
      details.slice(0, 50),
    );
}

/** Findings of the report in the engine's model; a missing fingerprint is computed as the engine does. */
export function toRunFindings(report: UploadedReviewReport): RunFinding[] {
  return report.findings.map((f) => ({
    ruleId: f.ruleId,
    severity: f.severity,
    title: f.title,
    message: f.message ?? f.title,
    resource: f.resource,
    location: { file: f.file, startLine: f.startLine, endLine: f.endLine },
    status: f.status,
    fingerprint: f.fingerprint || fingerprint(f.resource, f.ruleId, f.attributePath),
    ...(f.attributePath !== undefined ? { attributePath: f.attributePath } : {}),
    ...(f.needs !== undefined ? { needs: f.needs } : {}),
    ...(f.suppression ? { suppression: f.suppression } : {}),
    equivalents: {
      checkov: [...(f.equivalents?.checkov ?? [])],
      trivy: [...(f.equivalents?.trivy ?? [])],
    },
  }));
}

/**
 * Whether the report's statuses came from change mode. The engine writes `mode` since 0.1.1;
 * older reports are in change mode when any finding is `existing` or `fixed` (without a
 * baseline the engine marks every open finding `new`).
 */
export function reportInChangeMode(report: UploadedReviewReport): boolean {
  if (report.mode) return report.mode === "change";
  return report.findings.some((f) => f.status === "existing" || f.status === "fixed");
}

/**
 * Classifies a plain run against the findings of a base run with the engine's own change-mode
 * function: same fingerprint → existing, otherwise new; open base findings that are gone are
 * added as fixed (with the base run's location and text).
 */
export function classifyAgainst(
  current: readonly RunFinding[],
  base: readonly RunFinding[],
): RunFinding[] {
  const eq = new Map<string, RunFinding["equivalents"]>();
  for (const f of [...base, ...current]) eq.set(f.fingerprint, f.equivalents);
  const out = classify(current, base);
  return out.map((f) => ({
    ...f,
    equivalents: (f as Partial<RunFinding>).equivalents ??
      eq.get(f.fingerprint) ?? { checkov: [], trivy: [] },
  }));
}

export type StatusCounts = Record<FindingStatus, number>;
export type SeverityCounts = Record<Severity, number>;

export interface RunCounts {
  total: number;
  byStatus: StatusCounts;
  bySeverity: SeverityCounts;
  matrix: Record<Severity, StatusCounts>;
  open: number;
  failing: number;
  suppressions: { active: number; expired: number; stale: number };
}

const zeroStatus = (): StatusCounts =>
  Object.fromEntries(FINDING_STATUSES.map((s) => [s, 0])) as StatusCounts;

/** Counts of a run; the gate fails on `new` findings at or above `failOn` (as the CLI gate in change mode). */
export function countRun(
  findings: readonly Finding[],
  failOn: Severity,
  suppressions: readonly { state: string }[],
): RunCounts {
  const byStatus = zeroStatus();
  const bySeverity = Object.fromEntries(SEVERITIES.map((s) => [s, 0])) as SeverityCounts;
  const matrix = Object.fromEntries(SEVERITIES.map((s) => [s, zeroStatus()])) as Record<
    Severity,
    StatusCounts
  >;
  let open = 0;
  let failing = 0;
  for (const f of findings) {
    byStatus[f.status]++;
    bySeverity[f.severity]++;
    matrix[f.severity][f.status]++;
    if (f.status === "new" || f.status === "existing" || f.status === "unknown") open++;
    if (f.status === "new" && atLeast(f.severity, failOn)) failing++;
  }
  const sup = { active: 0, expired: 0, stale: 0 };
  for (const s of suppressions)
    if (s.state === "active" || s.state === "expired" || s.state === "stale") sup[s.state]++;
  return { total: findings.length, byStatus, bySeverity, matrix, open, failing, suppressions: sup };
}

/**
 * Suppressions of a run. Reports from engine ≥ 0.1.1 list them (active, expired, stale); for
 * older reports the active ones are recovered from the suppressed findings (`source` reads
 * `infrasec:FILE:LINE`, `config:FILE:LINE` or `checkov (migrated) FILE:LINE`).
 */
export function runSuppressions(
  report: UploadedReviewReport,
  findings: readonly Finding[],
): UploadedReviewSuppression[] {
  if (report.suppressions) return report.suppressions;
  const byOrigin = new Map<string, UploadedReviewSuppression>();
  for (const f of findings) {
    if (f.status !== "suppressed" || !f.suppression) continue;
    const s = f.suppression;
    const m = /^(infrasec|config|checkov|trivy)(?::| \(migrated\) )(.*):(\d+)$/.exec(s.source);
    const source = (m?.[1] ?? "infrasec") as UploadedReviewSuppression["source"];
    const key = s.source;
    const known = byOrigin.get(key);
    if (known) {
      known.matched = (known.matched ?? 0) + 1;
      if (!known.rules.includes(f.ruleId)) known.rules.push(f.ruleId);
      continue;
    }
    byOrigin.set(key, {
      state: "active",
      source,
      rules: [f.ruleId],
      reason: s.reason,
      ...(s.until ? { until: s.until } : {}),
      ...(s.owner ? { owner: s.owner } : {}),
      file: m?.[2] ?? f.location.file,
      line: m ? Number(m[3]) : f.location.startLine,
      matched: 1,
    });
  }
  return [...byOrigin.values()];
}

/** Whole days from `today` to `until` (both YYYY-MM-DD); negative once past. */
export function daysUntil(until: string, today: string): number {
  return Math.round(
    (Date.parse(`${until}T00:00:00Z`) - Date.parse(`${today}T00:00:00Z`)) / 86_400_000,
  );
}

export { severityRank };
