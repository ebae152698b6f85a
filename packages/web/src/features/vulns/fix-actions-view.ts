import { SEVERITIES } from "@infrasec/core";
import type { Severity } from "@infrasec/core";
import type { VulnFixAction } from "@infrasec/contracts";
import { findingsParamsFromView } from "./vulns-query";

/**
 * The fix actions page's view logic: filters and sort in the URL, the client-side sort of the
 * loaded actions (the API answers them by impact), and the findings list behind a row.
 */

export const FIX_ACTION_SORTS = [
  "impact",
  "findings",
  "assets",
  "severity",
  "kev",
  "package",
] as const;
export type FixActionSort = (typeof FIX_ACTION_SORTS)[number];

/** The API's page size cap: the page loads the actions with most impact up to this. */
export const FIX_ACTION_LIMIT = 500;

export interface FixActionsView {
  asset?: string;
  severity?: Severity;
  package?: string;
  sort: FixActionSort;
}

function oneOf<T extends string>(values: readonly T[], v: string | null): T | undefined {
  return v !== null && (values as readonly string[]).includes(v) ? (v as T) : undefined;
}

export function fixActionsViewFromParams(params: URLSearchParams): FixActionsView {
  const text = (k: string, max: number) => params.get(k)?.trim().slice(0, max) || undefined;
  return {
    asset: text("asset", 512),
    severity: oneOf(SEVERITIES, params.get("severity")),
    package: text("package", 256),
    sort: oneOf(FIX_ACTION_SORTS, params.get("sort")) ?? "impact",
  };
}

export function fixActionsParamsFromView(v: FixActionsView): URLSearchParams {
  const p = new URLSearchParams();
  if (v.asset) p.set("asset", v.asset);
  if (v.severity) p.set("severity", v.severity);
  if (v.package) p.set("package", v.package);
  if (v.sort !== "impact") p.set("sort", v.sort);
  return p;
}

const severityRank = (s: Severity) => SEVERITIES.indexOf(s);

/** Most first for counts, most severe first, A→Z for packages; ties keep the API's impact order. */
export function sortFixActions(
  items: readonly VulnFixAction[],
  sort: FixActionSort,
): VulnFixAction[] {
  const indexed = items.map((a, i) => ({ a, i }));
  const by: Record<FixActionSort, (x: VulnFixAction, y: VulnFixAction) => number> = {
    impact: (x, y) => y.impact - x.impact,
    findings: (x, y) => y.findingCount - x.findingCount,
    assets: (x, y) => y.assetCount - x.assetCount,
    severity: (x, y) => severityRank(x.maxSeverity) - severityRank(y.maxSeverity),
    kev: (x, y) => y.kevCount - x.kevCount,
    package: (x, y) => x.package.localeCompare(y.package),
  };
  return indexed.sort((x, y) => by[sort](x.a, y.a) || x.i - y.i).map((x) => x.a);
}

/**
 * The open findings an action fixes, as far as the findings list can say: same package, the
 * page's asset and severity filters. Findings of the package without a known fix are listed too.
 */
export function fixActionFindingsHref(
  a: Pick<VulnFixAction, "package">,
  v: Pick<FixActionsView, "asset" | "severity">,
): string {
  const q = findingsParamsFromView({
    status: "open",
    package: a.package,
    asset: v.asset,
    severity: v.severity,
    sort: "-severity",
  }).toString();
  return `/vulnerabilities/findings?${q}`;
}

/** "2 critical, 5 high" — the severity mix of an action, most severe first, zeros left out. */
export function severityMix(counts: Partial<Record<Severity, number>>): string {
  return SEVERITIES.filter((s) => (counts[s] ?? 0) > 0)
    .map((s) => `${counts[s]} ${s}`)
    .join(", ");
}
