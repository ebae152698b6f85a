import type { AwsAccessModel } from "./access-model";
import { ACTION_CATALOGUE } from "./action-catalogue";
import type { AccessLevel } from "./action-catalogue";
import type { Decision, Verdict } from "./authorization-evaluator";
import type { ResourceQuery } from "./statement-matcher";

/** One answer of a who-can query. */
export interface WhoCanEntry {
  principal: string;
  verdict: Verdict;
  decision: Decision;
}

function resourceQuery(resource: string): ResourceQuery {
  return resource === "*" ? { kind: "all" } : { kind: "arn", arn: resource };
}

/** Who can do `action` on `resource` (an ARN, or `*` for every resource)? Allowed and conditional answers. */
export function whoCan(model: AwsAccessModel, action: string, resource: string): WhoCanEntry[] {
  const q = resourceQuery(resource);
  const out: WhoCanEntry[] = [];
  for (const rp of model.principals) {
    const d = model.can(rp.policies, action, q);
    if (d.verdict === "allowed" || d.verdict === "conditional") {
      out.push({ principal: rp.principal.arn, verdict: d.verdict, decision: d });
    }
  }
  return out;
}

/** `can PRINCIPAL ACTION RESOURCE --explain`: the decision and readable explanation lines. */
export function explainAccess(
  model: AwsAccessModel,
  principalArn: string,
  action: string,
  resource: string,
): { decision: Decision; lines: string[] } | undefined {
  const rp = model.byArn.get(principalArn);
  if (!rp) return undefined;
  const decision = model.can(rp.policies, action, resourceQuery(resource));
  const lines = [
    `${principalArn} ${action} ${resource}: ${decision.verdict}${decision.blockedBy ? ` (${decision.blockedBy})` : ""}`,
  ];
  for (const m of decision.matches) {
    const cond =
      m.condition === true
        ? ""
        : ` condition ${m.condition === "unknown" ? `undecided (${m.unknownKeys.join(", ") || "resource variable"})` : "false"}`;
    lines.push(
      `  ${m.effect} by ${m.policyKind} ${m.policyName} statement ${m.sid ?? `#${m.index}`}${cond}`,
    );
  }
  if (decision.matches.length === 0) lines.push("  no statement applies: implicit deny");
  return { decision, lines };
}

/** One catalogued action in a principal's effective permissions. */
export interface EffectivePermission {
  action: string;
  level: AccessLevel;
  /** On every resource (`all`) or only some. */
  scope: "all" | "some";
  verdict: "allowed" | "conditional";
}

/** Effective permissions of a principal over the built-in catalogue. */
export function effectivePermissions(
  model: AwsAccessModel,
  principalArn: string,
): EffectivePermission[] {
  const rp = model.byArn.get(principalArn);
  if (!rp) return [];
  const out: EffectivePermission[] = [];
  for (const a of ACTION_CATALOGUE) {
    const some = model.can(rp.policies, a.action, { kind: "some" });
    if (some.verdict !== "allowed" && some.verdict !== "conditional") continue;
    const all = model.can(rp.policies, a.action, { kind: "all" });
    const allOk = all.verdict === "allowed" || all.verdict === "conditional";
    const v = allOk ? all.verdict : some.verdict;
    out.push({
      action: a.action,
      level: a.level,
      scope: allOk ? "all" : "some",
      verdict: v === "allowed" ? "allowed" : "conditional",
    });
  }
  return out;
}

/** Per-principal grants as `action@scope` strings, the unit a snapshot diff compares. */
export function awsGrants(model: AwsAccessModel): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const rp of model.principals) {
    const arn = rp.principal.arn;
    out.set(
      arn,
      effectivePermissions(model, arn).map(
        (e) => `${e.action}@${e.scope}${e.verdict === "conditional" ? "?" : ""}`,
      ),
    );
  }
  return out;
}
