import { ALERT_LEVELS, ALERT_SORTS, ALERT_STATUS_FILTERS } from "@infrasec/contracts";
import type { AlertLevel, AlertListQuery } from "@infrasec/contracts";
import type { RuleListQuery } from "./api";

/**
 * The Monitoring lists keep their filters in the URL (shareable links). Each list has a
 * params → view function that drops unknown or bad values instead of sending them, a view →
 * params function that leaves defaults out so links stay short, and for alerts a view → API
 * query function that turns a relative time range into timestamps at load time.
 */

export const DEFAULT_ALERT_LIMIT = 50;
export const DEFAULT_RULE_LIMIT = 100;

type StatusFilter = (typeof ALERT_STATUS_FILTERS)[number];
type Sort = (typeof ALERT_SORTS)[number];

/** Relative time ranges offered by the queue, on lastSeen (alerts still firing stay in). */
export const TIME_RANGES = [
  { value: "1h", label: "Last hour", ms: 3_600_000 },
  { value: "24h", label: "Last 24 hours", ms: 86_400_000 },
  { value: "7d", label: "Last 7 days", ms: 7 * 86_400_000 },
  { value: "30d", label: "Last 30 days", ms: 30 * 86_400_000 },
] as const;
export type TimeRange = (typeof TIME_RANGES)[number]["value"];

export interface AlertsView {
  /** The queue opens on open alerts (new and acknowledged); "all" lifts the filter. */
  status: StatusFilter | "all";
  level?: AlertLevel;
  minLevel?: AlertLevel;
  ruleId?: string;
  host?: string;
  assetId?: string;
  q?: string;
  range?: TimeRange;
  /** A day (YYYY-MM-DD) or a timestamp: alerts last seen on or after it. */
  from?: string;
  /** A day or a timestamp: alerts first seen on or before it. */
  to?: string;
  escalated?: "true" | "false";
  sort: Sort;
  limit: number;
  offset: number;
}

export const ALERT_FILTER_KEYS = [
  "level",
  "minLevel",
  "ruleId",
  "host",
  "assetId",
  "q",
  "range",
  "from",
  "to",
  "escalated",
] as const;
export type AlertFilterKey = (typeof ALERT_FILTER_KEYS)[number];

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

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** A day or an ISO timestamp the browser can read; anything else is dropped. */
function dateOf(params: URLSearchParams, key: string): string | undefined {
  const v = params.get(key)?.trim();
  if (!v) return undefined;
  const d = new Date(DAY.test(v) ? `${v}T00:00:00Z` : v);
  return Number.isNaN(d.getTime()) ? undefined : v;
}

function paged(params: URLSearchParams, defaultLimit: number, maxLimit: number) {
  return {
    limit: intIn(params.get("limit"), 1, maxLimit) ?? defaultLimit,
    offset: intIn(params.get("offset"), 0, 1_000_000) ?? 0,
  };
}

/** View → params; `defaults` are values left out of the URL. */
function toParams(view: object, defaults: Record<string, string | number>): URLSearchParams {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(view)) {
    if (typeof v !== "string" && typeof v !== "number") continue;
    if (v === "" || defaults[k] === v) continue;
    params.set(k, String(v));
  }
  return params;
}

// Alerts ----------------------------------------------------------------------------------------

export function alertsViewFromParams(params: URLSearchParams): AlertsView {
  const status = params.get("status");
  return {
    status: status === "all" ? "all" : (oneOf(ALERT_STATUS_FILTERS, status) ?? "open"),
    level: oneOf(ALERT_LEVELS, params.get("level")),
    minLevel: oneOf(ALERT_LEVELS, params.get("minLevel")),
    ruleId: textOf(params, "ruleId", 200),
    host: textOf(params, "host", 255),
    assetId: UUID.test(params.get("assetId") ?? "") ? params.get("assetId")! : undefined,
    q: textOf(params, "q", 200),
    range: oneOf(
      TIME_RANGES.map((r) => r.value),
      params.get("range"),
    ),
    from: dateOf(params, "from"),
    to: dateOf(params, "to"),
    escalated: oneOf(["true", "false"] as const, params.get("escalated")),
    sort: oneOf(ALERT_SORTS, params.get("sort")) ?? "-lastSeen",
    ...paged(params, DEFAULT_ALERT_LIMIT, 500),
  };
}

export function alertsParamsFromView(view: Partial<AlertsView>): URLSearchParams {
  return toParams(view, {
    status: "open",
    sort: "-lastSeen",
    limit: DEFAULT_ALERT_LIMIT,
    offset: 0,
  });
}

export function hasAlertFilters(view: AlertsView): boolean {
  return ALERT_FILTER_KEYS.some((k) => view[k] !== undefined);
}

/** A day is read in UTC, from its first millisecond (from) or its last (to). */
function isoBound(v: string, end: boolean): string {
  if (DAY.test(v)) return end ? `${v}T23:59:59.999Z` : `${v}T00:00:00.000Z`;
  return new Date(v).toISOString();
}

/**
 * The API query of a view. A relative range becomes `from = now - range` (the later of it and an
 * explicit `from` wins), computed when the list loads rather than kept in the URL, so a shared
 * "last 24 hours" link means the last 24 hours when it is opened.
 */
export function alertsApiQuery(view: AlertsView, now: number): AlertListQuery {
  const rangeMs = TIME_RANGES.find((r) => r.value === view.range)?.ms;
  const fromRange = rangeMs === undefined ? undefined : new Date(now - rangeMs).toISOString();
  const fromExplicit = view.from === undefined ? undefined : isoBound(view.from, false);
  const from =
    fromRange && fromExplicit
      ? fromRange > fromExplicit
        ? fromRange
        : fromExplicit
      : (fromRange ?? fromExplicit);
  const query: AlertListQuery = {
    ...(view.status === "all" ? {} : { status: view.status }),
    level: view.level,
    minLevel: view.minLevel,
    ruleId: view.ruleId,
    host: view.host,
    assetId: view.assetId,
    q: view.q,
    from,
    to: view.to === undefined ? undefined : isoBound(view.to, true),
    escalated: view.escalated,
    sort: view.sort,
    limit: view.limit,
    offset: view.offset,
  };
  return Object.fromEntries(Object.entries(query).filter(([, v]) => v !== undefined));
}

// Rules -----------------------------------------------------------------------------------------

export interface RulesView {
  q?: string;
  origin?: "builtin" | "user";
  enabled?: "true" | "false";
  level?: AlertLevel;
  limit: number;
  offset: number;
}

export const RULE_FILTER_KEYS = ["q", "origin", "enabled", "level"] as const;
export type RuleFilterKey = (typeof RULE_FILTER_KEYS)[number];

export function rulesViewFromParams(params: URLSearchParams): RulesView {
  return {
    q: textOf(params, "q", 200),
    origin: oneOf(["builtin", "user"] as const, params.get("origin")),
    enabled: oneOf(["true", "false"] as const, params.get("enabled")),
    level: oneOf(ALERT_LEVELS, params.get("level")),
    ...paged(params, DEFAULT_RULE_LIMIT, 1000),
  };
}

export function rulesParamsFromView(view: Partial<RulesView>): URLSearchParams {
  return toParams(view, { limit: DEFAULT_RULE_LIMIT, offset: 0 });
}

export function hasRuleFilters(view: RulesView): boolean {
  return RULE_FILTER_KEYS.some((k) => view[k] !== undefined);
}

export function rulesApiQuery(view: RulesView): RuleListQuery {
  return Object.fromEntries(Object.entries(view).filter(([, v]) => v !== undefined));
}

// Suppressions ----------------------------------------------------------------------------------

export interface SuppressionsView {
  ruleId?: string;
  includeExpired: boolean;
}

export function suppressionsViewFromParams(params: URLSearchParams): SuppressionsView {
  return {
    ruleId: textOf(params, "ruleId", 200),
    includeExpired: params.get("includeExpired") === "true",
  };
}

export function suppressionsParamsFromView(view: SuppressionsView): URLSearchParams {
  const params = new URLSearchParams();
  if (view.ruleId) params.set("ruleId", view.ruleId);
  if (view.includeExpired) params.set("includeExpired", "true");
  return params;
}
