import type { AwsAccessModel } from "./access-model";
import { ACTION_CATALOGUE } from "./action-catalogue";
import type { AccessLevel } from "./action-catalogue";
import type { Decision, Verdict } from "./authorization-evaluator";
import type { PolicyDoc } from "./aws-types";
import type { ResourceQuery } from "./statement-matcher";
import { matchStatement } from "./statement-matcher";

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
  opts: { sessionPolicy?: PolicyDoc } = {},
): { decision: Decision; lines: string[] } | undefined {
  const rp = model.byArn.get(principalArn);
  if (!rp) return undefined;
  const policies = opts.sessionPolicy
    ? { ...rp.policies, session: opts.sessionPolicy }
    : rp.policies;
  const decision = model.can(policies, action, resourceQuery(resource));
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

/** A grantee a resource policy names that is not a principal of the analysed account. */
export interface ResourcePolicyGrantee {
  /** `*` (anyone), an account or ARN of another account, or `service:<name>`. */
  principal: string;
  verdict: "allowed" | "conditional";
  statement: string;
  why: string;
}

/**
 * Who-can's complement: grantees that a resource (or trust) policy on `resource` names outside
 * the analysed principals, such as `*`, other accounts and services. Their own identity policies
 * are not in the input, so another account's grant is conditional on them.
 */
export function resourcePolicyGrantees(
  model: AwsAccessModel,
  action: string,
  resource: string,
): ResourcePolicyGrantee[] {
  if (resource === "*") return [];
  const side = model.resourceSide(action, resource);
  const policy = side.policy;
  if (!policy) return [];
  const ctx = new Map<string, readonly string[] | null>();
  const out: ResourcePolicyGrantee[] = [];
  for (const s of model.index.statementsFor(policy, action)) {
    if (s.effect !== "Allow" || !s.principal) continue;
    const m = matchStatement(s, policy, { kind: "arn", arn: resource }, ctx, undefined);
    if (!m) continue;
    const id = `${policy.id}#${s.sid ?? s.index}`;
    const conditional = m.condition !== true || s.conditions.length > 0;
    const own = (a: string): boolean =>
      model.byArn.has(a) || a === side.accountId || a === `arn:aws:iam::${side.accountId}:root`;
    const add = (principal: string, crossAccount: boolean, why: string): void => {
      out.push({
        principal,
        verdict: conditional || crossAccount ? "conditional" : "allowed",
        statement: id,
        why: `${why}${conditional ? "; only when the statement's conditions hold" : ""}`,
      });
    };
    if (s.principal.wildcard) add("*", false, "the policy allows any principal");
    for (const a of s.principal.aws)
      if (!own(a)) add(a, true, "another account: its own identity policies must allow too");
    for (const svc of s.principal.service) add(`service:${svc}`, false, "an AWS service");
    for (const f of s.principal.federated) add(`federated:${f}`, false, "a federated identity");
  }
  return out;
}
