import type { Finding, Location, RuleOutcome } from "@infrasec/core";
import { fingerprint } from "../kit/fingerprint";
import type { ReviewRuleMeta } from "./review-types";

/**
 * Turn one rule outcome into a finding (null for a pass). Failing findings start as `new`; change
 * mode reclassifies them. Unknown outcomes become `unknown` findings that say what they need.
 */
export function outcomeToFinding(
  meta: ReviewRuleMeta,
  outcome: RuleOutcome,
  resource: string,
  where: Location,
  note = "",
): Finding | null {
  if (outcome.kind === "pass") return null;
  const attributePath = outcome.attributePath;
  if (outcome.kind === "unknown") {
    return {
      ruleId: meta.id,
      severity: meta.severity,
      title: meta.title,
      message: `unknown: needs the value of ${outcome.needs}${note}`,
      resource,
      location: where,
      attributePath,
      status: "unknown",
      fingerprint: fingerprint(resource, meta.id, attributePath),
      needs: outcome.needs,
    };
  }
  return {
    ruleId: meta.id,
    severity: meta.severity,
    title: meta.title,
    message: (outcome.message ?? meta.title) + note,
    resource,
    location: outcome.location ?? where,
    attributePath,
    status: "new",
    fingerprint: fingerprint(resource, meta.id, attributePath),
  };
}

/** Normalise a check's return value to a list. */
export function outcomesOf(result: RuleOutcome | readonly RuleOutcome[]): readonly RuleOutcome[] {
  return Array.isArray(result) ? (result as readonly RuleOutcome[]) : [result as RuleOutcome];
}
