import { SEVERITIES } from "@infrasec/core";
import type { Severity } from "@infrasec/core";
import { VULN_FINDING_SORTS, VULN_FINDING_STATUSES, VULN_SLA_STATES } from "@infrasec/contracts";
import type { VulnFindingListQuery, VulnFindingStatus, VulnSlaState } from "@infrasec/contracts";

/**
 * The findings list keeps its filters in the URL (shareable links): params → view drops unknown
 * or bad values instead of sending them, view → params leaves defaults out so links stay short,
 * and view → API query maps the "any status" choice to no filter.
 */

export const DEFAULT_FINDING_LIMIT = 50;
export const FINDING_PAGE_SIZES = [25, 50, 100, 200, 500] as const;

export type FindingSort = (typeof VULN_FINDING_SORTS)[number];
export type FindingStatusFilter = VulnFindingStatus | "open" | "closed";

export interface FindingsView {
  /** The list opens on open findings (detected, confirmed, in progress); "all" lifts the filter. */
  status: FindingStatusFilter | "all";
  asset?: string;
  severity?: Severity;
  vulnId?: string;
  package?: string;
  q?: string;
  sla?: VulnSlaState;
  /** "true": only findings in CISA KEV; "false": checked and not listed. */
  kev?: "true" | "false";
  sort: FindingSort;
  limit: number;
  offset: number;
}

export const FINDING_FILTER_KEYS = [
  "asset",
  "severity",
  "vulnId",
  "package",
  "q",
  "sla",
  "kev",
] as const;
export type FindingFilterKey = (typeof FINDING_FILTER_KEYS)[number];

const STATUS_FILTERS: readonly FindingStatusFilter[] = [...VULN_FINDING_STATUSES, "open", "closed"];

function oneOf<T extends string>(values: readonly T[], v: string | null): T | undefined {
  return v !== null && (values as readonly string[]).includes(v) ? (v as T) : undefined;
}

function intIn(v: string | null, min: number, max: number): number | undefined {
  if (v === null || v === "") return undefined;
  const n = Number(v);
  return Number.isInteger(n) && n >= min && n <= max ? n : undefined;
}

/** Trimmed text within the contract's length limit; empty or absent is no filter. */
function textOf(params: URLSearchParams, key: string, max: number): string | undefined {
  const v = params.get(key)?.trim();
  return v ? v.slice(0, max) : undefined;
}

export function findingsViewFromParams(params: URLSearchParams): FindingsView {
  const status = params.get("status");
  return {
    status: status === "all" ? "all" : (oneOf(STATUS_FILTERS, status) ?? "open"),
    asset: textOf(params, "asset", 512),
    severity: oneOf(SEVERITIES, params.get("severity")),
    vulnId: textOf(params, "vulnId", 128),
    package: textOf(params, "package", 256),
    q: textOf(params, "q", 200),
    sla: oneOf(VULN_SLA_STATES, params.get("sla")),
    kev: oneOf(["true", "false"] as const, params.get("kev")),
    sort: oneOf(VULN_FINDING_SORTS, params.get("sort")) ?? "-severity",
    limit: intIn(params.get("limit"), 1, 500) ?? DEFAULT_FINDING_LIMIT,
    offset: intIn(params.get("offset"), 0, 1_000_000) ?? 0,
  };
}

const DEFAULTS: Record<string, string | number> = {
  status: "open",
  sort: "-severity",
  limit: DEFAULT_FINDING_LIMIT,
  offset: 0,
};

export function findingsParamsFromView(view: Partial<FindingsView>): URLSearchParams {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(view)) {
    if (typeof v !== "string" && typeof v !== "number") continue;
    if (v === "" || DEFAULTS[k] === v) continue;
    params.set(k, String(v));
  }
  return params;
}

export function hasFindingFilters(view: FindingsView): boolean {
  return FINDING_FILTER_KEYS.some((k) => view[k] !== undefined) || view.status !== "open";
}

export function findingsApiQuery(view: FindingsView): VulnFindingListQuery {
  const { status, ...rest } = view;
  const query: VulnFindingListQuery = { ...rest, ...(status === "all" ? {} : { status }) };
  return Object.fromEntries(Object.entries(query).filter(([, v]) => v !== undefined));
}

/** The next sort when a column header is clicked: a new column starts with its natural order. */
export function nextSort(
  current: FindingSort,
  column: "severity" | "priority" | "slaDue" | "firstSeen" | "lastSeen" | "vulnId",
): FindingSort {
  switch (column) {
    case "priority":
      // The API sorts by priority most urgent first only.
      return current === "-priority" ? "-severity" : "-priority";
    case "severity":
      return current === "-severity" ? "severity" : "-severity";
    case "slaDue":
      return current === "slaDue" ? "-slaDue" : "slaDue";
    case "firstSeen":
      return current === "-firstSeen" ? "firstSeen" : "-firstSeen";
    case "lastSeen":
      return current === "-lastSeen" ? "lastSeen" : "-lastSeen";
    case "vulnId":
      return "vulnId";
  }
}

/** "↑" or "↓" on the column the list is sorted by ("↓": the descending `-field` sort). */
export function sortMark(current: FindingSort, column: string): string {
  if (current === column) return " ↑";
  if (current === `-${column}`) return " ↓";
  return "";
}
