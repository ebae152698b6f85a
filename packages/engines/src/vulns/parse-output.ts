import type { ParsedReport, VulnRecord } from "./vulns-types";

/** One record as `infrasec vulns parse FILE --format json` prints it (issue 4 contract). */
export type ParseOutputRecord = Pick<
  VulnRecord,
  | "vulnId"
  | "aliases"
  | "severity"
  | "cvss"
  | "package"
  | "version"
  | "fixedVersion"
  | "target"
  | "location"
  | "identity"
>;

/** The `infrasec vulns parse` JSON document: format, records, and the count after identity merging. */
export interface ParseOutput {
  format: ParsedReport["format"];
  records: ParseOutputRecord[];
  findings: number;
}

/**
 * Maps a parsed report onto the CLI's `vulns parse` contract. The other record fields (kind,
 * VEX, coverage, scanner) stay available on ParsedReport for reconciliation.
 */
export function toParseOutput(report: ParsedReport): ParseOutput {
  return {
    format: report.format,
    records: report.records.map((r) => ({
      vulnId: r.vulnId,
      aliases: r.aliases,
      severity: r.severity,
      cvss: r.cvss,
      package: r.package,
      version: r.version,
      fixedVersion: r.fixedVersion,
      target: r.target,
      location: r.location,
      identity: r.identity,
    })),
    findings: report.findings.length,
  };
}
