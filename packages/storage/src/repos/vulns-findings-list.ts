import { sql } from "kysely";
import type { Selectable } from "kysely";
import type { VulnFindingsTable } from "../schema/vulns-tables";
import type { Executor } from "./executor";
import { likeContains } from "./executor";

/**
 * The findings list query (GET /api/v1/vulns/findings), kept fast at 10⁶ findings (issue 4:
 * list p95 ≤ 100 ms): the default order is an index order (vuln_findings_rank_due, or
 * vuln_findings_asset_rank_due within an asset), so a page reads about `limit` rows, and the
 * total is counted up to COUNT_CAP matches (then reported as an estimate) instead of counting
 * every match of a broad filter.
 */

/** Totals above this are reported as "more than" (totalIsEstimate). */
export const COUNT_CAP = 10_000;
/** Findings a substring search (`q`) examines to count its matches. */
export const TEXT_SCAN_CAP = 25_000;

export interface VulnFindingFilter {
  assetId?: string;
  severities?: readonly string[];
  statuses?: readonly string[];
  vulnId?: string;
  package?: string;
  q?: string;
  /** SLA state at `now`; `dueSoonDays` is the policy's warning window. */
  sla?: { state: "breached" | "due_soon" | "on_track" | "none"; now: string; soon: string };
  /** Statuses that count as open (SLA states only apply to open findings). */
  openStatuses: readonly string[];
  /** true: in CISA KEV; false: checked and not listed. */
  kev?: boolean;
}

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

const RANK: Record<string, number> = { critical: 4, high: 3, medium: 2, low: 1, info: 0 };

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
  let q: FindingQuery = findingQuery(db);
  if (f.assetId) q = q.where("f.asset_id", "=", f.assetId);
  if (f.severities?.length) {
    // The rank is what the indexes hold (severity and rank are written together), so the
    // filter and its count read the index only.
    q = q.where(
      "f.severity_rank",
      "in",
      f.severities.map((s) => RANK[s] ?? -1),
    );
  }
  if (f.statuses?.length) q = q.where("f.status", "in", f.statuses);
  if (f.package) q = q.where("f.package", "=", f.package);
  if (f.vulnId) {
    const id = f.vulnId;
    q = q.where((eb) =>
      eb.or([
        eb("f.vuln_id", "=", id),
        eb("f.aliases", "like", `%${JSON.stringify(id).replace(/[\\%_]/g, (c) => `\\${c}`)}%`),
      ]),
    );
  }
  if (f.kev !== undefined) q = q.where("f.kev", "=", f.kev ? 1 : 0);
  if (f.sla) {
    const { state, now, soon } = f.sla;
    if (state === "none") {
      q = q.where((eb) =>
        eb.or([eb("f.sla_due_at", "is", null), eb("f.status", "not in", f.openStatuses)]),
      );
    } else {
      q = q.where("f.status", "in", f.openStatuses);
      if (state === "breached") q = q.where("f.sla_due_at", "<", now);
      if (state === "due_soon")
        q = q.where("f.sla_due_at", ">=", now).where("f.sla_due_at", "<", soon);
      if (state === "on_track") q = q.where("f.sla_due_at", ">=", soon);
    }
  }
  const base = q;
  const text = f.q ? sql<boolean>`f.search_text like ${likeContains(f.q)} escape '\\'` : null;
  if (text) q = q.where(text);
  const { n, bounded } = text ? await countText(db, base, f.q!) : await countCapped(db, q);

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

function findingQuery(db: Executor) {
  return db.selectFrom("vuln_findings as f");
}
type FindingQuery = ReturnType<typeof findingQuery>;

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
 * A substring search has no index: its matches are counted within the first TEXT_SCAN_CAP
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
        .select("f.search_text as t")
        .limit(TEXT_SCAN_CAP + 1)
        .as("w"),
    )
    .select((eb) => [
      eb.fn.countAll<number>().as("scanned"),
      sql<number>`sum(case when w.t like ${likeContains(text)} escape '\\' then 1 else 0 end)`.as(
        "n",
      ),
    ])
    .executeTakeFirstOrThrow();
  return { n: Number(r.n ?? 0), bounded: Number(r.scanned) > TEXT_SCAN_CAP };
}
