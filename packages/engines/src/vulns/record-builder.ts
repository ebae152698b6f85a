import type { Severity } from "@infrasec/core";
import { normalizeSeverity } from "./severity-normalize";
import { purlBase } from "./vuln-ids";
import type {
  CoverageTarget,
  CvssScore,
  RawRecord,
  ReportCoverage,
  ScannerInfo,
} from "./vulns-types";

/** Fields a parser must give; everything else has a neutral default. */
export type RecordFields = Pick<RawRecord, "kind" | "reportedId" | "target" | "scanner"> &
  Partial<
    Omit<RawRecord, "kind" | "reportedId" | "target" | "scanner" | "severity" | "severitySource">
  > & {
    /** Rater whose CVSS to prefer (Trivy's SeveritySource). */
    preferCvssSource?: string;
  };

/**
 * Builds a raw record with defaults and the normalised severity (CVSS v3 → v2 → scanner).
 * Parsers call this so that every format fills the record the same way.
 */
export function newRawRecord(f: RecordFields): RawRecord {
  const cvss = f.cvss ?? [];
  const scannerSeverity = f.scannerSeverity ?? null;
  const { severity, source } = normalizeSeverity(cvss, scannerSeverity, f.preferCvssSource);
  return {
    kind: f.kind,
    reportedId: f.reportedId,
    aliases: f.aliases ?? [],
    related: f.related ?? [],
    title: f.title ?? null,
    severity,
    severitySource: source,
    scannerSeverity,
    cvss,
    cwes: f.cwes ?? [],
    package: f.package ?? null,
    purl: f.purl ? (purlBase(f.purl) ?? f.purl) : null,
    ecosystem: f.ecosystem ?? null,
    version: f.version ?? null,
    fixedVersion: f.fixedVersion ?? null,
    fixState: f.fixState ?? (f.fixedVersion ? "fixed" : "unknown"),
    target: f.target,
    location: f.location ?? {},
    vex: f.vex ?? null,
    locus: f.locus ?? null,
    epss: f.epss ?? null,
    scanner: f.scanner,
  };
}

/** A CVSS entry from optional score and vector. Returns null when both are missing. */
export function cvssEntry(
  version: CvssScore["version"],
  source: string,
  score: number | null,
  vector: string | null,
): CvssScore | null {
  if (score === null && vector === null) return null;
  return { version, score, vector, source };
}

/** Empty coverage for a scanner; parsers add targets as they read them. */
export function newCoverage(
  scanner: ScannerInfo,
  schemaVersion: string | null,
  scanType: string | null = null,
): ReportCoverage {
  return { scanner, scanType, status: "unknown", targets: [], schemaVersion };
}

/** A coverage target with defaults (status unknown, no package count, authentication unknown). */
export function coverageTarget(
  asset: string,
  target: string | null,
  cls: string,
  extra: Partial<CoverageTarget> = {},
): CoverageTarget {
  return {
    asset,
    target,
    class: cls,
    packages: null,
    status: "unknown",
    authenticated: null,
    ...extra,
  };
}

/** CWE ids as "CWE-79" whatever the report used (79, "79", "CWE-79"). */
export function normalizeCwes(list: readonly unknown[]): string[] {
  const out: string[] = [];
  for (const c of list) {
    const m = /(\d+)/.exec(String(c));
    if (m) out.push(`CWE-${Number(m[1])}`);
  }
  return out;
}

/** Marker type so parsers can state "no scanner severity" explicitly. */
export type MaybeSeverity = Severity | null;
