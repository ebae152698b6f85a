import { SqliteAdapter, sql } from "kysely";
import type { RawBuilder, SqlBool } from "kysely";
import type { Executor } from "./executor";
import { likeContains } from "./executor";

/**
 * How a substring search (`q`) over vuln_findings.search_text is matched (ADR 0203). The
 * semantics are LIKE '%q%' on the stored lower-cased text (case-insensitive, `%` `_` `\`
 * literal); the trigram index (migration 002000: FTS5 on SQLite, pg_trgm on PostgreSQL) makes
 * it fast. A trigram index needs 3 characters: shorter queries are matched by LIKE alone.
 *
 * Longer ones first read up to `cap` + 1 matches from the index (a few ms). Then, on SQLite, a
 * page is found whichever way costs less:
 * - driven by the matches (`f.rowid in (…)`: a lookup and a sort per match);
 * - walking the sort index and testing each entry's rowid against the matches
 *   (`+f.rowid in (…)`: the `+` keeps the planner from driving), which reads no finding row
 *   until it is a match; a page costs about `wanted × findings / matches` index entries.
 * A term with more than `cap` matches walks with LIKE (it meets a page of matches quickly).
 * On PostgreSQL the planner makes these choices (GIN bitmap scan or index walk).
 */
export interface TextSearch {
  /** The condition on `vuln_findings as f` for a page. */
  where: RawBuilder<SqlBool>;
  /** The same condition for a capped count with other filters, when it reads ≤ cap matches. */
  countWhere: RawBuilder<SqlBool> | null;
  /** Matches of `q` alone, when the index counted them (≤ cap); null otherwise. */
  matches: number | null;
  /** The index found more than `cap` matches of `q` alone. */
  common: boolean;
}

/** Characters a trigram index needs in a query; shorter queries use LIKE (no index). */
export const MIN_INDEXED_CHARS = 3;
/**
 * Cost of a finding looked up and sorted from an index match over an entry tested on a
 * sort-index walk (SQLite, 10⁶ findings: a rowid lookup and sort vs an index entry).
 */
const LOOKUP_OVER_WALK = 15;

const isSqlite = (db: Executor) => db.getExecutor().adapter instanceof SqliteAdapter;

/** The FTS5 query for `text` as one phrase: a trigram phrase is a substring match. */
export function ftsPhrase(text: string): string {
  return `"${text.toLowerCase().replace(/"/g, '""')}"`;
}

/** LIKE on the stored lower-cased text: the reference semantics, used where no index serves. */
export function likeSearch(text: string): RawBuilder<SqlBool> {
  return sql<SqlBool>`f.search_text like ${likeContains(text)} escape '\\'`;
}

/**
 * Plans `q` for a query that wants `wanted` rows (limit + offset) of its order; `cap` bounds
 * the index count.
 */
export async function planTextSearch(
  db: Executor,
  text: string,
  opts: { cap: number; wanted: number },
): Promise<TextSearch> {
  const like = likeSearch(text);
  const scan = { where: like, countWhere: null, matches: null, common: false };
  if ([...text.toLowerCase()].length < MIN_INDEXED_CHARS) return scan;
  const { cap, wanted } = opts;
  if (isSqlite(db)) {
    // The matches are read once and passed as a JSON array: the count and the page do not
    // match the phrase again (a term with common trigrams reads long doclists).
    const hits = await sql<{ r: number }>`select rowid as r from vuln_findings_fts
      where vuln_findings_fts match ${ftsPhrase(text)} limit ${cap + 1}`.execute(db);
    const n = hits.rows.length;
    if (n > cap) return { ...scan, common: true };
    const list = JSON.stringify(hits.rows.map((h) => h.r));
    const driven = sql<SqlBool>`f.rowid in (select value from json_each(${list}))`;
    const walked = sql<SqlBool>`+f.rowid in (select value from json_each(${list}))`;
    const findings = await findingsEstimate(db);
    const walk = n * n * LOOKUP_OVER_WALK > wanted * findings;
    return { where: walk ? walked : driven, countWhere: driven, matches: n, common: false };
  }
  if (!(await hasPgTrigramIndex(db))) return scan;
  const n = await countUpTo(db, sql`select 1 from vuln_findings f where ${like}`, cap);
  return n > cap
    ? { ...scan, common: true }
    : { where: like, countWhere: like, matches: n, common: false };
}

/** Rows of `rows` up to cap + 1 (so "more than cap" is known without counting them all). */
async function countUpTo(db: Executor, rows: RawBuilder<unknown>, cap: number): Promise<number> {
  const r = await sql<{
    n: number;
  }>`select count(*) as n from (${rows} limit ${cap + 1}) c`.execute(db);
  return Number(r.rows[0]?.n ?? 0);
}

/** Findings (the highest rowid: an upper bound read from one b-tree entry). */
async function findingsEstimate(db: Executor): Promise<number> {
  const r = await sql<{ n: number | null }>`select max(rowid) as n from vuln_findings`.execute(db);
  return Number(r.rows[0]?.n ?? 0);
}

/** Per database (its Kysely adapter): whether the index exists, and until when that holds. */
const trigramIndexSeen = new WeakMap<object, { exists: boolean; until: number }>();
/** A missing index is looked for again after this long (an operator may create it meanwhile). */
const MISSING_INDEX_RECHECK_MS = 60_000;

/**
 * Whether migration 002000 could create the trigram index: without pg_trgm (a role that may not
 * create extensions) search keeps the bounded LIKE scan instead of counting a full-table scan.
 * Cached: the catalog query costs as much as a selective search.
 */
async function hasPgTrigramIndex(db: Executor): Promise<boolean> {
  const key = db.getExecutor().adapter;
  const seen = trigramIndexSeen.get(key);
  if (seen && seen.until > Date.now()) return seen.exists;
  const r = await sql`select 1 from pg_indexes
    where tablename = 'vuln_findings' and indexname = 'vuln_findings_search_trgm'
    and schemaname = any (current_schemas(false))`.execute(db);
  const exists = r.rows.length > 0;
  const until = exists ? Number.POSITIVE_INFINITY : Date.now() + MISSING_INDEX_RECHECK_MS;
  trigramIndexSeen.set(key, { exists, until });
  return exists;
}
