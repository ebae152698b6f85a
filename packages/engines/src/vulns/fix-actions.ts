import type { Severity } from "@infrasec/core";
import { DEFAULT_PRIORITY_MODEL } from "./priority";
import type { PriorityModel } from "./priority";
import { compareVersions, pickFixedVersion } from "./version-order";

/**
 * Fix actions: open findings grouped into upgrades, "upgrade openssl to 3.0.13 fixes 42
 * findings on 17 assets" (domain brief §14.9). The caller aggregates findings in SQL by
 * (package, installed version, fixed version, vulnerability, severity), so the engine sees
 * groups, not a million rows; asset counts come from a second, narrower aggregation.
 */

/** Open findings sharing package, installed version, fixed version, vulnerability and severity. */
export interface FixGroup {
  package: string;
  version: string | null;
  /** As the scanner wrote it; may list several release lines ("1.1.1w, 3.0.12"). */
  fixedVersion: string;
  vulnId: string;
  severity: Severity;
  findings: number;
  /** Findings of the group in CISA KEV. */
  kev: number;
  /** Sum of stored priority scores, over the `scored` findings that have one. */
  prioritySum: number;
  scored: number;
  maxPriority: number | null;
}

/** Where a package is installed: (package, installed version, asset). */
export interface FixInstall {
  package: string;
  version: string | null;
  assetId: string;
}

export interface FixAction {
  package: string;
  fixedVersion: string;
  installedVersions: string[];
  findingCount: number;
  assetCount: number;
  vulnIds: string[];
  vulnCount: number;
  severityCounts: Record<Severity, number>;
  maxSeverity: Severity;
  kevCount: number;
  maxPriority: number | null;
  impact: number;
  summary: string;
}

/** Vulnerability ids listed per action; `vulnCount` has the total. */
export const FIX_ACTION_VULN_IDS = 20;
const SEVERITY_ORDER: readonly Severity[] = ["critical", "high", "medium", "low", "info"];

/** An action as planned from groups, before asset counts are known. */
export interface PlannedFixAction extends Omit<FixAction, "assetCount" | "summary"> {
  /** The installed versions ((package, version) pairs) this action upgrades. */
  members: { package: string; version: string | null }[];
}

/**
 * Groups findings into upgrades. Per (package, installed version) the target is the highest
 * fixed version any of its findings needs (each finding's own fixed version picked on the
 * installed release line); installed versions with the same target share one action. Impact is
 * the sum of the findings' priority scores, a finding without one counting its severity's
 * points under the priority model; actions are sorted by impact, then findings, then name.
 */
export function planFixActions(
  groups: readonly FixGroup[],
  model: PriorityModel = DEFAULT_PRIORITY_MODEL,
): PlannedFixAction[] {
  // Step 1: the target version per installed (package, version).
  const targets = new Map<string, { package: string; version: string | null; target: string }>();
  const picked: { group: FixGroup; key: string }[] = [];
  for (const g of groups) {
    const fix = pickFixedVersion(g.fixedVersion, g.version);
    if (fix === null) continue;
    const key = installKey(g.package, g.version);
    const t = targets.get(key);
    if (!t || compareVersions(fix, t.target) > 0) {
      targets.set(key, { package: g.package, version: g.version, target: fix });
    }
    picked.push({ group: g, key });
  }
  // Step 2: one action per (package, target).
  const actions = new Map<string, PlannedFixAction & { vulnSet: Set<string> }>();
  for (const { group: g, key } of picked) {
    const t = targets.get(key)!;
    const actionKey = `${g.package}\u0000${t.target}`;
    let a = actions.get(actionKey);
    if (!a) {
      a = {
        package: g.package,
        fixedVersion: t.target,
        installedVersions: [],
        members: [],
        findingCount: 0,
        vulnIds: [],
        vulnCount: 0,
        vulnSet: new Set(),
        severityCounts: { critical: 0, high: 0, medium: 0, low: 0, info: 0 },
        maxSeverity: "info",
        kevCount: 0,
        maxPriority: null,
        impact: 0,
      };
      actions.set(actionKey, a);
    }
    if (!a.members.some((m) => installKey(m.package, m.version) === key)) {
      a.members.push({ package: t.package, version: t.version });
      if (t.version !== null) a.installedVersions.push(t.version);
    }
    a.findingCount += g.findings;
    a.severityCounts[g.severity] += g.findings;
    a.kevCount += g.kev;
    a.vulnSet.add(g.vulnId);
    if (g.maxPriority !== null) a.maxPriority = Math.max(a.maxPriority ?? 0, g.maxPriority);
    const unscored = Math.max(0, g.findings - g.scored);
    a.impact += g.prioritySum + unscored * model.severityScore[g.severity] * model.cvssWeight;
  }
  const out: PlannedFixAction[] = [];
  for (const { vulnSet, ...a } of actions.values()) {
    const ids = [...vulnSet].sort();
    a.vulnCount = ids.length;
    a.vulnIds = ids.slice(0, FIX_ACTION_VULN_IDS);
    a.installedVersions.sort(compareVersions);
    a.maxSeverity = SEVERITY_ORDER.find((s) => a.severityCounts[s] > 0) ?? "info";
    a.impact = Math.round(a.impact * 10) / 10;
    out.push(a);
  }
  out.sort(
    (x, y) =>
      y.impact - x.impact ||
      y.findingCount - x.findingCount ||
      (x.package < y.package ? -1 : x.package > y.package ? 1 : 0) ||
      compareVersions(x.fixedVersion, y.fixedVersion),
  );
  return out;
}

/**
 * Completes planned actions with the number of distinct assets each one touches (an asset with
 * two installed versions upgraded to the same target counts once) and the one-line summary.
 */
export function completeFixActions(
  planned: readonly PlannedFixAction[],
  installs: readonly FixInstall[],
): FixAction[] {
  const byInstall = new Map<string, number[]>();
  planned.forEach((a, i) => {
    for (const m of a.members) {
      const k = installKey(m.package, m.version);
      byInstall.set(k, [...(byInstall.get(k) ?? []), i]);
    }
  });
  const assets = planned.map(() => new Set<string>());
  for (const inst of installs) {
    for (const i of byInstall.get(installKey(inst.package, inst.version)) ?? []) {
      assets[i]!.add(inst.assetId);
    }
  }
  return planned.map(({ members: _members, ...a }, i) => {
    const assetCount = assets[i]!.size;
    return {
      ...a,
      assetCount,
      summary: fixActionSummary(a.package, a.fixedVersion, a.findingCount, assetCount),
    };
  });
}

/** "upgrade openssl to 3.0.13 fixes 42 findings on 17 assets". */
export function fixActionSummary(
  pkg: string,
  version: string,
  findings: number,
  assets: number,
): string {
  const n = (k: number, word: string) => `${k} ${word}${k === 1 ? "" : "s"}`;
  return `upgrade ${pkg} to ${version} fixes ${n(findings, "finding")} on ${n(assets, "asset")}`;
}

function installKey(pkg: string, version: string | null): string {
  return `${pkg}\u0000${version ?? ""}`;
}
