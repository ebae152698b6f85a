import { sql } from "kysely";
import type { Selectable } from "kysely";
import type { VulnFindingsTable } from "../schema/vulns-tables";
import type { Executor } from "./executor";
import { applyFindingFilters, findingQuery, hasNonTextFilter } from "./vulns-finding-filter";
import type { FindingQuery, VulnFindingFilter } from "./vulns-finding-filter";
import { likeSearch, planTextSearch } from "./vulns-text-search";
import type { TextSearch } from "./vulns-text-search";

export type { VulnFindingFilter } from "./vulns-finding-filter";

/**
 * The findings list query (GET /api/v1/vulns/findings), kept fast at 10⁶ findings (issue 4:
 * list p95 ≤ 100 ms): the default order is an index order (vuln_findings_rank_due, or
 * vuln_findings_asset_rank_due within an asset), so a page reads about `limit` rows, and the
 * total is counted up to COUNT_CAP matches (then reported as an estimate) instead of counting
 * every match of a broad filter.
 */

/** Totals above this are reported as "more than" (totalIsEstimate). */
export const COUNT_CAP = 10_000;
/** Findings examined to count the matches of a `q` the text index cannot count (countText). */
export const TEXT_SCAN_CAP = 25_000;

export const VULN_FINDING_SORTS = [
  "-severity",
  "severity",
  "slaDue",
  "-slaDue",
  "firstSeen",
  "-firstSeen",
  "lastSeen",
  "-lastSeen",
  "vulnId",
  "-priority",
] as const;
export type VulnFindingSort = (typeof VULN_FINDING_SORTS)[number];

type Row = Selectable<VulnFindingsTable>;

const sortColumns: Record<VulnFindingSort, [keyof Row, "asc" | "desc"]> = {
  "-severity": ["severity_rank", "desc"],
  severity: ["severity_rank", "asc"],
  slaDue: ["sla_due_at", "asc"],
  "-slaDue": ["sla_due_at", "desc"],
  firstSeen: ["first_seen_at", "asc"],
  "-firstSeen": ["first_seen_at", "desc"],
  lastSeen: ["last_seen_at", "asc"],
  "-lastSeen": ["last_seen_at", "desc"],
  vulnId: ["vuln_id", "asc"],
  "-priority": ["priority_score", "desc"],
};
/** Sort columns that are never null: no "nulls last" term, so the order can be an index's. */
const NOT_NULL_SORT = new Set<keyof Row>(["severity_rank", "first_seen_at", "vuln_id"]);

/** The asset's priority inputs, selected with a finding for its priority (enrichment repo). */
export const ASSET_PRIORITY_COLUMNS = [
  "a.criticality as asset_criticality",
  "a.exposure as asset_exposure",
] as const;

/** One page of finding rows (with asset key, last sighting and asset priority inputs). */
export async function listFindingRows(
  db: Executor,
  f: VulnFindingFilter,
  sort: VulnFindingSort,
  limit: number,
  offset: number,
) {
  const base = applyFindingFilters(findingQuery(db), f);
  const search = f.q
    ? await planTextSearch(db, f.q, { cap: COUNT_CAP, wanted: limit + offset })
    : null;
  const q = search ? base.where(search.where) : base;
  const { n, bounded } = await countMatches(db, f, base, q, search);

  const [col, dir] = sortColumns[sort];
  let sorted = q
    .innerJoin("assets as a", "a.id", "f.asset_id")
    .leftJoin("vuln_finding_seen as s", "s.finding_id", "f.id")
    .selectAll("f")
    .select([
      "a.key as asset_key",
      "s.last_seen_at as seen_at",
      "s.last_job_id as seen_job_id",
      ...ASSET_PRIORITY_COLUMNS,
    ]);
  // The last sighting is the seen row's when there is one.
  const key =
    col === "last_seen_at"
      ? sql`coalesce(${sql.ref("s.last_seen_at")}, ${sql.ref("f.last_seen_at")})`
      : sql.ref(`f.${col}`);
  // Nulls last in both directions on both dialects (SQLite sorts NULL first by default).
  if (!NOT_NULL_SORT.has(col))
    sorted = sorted.orderBy(sql`case when ${key} is null then 1 else 0 end`);
  sorted = sorted.orderBy(key, dir);
  if (col === "severity_rank" || col === "priority_score") {
    sorted = sorted.orderBy("f.sla_due_at", "asc");
  }
  const rows = await sorted.orderBy("f.id").limit(limit).offset(offset).execute();
  return { rows, total: Math.min(n, COUNT_CAP), totalIsEstimate: bounded || n > COUNT_CAP };
}

/** The list's total: exact up to COUNT_CAP, else "more than" or (unindexed `q`) "at least". */
async function countMatches(
  db: Executor,
  f: VulnFindingFilter,
  base: FindingQuery,
  q: FindingQuery,
  search: TextSearch | null,
): Promise<{ n: number; bounded: boolean }> {
  if (!search) return countCapped(db, q);
  // Without other filters the index count is the total: exact up to COUNT_CAP, else "more".
  if (!hasNonTextFilter(f)) {
    if (search.matches !== null) return { n: search.matches, bounded: false };
    if (search.common) return { n: COUNT_CAP + 1, bounded: false };
  }
  // With them: a capped count when it reads at most the index matches (≤ COUNT_CAP).
  if (search.countWhere) return countCapped(db, base.where(search.countWhere));
  return countText(db, base, f.q!);
}

/**
 * Counts up to COUNT_CAP + 1 matches (the asset join is not needed to count: every finding has
 * its asset), so a broad filter costs at most that many index entries.
 */
async function countCapped(
  db: Executor,
  q: FindingQuery,
): Promise<{ n: number; bounded: boolean }> {
  const r = await db
    .selectFrom(
      q
        .select(sql.lit(1).as("one"))
        .limit(COUNT_CAP + 1)
        .as("c"),
    )
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .executeTakeFirstOrThrow();
  return { n: Number(r.n), bounded: false };
}

/**
 * A substring search the index cannot count (1–2 characters, a common term with other filters,
 * or PostgreSQL without pg_trgm): its matches are counted within the first TEXT_SCAN_CAP
 * findings of the other filters. When there are more, the count is a lower bound ("at least").
 */
async function countText(
  db: Executor,
  base: FindingQuery,
  text: string,
): Promise<{ n: number; bounded: boolean }> {
  const r = await db
    .selectFrom(
      base
        .select(sql<number>`case when ${likeSearch(text)} then 1 else 0 end`.as("hit"))
        .limit(TEXT_SCAN_CAP + 1)
        .as("w"),
    )
    .select((eb) => [eb.fn.countAll<number>().as("scanned"), eb.fn.sum<number>("w.hit").as("n")])
    .executeTakeFirstOrThrow();
  return { n: Number(r.n ?? 0), bounded: Number(r.scanned) > TEXT_SCAN_CAP };
}
