import {
  REVIEW_FRAMEWORKS,
  REVIEW_OUTCOMES,
  REVIEW_PROVIDERS,
  REVIEW_STATUSES,
  SUPPRESSION_STATES,
} from "@infrasec/contracts";
import type {
  ReviewFindingListQuery,
  ReviewRuleListQuery,
  ReviewRunListQuery,
  ReviewStatus,
  ReviewSuppressionListQuery,
} from "@infrasec/contracts";
import { SEVERITIES } from "@infrasec/core";

/**
 * The Change review lists keep their filters in the URL (shareable links). Each list has a
 * params → query function that drops unknown or bad values instead of sending them, and a
 * query → params function that leaves defaults out so links stay short.
 */

export const REVIEW_PAGE_SIZES = [25, 50, 100, 200] as const;
export const DEFAULT_REVIEW_LIMIT = 50;
export const DEFAULT_RULE_LIMIT = 100;

type Paged = { limit: number; offset: number };
// The contract's query types are zod inputs (coerced numbers read as `unknown`); the UI keeps
// numbers as numbers.
export type RunListQuery = Omit<ReviewRunListQuery, "mergeRequest"> & {
  mergeRequest?: number;
} & Paged;
export type FindingListQuery = ReviewFindingListQuery & Paged & { status: ReviewStatus };
export type RuleListQuery = ReviewRuleListQuery & Paged;
export type SuppressionListQuery = Omit<ReviewSuppressionListQuery, "expiringWithinDays"> & {
  expiringWithinDays?: number;
} & Paged;

function oneOf<T extends string>(values: readonly T[], v: string | null): T | undefined {
  return v !== null && (values as readonly string[]).includes(v) ? (v as T) : undefined;
}

function intIn(v: string | null, min: number, max: number): number | undefined {
  if (v === null || v === "") return undefined;
  const n = Number(v);
  return Number.isInteger(n) && n >= min && n <= max ? n : undefined;
}

function textOf(params: URLSearchParams, key: string, max: number): string | undefined {
  const v = params.get(key)?.trim();
  return v ? v.slice(0, max) : undefined;
}

function paged(params: URLSearchParams, defaultLimit: number): Paged {
  return {
    limit: intIn(params.get("limit"), 1, 500) ?? defaultLimit,
    offset: intIn(params.get("offset"), 0, 1_000_000) ?? 0,
  };
}

/** Query → params; `defaults` are values left out of the URL. */
function toParams(query: object, defaults: Record<string, string | number>): URLSearchParams {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) {
    if (typeof v !== "string" && typeof v !== "number") continue;
    if (v === "" || defaults[k] === v) continue;
    params.set(k, String(v));
  }
  return params;
}

// Runs ------------------------------------------------------------------------------------------

export const RUN_FILTER_KEYS = ["project", "ref", "mergeRequest", "outcome"] as const;
export type RunFilterKey = (typeof RUN_FILTER_KEYS)[number];

export function runQueryFromParams(params: URLSearchParams): RunListQuery {
  return {
    project: textOf(params, "project", 255),
    ref: textOf(params, "ref", 255),
    mergeRequest: intIn(params.get("mergeRequest")?.replace(/^!/, "") ?? null, 1, 1_000_000_000),
    outcome: oneOf(REVIEW_OUTCOMES, params.get("outcome")),
    ...paged(params, DEFAULT_REVIEW_LIMIT),
  };
}

export function runParamsFromQuery(query: Partial<RunListQuery>): URLSearchParams {
  return toParams(query, { limit: DEFAULT_REVIEW_LIMIT, offset: 0 });
}

export function hasRunFilters(query: RunListQuery): boolean {
  return RUN_FILTER_KEYS.some((k) => query[k] !== undefined);
}

// Findings of one run -----------------------------------------------------------------------------

export const FINDING_STATUS_TABS: readonly { value: ReviewStatus; label: string }[] = [
  { value: "new", label: "New" },
  { value: "existing", label: "Existing" },
  { value: "fixed", label: "Fixed" },
  { value: "suppressed", label: "Suppressed" },
  { value: "unknown", label: "Unknown" },
];

/**
 * The run page opens on the first status tab that has findings (new first: what the change
 * introduced), unless the URL names one.
 */
export function defaultStatusTab(byStatus: Record<ReviewStatus, number> | undefined): ReviewStatus {
  if (!byStatus) return "new";
  return FINDING_STATUS_TABS.find((t) => byStatus[t.value] > 0)?.value ?? "new";
}

export function findingQueryFromParams(
  params: URLSearchParams,
  fallbackStatus: ReviewStatus,
): FindingListQuery {
  return {
    status: oneOf(REVIEW_STATUSES, params.get("status")) ?? fallbackStatus,
    severity: oneOf(SEVERITIES, params.get("severity")),
    ruleId: textOf(params, "ruleId", 100),
    file: textOf(params, "file", 1000),
    ...paged(params, DEFAULT_REVIEW_LIMIT),
  };
}

/** The status is always written: the default tab depends on the run, not on the URL. */
export function findingParamsFromQuery(query: Partial<FindingListQuery>): URLSearchParams {
  return toParams(query, { limit: DEFAULT_REVIEW_LIMIT, offset: 0 });
}

// Rules -----------------------------------------------------------------------------------------

export const RULE_FILTER_KEYS = ["q", "framework", "provider", "severity"] as const;
export type RuleFilterKey = (typeof RULE_FILTER_KEYS)[number];

export function ruleQueryFromParams(params: URLSearchParams): RuleListQuery {
  return {
    q: textOf(params, "q", 200),
    framework: oneOf(REVIEW_FRAMEWORKS, params.get("framework")),
    provider: oneOf(REVIEW_PROVIDERS, params.get("provider")),
    severity: oneOf(SEVERITIES, params.get("severity")),
    ...paged(params, DEFAULT_RULE_LIMIT),
  };
}

export function ruleParamsFromQuery(query: Partial<RuleListQuery>): URLSearchParams {
  return toParams(query, { limit: DEFAULT_RULE_LIMIT, offset: 0 });
}

export function hasRuleFilters(query: RuleListQuery): boolean {
  return RULE_FILTER_KEYS.some((k) => query[k] !== undefined);
}

// Suppressions ----------------------------------------------------------------------------------

export const SUPPRESSION_FILTER_KEYS = [
  "project",
  "state",
  "ruleId",
  "expiringWithinDays",
] as const;
export type SuppressionFilterKey = (typeof SUPPRESSION_FILTER_KEYS)[number];

export function suppressionQueryFromParams(params: URLSearchParams): SuppressionListQuery {
  return {
    project: textOf(params, "project", 255),
    state: oneOf(SUPPRESSION_STATES, params.get("state")),
    ruleId: textOf(params, "ruleId", 100),
    expiringWithinDays: intIn(params.get("expiringWithinDays"), 0, 3650),
    ...paged(params, DEFAULT_REVIEW_LIMIT),
  };
}

export function suppressionParamsFromQuery(query: Partial<SuppressionListQuery>): URLSearchParams {
  return toParams(query, { limit: DEFAULT_REVIEW_LIMIT, offset: 0 });
}

export function hasSuppressionFilters(query: SuppressionListQuery): boolean {
  return SUPPRESSION_FILTER_KEYS.some((k) => query[k] !== undefined);
}

/** Page numbers and the "from–to of total" line shared by the paged lists. */
export function pageInfo(query: Paged, shown: number, total: number) {
  return {
    pages: Math.max(1, Math.ceil(total / query.limit)),
    page: Math.floor(query.offset / query.limit) + 1,
    from: total === 0 ? 0 : query.offset + 1,
    to: Math.min(total, query.offset + shown),
  };
}
