import type { DismissalReason, FindingStatus, VexJustification } from "./state-mapping";

/** A stored finding as the export writers read it. */
export interface ExportFinding {
  id: string;
  assetKey: string;
  kind: string;
  vulnId: string;
  aliases: readonly string[];
  title: string | null;
  package: string | null;
  purl: string | null;
  version: string | null;
  fixedVersion: string | null;
  severity: string;
  cvssScore: number | null;
  cvssVector: string | null;
  cwes: readonly string[];
  status: FindingStatus;
  dismissalReason: DismissalReason | null;
  justification: VexJustification | null;
  /** The note of the finding's last status change (dismissal comment, resolution note). */
  statusNote: string | null;
  scanner: string;
  coverageTarget: string | null;
  firstSeenAt: string;
  lastSeenAt: string;
  slaDueAt: string | null;
  updatedAt: string;
}

export const EXPORT_FORMATS = ["cyclonedx-vex", "gitlab", "csv", "sarif"] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export interface ExportMeta {
  /** ISO timestamp of the export. */
  at: string;
  /** A UUID for the document (CycloneDX serialNumber). */
  serial: string;
  toolVersion: string;
}

/**
 * Streams an export: `start` once, `item` per finding (page by page, so a million findings are
 * never one array), `end` once. Each returns text to append; `item` returns "" for a finding the
 * format leaves out (GitLab: resolved findings and findings without a package).
 */
export interface ExportWriter {
  mediaType: string;
  extension: string;
  start(): string;
  item(f: ExportFinding): string;
  end(): string;
}
