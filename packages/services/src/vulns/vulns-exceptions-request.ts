import type { Severity } from "@infrasec/core";
import { AppError } from "@infrasec/core";
import { exceptionWindowProblem, scopeCovers, worstSeverity } from "@infrasec/engines/vulns";
import type { Repos } from "@infrasec/storage";
import { OPEN_STATUSES } from "./reconcile-fns";
import type {
  ExceptionCandidate,
  ExceptionRecord,
  ExceptionRequestInput,
} from "./vulns-exceptions-types";
import { MAX_COVERED_FINDINGS } from "./vulns-exceptions-types";

/** Validation helpers of an exception request: scope, window, decision-log item. */

const DAY = 86_400_000;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function invalid(path: string, message: string): AppError {
  return new AppError("validation_failed", `${path}: ${message}`, [{ path, message }]);
}

/** The stored scope: asset keys resolved to ids (unknown ones named), finding ids checked. */
export async function resolveScope(
  repos: Repos,
  input: ExceptionRequestInput["scope"],
): Promise<ExceptionRecord["scope"]> {
  const scope: ExceptionRecord["scope"] = {};
  if (input.assets) {
    const ids: string[] = [];
    for (const [i, raw] of input.assets.entries()) {
      const ref = raw.trim();
      const asset =
        (UUID.test(ref) ? await repos.assets.findById(ref) : undefined) ??
        (await repos.assets.findByKeys([ref]))[0];
      if (!asset) throw invalid(`scope.assets[${i}]`, `asset ${ref} not found`);
      if (!ids.includes(asset.id)) ids.push(asset.id);
    }
    scope.assetIds = ids;
  }
  if (input.findingIds) {
    const ids = [...new Set(input.findingIds)];
    const found = new Set((await repos.vulns.findByIds(ids)).map((f) => f.id));
    const missing = ids.filter((id) => !found.has(id));
    if (missing.length > 0) {
      throw invalid("scope.findingIds", `finding(s) not found: ${missing.slice(0, 5).join(", ")}`);
    }
    scope.findingIds = ids;
  }
  if (input.vulnId?.trim()) scope.vulnId = input.vulnId.trim();
  if (input.package?.trim()) scope.package = input.package.trim();
  if (!scope.findingIds && !scope.assetIds && !scope.vulnId && !scope.package) {
    throw invalid("scope", "a scope needs at least one of findingIds, assets, vulnId or package");
  }
  return scope;
}

/** The open findings the scope covers now; refuses scopes wider than MAX_COVERED_FINDINGS. */
export async function openMatches(
  repos: Repos,
  scope: ExceptionRecord["scope"],
): Promise<ExceptionCandidate[]> {
  const rows = await repos.vulnExceptions.candidates(scope, {
    statuses: OPEN_STATUSES,
    limit: MAX_COVERED_FINDINGS + 1,
  });
  const matched = rows.filter((f) => scopeCovers(scope, f));
  if (rows.length > MAX_COVERED_FINDINGS) {
    throw invalid(
      "scope",
      `the scope covers more than ${MAX_COVERED_FINDINGS} open findings; narrow it (assets, vulnId, package)`,
    );
  }
  return matched;
}

/** The severity a window is judged by: the worst matched, the stated one, else critical. */
export function judgedSeverity(
  matched: readonly ExceptionCandidate[],
  stated?: Severity,
): Severity {
  const list = matched.map((f) => f.severity as Severity);
  if (stated) list.push(stated);
  return worstSeverity(list, "critical");
}

/** The window [start, end) of a request or approval at `nowMs`, checked for the severity. */
export function exceptionWindow(
  nowMs: number,
  severity: Severity,
  w: { days?: number | null; expiresAt?: string | null },
): { startsAt: string; expiresAt: string } {
  const startsAt = new Date(nowMs).toISOString();
  const path = w.days != null ? "days" : "expiresAt";
  let end: number;
  if (w.days != null) {
    if (!Number.isInteger(w.days) || w.days < 1)
      throw invalid("days", "a whole number of days, at least 1");
    end = nowMs + w.days * DAY;
  } else if (w.expiresAt) {
    end = Date.parse(w.expiresAt);
    if (Number.isNaN(end)) throw invalid("expiresAt", "not a date-time");
  } else {
    throw invalid("days", "give either days or expiresAt");
  }
  const expiresAt = new Date(end).toISOString();
  const problem = exceptionWindowProblem(severity, startsAt, expiresAt);
  if (problem) throw invalid(path, problem);
  return { startsAt, expiresAt };
}

/** The decision-log work item an exception links to: id or number, must be a decision. */
export async function resolveDecisionItem(repos: Repos, ref: string): Promise<string> {
  const v = ref.trim();
  const num = /^#?(\d{1,9})$/.exec(v);
  const item = num
    ? await repos.work.findByNumber(Number(num[1]))
    : UUID.test(v)
      ? await repos.work.findById(v)
      : undefined;
  if (!num && !UUID.test(v)) {
    throw invalid("decisionItem", `${v} is neither a work item id nor a number such as #12`);
  }
  if (!item) throw invalid("decisionItem", `work item ${v} not found`);
  if (item.kind !== "decision") {
    throw invalid(
      "decisionItem",
      `work item #${item.number} is a ${item.kind}, not a decision-log entry`,
    );
  }
  return item.id;
}
