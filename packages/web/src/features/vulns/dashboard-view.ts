import { SEVERITIES } from "@infrasec/core";
import type { Severity } from "@infrasec/core";
import type { VulnComplianceRow, VulnDashboard, VulnSlaState } from "@infrasec/contracts";
import type { LineSeriesInput, PercentRowInput, StackedInput } from "./charts/chart-geometry";
import { findingsParamsFromView } from "./vulns-query";
import type { FindingSort } from "./vulns-query";

/**
 * The SLA dashboard's view logic, apart from React so it can be tested as data: its filters in
 * the URL, the links from its numbers to the findings list, and the API's metrics reshaped for
 * the charts with their descriptions in words.
 */

export const DASHBOARD_WINDOWS = [30, 90, 180, 365] as const;
export const DEFAULT_DASHBOARD_DAYS = 90;

export interface DashboardFilters {
  asset?: string;
  team?: string;
  /** Compliance window and burndown length in days. */
  days: number;
}

export function dashboardFiltersFromParams(params: URLSearchParams): DashboardFilters {
  const days = Number(params.get("days"));
  const text = (k: string, max: number) => params.get(k)?.trim().slice(0, max) || undefined;
  return {
    asset: text("asset", 512),
    team: text("team", 100),
    days: (DASHBOARD_WINDOWS as readonly number[]).includes(days) ? days : DEFAULT_DASHBOARD_DAYS,
  };
}

export function dashboardParamsFromFilters(f: DashboardFilters): URLSearchParams {
  const p = new URLSearchParams();
  if (f.asset) p.set("asset", f.asset);
  if (f.team) p.set("team", f.team);
  if (f.days !== DEFAULT_DASHBOARD_DAYS) p.set("days", String(f.days));
  return p;
}

/** The dashboard itself narrowed further (a team row drills down into that team). */
export function dashboardHref(f: DashboardFilters): string {
  const q = dashboardParamsFromFilters(f).toString();
  return `/vulnerabilities/dashboard${q ? `?${q}` : ""}`;
}

export interface FindingsLinkPatch {
  severity?: Severity;
  sla?: VulnSlaState;
  sort?: FindingSort;
}

/**
 * The findings list behind a number: open findings, the dashboard's asset and the patch. The
 * list cannot filter by owner team, so with a team filter there is no honest link (undefined)
 * rather than one whose count would not match.
 */
export function findingsHref(
  f: DashboardFilters,
  patch: FindingsLinkPatch = {},
): string | undefined {
  if (f.team) return undefined;
  const q = findingsParamsFromView({ status: "open", asset: f.asset, ...patch }).toString();
  return `/vulnerabilities/findings${q ? `?${q}` : ""}`;
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;

/** Open findings by age bucket (x), stacked by severity (most severe at the bottom). */
export function openByAgeBars(d: VulnDashboard): StackedInput[] {
  return d.openByAge.buckets.map((bucket, i) => ({
    key: bucket,
    label: `${bucket} d`,
    values: Object.fromEntries(d.openByAge.rows.map((r) => [r.severity, r.counts[i] ?? 0])),
  }));
}

export function openByAgeDescription(d: VulnDashboard): string {
  const parts = d.openByAge.buckets.map((bucket, i) => {
    const n = d.openByAge.rows.reduce((sum, r) => sum + (r.counts[i] ?? 0), 0);
    return `${bucket} days: ${n}`;
  });
  return `${plural(d.totals.open, "open finding")} by days since first detection. ${parts.join("; ")}.`;
}

/** Severities that have any open finding, most severe first (the legend shows only those). */
export function severitiesPresent(d: VulnDashboard): Severity[] {
  return SEVERITIES.filter((s) => d.openByAge.rows.some((r) => r.severity === s && r.total > 0));
}

/** The label of a compliance row's key; a null team is an asset without owner team. */
export function complianceLabel(key: string | null, what: "severity" | "team" | "kind"): string {
  if (key === null) return what === "team" ? "(no owner team)" : "(none)";
  return key.replace(/_/g, " ");
}

export function complianceRows(
  rows: readonly VulnComplianceRow[],
  what: "severity" | "team" | "kind",
): PercentRowInput[] {
  return rows.map((r) => ({
    key: r.key ?? "",
    label: complianceLabel(r.key, what),
    percent: r.compliancePct,
  }));
}

/** "12 met, 3 missed, 1 open past due" — the numbers behind a compliance percentage. */
export function complianceDetail(r: VulnComplianceRow): string {
  return `${r.met} met, ${r.missed} missed, ${r.openBreached} open past due`;
}

export function complianceDescription(rows: readonly VulnComplianceRow[], what: string): string {
  if (rows.length === 0) return `No finding was due or closed in the window, by ${what}.`;
  return rows
    .map(
      (r) =>
        `${complianceLabel(r.key, what === "team" ? "team" : "severity")}: ` +
        `${r.compliancePct === null ? "no data" : `${r.compliancePct} %`} (${complianceDetail(r)})`,
    )
    .join("; ");
}

export interface MttrSeries {
  months: string[];
  /** Severities with at least one resolution in the months, most severe first. */
  severities: Severity[];
  lines: LineSeriesInput[];
  /** resolved count per "month|severity". */
  resolved: Map<string, number>;
}

/** MTTR rows (month × severity) as one line per severity over the months, gaps where none. */
export function mttrSeries(d: VulnDashboard): MttrSeries {
  const months = [...new Set(d.mttr.map((m) => m.month))].sort();
  const mean = new Map<string, number | null>();
  const resolved = new Map<string, number>();
  for (const m of d.mttr) {
    mean.set(`${m.month}|${m.severity}`, m.meanDays);
    resolved.set(`${m.month}|${m.severity}`, m.resolved);
  }
  const severities = SEVERITIES.filter((s) =>
    d.mttr.some((m) => m.severity === s && m.resolved > 0 && m.meanDays !== null),
  );
  return {
    months,
    severities,
    resolved,
    lines: severities.map((s) => ({
      key: s,
      values: months.map((m) => mean.get(`${m}|${s}`) ?? null),
    })),
  };
}

export function mttrDescription(m: MttrSeries): string {
  if (m.severities.length === 0) return "No finding was resolved in these months.";
  return m.lines
    .map((l) => {
      const known = l.values
        .map((v, i) => (v === null ? null : `${m.months[i]} ${v} d`))
        .filter((x): x is string => x !== null);
      return `${l.key}: ${known.join(", ")}`;
    })
    .join("; ");
}

export function burndownDescription(d: VulnDashboard): string {
  const first = d.burndown[0];
  const last = d.burndown[d.burndown.length - 1];
  if (!first || !last) return "No days in the window.";
  const detected = d.burndown.reduce((s, p) => s + p.detected, 0);
  const closed = d.burndown.reduce((s, p) => s + p.closed, 0);
  return (
    `Open findings at the end of each day from ${first.day} to ${last.day}: ` +
    `${first.open} at the start, ${last.open} on the last day; ${detected} detected and ` +
    `${closed} closed in between.`
  );
}
