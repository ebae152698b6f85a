import type { Insertable, Selectable } from "kysely";
import type { VulnFindingsTable } from "../schema/vulns-tables";
import type { VulnFindingEnrichment } from "./vulns-enrichment-repo";
import { vulnContentHash } from "./vulns-content-hash";

/**
 * Finding records and their rows: the record types of the findings repository and the mapping
 * between records and vuln_findings rows. Every row written carries its content hash
 * (vulns-content-hash.ts).
 */

/** A stored finding with its JSON columns decoded. */
export interface VulnFindingRecord {
  id: string;
  assetId: string;
  identityHash: string;
  identityVersion: string;
  identityFn: string;
  identityTuple: string[];
  identityBasis: string;
  kind: string;
  vulnId: string;
  aliases: string[];
  title: string | null;
  package: string | null;
  purl: string | null;
  version: string | null;
  fixedVersion: string | null;
  fixState: string;
  severity: string;
  severitySource: string;
  scannerSeverity: string | null;
  cvssScore: number | null;
  cvssVector: string | null;
  cwes: string[];
  status: string;
  dismissalReason: string | null;
  resolution: string | null;
  resolvedAt: string | null;
  scanner: string;
  scope: string;
  coverageTarget: string | null;
  coverageClass: string | null;
  scanners: string[];
  firstSeenAt: string;
  lastSeenAt: string;
  firstJobId: string | null;
  lastJobId: string | null;
  slaPolicy: string | null;
  slaDueAt: string | null;
  occurrencesHash: string;
  occurrenceCount: number;
  editedFields: string[];
  createdAt: string;
  updatedAt: string;
  /**
   * Enrichment computed with the write (imports): stored in the same INSERT or upsert instead of
   * a second UPDATE of the row. Absent: an insert stores nulls, an update keeps the stored values.
   */
  enrichment?: VulnEnrichmentValues;
}

/** The stored enrichment columns of a finding (vulns-enrichment-repo computes and documents them). */
export interface VulnEnrichmentValues {
  priorityScore: number | null;
  priorityBand: string | null;
  kev: boolean | null;
  epssScore: number | null;
  epssPercentile: number | null;
  cvssVersion: string | null;
}

/** A finding in a list, with the key of its asset and its enrichment (vulns-enrichment-repo). */
export interface VulnFindingListRecord extends VulnFindingRecord, VulnFindingEnrichment {
  assetKey: string;
}

/**
 * What reconciliation compares between a stored finding and an incoming one: the tracked
 * fields, the reconciliation key and what decides a rewrite. Narrower than the record (no
 * identity tuple and basis, package, version, search text, timestamps) so that re-reading
 * 100k findings on a re-import moves and decodes less.
 */
export type VulnReconcileRow = Pick<
  VulnFindingRecord,
  | "id"
  | "identityHash"
  | "identityFn"
  | "vulnId"
  | "aliases"
  | "title"
  | "purl"
  | "fixedVersion"
  | "fixState"
  | "severity"
  | "severitySource"
  | "scannerSeverity"
  | "cvssScore"
  | "cvssVector"
  | "cwes"
  | "status"
  | "scanner"
  | "scope"
  | "coverageTarget"
  | "coverageClass"
  | "scanners"
  | "firstSeenAt"
  | "slaDueAt"
  | "occurrencesHash"
  | "editedFields"
> & {
  /** vulnContentHash of the row as stored; null for rows written before migration 002200. */
  contentHash: string | null;
};

/**
 * What a re-import reads first of each stored finding it sees again: enough to decide, with the
 * content hash, that the finding is unchanged without reading the compared columns.
 */
export interface VulnReconcileKey {
  id: string;
  identityHash: string;
  /** vulnContentHash of the stored row; null for rows written before migration 002200. */
  contentHash: string | null;
  status: string;
  slaDueAt: string | null;
}

/** What reconciliation needs to know about the open findings of one scope. */
export interface VulnScopeEntry {
  id: string;
  identityHash: string;
  coverageTarget: string | null;
  coverageClass: string | null;
  status: string;
}

export interface VulnOccurrenceRecord {
  findingId: string;
  idx: number;
  data: Record<string, unknown>;
}

export interface VulnFindingEventRecord {
  id: string;
  findingId: string;
  at: string;
  kind: string;
  fromStatus: string | null;
  toStatus: string | null;
  reason: string | null;
  note: string | null;
  changes: Record<string, unknown> | null;
  actorName: string;
  jobId: string | null;
}

export type Row = Selectable<VulnFindingsTable>;

const ENRICHMENT_NULLS = {
  priority_score: null,
  priority_band: null,
  kev: null,
  epss_score: null,
  epss_percentile: null,
  cvss_version: null,
};

/** The enrichment columns of a record (nulls when it carries none). */
function enrichmentColumns(e: VulnEnrichmentValues | undefined) {
  if (!e) return ENRICHMENT_NULLS;
  return {
    priority_score: e.priorityScore,
    priority_band: e.priorityBand,
    kev: e.kev === null ? null : e.kev ? 1 : 0,
    epss_score: e.epssScore,
    epss_percentile: e.epssPercentile,
    cvss_version: e.cvssVersion,
  };
}

/** The enrichment columns an upsert of records with `enrichment` rewrites. */
export const ENRICHMENT_COLUMNS = Object.keys(ENRICHMENT_NULLS) as (keyof VulnFindingsTable)[];

const RANK: Record<string, number> = { critical: 4, high: 3, medium: 2, low: 1, info: 0 };

export function toRow(f: VulnFindingRecord): Insertable<VulnFindingsTable> {
  return {
    id: f.id,
    asset_id: f.assetId,
    identity_hash: f.identityHash,
    identity_version: f.identityVersion,
    identity_fn: f.identityFn,
    identity_tuple: JSON.stringify(f.identityTuple),
    identity_basis: f.identityBasis,
    kind: f.kind,
    vuln_id: f.vulnId,
    aliases: JSON.stringify(f.aliases),
    title: f.title,
    package: f.package,
    purl: f.purl,
    version: f.version,
    fixed_version: f.fixedVersion,
    fix_state: f.fixState,
    severity: f.severity,
    severity_rank: RANK[f.severity] ?? 0,
    severity_source: f.severitySource,
    scanner_severity: f.scannerSeverity,
    cvss_score: f.cvssScore,
    cvss_vector: f.cvssVector,
    cwes: JSON.stringify(f.cwes),
    status: f.status,
    dismissal_reason: f.dismissalReason,
    resolution: f.resolution,
    resolved_at: f.resolvedAt,
    scanner: f.scanner,
    scope: f.scope,
    coverage_target: f.coverageTarget,
    coverage_class: f.coverageClass,
    scanners: JSON.stringify(f.scanners),
    first_seen_at: f.firstSeenAt,
    last_seen_at: f.lastSeenAt,
    first_job_id: f.firstJobId,
    last_job_id: f.lastJobId,
    sla_policy: f.slaPolicy,
    sla_due_at: f.slaDueAt,
    occurrences_hash: f.occurrencesHash,
    occurrence_count: f.occurrenceCount,
    edited_fields: JSON.stringify(f.editedFields),
    search_text: [f.vulnId, ...f.aliases, f.package ?? "", f.title ?? ""].join(" ").toLowerCase(),
    created_at: f.createdAt,
    updated_at: f.updatedAt,
    content_hash: vulnContentHash(f),
    ...enrichmentColumns(f.enrichment),
  };
}

/** The last sighting from vuln_finding_seen, which overrides the row's columns when present. */
interface SeenColumns {
  seen_at: string | null;
  seen_job_id: string | null;
}

export function fromRow(r: Row & SeenColumns): VulnFindingRecord {
  const seen = r.seen_at !== null;
  return {
    id: r.id,
    assetId: r.asset_id,
    identityHash: r.identity_hash,
    identityVersion: r.identity_version,
    identityFn: r.identity_fn,
    identityTuple: JSON.parse(r.identity_tuple) as string[],
    identityBasis: r.identity_basis,
    kind: r.kind,
    vulnId: r.vuln_id,
    aliases: JSON.parse(r.aliases) as string[],
    title: r.title,
    package: r.package,
    purl: r.purl,
    version: r.version,
    fixedVersion: r.fixed_version,
    fixState: r.fix_state,
    severity: r.severity,
    severitySource: r.severity_source,
    scannerSeverity: r.scanner_severity,
    cvssScore: r.cvss_score === null ? null : Number(r.cvss_score),
    cvssVector: r.cvss_vector,
    cwes: JSON.parse(r.cwes) as string[],
    status: r.status,
    dismissalReason: r.dismissal_reason,
    resolution: r.resolution,
    resolvedAt: r.resolved_at,
    scanner: r.scanner,
    scope: r.scope,
    coverageTarget: r.coverage_target,
    coverageClass: r.coverage_class,
    scanners: JSON.parse(r.scanners) as string[],
    firstSeenAt: r.first_seen_at,
    lastSeenAt: seen ? (r.seen_at as string) : r.last_seen_at,
    firstJobId: r.first_job_id,
    lastJobId: seen ? r.seen_job_id : r.last_job_id,
    slaPolicy: r.sla_policy,
    slaDueAt: r.sla_due_at,
    occurrencesHash: r.occurrences_hash,
    occurrenceCount: Number(r.occurrence_count),
    editedFields: JSON.parse(r.edited_fields) as string[],
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

/** Columns of an inserted finding row (toRow). */
export const FINDING_COLUMNS = 53;

// Columns an upsert rewrites; identity, asset, creation and first sighting never change.
export const MUTABLE: (keyof VulnFindingsTable)[] = [
  "identity_version",
  "identity_fn",
  "identity_tuple",
  "identity_basis",
  "vuln_id",
  "aliases",
  "title",
  "package",
  "purl",
  "version",
  "fixed_version",
  "fix_state",
  "severity",
  "severity_rank",
  "severity_source",
  "scanner_severity",
  "cvss_score",
  "cvss_vector",
  "cwes",
  "status",
  "dismissal_reason",
  "resolution",
  "resolved_at",
  "scanner",
  "scope",
  "coverage_target",
  "coverage_class",
  "scanners",
  "last_seen_at",
  "last_job_id",
  "sla_policy",
  "sla_due_at",
  "occurrences_hash",
  "occurrence_count",
  "edited_fields",
  "search_text",
  "updated_at",
  "content_hash",
];

/** The reconciliation columns of a finding row, decoded. */
export function reconcileRow(r: ReconcileColumns): VulnReconcileRow {
  return {
    id: r.id,
    identityHash: r.identity_hash,
    identityFn: r.identity_fn,
    vulnId: r.vuln_id,
    aliases: JSON.parse(r.aliases) as string[],
    title: r.title,
    purl: r.purl,
    fixedVersion: r.fixed_version,
    fixState: r.fix_state,
    severity: r.severity,
    severitySource: r.severity_source,
    scannerSeverity: r.scanner_severity,
    cvssScore: r.cvss_score === null ? null : Number(r.cvss_score),
    cvssVector: r.cvss_vector,
    cwes: JSON.parse(r.cwes) as string[],
    status: r.status,
    scanner: r.scanner,
    scope: r.scope,
    coverageTarget: r.coverage_target,
    coverageClass: r.coverage_class,
    scanners: JSON.parse(r.scanners) as string[],
    firstSeenAt: r.first_seen_at,
    slaDueAt: r.sla_due_at,
    occurrencesHash: r.occurrences_hash,
    editedFields: JSON.parse(r.edited_fields) as string[],
    contentHash: r.content_hash,
  };
}

export const RECONCILE_COLUMNS = [
  "id",
  "identity_hash",
  "identity_fn",
  "vuln_id",
  "aliases",
  "title",
  "purl",
  "fixed_version",
  "fix_state",
  "severity",
  "severity_source",
  "scanner_severity",
  "cvss_score",
  "cvss_vector",
  "cwes",
  "status",
  "scanner",
  "scope",
  "coverage_target",
  "coverage_class",
  "scanners",
  "first_seen_at",
  "sla_due_at",
  "occurrences_hash",
  "edited_fields",
  "content_hash",
] as const satisfies readonly (keyof Row)[];
type ReconcileColumns = Pick<Row, (typeof RECONCILE_COLUMNS)[number]>;
