import type { PrincipalPolicies } from "./authorization-evaluator";
import type { AwsAccessModel } from "./access-model";
import { ADMIN_PROBE_ACTIONS } from "./escalation-techniques";

/** Admin equivalence of one principal: `yes`, `conditional` (conditions undecided) or `no`. */
export type AdminVerdict = "yes" | "conditional" | "no";

/**
 * A principal is admin-equivalent when every probe action is allowed on every resource: that
 * holds for `*`, for NotAction lists that spare nothing important, and for split policies alike.
 */
export function adminVerdict(model: AwsAccessModel, who: PrincipalPolicies): AdminVerdict {
  let result: AdminVerdict = "yes";
  for (const action of ADMIN_PROBE_ACTIONS) {
    const d = model.can(who, action, { kind: "all" });
    if (d.verdict === "denied" || d.verdict === "implicit-deny") return "no";
    if (d.verdict === "conditional") result = "conditional";
  }
  return result;
}
