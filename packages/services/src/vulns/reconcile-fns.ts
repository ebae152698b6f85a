import type { Severity } from "@infrasec/core";
import type { Occurrence, ReportCoverage, VulnIdentity } from "@infrasec/engines/vulns";

/** Statuses that count as open: SLA clocks run and covering re-scans may close them. */
export const OPEN_STATUSES = ["detected", "confirmed", "in_progress"] as const;
/** Fields a person may edit; an import never overwrites them once edited. */
export const EDITABLE_FIELDS = ["severity", "fixedVersion"] as const;
export type EditableField = (typeof EDITABLE_FIELDS)[number];

/**
 * One finding of the incoming report: the records sharing an identity hash, merged (by
 * IncomingCollector in incoming-findings.ts).
 */
export interface IncomingFinding {
  identity: VulnIdentity;
  kind: string;
  vulnId: string;
  aliases: string[];
  title: string | null;
  package: string | null;
  purl: string | null;
  version: string | null;
  fixedVersion: string | null;
  fixState: string;
  severity: Severity;
  severitySource: string;
  scannerSeverity: string | null;
  cvssScore: number | null;
  cvssVector: string | null;
  cwes: string[];
  scanners: string[];
  occurrences: Occurrence[];
  occurrencesHash: string;
  coverageTarget: string | null;
  coverageClass: string | null;
}

/** Where an open finding of the scope was seen last time. */
export interface ScopeFinding {
  coverageTarget: string | null;
  coverageClass: string | null;
}

/**
 * Whether the report covers the place a finding was seen and scanned it successfully: only then
 * may its absence close the finding; otherwise the finding is "unknown" for this import. A
 * report that scanned the whole asset covers everything; OS package results cover the OS
 * packages even when the OS release (part of Trivy's target name) changed.
 */
export function isCovered(f: ScopeFinding, coverage: ReportCoverage): boolean {
  if (coverage.status === "failure") return false;
  for (const t of coverage.targets) {
    if (t.status !== "success") continue;
    if (t.target === null) return true;
    if (f.coverageTarget !== null && t.target === f.coverageTarget) return true;
    if (f.coverageClass === "os-pkgs" && t.class === "os-pkgs") return true;
  }
  return false;
}

/** The mass-close guardrail: more than `ratio` of the open in-scope findings would close. */
export function needsConfirmation(openInScope: number, toClose: number, ratio: number): boolean {
  return openInScope > 0 && toClose > ratio * openInScope;
}

/** What reconciliation compares between a stored finding and the incoming one. */
export interface ComparableFinding {
  vulnId: string;
  aliases: string[];
  title: string | null;
  purl: string | null;
  fixedVersion: string | null;
  fixState: string;
  severity: string;
  severitySource: string;
  scannerSeverity: string | null;
  cvssScore: number | null;
  cvssVector: string | null;
  cwes: string[];
  occurrencesHash: string;
}

const TRACKED: (keyof ComparableFinding)[] = [
  "vulnId",
  "aliases",
  "title",
  "purl",
  "fixedVersion",
  "fixState",
  "severity",
  "severitySource",
  "scannerSeverity",
  "cvssScore",
  "cvssVector",
  "cwes",
  "occurrencesHash",
];

/**
 * Field changes an import brings, `{ field: [before, after] }`, leaving out fields a person
 * edited (and the severity's source with an edited severity). Occurrence changes are reported
 * as "occurrences" without the hashes.
 */
export function findingChanges(
  before: ComparableFinding,
  after: ComparableFinding,
  edited: readonly string[],
): Record<string, [unknown, unknown]> {
  const out: Record<string, [unknown, unknown]> = {};
  for (const f of TRACKED) {
    if (edited.includes(f)) continue;
    if (f === "severitySource" && edited.includes("severity")) continue;
    const a = before[f];
    const b = after[f];
    if (JSON.stringify(a) === JSON.stringify(b)) continue;
    if (f === "occurrencesHash") out.occurrences = ["changed", "changed"];
    else out[f] = [a, b];
  }
  return out;
}
