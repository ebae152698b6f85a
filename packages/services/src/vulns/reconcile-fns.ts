import { hash } from "node:crypto";
import { severityRank } from "@infrasec/core";
import type { Severity } from "@infrasec/core";
import type {
  CoverageTarget,
  Occurrence,
  ReportCoverage,
  VulnIdentity,
  VulnRecord,
} from "@infrasec/engines/vulns";

/** Statuses that count as open: SLA clocks run and covering re-scans may close them. */
export const OPEN_STATUSES = ["detected", "confirmed", "in_progress"] as const;
/** Fields a person may edit; an import never overwrites them once edited. */
export const EDITABLE_FIELDS = ["severity", "fixedVersion"] as const;
export type EditableField = (typeof EDITABLE_FIELDS)[number];

/** One finding of the incoming report: the records sharing an identity hash, merged. */
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

/**
 * Merges records by identity hash. Severity is the worst seen; CVSS the highest v3 (else any)
 * score; text fields the first non-empty; occurrences deduplicated and sorted so that the same
 * report always yields the same occurrence hash.
 */
export function incomingFindings(
  records: readonly VulnRecord[],
  coverage: ReportCoverage,
): Map<string, IncomingFinding> {
  const targets = new Map<string, CoverageTarget>();
  let whole: CoverageTarget | null = null;
  for (const t of coverage.targets) {
    if (t.target === null) whole ??= t;
    else if (!targets.has(t.target)) targets.set(t.target, t);
  }
  const out = new Map<string, IncomingFinding>();
  const occKeys = new Map<string, Set<string>>();
  for (const r of records) {
    const h = r.identity.hash;
    const occ = Object.keys(r.location).length > 0 ? r.location : null;
    const occKey = occ ? stableJson(occ) : null;
    const cvss = bestCvss(r);
    const f = out.get(h);
    if (!f) {
      const cov =
        (r.location.detail !== undefined ? targets.get(r.location.detail) : undefined) ??
        (r.location.path !== undefined ? targets.get(r.location.path) : undefined) ??
        whole;
      out.set(h, {
        identity: r.identity,
        kind: r.kind,
        vulnId: r.vulnId,
        aliases: r.aliases.slice(),
        title: r.title,
        package: r.package,
        purl: r.purl,
        version: r.version,
        fixedVersion: r.fixedVersion,
        fixState: r.fixState,
        severity: r.severity,
        severitySource: r.severitySource,
        scannerSeverity: r.scannerSeverity,
        cvssScore: cvss?.score ?? null,
        cvssVector: cvss?.vector ?? null,
        cwes: r.cwes.slice(),
        scanners: [r.scanner.name],
        occurrences: occ ? [occ] : [],
        occurrencesHash: "",
        coverageTarget: cov?.target ?? null,
        coverageClass: cov?.class ?? null,
      });
      if (occKey) occKeys.set(h, new Set([occKey]));
      continue;
    }
    if (severityRank(r.severity) > severityRank(f.severity)) {
      f.severity = r.severity;
      f.severitySource = r.severitySource;
    }
    if (cvss?.score != null && (f.cvssScore === null || cvss.score > f.cvssScore)) {
      f.cvssScore = cvss.score;
      f.cvssVector = cvss.vector;
    }
    f.title ??= r.title;
    f.fixedVersion ??= r.fixedVersion;
    if (f.fixState === "unknown") f.fixState = r.fixState;
    for (const a of r.aliases) if (!f.aliases.includes(a)) f.aliases.push(a);
    for (const c of r.cwes) if (!f.cwes.includes(c)) f.cwes.push(c);
    if (!f.scanners.includes(r.scanner.name)) f.scanners.push(r.scanner.name);
    if (occ && occKey) {
      const seen = occKeys.get(h) ?? new Set<string>();
      if (!seen.has(occKey)) {
        seen.add(occKey);
        f.occurrences.push(occ);
      }
      occKeys.set(h, seen);
    }
  }
  for (const f of out.values()) {
    f.aliases.sort();
    f.cwes.sort();
    f.scanners.sort();
    if (f.occurrences.length > 1) {
      const keyed = f.occurrences.map((o) => [stableJson(o), o] as const);
      keyed.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
      f.occurrences = keyed.map(([, o]) => o);
      f.occurrencesHash = hash("sha256", keyed.map(([k]) => k).join("\n"), "hex");
    } else {
      f.occurrencesHash = hash("sha256", f.occurrences.map(stableJson).join("\n"), "hex");
    }
  }
  return out;
}

function bestCvss(r: VulnRecord): { score: number | null; vector: string | null } | null {
  let best: { score: number | null; vector: string | null } | null = null;
  for (const c of r.cvss) {
    if (c.version !== "3") continue;
    if (!best || (c.score ?? -1) > (best.score ?? -1)) best = { score: c.score, vector: c.vector };
  }
  if (best) return best;
  for (const c of r.cvss) {
    if (!best || (c.score ?? -1) > (best.score ?? -1)) best = { score: c.score, vector: c.vector };
  }
  return best;
}

/** JSON with sorted keys, so equal occurrences serialize equally. */
export function stableJson(o: object): string {
  return JSON.stringify(
    Object.fromEntries(Object.entries(o).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))),
  );
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
