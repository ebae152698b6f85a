import type { AwsAccount, AwsPrincipal, ManagedPolicy, PolicyDoc } from "./aws-types";
import type { Decision, PrincipalPolicies, ResourceSide } from "./authorization-evaluator";
import { ActionIndex, evaluateAccess } from "./authorization-evaluator";
import type { RequestContext } from "./condition-evaluator";
import type { ResourceQuery } from "./statement-matcher";
import { arnAccount } from "./wildcard-matcher";

/**
 * The resource policy governing `arn`: its own, else its container's. S3 objects fall under
 * their bucket's policy, and a Lambda version or alias under its function's.
 */
export function resourcePolicyFor(
  policies: ReadonlyMap<string, PolicyDoc>,
  arn: string,
): PolicyDoc | undefined {
  const own = policies.get(arn);
  if (own) return own;
  const s3 = /^(arn:[^:]+:s3:::[^/]+)\//.exec(arn);
  if (s3?.[1] !== undefined) return policies.get(s3[1]);
  const fn = /^(arn:[^:]+:lambda:[^:]*:[^:]*:function:[^:]+):[^:]+$/.exec(arn);
  if (fn?.[1] !== undefined) return policies.get(fn[1]);
  return undefined;
}

/** A user or role with everything that applies to it resolved (groups folded in). */
export interface ResolvedPrincipal {
  principal: AwsPrincipal;
  policies: PrincipalPolicies;
  groups: readonly AwsPrincipal[];
  /** Managed policies attached directly or through a group. */
  managed: readonly ManagedPolicy[];
  /** The same principal without its permission boundary (for boundary-removal escalation). */
  unbounded: PrincipalPolicies;
}

/** Options shared by the AWS analyses. `now` is passed in: engines read no clock. */
export interface AwsModelOptions {
  /** ISO 8601 analysis time, used for aws:CurrentTime and date conditions. */
  now: string;
}

/**
 * The evaluation model of one account: resolved principals, a shared action index and a memo of
 * decisions, so the escalation search asks each (principal, action, resource) question once.
 */
export class AwsAccessModel {
  readonly index = new ActionIndex();
  readonly principals: readonly ResolvedPrincipal[];
  readonly byArn = new Map<string, ResolvedPrincipal>();
  readonly groupsByName = new Map<string, AwsPrincipal>();
  readonly rolesByArn = new Map<string, AwsPrincipal>();
  private readonly memo = new Map<PrincipalPolicies, Map<string, Decision>>();
  private memoSize = 0;
  private readonly contexts = new Map<string, RequestContext>();

  constructor(
    readonly account: AwsAccount,
    readonly options: AwsModelOptions,
  ) {
    for (const g of account.groups) this.groupsByName.set(g.name, g);
    for (const r of account.roles) this.rolesByArn.set(r.arn, r);
    this.principals = [...account.users, ...account.roles].map((p) => this.resolve(p));
    for (const r of this.principals) this.byArn.set(r.principal.arn, r);
  }

  private resolve(p: AwsPrincipal): ResolvedPrincipal {
    const groups = p.groupNames
      .map((n) => this.groupsByName.get(n))
      .filter((g): g is AwsPrincipal => g !== undefined);
    const managed: ManagedPolicy[] = [];
    const docs: PolicyDoc[] = [...p.inlinePolicies];
    const addManaged = (arn: string): void => {
      const m = this.account.policies.get(arn);
      if (m && !managed.includes(m)) {
        managed.push(m);
        docs.push(m.document);
      }
    };
    p.managedPolicyArns.forEach(addManaged);
    for (const g of groups) {
      docs.push(...g.inlinePolicies);
      g.managedPolicyArns.forEach(addManaged);
    }
    const boundary = p.boundaryArn ? this.account.policies.get(p.boundaryArn)?.document : undefined;
    // A boundary that is referenced but not supplied allows nothing we can prove: keep it as an
    // empty policy so the verdict is implicit deny rather than an unbounded allow.
    const boundaryDoc: PolicyDoc | undefined =
      p.boundaryArn === undefined
        ? undefined
        : (boundary ?? {
            id: p.boundaryArn,
            name: "missing boundary",
            kind: "boundary",
            statements: [],
          });
    const base = {
      arn: p.arn,
      accountId: p.accountId,
      type: p.type === "role" ? ("role" as const) : ("user" as const),
      identity: docs,
      scpLevels: this.account.scpLevels,
    };
    return {
      principal: p,
      policies: { ...base, boundary: boundaryDoc },
      unbounded: { ...base, boundary: undefined },
      groups,
      managed,
    };
  }

  /** Request context an attacker acting as `p` would present (see ADR 0401 for the choices). */
  contextFor(p: PrincipalPolicies, extra?: Record<string, string>): RequestContext {
    const key = extra ? `${p.arn}|${JSON.stringify(extra)}` : p.arn;
    const hit = this.contexts.get(key);
    if (hit) return hit;
    const m = new Map<string, readonly string[] | null>();
    const now = this.options.now;
    m.set("aws:currenttime", [now]);
    m.set("aws:epochtime", [String(Math.floor(Date.parse(now) / 1000))]);
    // The attacker can always mint a fresh session over TLS.
    m.set("aws:tokenissuetime", [now]);
    m.set("aws:securetransport", ["true"]);
    m.set("aws:principalarn", [p.arn]);
    m.set("aws:principalaccount", [p.accountId]);
    m.set("aws:principaltype", [p.type === "role" ? "AssumedRole" : "User"]);
    const name = p.arn.split("/").pop() ?? "";
    if (p.type === "user") m.set("aws:username", [name]);
    else m.set("aws:username", null);
    const resolved = this.byArn.get(p.arn);
    for (const [k, v] of Object.entries(resolved?.principal.tags ?? {})) {
      m.set(`aws:principaltag/${k.toLowerCase()}`, [v]);
    }
    for (const [k, v] of Object.entries(extra ?? {})) m.set(k.toLowerCase(), [v]);
    if (this.contexts.size > 100_000) this.contexts.clear();
    this.contexts.set(key, m);
    return m;
  }

  private readonly sides = new Map<string, ResourceSide>();
  private readonly independent = new Map<PrincipalPolicies, Map<string, boolean>>();

  /** The resource side of a request on `arn`: a role's trust policy or a known resource policy. */
  resourceSide(action: string, arn: string): ResourceSide {
    const isAssume = /^sts:assumerole/i.test(action);
    const key = isAssume ? `t|${arn}` : arn;
    let side = this.sides.get(key);
    if (!side) {
      const policy = isAssume
        ? this.rolesByArn.get(arn)?.trustPolicy
        : resourcePolicyFor(this.account.resourcePolicies, arn);
      side = {
        accountId: arnAccount(arn),
        policy,
        rcpLevels: this.account.rcpLevels,
        // Trust and key policies must allow even in the same account (IAM User Guide; KMS
        // Developer Guide, "Key policies"); other resource policies only add to identity grants.
        policyRequired: isAssume || /^arn:[^:]+:kms:/.test(arn),
      };
      this.sides.set(key, side);
    }
    return side;
  }

  /**
   * True when every statement that could decide `action` for `who` applies to all resources, so
   * the answer is the same for every target without a resource policy: one evaluation serves
   * thousands of targets.
   */
  private resourceIndependent(who: PrincipalPolicies, action: string): boolean {
    let perWho = this.independent.get(who);
    if (!perWho) {
      perWho = new Map();
      this.independent.set(who, perWho);
    }
    let v = perWho.get(action);
    if (v === undefined) {
      const docs = [
        ...who.identity,
        ...(who.boundary ? [who.boundary] : []),
        ...(who.session ? [who.session] : []),
        ...who.scpLevels.flat(),
      ];
      v = docs.every((d) =>
        this.index
          .statementsFor(d, action)
          .every(
            (s) =>
              s.notResources === undefined && (s.resources ?? []).every((r) => /^\*+$/.test(r)),
          ),
      );
      perWho.set(action, v);
    }
    return v;
  }

  /** Memoized decision: can `who` do `action` on `resource`? */
  can(
    who: PrincipalPolicies,
    action: string,
    resource: ResourceQuery,
    extra?: Record<string, string>,
  ): Decision {
    if (resource.kind === "arn") {
      const side = this.resourceSide(action, resource.arn);
      if (
        side.policy === undefined &&
        side.rcpLevels.length === 0 &&
        side.accountId === who.accountId &&
        this.resourceIndependent(who, action)
      ) {
        return this.can(who, action, { kind: "all" }, extra);
      }
    }
    const rKey = resource.kind === "arn" ? resource.arn : resource.kind;
    const key = extra ? `${action}|${rKey}|${JSON.stringify(extra)}` : `${action}|${rKey}`;
    let perWho = this.memo.get(who);
    if (!perWho) {
      perWho = new Map();
      this.memo.set(who, perWho);
    }
    const hit = perWho.get(key);
    if (hit) return hit;
    const side = resource.kind === "arn" ? this.resourceSide(action, resource.arn) : undefined;
    const d = evaluateAccess(this.index, who, action, resource, this.contextFor(who, extra), side);
    if (++this.memoSize > 5_000_000) {
      this.memo.clear();
      this.memoSize = 0;
    }
    perWho.set(key, d);
    return d;
  }

  /** Evaluates with an explicit resource policy (e.g. a rewritten trust policy). */
  canWithPolicy(who: PrincipalPolicies, action: string, arn: string, policy: PolicyDoc): Decision {
    const side: ResourceSide = {
      accountId: arnAccount(arn),
      policy,
      rcpLevels: this.account.rcpLevels,
      policyRequired: policy.kind === "trust",
    };
    return evaluateAccess(
      this.index,
      who,
      action,
      { kind: "arn", arn },
      this.contextFor(who),
      side,
    );
  }
}
