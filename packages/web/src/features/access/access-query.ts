import {
  ACCESS_PROVIDERS,
  CAMPAIGN_KINDS,
  CAMPAIGN_STATUSES,
  REVIEW_DECISIONS,
} from "@infrasec/contracts";
import type { AccessProvider, CampaignKind, ReviewDecision } from "@infrasec/contracts";
import { SEVERITIES } from "@infrasec/core";
import type { Severity } from "@infrasec/core";

/**
 * The Access lists keep their filters in the URL (shareable links), like every list of the app:
 * params → query drops unknown or bad values instead of sending them; query → params leaves
 * defaults out so links stay short.
 */

export const DEFAULT_ACCESS_LIMIT = 50;

type Paged = { limit: number; offset: number };
type Flag = "true" | "false";

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

function paged(params: URLSearchParams): Paged {
  return {
    limit: intIn(params.get("limit"), 1, 500) ?? DEFAULT_ACCESS_LIMIT,
    offset: intIn(params.get("offset"), 0, 1_000_000) ?? 0,
  };
}

/**
 * Query → params. `keep` holds params owned by someone else on the same page (the tab) that must
 * survive a filter change.
 */
function toParams(query: object, keep?: Record<string, string | undefined>): URLSearchParams {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(keep ?? {})) if (v) params.set(k, v);
  for (const [k, v] of Object.entries(query)) {
    if (typeof v !== "string" && typeof v !== "number") continue;
    if (v === "") continue;
    if (k === "limit" && v === DEFAULT_ACCESS_LIMIT) continue;
    if (k === "offset" && v === 0) continue;
    params.set(k, String(v));
  }
  return params;
}

const FLAGS: readonly Flag[] = ["true", "false"];

// Snapshots --------------------------------------------------------------------------------------

export interface SnapshotQuery extends Paged {
  provider?: AccessProvider;
  name?: string;
}

export function snapshotQueryFromParams(params: URLSearchParams): SnapshotQuery {
  return {
    provider: oneOf(ACCESS_PROVIDERS, params.get("provider")),
    name: textOf(params, "name", 200),
    ...paged(params),
  };
}

export function snapshotParamsFromQuery(query: Partial<SnapshotQuery>): URLSearchParams {
  return toParams(query);
}

// Principals of a snapshot -------------------------------------------------------------------------

export const PRINCIPAL_FILTER_KEYS = ["q", "type", "admin", "hasEscalation"] as const;
export type PrincipalFilterKey = (typeof PRINCIPAL_FILTER_KEYS)[number];

export interface PrincipalQuery extends Paged {
  q?: string;
  type?: string;
  admin?: Flag;
  hasEscalation?: Flag;
}

export function principalQueryFromParams(params: URLSearchParams): PrincipalQuery {
  const type = textOf(params, "type", 50);
  return {
    q: textOf(params, "q", 200),
    // Types differ per provider (user, role, ServiceAccount, serviceAccount…): any short word.
    type: type && /^[\w:.-]+$/.test(type) ? type : undefined,
    admin: oneOf(FLAGS, params.get("admin")),
    hasEscalation: oneOf(FLAGS, params.get("hasEscalation")),
    ...paged(params),
  };
}

export function principalParamsFromQuery(
  query: Partial<PrincipalQuery>,
  tab?: string,
): URLSearchParams {
  return toParams(query, { tab });
}

export function hasPrincipalFilters(query: PrincipalQuery): boolean {
  return PRINCIPAL_FILTER_KEYS.some((k) => query[k] !== undefined);
}

// Findings of a snapshot -------------------------------------------------------------------------

export interface AccessFindingQuery extends Paged {
  severity?: Severity;
  rule?: string;
  principal?: string;
}

export function findingQueryFromParams(params: URLSearchParams): AccessFindingQuery {
  return {
    severity: oneOf(SEVERITIES, params.get("severity")),
    rule: textOf(params, "rule", 100),
    principal: textOf(params, "principal", 2048),
    ...paged(params),
  };
}

export function findingParamsFromQuery(
  query: Partial<AccessFindingQuery>,
  tab?: string,
): URLSearchParams {
  return toParams(query, { tab });
}

// Snapshot page tabs -----------------------------------------------------------------------------

export const SNAPSHOT_TABS = ["principals", "findings"] as const;
export type SnapshotTab = (typeof SNAPSHOT_TABS)[number];

export function snapshotTabFromParams(params: URLSearchParams): SnapshotTab {
  return oneOf(SNAPSHOT_TABS, params.get("tab")) ?? "principals";
}

// Campaigns --------------------------------------------------------------------------------------

export interface CampaignQuery extends Paged {
  status?: (typeof CAMPAIGN_STATUSES)[number];
  kind?: CampaignKind;
}

export function campaignQueryFromParams(params: URLSearchParams): CampaignQuery {
  return {
    status: oneOf(CAMPAIGN_STATUSES, params.get("status")),
    kind: oneOf(CAMPAIGN_KINDS, params.get("kind")),
    ...paged(params),
  };
}

export function campaignParamsFromQuery(query: Partial<CampaignQuery>): URLSearchParams {
  return toParams(query);
}

// Items of a campaign ----------------------------------------------------------------------------

export const ITEM_DECISION_FILTERS = [...REVIEW_DECISIONS, "pending"] as const;
export type ItemDecisionFilter = ReviewDecision | "pending";

export interface ItemQuery extends Paged {
  /** A username, or "me" (the "My queue" view). */
  reviewer?: string;
  decision?: ItemDecisionFilter;
  privileged?: Flag;
  q?: string;
}

export function itemQueryFromParams(params: URLSearchParams): ItemQuery {
  const reviewer = textOf(params, "reviewer", 100);
  return {
    reviewer: reviewer && /^[\w.@-]+$/.test(reviewer) ? reviewer : undefined,
    decision: oneOf(ITEM_DECISION_FILTERS, params.get("decision")),
    privileged: oneOf(FLAGS, params.get("privileged")),
    q: textOf(params, "q", 200),
    ...paged(params),
  };
}

export function itemParamsFromQuery(query: Partial<ItemQuery>): URLSearchParams {
  return toParams(query);
}

export const ALL_QUEUES = "*";

export interface QueueTab {
  /**
   * The `reviewer` filter: "me" for the signed-in user's queue, ALL_QUEUES for every item (tabs
   * need a non-empty value).
   */
  value: string;
  label: string;
  pending: number;
}

/**
 * The per-reviewer queues of a campaign: every item, the signed-in user's own queue first when
 * they review anything, then each other reviewer's.
 */
export function queueTabs(
  username: string,
  total: { total: number; decided: number },
  reviewers: readonly { username: string; total: number; decided: number }[],
): QueueTab[] {
  const tabs: QueueTab[] = [
    { value: ALL_QUEUES, label: "All items", pending: total.total - total.decided },
  ];
  const mine = reviewers.find((r) => r.username === username);
  if (mine) tabs.push({ value: "me", label: "My queue", pending: mine.total - mine.decided });
  for (const r of [...reviewers].sort((a, b) => a.username.localeCompare(b.username))) {
    if (r.username === username) continue;
    tabs.push({ value: r.username, label: r.username, pending: r.total - r.decided });
  }
  return tabs;
}

/** Principal types each provider's analysis reports, for the type filter. */
export const PRINCIPAL_TYPES: Record<AccessProvider, readonly string[]> = {
  aws: ["user", "role"],
  kubernetes: ["User", "Group", "ServiceAccount"],
  gcp: ["user", "group", "serviceAccount", "domain", "allUsers", "allAuthenticatedUsers"],
};
