import type { Severity } from "@infrasec/core";
import { severityRank } from "@infrasec/core";
import { DEFAULT_EXCEPTION_MAX_DAYS } from "./sla-policy";
import { exceptionDurationProblem } from "./sla-events";
import { normalizeVulnId, purlBase } from "./vuln-ids";

/**
 * What an exception (risk acceptance or deviation request) applies to. Every given part must
 * match: `{ vulnId }` is one vulnerability across all assets, `{ vulnId, assetIds }` that
 * vulnerability on those assets, `{ findingIds }` exactly those findings. At least one part.
 */
export interface ExceptionScope {
  findingIds?: readonly string[];
  assetIds?: readonly string[];
  /** Canonical id or any alias (CVE, GHSA, OSV…), compared normalized. */
  vulnId?: string | null;
  /** Package name or purl without version; any installed version matches. */
  package?: string | null;
}

/** The finding fields scope matching reads. */
export interface ScopedFinding {
  id: string;
  assetId: string;
  vulnId: string;
  aliases: readonly string[];
  package: string | null;
  purl: string | null;
}

/** Why a scope is unusable (no part given, an empty list), or null. */
export function exceptionScopeProblem(scope: ExceptionScope): string | null {
  const parts = [
    scope.findingIds !== undefined,
    scope.assetIds !== undefined,
    !!scope.vulnId,
    !!scope.package,
  ];
  if (!parts.some(Boolean)) {
    return "a scope needs at least one of findingIds, assets, vulnId or package";
  }
  if (scope.findingIds && scope.findingIds.length === 0) return "findingIds is empty";
  if (scope.assetIds && scope.assetIds.length === 0) return "assets is empty";
  return null;
}

/** Lower-cased package name or versionless purl, for comparisons. */
function packageKeyOf(p: string): string {
  return (purlBase(p) ?? p.trim()).toLowerCase();
}

/** Whether the scope covers the finding (all given parts match; an unusable scope covers nothing). */
export function scopeCovers(scope: ExceptionScope, f: ScopedFinding): boolean {
  if (exceptionScopeProblem(scope) !== null) return false;
  if (scope.findingIds && !scope.findingIds.includes(f.id)) return false;
  if (scope.assetIds && !scope.assetIds.includes(f.assetId)) return false;
  if (scope.vulnId) {
    // Ids compare case-insensitively: scanners spell GHSA and vendor ids either way.
    const norm = (id: string) => normalizeVulnId(id).toUpperCase();
    const want = norm(scope.vulnId);
    const ids = [f.vulnId, ...f.aliases].map(norm);
    if (!ids.includes(want)) return false;
  }
  if (scope.package) {
    const want = packageKeyOf(scope.package);
    const have = [f.package, f.purl ? purlBase(f.purl) : null]
      .filter((v): v is string => !!v)
      .map((v) => v.toLowerCase());
    if (!have.includes(want)) return false;
  }
  return true;
}

/** The worst of some severities; `fallback` when there are none. */
export function worstSeverity(list: readonly Severity[], fallback: Severity): Severity {
  let worst: Severity | null = null;
  for (const s of list) if (worst === null || severityRank(s) > severityRank(worst)) worst = s;
  return worst ?? fallback;
}

/**
 * Why an exception window is not allowed for the worst covered severity, or null. Default
 * maxima: Critical 30 days, High 90, Medium and Low 365 (DEFAULT_EXCEPTION_MAX_DAYS).
 */
export function exceptionWindowProblem(
  severity: Severity,
  from: Date | string,
  to: Date | string,
  maxDays: Readonly<Record<Severity, number | null>> = DEFAULT_EXCEPTION_MAX_DAYS,
): string | null {
  return exceptionDurationProblem(severity, from, to, maxDays);
}
