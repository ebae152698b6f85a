import { hash } from "node:crypto";

// The content hash of a finding (vuln_findings.content_hash, migration 002200, ADR 0204): a
// re-import compares it with the hash of the incoming finding and skips the findings whose
// compared values are all equal, without reading or rewriting their columns.

/**
 * The columns whose values decide whether an import changes a stored finding: the tracked fields
 * (reconcile-fns.ts) and the reconciliation key and provenance (scanner, scope, coverage,
 * scanners, identity function). The SLA due date and the status are checked beside the hash.
 */
export interface VulnContentFields {
  vulnId: string;
  aliases: readonly string[];
  title: string | null;
  purl: string | null;
  fixedVersion: string | null;
  fixState: string;
  severity: string;
  severitySource: string;
  scannerSeverity: string | null;
  cvssScore: number | null;
  cvssVector: string | null;
  cwes: readonly string[];
  occurrencesHash: string;
  scanner: string;
  scope: string;
  coverageTarget: string | null;
  coverageClass: string | null;
  scanners: readonly string[];
  identityFn: string;
}

/**
 * sha256 of a finding's compared values. Every write of a finding row stores it (toRow), so
 * equal hashes mean an import would find nothing to change in those columns. Arrays are hashed
 * as given: callers pass them sorted, as they are stored.
 */
export function vulnContentHash(f: VulnContentFields): string {
  return hash(
    "sha256",
    JSON.stringify([
      f.vulnId,
      f.aliases,
      f.title,
      f.purl,
      f.fixedVersion,
      f.fixState,
      f.severity,
      f.severitySource,
      f.scannerSeverity,
      f.cvssScore,
      f.cvssVector,
      f.cwes,
      f.occurrencesHash,
      f.scanner,
      f.scope,
      f.coverageTarget,
      f.coverageClass,
      f.scanners,
      f.identityFn,
    ]),
    "base64url",
  );
}
