import { PostgresAdapter, sql } from "kysely";
import type { VulnFindingsTable } from "../schema/vulns-tables";
import type { Executor } from "./executor";
import { IDS_PER_STATEMENT, chunks, rowsPerStatement } from "./vulns-batch";
import { findingEnrichment } from "./vulns-enrichment-repo";
import { ASSET_PRIORITY_COLUMNS, listFindingRows } from "./vulns-findings-list";
import type { VulnFindingFilter, VulnFindingSort } from "./vulns-findings-list";
import {
  ENRICHMENT_COLUMNS,
  FINDING_COLUMNS,
  MUTABLE,
  RECONCILE_COLUMNS,
  fromRow,
  reconcileRow,
  toRow,
} from "./vulns-findings-rows";
import type {
  Row,
  VulnFindingEventRecord,
  VulnFindingListRecord,
  VulnFindingRecord,
  VulnOccurrenceRecord,
  VulnReconcileKey,
  VulnReconcileRow,
  VulnScopeEntry,
} from "./vulns-findings-rows";

export type * from "./vulns-findings-rows";
export type { VulnContentFields } from "./vulns-content-hash";
export type { VulnFindingFilter, VulnFindingSort } from "./vulns-findings-list";
export { VULN_FINDING_SORTS } from "./vulns-findings-list";

/**
 * Findings, occurrences and finding events. Every write takes a list and issues one statement
 * per batch, so an import's statement count grows with batches, not rows.
 */
export function vulnFindingsRepo(executor: Executor) {
  const db = executor;
  // A list is one parameter: an array on PostgreSQL (planning `= any($1)` is cheaper than an IN
  // list of 1,000 parameters, which a re-import sends hundreds of times), a JSON array read by
  // json_each on SQLite. Kysely prepares a new better-sqlite3 statement per query whose native
  // memory is freed only when V8 collects it; statements of 1,000 parameters each piled up to
  // hundreds of MiB between major GCs on the 1 GB re-import, one-parameter ones stay small.
  const postgres = db.getExecutor().adapter instanceof PostgresAdapter;
  const listParam = (values: readonly string[]) =>
    postgres ? sql`${[...values]}::text[]` : sql`${JSON.stringify(values)}`;
  const listRows = (values: readonly string[]) =>
    postgres
      ? sql`unnest(${listParam(values)}) as l(value)`
      : sql`json_each(${listParam(values)}) as l`;
  const inList = (column: string, values: readonly string[]) =>
    postgres
      ? sql<boolean>`${sql.ref(column)} = any(${listParam(values)})`
      : sql<boolean>`${sql.ref(column)} in (select value from ${listRows(values)})`;
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

  /**
   * Columns of an asset's findings with these identity hashes (one statement). PostgreSQL gets
   * one index lookup per hash through a LATERAL subquery: with `identity_hash = any($1)` its
   * planner chose a sequential scan of the table for each batch of 1,000 once the table had
   * statistics (31 ms per batch at 30k findings, growing with the table), so a re-import read
   * the whole table a hundred times. `limit 1` keeps the subquery from being flattened into a
   * hash join; (asset_id, identity_hash) is unique, so it drops nothing.
   */
  async function byIdentity<C extends keyof Row>(
    assetId: string,
    hashes: readonly string[],
    columns: readonly C[],
  ): Promise<Pick<Row, C>[]> {
    if (!postgres) {
      const rows = await db
        .selectFrom("vuln_findings")
        .select(columns)
        .where("asset_id", "=", assetId)
        .where(inList("identity_hash", hashes))
        .execute();
      return rows as unknown as Pick<Row, C>[];
    }
    const result = await sql<Pick<Row, C>>`select f.* from ${listRows(hashes)}
      cross join lateral (select ${sql.join(columns.map((c) => sql.ref(c)))} from vuln_findings
        where asset_id = ${assetId} and identity_hash = l.value limit 1) f`.execute(db);
    return result.rows;
  }

  /**
   * Rewrites existing findings in one statement per batch: `INSERT … ON CONFLICT (id) DO UPDATE`
   * is the batched UPDATE both dialects share.
   */
  async function upsert(
    list: readonly VulnFindingRecord[],
    columns: readonly (keyof VulnFindingsTable)[],
  ): Promise<void> {
    for (const part of chunks(list, rowsPerStatement(FINDING_COLUMNS))) {
      await db
        .insertInto("vuln_findings")
        .values(part.map(toRow))
        .onConflict((oc) =>
          oc
            .column("id")
            .doUpdateSet((eb) =>
              Object.fromEntries(columns.map((c) => [c, eb.ref(`excluded.${c}`)])),
            ),
        )
        .execute();
      // The record's last sighting is now in the row; a seen row would override it.
      await db
        .deleteFrom("vuln_finding_seen")
        .where(
          inList(
            "finding_id",
            part.map((f) => f.id),
          ),
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

    /** Rewrites existing findings (upsert), one statement per batch and kind of record. */
    async updateMany(list: readonly VulnFindingRecord[]): Promise<void> {
      // Records that carry enrichment (imports) rewrite those columns too; others keep them.
      const enriched = list.filter((f) => f.enrichment !== undefined);
      const plain = list.filter((f) => f.enrichment === undefined);
      for (const [group, columns] of [
        [enriched, [...MUTABLE, ...ENRICHMENT_COLUMNS]],
        [plain, MUTABLE],
      ] as const) {
        await upsert(group, columns);
      }
    },
    /**
     * Marks findings as seen again without other changes (the re-import fast path): an upsert
     * of narrow vuln_finding_seen rows, not a rewrite of the wide finding rows.
     */
    async touchSeen(ids: readonly string[], at: string, jobId: string): Promise<void> {
      for (const part of chunks(ids, IDS_PER_STATEMENT)) {
        // The ids as one list parameter, not 3 parameters per row. `where true` tells SQLite's
        // parser that ON CONFLICT belongs to the INSERT, not to a join of the SELECT.
        await db
          .insertInto("vuln_finding_seen")
          .columns(["finding_id", "last_seen_at", "last_job_id"])
          .expression(sql`select value, ${at}, ${jobId} from ${listRows(part)} where true`)
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
          .where(inList("f.identity_hash", part))
          .execute();
        for (const r of rows) out.push(fromRow(r));
      }
      return out;
    },

    /** The reconciliation columns of an asset's findings with these identity hashes. */
    async reconcileRows(assetId: string, hashes: readonly string[]): Promise<VulnReconcileRow[]> {
      const out: VulnReconcileRow[] = [];
      for (const part of chunks(hashes, IDS_PER_STATEMENT)) {
        for (const r of await byIdentity(assetId, part, RECONCILE_COLUMNS)) {
          out.push(reconcileRow(r));
        }
      }
      return out;
    },

    /**
     * What a re-import reads first of an asset's findings with these identity hashes: the id,
     * content hash, status and due date, so unchanged findings need no further reads.
     */
    async reconcileKeys(assetId: string, hashes: readonly string[]): Promise<VulnReconcileKey[]> {
      const out: VulnReconcileKey[] = [];
      for (const part of chunks(hashes, IDS_PER_STATEMENT)) {
        const columns = ["id", "identity_hash", "content_hash", "status", "sla_due_at"] as const;
        for (const r of await byIdentity(assetId, part, columns)) {
          out.push({
            id: r.id,
            identityHash: r.identity_hash,
            contentHash: r.content_hash,
            status: r.status,
            slaDueAt: r.sla_due_at,
          });
        }
      }
      return out;
    },

    /**
     * Stores content hashes of findings an import found unchanged whose rows have none yet
     * (written before migration 002200) or a stale one: one statement per 1,000.
     */
    async setContentHashes(list: readonly { id: string; contentHash: string }[]): Promise<void> {
      for (const part of chunks(list, IDS_PER_STATEMENT)) {
        const rows = part.map((r) => sql`(${r.id}, cast(${r.contentHash} as text))`);
        await sql`with v(id, h) as (values ${sql.join(rows)})
          update vuln_findings set content_hash = v.h
          from v where vuln_findings.id = v.id`.execute(db);
      }
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
        const rows = await findings().where(inList("f.id", part)).execute();
        for (const r of rows) out.push(fromRow(r));
      }
      return out;
    },

    /**
     * Visits the findings of one reconciliation scope in the given statuses (one statement) and
     * returns how many there were. The driver's rows are visited as they are, not copied into
     * records, and are garbage once this returns: the caller keeps only what it needs (on the
     * 1 GB re-import the scope holds hundreds of thousands of findings). Streaming the rows
     * (SQLite) was tried: Kysely hands them over one per result, which plugins then count as a
     * statement each.
     */
    async scanScope(
      assetId: string,
      scanner: string,
      scope: string,
      statuses: readonly string[],
      visit: (f: VulnScopeEntry) => void,
    ): Promise<number> {
      const rows = await db
        .selectFrom("vuln_findings")
        .select([
          "id",
          "identity_hash as identityHash",
          "coverage_target as coverageTarget",
          "coverage_class as coverageClass",
          "status",
        ])
        .where("asset_id", "=", assetId)
        .where("scanner", "=", scanner)
        .where("scope", "=", scope)
        .where("status", "in", statuses)
        .execute();
      for (const r of rows) visit(r);
      return rows.length;
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
          .where(inList("id", part))
          .execute();
        // A seen row overrides last_job_id: keep it in step (its last_seen_at stays).
        await db
          .updateTable("vuln_finding_seen")
          .set({ last_job_id: jobId })
          .where(inList("finding_id", part))
          .execute();
      }
    },

    async replaceOccurrences(
      findingIds: readonly string[],
      rows: readonly VulnOccurrenceRecord[],
    ): Promise<void> {
      for (const part of chunks(findingIds, IDS_PER_STATEMENT)) {
        await db.deleteFrom("vuln_occurrences").where(inList("finding_id", part)).execute();
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
