import type { Severity } from "@infrasec/core";

/** Report formats the vulnerability engine reads. */
export const VULN_REPORT_FORMATS = [
  "trivy",
  "grype",
  "sarif",
  "cyclonedx-json",
  "cyclonedx-xml",
  "osv-scanner",
  "gitlab",
  "nessus",
] as const;
/** One of VULN_REPORT_FORMATS. */
export type VulnReportFormat = (typeof VULN_REPORT_FORMATS)[number];

/**
 * What a record is about. It picks the identity tuple shape: packages are keyed by package and
 * version, configuration and code by file and rule, secrets by file and rule, hosts by port.
 */
export type RecordKind = "package" | "config" | "secret" | "code" | "host";

/** Where the severity came from, in the handbook's order (CVSS v3, then v2, then the scanner). */
export type SeveritySource = "cvss_v3" | "cvss_v2" | "cvss_v4" | "scanner";

/** One CVSS score with the vector it came from (either may be missing in a report). */
export interface CvssScore {
  version: "2" | "3" | "4";
  score: number | null;
  vector: string | null;
  /** Who rated it: "nvd", "ghsa", "redhat", a SARIF tool... */
  source: string;
}

/** Fix availability as the scanner reported it. */
export type FixState = "fixed" | "not_fixed" | "wont_fix" | "unknown";

/**
 * One place where a finding was seen: a file and line, an image layer, a host port.
 * Occurrences never enter identity; several stay under one finding.
 */
export interface Occurrence {
  path?: string;
  startLine?: number;
  endLine?: number;
  layer?: string;
  port?: number;
  protocol?: string;
  service?: string;
  /** Trivy's `Target`, SARIF's logical location, a Kubernetes container... */
  detail?: string;
}

/** A VEX / analysis statement carried by the report (CycloneDX analysis, Trivy status...). */
export interface VexStatement {
  state: string;
  justification?: string;
  response?: string[];
  detail?: string;
}

/** The versioned identity of a record: tuple, its hash, and a sentence explaining the match. */
export interface VulnIdentity {
  /** e.g. "pkg@1": tuple shape and version, hashed; a change of version means re-keying by replay. */
  version: string;
  /** The format's identity function that built the tuple, e.g. "trivy@1" (provenance, not hashed). */
  fn: string;
  tuple: readonly string[];
  /** sha256 hex over the JCS (RFC 8785) serialization of [version, ...tuple]. */
  hash: string;
  /** "same asset, package, installed version and canonical vulnerability (CVE-…, alias of GHSA-…)". */
  basis: string;
}

/**
 * A normalized record: one scanner statement about one problem at one place. Text fields are
 * evidence, never identity.
 */
export interface VulnRecord {
  kind: RecordKind;
  /** Canonical vulnerability or rule id after alias resolution (CVE preferred). */
  vulnId: string;
  /** The id exactly as the scanner reported it. */
  reportedId: string;
  /** Other ids naming the same vulnerability (CVE, GHSA, OSV, vendor), sorted, without vulnId. */
  aliases: string[];
  /** Advisories that cover this vulnerability but also others (RHSA, DSA, Nessus plugin CVEs). */
  related: string[];
  title: string | null;
  severity: Severity;
  severitySource: SeveritySource;
  /** The scanner's own severity before CVSS-based normalisation. */
  scannerSeverity: Severity | null;
  cvss: CvssScore[];
  cwes: string[];
  package: string | null;
  /** Package URL without version and qualifiers (ecosystem + namespace + name), when known. */
  purl: string | null;
  ecosystem: string | null;
  version: string | null;
  fixedVersion: string | null;
  fixState: FixState;
  /** The asset the record is about: image reference, repository, host, Kubernetes resource. */
  target: string;
  location: Occurrence;
  vex: VexStatement | null;
  /** Key used for the asset-specific part of non-package identities (file, rule, port, fingerprint). */
  locus: string | null;
  epss: { score: number; percentile: number | null } | null;
  scanner: ScannerInfo;
  /** Filled by parseReport after alias resolution. */
  identity: VulnIdentity;
}

/** A record as a parser emits it, before alias resolution and identity. */
export type RawRecord = Omit<VulnRecord, "identity" | "vulnId" | "aliases"> & { aliases: string[] };

/** Scanner that produced the report. */
export interface ScannerInfo {
  name: string;
  version: string | null;
}

/** One target the report says it scanned; reconciliation closes findings only inside these. */
export interface CoverageTarget {
  /** Asset key (image, host, repository, resource) this target belongs to. */
  asset: string;
  /** Lockfile, OS, file or port set that was scanned; null for the whole asset. */
  target: string | null;
  class: string;
  /** Packages that were inventoried, when the report lists them (e.g. Trivy --list-all-pkgs). */
  packages: number | null;
  /** Whether the scan of this target is known to have succeeded. */
  status: "success" | "failure" | "unknown";
  /** Authenticated (credentialed) scan, when the format tells (Nessus). */
  authenticated: boolean | null;
}

/** Declared scope and coverage evidence of a report, for coverage-aware reconciliation. */
export interface ReportCoverage {
  scanner: ScannerInfo;
  scanType: string | null;
  /** Overall status of the scan (GitLab `scan.status`); unknown when the format has none. */
  status: "success" | "failure" | "unknown";
  targets: CoverageTarget[];
  /** Format schema version as declared by the report ("2", "15.0.7", "1.6", "2.1.0"). */
  schemaVersion: string | null;
}

/** A finding: records that share one identity hash, with their occurrences. */
export interface VulnFinding {
  identity: VulnIdentity;
  kind: RecordKind;
  vulnId: string;
  aliases: string[];
  /** Most severe severity among the merged records. */
  severity: Severity;
  package: string | null;
  version: string | null;
  fixedVersion: string | null;
  target: string;
  occurrences: Occurrence[];
  scanners: string[];
  /** How many records merged into this finding (internal duplicates + occurrences). */
  records: number;
}

/** The result of parsing one report. */
export interface ParsedReport {
  format: VulnReportFormat;
  records: VulnRecord[];
  findings: VulnFinding[];
  coverage: ReportCoverage;
  /** Non-fatal notes: skipped entries, unsupported sections. */
  warnings: string[];
}

/** What a format parser returns before identity. */
export interface FormatParseResult {
  records: RawRecord[];
  coverage: ReportCoverage;
  warnings: string[];
}

/** A streaming format reader: feed chunks in order, then finish once. */
export interface FormatStreamReader {
  feed(chunk: Uint8Array): void;
  /** Records already complete (asset known), removed from the reader; finish() returns the rest. */
  take(): RawRecord[];
  finish(): FormatParseResult;
}
