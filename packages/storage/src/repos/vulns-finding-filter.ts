import type { Executor } from "./executor";

/**
 * The filters of the findings list and of exports, as one builder, so that both read the same
 * indexes and cannot drift. Substring search (`q`) is separate (vulns-text-search.ts): choosing
 * how to match it needs a query of its own.
 */
export interface VulnFindingFilter {
  assetId?: string;
  severities?: readonly string[];
  statuses?: readonly string[];
  vulnId?: string;
  package?: string;
  q?: string;
  /** SLA state at `now`; `soon` is now plus the policy's warning window. */
  sla?: { state: "breached" | "due_soon" | "on_track" | "none"; now: string; soon: string };
  /** Statuses that count as open (SLA states only apply to open findings). */
  openStatuses: readonly string[];
  /** true: in CISA KEV; false: checked and not listed. */
  kev?: boolean;
}

const RANK: Record<string, number> = { critical: 4, high: 3, medium: 2, low: 1, info: 0 };

/** Finds `id` inside the JSON array of aliases: the quoted id, LIKE wildcards escaped. */
export function aliasPattern(id: string): string {
  return `%${JSON.stringify(id).replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

export function findingQuery(db: Executor) {
  return db.selectFrom("vuln_findings as f");
}
export type FindingQuery = ReturnType<typeof findingQuery>;

/** Every filter but `q`, on `vuln_findings as f` (joins may be added to the result). */
export function applyFindingFilters(q: FindingQuery, f: VulnFindingFilter): FindingQuery {
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
      eb.or([eb("f.vuln_id", "=", id), eb("f.aliases", "like", aliasPattern(id))]),
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
  return q;
}

/** Whether any filter but `q` narrows the findings (a count can then not come from `q` alone). */
export function hasNonTextFilter(f: VulnFindingFilter): boolean {
  return Boolean(
    f.assetId ||
    f.severities?.length ||
    f.statuses?.length ||
    f.package ||
    f.vulnId ||
    f.kev !== undefined ||
    f.sla,
  );
}
