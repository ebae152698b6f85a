import type { AwsPrincipal, PolicyDoc } from "./aws-types";
import type { Decision } from "./authorization-evaluator";
import type { AwsAccessModel, ResolvedPrincipal } from "./access-model";
import type { Tri } from "./condition-evaluator";
import type { EscalationStep } from "./escalation-types";
import { allowingStatements } from "./escalation-types";
import type { AccessTechnique, PassRoleTechnique } from "./escalation-techniques";
import { ACCESS_TECHNIQUES, PASSROLE_TECHNIQUES } from "./escalation-techniques";
import { matchStatement } from "./statement-matcher";
import { triOr } from "./condition-evaluator";

/** What the credential report tells about a user (absent: unknown). */
export interface UserCredentialState {
  passwordEnabled?: boolean;
  activeKeys?: number;
}

/** Turns decisions into one step, or undefined when any of them is not (conditionally) allowed. */
export function stepOf(
  from: string,
  to: string,
  t: { id: string; pathfindingId?: string },
  actions: readonly string[],
  decisions: readonly Decision[],
  explanation: string,
  forceConditional = false,
  needsExistingResource = false,
): EscalationStep | undefined {
  let conditional = forceConditional;
  for (const d of decisions) {
    if (d.verdict === "denied" || d.verdict === "implicit-deny") return undefined;
    if (d.verdict === "conditional") conditional = true;
  }
  return {
    from,
    to,
    techniqueId: t.id,
    pathfindingId: t.pathfindingId,
    actions,
    verdict: conditional ? "conditional" : "allowed",
    needsExistingResource,
    explanation,
    statements: decisions.flatMap((d) => allowingStatements(d.matches)),
  };
}

const possible = (d: Decision): boolean => d.verdict === "allowed" || d.verdict === "conditional";

/** Does a role's trust policy let a service assume it? */
export function trustAllowsService(role: AwsPrincipal, service: string): Tri {
  const trust = role.trustPolicy;
  if (!trust) return false;
  let allow: Tri = false;
  let deny: Tri = false;
  for (const s of trust.statements) {
    const m = matchStatement(s, trust, { kind: "some" }, new Map(), { service });
    if (!m) continue;
    if (
      !(s.actions ?? []).some((a) => /^sts:(\*|assumerole)$/i.test(a)) &&
      s.notActions === undefined
    )
      continue;
    if (s.effect === "Deny") deny = triOr(deny, m.condition);
    else allow = triOr(allow, m.condition);
  }
  if (deny === true) return false;
  return deny === "unknown" && allow === true ? "unknown" : allow;
}

/**
 * Computes, once per principal, the principals it can become in one step (access edges):
 * credentials of users, role assumption, trust rewrites and role passing to services.
 */
export class AccessEdgeBuilder {
  private readonly cache = new Map<string, EscalationStep[]>();
  private readonly byService = new Map<string, { role: AwsPrincipal; trust: Tri }[]>();
  private readonly directTrust = new Map<string, AwsPrincipal[]>();
  private readonly openTrust: AwsPrincipal[] = [];

  constructor(
    private readonly model: AwsAccessModel,
    private readonly credentials: ReadonlyMap<string, UserCredentialState>,
  ) {
    for (const r of model.account.roles) {
      let open = false;
      for (const s of r.trustPolicy?.statements ?? []) {
        if (s.effect !== "Allow" || !s.principal) continue;
        for (const a of s.principal.aws) {
          if (a.includes(":root") || /^\d{12}$/.test(a)) open = true;
          else this.directTrust.set(a, [...(this.directTrust.get(a) ?? []), r]);
        }
        if (s.principal.wildcard) open = true;
      }
      if (open) this.openTrust.push(r);
    }
  }

  private rolesTrusting(service: string): { role: AwsPrincipal; trust: Tri }[] {
    let hit = this.byService.get(service);
    if (!hit) {
      hit = [];
      for (const role of this.model.account.roles) {
        const trust = trustAllowsService(role, service);
        if (trust !== false) hit.push({ role, trust });
      }
      this.byService.set(service, hit);
    }
    return hit;
  }

  /** One-step access edges out of `x`. */
  edges(x: ResolvedPrincipal): EscalationStep[] {
    const hit = this.cache.get(x.principal.arn);
    if (hit) return hit;
    const out: EscalationStep[] = [];
    for (const t of ACCESS_TECHNIQUES) this.accessEdges(x, t, out);
    if (possible(this.model.can(x.policies, "iam:PassRole", { kind: "some" }))) {
      for (const t of PASSROLE_TECHNIQUES) if (t.passRole) this.passRoleEdges(x, t, out);
    }
    for (const t of PASSROLE_TECHNIQUES) if (!t.passRole) this.existingResourceEdges(x, t, out);
    this.cache.set(x.principal.arn, out);
    return out;
  }

  private accessEdges(x: ResolvedPrincipal, t: AccessTechnique, out: EscalationStep[]): void {
    const m = this.model;
    const me = x.principal.arn;
    const some = possible(m.can(x.policies, t.action, { kind: "some" }));
    if (t.id === "assume-role") {
      const candidates = new Set([
        ...(this.directTrust.get(me) ?? []),
        ...(some ? this.openTrust : []),
      ]);
      for (const r of candidates) {
        if (r.arn === me) continue;
        const d = m.can(x.policies, t.action, { kind: "arn", arn: r.arn });
        const s = stepOf(
          me,
          r.arn,
          t,
          [t.action],
          [d],
          `${me} assumes ${r.arn} (trust policy allows it)`,
        );
        if (s) out.push(s);
      }
      return;
    }
    if (!some) return;
    const targets = t.target === "user" ? m.account.users : m.account.roles;
    for (const q of targets) {
      if (q.arn === me) continue;
      const d = m.can(x.policies, t.action, { kind: "arn", arn: q.arn });
      if (!possible(d)) continue;
      if (t.id === "update-assume-role-policy") {
        const trust = directTrustPolicy(q.arn, me);
        const assume = m.canWithPolicy(x.policies, "sts:AssumeRole", q.arn, trust);
        const s = stepOf(
          me,
          q.arn,
          t,
          [t.action, "sts:AssumeRole"],
          [d, assume],
          `${me} rewrites the trust policy of ${q.arn} to name itself, then assumes it`,
        );
        if (s) out.push(s);
        continue;
      }
      const cred = this.credentials.get(q.arn);
      let unsure = false;
      if (t.needsPassword !== undefined) {
        if (cred?.passwordEnabled === undefined) unsure = true;
        else if (cred.passwordEnabled !== t.needsPassword) continue;
      }
      const decisions = [d];
      let tech: { id: string; pathfindingId?: string } = t;
      const actions = [t.action];
      if (t.id === "create-access-key" && (cred?.activeKeys ?? 0) >= 2) {
        // At the two-key limit a key must be deleted first (pathfinding iam-003).
        decisions.push(m.can(x.policies, "iam:DeleteAccessKey", { kind: "arn", arn: q.arn }));
        actions.push("iam:DeleteAccessKey");
        tech = { id: "create-access-key-after-delete", pathfindingId: "iam-003" };
      }
      const why = `${me} obtains credentials of ${q.arn} via ${actions.join(" + ")}`;
      const s = stepOf(me, q.arn, tech, actions, decisions, why, unsure);
      if (s) out.push(s);
    }
  }

  private passRoleEdges(x: ResolvedPrincipal, t: PassRoleTechnique, out: EscalationStep[]): void {
    const m = this.model;
    const me = x.principal.arn;
    const create = t.actions.map((a) => m.can(x.policies, a, { kind: "some" }));
    if (!create.every(possible)) return;
    for (const { role, trust } of this.rolesTrusting(t.service)) {
      if (role.arn === me) continue;
      const decisions = [...create];
      const actions = ["iam:PassRole", ...t.actions];
      if (t.needsInstanceProfile && role.instanceProfiles.length === 0) {
        for (const a of ["iam:CreateInstanceProfile", "iam:AddRoleToInstanceProfile"]) {
          decisions.push(m.can(x.policies, a, { kind: "some" }));
          actions.push(a);
        }
      }
      const pass = m.can(
        x.policies,
        "iam:PassRole",
        { kind: "arn", arn: role.arn },
        { "iam:PassedToService": t.service },
      );
      decisions.push(pass);
      const why = `${me} passes ${role.arn} to ${t.service} (${t.actions.join(", ")}) and runs code as it`;
      const s = stepOf(me, role.arn, t, actions, decisions, why, trust === "unknown");
      if (s) out.push(s);
    }
  }

  private existingResourceEdges(
    x: ResolvedPrincipal,
    t: PassRoleTechnique,
    out: EscalationStep[],
  ): void {
    const m = this.model;
    const me = x.principal.arn;
    const decisions = t.actions.map((a) => m.can(x.policies, a, { kind: "some" }));
    if (!decisions.every(possible)) return;
    for (const { role, trust } of this.rolesTrusting(t.service)) {
      if (role.arn === me) continue;
      if (t.needsInstanceProfile && role.instanceProfiles.length === 0) continue;
      const why = `${me} uses ${t.actions.join(", ")} on an existing ${t.service} resource that runs as ${role.arn}`;
      const s = stepOf(me, role.arn, t, t.actions, decisions, why, trust === "unknown", true);
      if (s) out.push(s);
    }
  }
}

/** The trust policy an attacker writes with iam:UpdateAssumeRolePolicy. */
export function directTrustPolicy(roleArn: string, attackerArn: string): PolicyDoc {
  return {
    id: `${roleArn}#rewritten-trust`,
    name: "attacker-written trust policy",
    kind: "trust",
    statements: [
      {
        policyId: `${roleArn}#rewritten-trust`,
        index: 0,
        sid: undefined,
        effect: "Allow",
        actions: ["sts:AssumeRole"],
        notActions: undefined,
        resources: ["*"],
        notResources: undefined,
        principal: {
          wildcard: false,
          aws: [attackerArn],
          service: [],
          federated: [],
          canonicalUser: [],
        },
        notPrincipal: undefined,
        conditions: [],
      },
    ],
  };
}
