import { SEVERITIES } from "@infrasec/core";
import type { Severity } from "@infrasec/core";
import {
  VULN_EXCEPTION_MAX_DAYS_ABSOLUTE,
  VULN_EXCEPTION_MAX_SCOPE_FINDINGS,
} from "@infrasec/contracts";
import type {
  VulnExceptionKind,
  VulnExceptionRequestBody,
  VulnExceptionScopeInput,
  VulnFinding,
} from "@infrasec/contracts";

/**
 * The "Request exception" form apart from React: the scopes a selection of findings offers,
 * the longest duration its worst severity allows, the problems to show before sending, and the
 * request body. The server checks the same rules and has the last word (its message is shown).
 */

/**
 * Longest exception by severity, in days (issue 4: Critical 30, High 90, Medium and Low 365;
 * informational findings are not limited). Mirrors DEFAULT_EXCEPTION_MAX_DAYS of
 * @infrasec/engines/vulns, which the server applies; a test keeps the two equal.
 */
export const EXCEPTION_MAX_DAYS: Readonly<Record<Severity, number | null>> = {
  critical: 30,
  high: 90,
  medium: 365,
  low: 365,
  info: null,
};

export type ScopeChoice = "findings" | "vulnerability" | "package";
export const SCOPE_CHOICES: readonly ScopeChoice[] = ["findings", "vulnerability", "package"];

export type ScopedFinding = Pick<
  VulnFinding,
  "id" | "assetId" | "assetKey" | "vulnId" | "package"
> &
  Pick<VulnFinding, "severity">;

export interface ScopeOption {
  choice: ScopeChoice;
  label: string;
  /** What it covers, in words. */
  description: string;
  /** Null when the selection does not allow this scope (see `reason`). */
  scope: VulnExceptionScopeInput | null;
  reason?: string;
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;

function distinct<T>(values: readonly T[]): T[] {
  return [...new Set(values)];
}

/**
 * The scopes a selection offers: exactly these findings; their vulnerability on their assets
 * (also findings of it that later imports bring there); their package on their assets (any
 * version, any vulnerability). The last two need one shared vulnerability / package.
 */
export function scopeOptions(findings: readonly ScopedFinding[]): ScopeOption[] {
  const assetIds = distinct(findings.map((f) => f.assetId));
  const assetKeys = distinct(findings.map((f) => f.assetKey));
  const onAssets =
    assetKeys.length === 1 ? `on ${assetKeys[0]}` : `on ${plural(assetKeys.length, "asset")}`;
  const vulnIds = distinct(findings.map((f) => f.vulnId));
  const packages = distinct(findings.map((f) => f.package));
  const tooMany = findings.length > VULN_EXCEPTION_MAX_SCOPE_FINDINGS;

  const options: ScopeOption[] = [
    {
      choice: "findings",
      label: findings.length === 1 ? "This finding" : `These ${findings.length} findings`,
      description: "Only the findings selected now.",
      scope: tooMany ? null : { findingIds: findings.map((f) => f.id) },
      ...(tooMany
        ? {
            reason: `At most ${VULN_EXCEPTION_MAX_SCOPE_FINDINGS} findings per exception; choose a vulnerability or package scope.`,
          }
        : {}),
    },
  ];
  const vulnId = vulnIds.length === 1 ? vulnIds[0]! : null;
  options.push({
    choice: "vulnerability",
    label: vulnId ? `${vulnId} ${onAssets}` : "This vulnerability on these assets",
    description:
      "Every finding of this vulnerability (or one of its aliases) on these assets, including ones later imports bring.",
    scope: vulnId ? { vulnId, assets: assetIds } : null,
    ...(vulnId ? {} : { reason: `The selection holds ${vulnIds.length} vulnerabilities.` }),
  });
  const pkg = packages.length === 1 ? packages[0] : null;
  options.push({
    choice: "package",
    label: pkg ? `Package ${pkg} ${onAssets}` : "This package on these assets",
    description:
      "Every finding in this package (any version, any vulnerability) on these assets, including ones later imports bring.",
    scope: pkg ? { package: pkg, assets: assetIds } : null,
    ...(pkg
      ? {}
      : {
          reason:
            packages.length === 1
              ? "These findings are not about a package."
              : `The selection holds ${plural(packages.length, "package")}.`,
        }),
  });
  return options;
}

/** The worst severity of the findings (it bounds the exception's length). */
export function worstSeverity(findings: readonly Pick<VulnFinding, "severity">[]): Severity {
  let worst = SEVERITIES.length - 1;
  for (const f of findings) worst = Math.min(worst, SEVERITIES.indexOf(f.severity));
  return SEVERITIES[worst] ?? "info";
}

/** "Critical findings: at most 30 days." */
export function maxDaysText(severity: Severity): string {
  const max = EXCEPTION_MAX_DAYS[severity];
  const who = `${severity[0]!.toUpperCase()}${severity.slice(1)} findings`;
  return max === null
    ? `${who}: no limit by severity (at most ${VULN_EXCEPTION_MAX_DAYS_ABSOLUTE} days).`
    : `${who}: at most ${max} days.`;
}

/** A decision-log item: its number (`12`, `#12`) or its id. */
const DECISION_ITEM = /^(#?\d{1,9}|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/i;

export interface ExceptionFormValues {
  kind: VulnExceptionKind;
  choice: ScopeChoice;
  /** As typed; a whole number of days from approval. */
  days: string;
  justification: string;
  compensatingControls: string;
  decisionItem: string;
}

export type ExceptionFormField = "scope" | "days" | "justification" | "decisionItem";

/**
 * Problems that block sending. A duration longer than the severity allows is NOT one of them:
 * the form warns as you type, and the server (whose policy decides) answers with its message.
 */
export function exceptionFormProblems(
  values: ExceptionFormValues,
  option: ScopeOption | undefined,
): Partial<Record<ExceptionFormField, string>> {
  const out: Partial<Record<ExceptionFormField, string>> = {};
  if (!option?.scope) out.scope = option?.reason ?? "Choose what the exception covers";
  const days = values.days.trim();
  const n = Number(days);
  if (days === "") out.days = "How many days should the exception last?";
  else if (!Number.isInteger(n) || n < 1) out.days = "A whole number of days, at least 1";
  else if (n > VULN_EXCEPTION_MAX_DAYS_ABSOLUTE)
    out.days = `At most ${VULN_EXCEPTION_MAX_DAYS_ABSOLUTE} days`;
  if (!values.justification.trim()) out.justification = "Say why the exception is needed";
  const item = values.decisionItem.trim();
  if (item && !DECISION_ITEM.test(item))
    out.decisionItem = "A decision-log item number such as #12 (or its id)";
  return out;
}

/** The live warning under the duration: longer than the severity allows. */
export function durationWarning(days: string, severity: Severity): string | null {
  const n = Number(days.trim());
  const max = EXCEPTION_MAX_DAYS[severity];
  if (max === null || !Number.isInteger(n) || n <= max) return null;
  return `Longer than the ${max} days allowed for ${severity} findings: the request will be refused.`;
}

/** The request body; call only when `exceptionFormProblems` found nothing. */
export function exceptionRequestBody(
  values: ExceptionFormValues,
  scope: VulnExceptionScopeInput,
  severity: Severity,
): VulnExceptionRequestBody {
  const controls = values.compensatingControls.trim();
  const item = values.decisionItem.trim();
  return {
    kind: values.kind,
    scope,
    days: Number(values.days.trim()),
    justification: values.justification.trim(),
    severity,
    ...(controls ? { compensatingControls: controls } : {}),
    ...(item ? { decisionItem: item } : {}),
  };
}

/** The date an exception of `days` would end if approved at `now` (shown as a hint). */
export function endIfApprovedNow(days: string, now: number): string | null {
  const n = Number(days.trim());
  if (!Number.isInteger(n) || n < 1 || n > VULN_EXCEPTION_MAX_DAYS_ABSOLUTE) return null;
  return new Date(now + n * 86_400_000).toISOString();
}
