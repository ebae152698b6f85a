import type { PolicyDoc, PrincipalSpec, Statement } from "./aws-types";
import type { RequestContext, Tri } from "./condition-evaluator";
import { evaluateConditions, substituteVariables } from "./condition-evaluator";
import { actionMatches, arnMatches, isFullWildcard } from "./wildcard-matcher";

/**
 * Which resource a query is about. `arn`: one concrete resource. `some`: the caller picks the
 * resource (creating a function, naming a stack), so any Resource pattern will do for an Allow.
 * `all`: every resource, as admin equivalence needs.
 */
export type ResourceQuery = { kind: "arn"; arn: string } | { kind: "some" } | { kind: "all" };

/** The calling identity, as a resource or trust policy's Principal element sees it. */
export interface Caller {
  arn?: string;
  accountId?: string;
  service?: string;
  federated?: string;
}

/** How a resource policy's Principal named the caller: `direct` (its ARN) matters same-account. */
export type PrincipalMatch = "direct" | "account" | "wildcard";

/** One statement that applied to a query, for explanations. */
export interface StatementMatch {
  policyId: string;
  policyName: string;
  policyKind: PolicyDoc["kind"];
  sid: string | undefined;
  index: number;
  effect: "Allow" | "Deny";
  condition: Tri;
  unknownKeys: readonly string[];
  principalMatch?: PrincipalMatch;
}

/** Does the statement's Action/NotAction cover the action? */
export function statementCoversAction(s: Statement, action: string): boolean {
  if (s.actions) return s.actions.some((p) => actionMatches(p, action));
  return !(s.notActions ?? []).some((p) => actionMatches(p, action));
}

function patternMatchesArn(pattern: string, arn: string, ctx: RequestContext): Tri {
  const sub = substituteVariables(pattern, ctx);
  if (sub !== undefined) return arnMatches(sub, arn);
  // Unresolved policy variable: it may or may not name this resource.
  return arnMatches(pattern.replace(/\$\{[^}]+\}/g, "*"), arn) ? "unknown" : false;
}

function anyTri(values: readonly string[], f: (p: string) => Tri): Tri {
  let acc: Tri = false;
  for (const v of values) {
    const r = f(v);
    if (r === true) return true;
    if (r === "unknown") acc = "unknown";
  }
  return acc;
}

function isAllResources(p: string): boolean {
  return isFullWildcard(p) || /^arn:\*(:\*){4}:\*$/.test(p);
}

/** Does the statement's Resource/NotResource cover the queried resource? */
export function statementCoversResource(s: Statement, q: ResourceQuery, ctx: RequestContext): Tri {
  if (q.kind === "arn") {
    if (s.resources) return anyTri(s.resources, (p) => patternMatchesArn(p, q.arn, ctx));
    const hit = anyTri(s.notResources ?? [], (p) => patternMatchesArn(p, q.arn, ctx));
    return hit === "unknown" ? hit : !hit;
  }
  // A Deny scoped to some resources still leaves the caller other resources to use.
  if (s.effect === "Deny") return (s.resources ?? []).some(isAllResources);
  if (q.kind === "some")
    return s.resources !== undefined || !(s.notResources ?? []).some(isFullWildcard);
  return (s.resources ?? []).some(isAllResources);
}

/** Matches a Principal element against the caller. */
export function principalMatches(p: PrincipalSpec, c: Caller): PrincipalMatch | undefined {
  if (p.wildcard) return "wildcard";
  if (c.service !== undefined) return p.service.includes(c.service) ? "direct" : undefined;
  if (c.federated !== undefined) return p.federated.includes(c.federated) ? "direct" : undefined;
  for (const a of p.aws) {
    if (c.arn !== undefined && a === c.arn) return "direct";
    if (
      c.accountId !== undefined &&
      (a === c.accountId || a === `arn:aws:iam::${c.accountId}:root`)
    ) {
      return "account";
    }
  }
  return undefined;
}

/** Evaluates one statement against a query; undefined when it does not apply at all. */
export function matchStatement(
  s: Statement,
  policy: PolicyDoc,
  resource: ResourceQuery,
  ctx: RequestContext,
  caller: Caller | undefined,
): StatementMatch | undefined {
  let principalMatch: PrincipalMatch | undefined;
  if (caller !== undefined && (s.principal || s.notPrincipal)) {
    if (s.principal) {
      principalMatch = principalMatches(s.principal, caller);
      if (principalMatch === undefined) return undefined;
    } else if (s.notPrincipal && principalMatches(s.notPrincipal, caller) !== undefined) {
      return undefined;
    } else {
      principalMatch = "wildcard";
    }
  }
  const res = statementCoversResource(s, resource, ctx);
  if (res === false) return undefined;
  const cond = evaluateConditions(s.conditions, ctx);
  if (cond.value === false) return undefined;
  const condition: Tri = res === "unknown" ? "unknown" : cond.value;
  return {
    policyId: policy.id,
    policyName: policy.name,
    policyKind: policy.kind,
    sid: s.sid,
    index: s.index,
    effect: s.effect,
    condition,
    unknownKeys: cond.unknownKeys,
    ...(principalMatch !== undefined ? { principalMatch } : {}),
  };
}
