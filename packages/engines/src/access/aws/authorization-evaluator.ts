import type { PolicyDoc, Statement } from "./aws-types";
import type { RequestContext, Tri } from "./condition-evaluator";
import { triAnd, triOr } from "./condition-evaluator";
import type { Caller, ResourceQuery, StatementMatch } from "./statement-matcher";
import { matchStatement, statementCoversAction } from "./statement-matcher";

/** Final verdict of an access question. */
export type Verdict = "allowed" | "conditional" | "denied" | "implicit-deny";

/** A verdict with the statements that produced it (the explanation). */
export interface Decision {
  verdict: Verdict;
  /** Which layer decided a denial: an explicit Deny, or a layer that did not allow. */
  blockedBy?: "explicit-deny" | "identity" | "boundary" | "session" | "scp" | "rcp" | "resource";
  matches: readonly StatementMatch[];
}

/** Everything that applies to one calling principal. */
export interface PrincipalPolicies {
  arn: string;
  accountId: string;
  type: "user" | "role";
  identity: readonly PolicyDoc[];
  boundary: PolicyDoc | undefined;
  scpLevels: readonly (readonly PolicyDoc[])[];
  /**
   * Session policy passed to AssumeRole / GetFederationToken (IAM User Guide, "Session
   * policies"): the session may do only what both it and the identity policies allow. Grants a
   * resource policy makes to the role or user ARN are limited too; grants naming the session ARN
   * itself are not, but sessions have no ARN in an offline snapshot, so none are modelled.
   */
  session?: PolicyDoc | undefined;
}

/** The resource side of a request: its account, resource policy (or trust policy) and RCPs. */
export interface ResourceSide {
  accountId: string;
  policy: PolicyDoc | undefined;
  rcpLevels: readonly (readonly PolicyDoc[])[];
  /**
   * The resource policy must allow even in the same account: role trust policies and KMS key
   * policies. Naming the account (`…:root`) there delegates to identity policies, which must then
   * allow too; naming the caller's ARN (or `*`) is enough on its own.
   */
  policyRequired?: boolean;
}

/**
 * Caches, per policy document and action, the statements whose Action/NotAction cover the action.
 * Policies are shared by many principals, so this is where wildcard expansion is paid once.
 */
export class ActionIndex {
  private readonly cache = new Map<PolicyDoc, Map<string, readonly Statement[]>>();

  statementsFor(policy: PolicyDoc, action: string): readonly Statement[] {
    let perPolicy = this.cache.get(policy);
    if (perPolicy === undefined) {
      perPolicy = new Map();
      this.cache.set(policy, perPolicy);
    }
    // Action names are compared case-insensitively, but callers use catalogue spelling, so the
    // raw name is a good cache key; a differently-cased duplicate only costs one more entry.
    let hit = perPolicy.get(action);
    if (hit === undefined) {
      hit = policy.statements.filter((s) => statementCoversAction(s, action));
      perPolicy.set(action, hit);
    }
    return hit;
  }
}

interface SetResult {
  allow: Tri;
  deny: Tri;
}

// Matches are appended to the caller's array: evaluation runs millions of times on large
// accounts, and per-call arrays were the main garbage-collection cost.
function evalSet(
  index: ActionIndex,
  policies: readonly PolicyDoc[],
  action: string,
  resource: ResourceQuery,
  ctx: RequestContext,
  caller: Caller | undefined,
  matches: StatementMatch[],
  directOnly = false,
): SetResult {
  const out: SetResult = { allow: false, deny: false };
  for (const p of policies) {
    for (const s of index.statementsFor(p, action)) {
      const m = matchStatement(s, p, resource, ctx, caller);
      if (m === undefined) continue;
      matches.push(m);
      if (s.effect === "Deny") out.deny = triOr(out.deny, m.condition);
      else if (!directOnly || m.principalMatch === "direct" || m.principalMatch === "wildcard") {
        out.allow = triOr(out.allow, m.condition);
      }
    }
  }
  return out;
}

function evalLevels(
  index: ActionIndex,
  levels: readonly (readonly PolicyDoc[])[],
  action: string,
  resource: ResourceQuery,
  ctx: RequestContext,
  matches: StatementMatch[],
): { allow: Tri; deny: Tri } {
  let allow: Tri = true;
  let deny: Tri = false;
  for (const level of levels) {
    const r = evalSet(index, level, action, resource, ctx, undefined, matches);
    allow = triAnd(allow, r.allow);
    deny = triOr(deny, r.deny);
  }
  return { allow, deny };
}

/**
 * AWS policy evaluation (IAM User Guide, "Policy evaluation logic"): explicit Deny anywhere wins;
 * SCPs, RCPs and the permission boundary must each allow; same-account requests are allowed by
 * identity policies or by a resource policy naming the caller directly; cross-account requests
 * need both. Every undecidable condition makes the verdict `conditional`, never dropped.
 */
export function evaluateAccess(
  index: ActionIndex,
  who: PrincipalPolicies,
  action: string,
  resource: ResourceQuery,
  ctx: RequestContext,
  side?: ResourceSide,
): Decision {
  const matches: StatementMatch[] = [];
  const id = evalSet(index, who.identity, action, resource, ctx, undefined, matches);
  const scp = evalLevels(index, who.scpLevels, action, resource, ctx, matches);
  let boundaryAllow: Tri = true;
  let deny: Tri = triOr(id.deny, scp.deny);
  if (who.boundary) {
    const b = evalSet(index, [who.boundary], action, resource, ctx, undefined, matches);
    boundaryAllow = b.allow;
    deny = triOr(deny, b.deny);
  }
  let sessionAllow: Tri = true;
  if (who.session) {
    const sp = evalSet(index, [who.session], action, resource, ctx, undefined, matches);
    sessionAllow = sp.allow;
    deny = triOr(deny, sp.deny);
  }
  let rcpAllow: Tri = true;
  let resourceAllow: Tri = false;
  let resourceAnyAllow: Tri = false;
  const caller: Caller = { arn: who.arn, accountId: who.accountId };
  const sameAccount =
    side === undefined || side.accountId === who.accountId || side.accountId === "";
  if (side) {
    const rcp = evalLevels(index, side.rcpLevels, action, resource, ctx, matches);
    rcpAllow = rcp.allow;
    deny = triOr(deny, rcp.deny);
    if (side.policy) {
      const r = evalSet(index, [side.policy], action, resource, ctx, caller, matches, sameAccount);
      resourceAllow = r.allow;
      deny = triOr(deny, r.deny);
      // Statements naming the account only count together with an identity allow; re-read the
      // matches just recorded rather than evaluating the policy twice.
      resourceAnyAllow = r.allow;
      for (const m of matches)
        if (m.policyId === side.policy.id && m.effect === "Allow" && m.principalMatch === "account")
          resourceAnyAllow = triOr(resourceAnyAllow, m.condition);
    }
  }
  if (deny === true) return { verdict: "denied", blockedBy: "explicit-deny", matches };
  const identityAllow = triAnd(triAnd(id.allow, boundaryAllow), sessionAllow);
  // A boundary also limits grants a resource policy makes to a role ARN (not to a user ARN); a
  // session policy limits grants to the role or user ARN the session was created from.
  const viaResource = triAnd(
    who.type === "role" ? triAnd(resourceAllow, boundaryAllow) : resourceAllow,
    sessionAllow,
  );
  let grant: Tri;
  const required = side?.policyRequired === true && side.policy !== undefined;
  if (sameAccount && required) grant = triOr(viaResource, triAnd(identityAllow, resourceAnyAllow));
  else if (sameAccount) grant = triOr(identityAllow, viaResource);
  else
    grant = side?.policy ? triAnd(identityAllow, resourceAllow) : triAnd(identityAllow, "unknown");
  const total = triAnd(triAnd(scp.allow, rcpAllow), grant);
  if (total === false) {
    const blockedBy =
      scp.allow === false
        ? "scp"
        : rcpAllow === false
          ? "rcp"
          : id.allow !== false && boundaryAllow === false
            ? "boundary"
            : sessionAllow === false && (id.allow !== false || resourceAllow !== false)
              ? "session"
              : (!sameAccount || required) && id.allow !== false
                ? "resource"
                : "identity";
    return { verdict: "implicit-deny", blockedBy, matches };
  }
  if (total === true && deny === false) return { verdict: "allowed", matches };
  return { verdict: "conditional", matches };
}
