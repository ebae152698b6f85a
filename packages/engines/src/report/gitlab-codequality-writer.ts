import type { Severity } from "@infrasec/core";
import { stableHash } from "./report-hash";
import { isOpen, sortFindings, type ReviewReport } from "./report-model";

/** Code Quality severity per infrasec severity. */
export const CODEQUALITY_SEVERITY: Record<
  Severity,
  "info" | "minor" | "major" | "critical" | "blocker"
> = {
  critical: "blocker",
  high: "critical",
  medium: "major",
  low: "minor",
  info: "info",
};

/** One entry of `gl-code-quality-report.json`. */
export interface CodeQualityIssue {
  type: "issue";
  check_name: string;
  description: string;
  categories: string[];
  severity: (typeof CODEQUALITY_SEVERITY)[Severity];
  fingerprint: string;
  location: { path: string; lines: { begin: number; end: number } };
}

/** Builds the Code Quality array; only open findings (GitLab diffs base and head itself). */
export function toCodeQuality(report: ReviewReport): CodeQualityIssue[] {
  return sortFindings(report.findings)
    .filter(isOpen)
    .map((f) => ({
      type: "issue",
      check_name: f.ruleId,
      description: `${f.ruleId}: ${f.message} [${f.resource}]`,
      categories: ["Security"],
      severity: CODEQUALITY_SEVERITY[f.severity],
      // The engine fingerprint ignores file and line; GitLab wants an opaque id, so hash it.
      fingerprint: stableHash(f.fingerprint),
      location: {
        path: f.location.file,
        lines: {
          begin: Math.max(1, f.location.startLine),
          end: Math.max(1, f.location.startLine, f.location.endLine),
        },
      },
    }));
}

/** Writes GitLab Code Quality JSON (no BOM: GitLab rejects it). */
export function writeGitlabCodeQuality(report: ReviewReport): string {
  return `${JSON.stringify(toCodeQuality(report), null, 2)}\n`;
}
