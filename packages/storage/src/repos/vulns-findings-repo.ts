import { PostgresAdapter, sql } from "kysely";
import type { Insertable, Selectable } from "kysely";
import type { VulnFindingsTable } from "../schema/vulns-tables";
import type { Executor } from "./executor";
import { IDS_PER_STATEMENT, chunks, rowsPerStatement } from "./vulns-batch";
import { findingEnrichment } from "./vulns-enrichment-repo";
import { ASSET_PRIORITY_COLUMNS, listFindingRows } from "./vulns-findings-list";
import type { VulnFindingFilter, VulnFindingSort } from "./vulns-findings-list";
import type { VulnFindingEnrichment } from "./vulns-enrichment-repo";

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
>;

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

export type { VulnFindingFilter, VulnFindingSort } from "./vulns-findings-list";
export { VULN_FINDING_SORTS } from "./vulns-findings-list";

type Row = Selectable<VulnFindingsTable>;

const RANK: Record<string, number> = { critical: 4, high: 3, medium: 2, low: 1, info: 0 };

function toRow(f: VulnFindingRecord): Insertable<VulnFindingsTable> {
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
  };
}

/** The last sighting from vuln_finding_seen, which overrides the row's columns when present. */
interface SeenColumns {
  seen_at: string | null;
  seen_job_id: string | null;
}

function fromRow(r: Row & SeenColumns): VulnFindingRecord {
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

const FINDING_COLUMNS = 46;

// Columns an upsert rewrites; identity, asset, creation and first sighting never change.
const MUTABLE: (keyof VulnFindingsTable)[] = [
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
];

/** The reconciliation columns of a finding row, decoded. */
function reconcileRow(r: ReconcileColumns): VulnReconcileRow {
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
  };
}

const RECONCILE_COLUMNS = [
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
] as const satisfies readonly (keyof Row)[];
type ReconcileColumns = Pick<Row, (typeof RECONCILE_COLUMNS)[number]>;

/**
 * Findings, occurrences and finding events. Every write takes a list and issues one statement
 * per batch, so an import's statement count grows with batches, not rows.
 */
export function vulnFindingsRepo(executor: Executor) {
  const db = executor;
  // PostgreSQL takes a list as one array parameter: planning `= any($1)` is cheaper than an
  // IN list of 1,000 parameters, which the re-import sends a hundred times.
  const postgres = db.getExecutor().adapter instanceof PostgresAdapter;
  const inList = (column: string, values: readonly string[]) =>
    postgres
      ? sql<boolean>`${sql.ref(column)} = any(${[...values]}::text[])`
      : sql<boolean>`${sql.ref(column)} in (${sql.join(values)})`;
  /** Finding rows with their last sighting (the seen row overrides the row's columns). */
  const findings = () =>
    db
      .selectFrom("vuln_findings as f")
      .leftJoin("vuln_finding_seen as s", "s.finding_id", "f.id")
      .selectAll("f")
      .select(["s.last_seen_at as seen_at", "s.last_job_id as seen_job_id"]);
  async function insertOccurrences(rows: readonly VulnOccurrenceRecord[]): Promise<void> {
    for (const part of chunks(rows, rowsPerStatement(3))) {
      await db
        .insertInto("vuln_occurrences")
        .values(
          part.map((o) => ({ finding_id: o.findingId, idx: o.idx, data: JSON.stringify(o.data) })),
        )
        .execute();
    }
  }

  return {
    async insertMany(list: readonly VulnFindingRecord[]): Promise<void> {
      for (const part of chunks(list, rowsPerStatement(FINDING_COLUMNS))) {
        await db.insertInto("vuln_findings").values(part.map(toRow)).execute();
      }
    },

    /**
     * Rewrites existing findings in one statement per batch: `INSERT … ON CONFLICT (id) DO
     * UPDATE` is the batched UPDATE both dialects share.
     */
    async updateMany(list: readonly VulnFindingRecord[]): Promise<void> {
      for (const part of chunks(list, rowsPerStatement(FINDING_COLUMNS))) {
        await db
          .insertInto("vuln_findings")
          .values(part.map(toRow))
          .onConflict((oc) =>
            oc
              .column("id")
              .doUpdateSet((eb) =>
                Object.fromEntries(MUTABLE.map((c) => [c, eb.ref(`excluded.${c}`)])),
              ),
          )
          .execute();
        // The record's last sighting is now in the row; a seen row would override it.
        await db
          .deleteFrom("vuln_finding_seen")
          .where(
            "finding_id",
            "in",
            part.map((f) => f.id),
          )
          .execute();
      }
    },

    /**
     * Marks findings as seen again without other changes (the re-import fast path): an upsert
     * of narrow vuln_finding_seen rows, not a rewrite of the wide finding rows.
     */
    async touchSeen(ids: readonly string[], at: string, jobId: string): Promise<void> {
      for (const part of chunks(ids, rowsPerStatement(3))) {
        await db
          .insertInto("vuln_finding_seen")
          .values(part.map((id) => ({ finding_id: id, last_seen_at: at, last_job_id: jobId })))
          .onConflict((oc) =>
            oc.column("finding_id").doUpdateSet((eb) => ({
              last_seen_at: eb.ref("excluded.last_seen_at"),
              last_job_id: eb.ref("excluded.last_job_id"),
            })),
          )
          .execute();
      }
    },

    async findByHashes(assetId: string, hashes: readonly string[]): Promise<VulnFindingRecord[]> {
      const out: VulnFindingRecord[] = [];
      for (const part of chunks(hashes, IDS_PER_STATEMENT)) {
        const rows = await findings()
          .where("f.asset_id", "=", assetId)
          .where("f.identity_hash", "in", part)
          .execute();
        for (const r of rows) out.push(fromRow(r));
      }
      return out;
    },

    /** The reconciliation columns of an asset's findings with these identity hashes. */
    async reconcileRows(assetId: string, hashes: readonly string[]): Promise<VulnReconcileRow[]> {
      const out: VulnReconcileRow[] = [];
      for (const part of chunks(hashes, IDS_PER_STATEMENT)) {
        const rows = await db
          .selectFrom("vuln_findings")
          .select(RECONCILE_COLUMNS)
          .where("asset_id", "=", assetId)
          .where(inList("identity_hash", part))
          .execute();
        for (const r of rows) out.push(reconcileRow(r));
      }
      return out;
    },

    /** Whether an asset has any finding, in any scope and status. */
    async hasFindings(assetId: string): Promise<boolean> {
      const row = await db
        .selectFrom("vuln_findings")
        .select("id")
        .where("asset_id", "=", assetId)
        .limit(1)
        .executeTakeFirst();
      return row !== undefined;
    },

    async findByIds(ids: readonly string[]): Promise<VulnFindingRecord[]> {
      const out: VulnFindingRecord[] = [];
      for (const part of chunks(ids, IDS_PER_STATEMENT)) {
        const rows = await findings().where("f.id", "in", part).execute();
        for (const r of rows) out.push(fromRow(r));
      }
      return out;
    },

    /** The findings of one reconciliation scope in the given statuses (one statement). */
    async inScope(
      assetId: string,
      scanner: string,
      scope: string,
      statuses: readonly string[],
    ): Promise<VulnScopeEntry[]> {
      const rows = await db
        .selectFrom("vuln_findings")
        .select(["id", "identity_hash", "coverage_target", "coverage_class", "status"])
        .where("asset_id", "=", assetId)
        .where("scanner", "=", scanner)
        .where("scope", "=", scope)
        .where("status", "in", statuses)
        .execute();
      return rows.map((r) => ({
        id: r.id,
        identityHash: r.identity_hash,
        coverageTarget: r.coverage_target,
        coverageClass: r.coverage_class,
        status: r.status,
      }));
    },

    /** Resolves findings absent from a covering scan: one statement per 1,000. */
    async closeMany(ids: readonly string[], at: string, jobId: string): Promise<void> {
      for (const part of chunks(ids, IDS_PER_STATEMENT)) {
        await db
          .updateTable("vuln_findings")
          .set({
            status: "resolved",
            resolution: "absent",
            resolved_at: at,
            updated_at: at,
            last_job_id: jobId,
          })
          .where("id", "in", part)
          .execute();
        // A seen row overrides last_job_id: keep it in step (its last_seen_at stays).
        await db
          .updateTable("vuln_finding_seen")
          .set({ last_job_id: jobId })
          .where("finding_id", "in", part)
          .execute();
      }
    },

    async replaceOccurrences(
      findingIds: readonly string[],
      rows: readonly VulnOccurrenceRecord[],
    ): Promise<void> {
      for (const part of chunks(findingIds, IDS_PER_STATEMENT)) {
        await db.deleteFrom("vuln_occurrences").where("finding_id", "in", part).execute();
      }
      await insertOccurrences(rows);
    },

    insertOccurrences,

    async occurrences(findingId: string): Promise<Record<string, unknown>[]> {
      const rows = await db
        .selectFrom("vuln_occurrences")
        .select("data")
        .where("finding_id", "=", findingId)
        .orderBy("idx")
        .execute();
      return rows.map((r) => JSON.parse(r.data) as Record<string, unknown>);
    },

    async insertEvents(events: readonly VulnFindingEventRecord[]): Promise<void> {
      for (const part of chunks(events, rowsPerStatement(11))) {
        await db
          .insertInto("vuln_finding_events")
          .values(
            part.map((e) => ({
              id: e.id,
              finding_id: e.findingId,
              at: e.at,
              kind: e.kind,
              from_status: e.fromStatus,
              to_status: e.toStatus,
              reason: e.reason,
              note: e.note,
              changes: e.changes ? JSON.stringify(e.changes) : null,
              actor_name: e.actorName,
              job_id: e.jobId,
            })),
          )
          .execute();
      }
    },

    async events(findingId: string): Promise<VulnFindingEventRecord[]> {
      const rows = await db
        .selectFrom("vuln_finding_events")
        .selectAll()
        .where("finding_id", "=", findingId)
        .orderBy("at")
        .orderBy("id")
        .execute();
      return rows.map((r) => ({
        id: r.id,
        findingId: r.finding_id,
        at: r.at,
        kind: r.kind,
        fromStatus: r.from_status,
        toStatus: r.to_status,
        reason: r.reason,
        note: r.note,
        changes: r.changes ? (JSON.parse(r.changes) as Record<string, unknown>) : null,
        actorName: r.actor_name,
        jobId: r.job_id,
      }));
    },

    async findById(id: string): Promise<VulnFindingListRecord | undefined> {
      const row = await findings()
        .innerJoin("assets as a", "a.id", "f.asset_id")
        .select(["a.key as asset_key", ...ASSET_PRIORITY_COLUMNS])
        .where("f.id", "=", id)
        .executeTakeFirst();
      return row
        ? { ...fromRow(row), assetKey: row.asset_key, ...findingEnrichment(row) }
        : undefined;
    },

    /** The findings list (vulns-findings-list): one page, with a total capped at COUNT_CAP. */
    async list(
      f: VulnFindingFilter,
      sort: VulnFindingSort,
      limit: number,
      offset: number,
    ): Promise<{ items: VulnFindingListRecord[]; total: number; totalIsEstimate: boolean }> {
      const page = await listFindingRows(db, f, sort, limit, offset);
      return {
        items: page.rows.map((r) => ({
          ...fromRow(r),
          assetKey: r.asset_key,
          ...findingEnrichment(r),
        })),
        total: page.total,
        totalIsEstimate: page.totalIsEstimate,
      };
    },
  };
}
export type VulnFindingsRepo = ReturnType<typeof vulnFindingsRepo>;
