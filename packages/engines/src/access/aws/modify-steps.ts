import type { AwsAccessModel, ResolvedPrincipal } from "./access-model";
import type { AdminVerdict } from "./admin-analyzer";
import { adminVerdict } from "./admin-analyzer";
import type { AwsPrincipal } from "./aws-types";
import type { PrincipalPolicies } from "./authorization-evaluator";
import type { EscalationStep } from "./escalation-types";
import type { ModifyTechnique } from "./escalation-techniques";
import { ADMIN_POLICY_ARN, MODIFY_TECHNIQUES } from "./escalation-techniques";
import { stepOf } from "./escalation-edges";
import { isFullWildcard } from "./wildcard-matcher";

const T = new Map(MODIFY_TECHNIQUES.map((t) => [t.id, t]));
function tech(id: string): ModifyTechnique {
  const t = T.get(id);
  if (!t) throw new Error(`unknown technique ${id}`);
  return t;
}

/**
 * Finds how principal `x` can give principal `q` admin-level permissions: policies written or
 * attached to q, to q's groups or to q's customer-managed policies, q added to an admin group, or
 * q's permission boundary removed. Only asked for principals an attacker already controls.
 */
export class ModifyStepFinder {
  private readonly adminGroups: AwsPrincipal[];
  private readonly memo = new Map<ResolvedPrincipal, Map<ResolvedPrincipal, EscalationStep[]>>();
  private readonly adminMemo = new Map<string, AdminVerdict>();

  constructor(private readonly model: AwsAccessModel) {
    this.adminGroups = model.account.groups.filter((g) => this.groupIsAdmin(g) !== "no");
  }

  /** Admin verdict of a principal (memoized); `unbounded` drops its permission boundary. */
  admin(p: ResolvedPrincipal, unbounded = false): AdminVerdict {
    const key = `${p.principal.arn}|${unbounded}`;
    let v = this.adminMemo.get(key);
    if (v === undefined) {
      v = adminVerdict(this.model, unbounded ? p.unbounded : p.policies);
      this.adminMemo.set(key, v);
    }
    return v;
  }

  private groupIsAdmin(g: AwsPrincipal): AdminVerdict {
    const docs = [...g.inlinePolicies];
    for (const arn of g.managedPolicyArns) {
      const m = this.model.account.policies.get(arn);
      if (m) docs.push(m.document);
    }
    const who: PrincipalPolicies = {
      arn: g.arn,
      accountId: g.accountId,
      type: "user",
      identity: docs,
      boundary: undefined,
      scpLevels: this.model.account.scpLevels,
    };
    return adminVerdict(this.model, who);
  }

  private readonly possibleMemo = new Map<ResolvedPrincipal, ReadonlySet<string>>();

  /** Permission-rewriting actions x may use on some resource (computed once per principal). */
  private possible(x: ResolvedPrincipal): ReadonlySet<string> {
    let v = this.possibleMemo.get(x);
    if (v === undefined) {
      v = new Set(
        MODIFY_TECHNIQUES.filter((t) => {
          const d = this.model.can(x.policies, t.action, { kind: "some" });
          return d.verdict === "allowed" || d.verdict === "conditional";
        }).map((t) => t.action),
      );
      this.possibleMemo.set(x, v);
    }
    return v;
  }

  /** Cheap pre-check: can x use any permission-rewriting action on some resource at all? */
  canModifyAnything(x: ResolvedPrincipal): boolean {
    return this.possible(x).size > 0;
  }

  /** Steps by which x makes q admin; empty when none. */
  steps(x: ResolvedPrincipal, q: ResolvedPrincipal): EscalationStep[] {
    let perX = this.memo.get(x);
    if (!perX) {
      perX = new Map();
      this.memo.set(x, perX);
    }
    const hit = perX.get(q);
    if (hit) return hit;
    const out: EscalationStep[] = [];
    const possible = this.possible(x);
    if (possible.size === 0) return out;
    const m = this.model;
    const me = x.principal.arn;
    const target = q.principal;
    const add = (
      t: ModifyTechnique,
      arn: string,
      why: string,
      extra?: Record<string, string>,
      unsure = false,
    ): void => {
      // Only actions x holds on some resource can succeed on this one.
      if (!possible.has(t.action)) return;
      const d = m.can(x.policies, t.action, { kind: "arn", arn }, extra);
      const s = stepOf(me, target.arn, t, [t.action], [d], why, unsure);
      if (s) out.push(s);
    };
    const attachCtx = { "iam:PolicyARN": ADMIN_POLICY_ARN };
    const isUser = target.type === "user";
    add(
      tech(isUser ? "put-user-policy" : "put-role-policy"),
      target.arn,
      `${me} writes an admin inline policy on ${target.arn}`,
    );
    add(
      tech(isUser ? "attach-user-policy" : "attach-role-policy"),
      target.arn,
      `${me} attaches AdministratorAccess to ${target.arn}`,
      attachCtx,
    );
    for (const g of q.groups) {
      add(
        tech("put-group-policy"),
        g.arn,
        `${me} writes an admin inline policy on group ${g.name} of ${target.arn}`,
      );
      add(
        tech("attach-group-policy"),
        g.arn,
        `${me} attaches AdministratorAccess to group ${g.name} of ${target.arn}`,
        attachCtx,
      );
    }
    for (const mp of q.managed) {
      if (mp.isAwsManaged) continue;
      add(
        tech("create-policy-version"),
        mp.arn,
        `${me} creates an admin default version of ${mp.arn}, attached to ${target.arn}`,
      );
      if (mp.otherVersions.length > 0) {
        const sure = mp.otherVersions.some((v) =>
          v.document.statements.some(
            (s) =>
              s.effect === "Allow" &&
              (s.actions ?? []).some(isFullWildcard) &&
              (s.resources ?? []).some(isFullWildcard),
          ),
        );
        add(
          tech("set-default-policy-version"),
          mp.arn,
          `${me} makes an older version of ${mp.arn} the default`,
          undefined,
          !sure,
        );
      }
    }
    if (isUser) {
      for (const g of this.adminGroups) {
        if (q.groups.includes(g)) continue;
        add(tech("add-user-to-group"), g.arn, `${me} adds ${target.arn} to admin group ${g.name}`);
      }
    }
    if (target.boundaryArn !== undefined && this.admin(q, true) !== "no") {
      const t = tech(isUser ? "delete-user-boundary" : "delete-role-boundary");
      add(
        t,
        target.arn,
        `${me} removes the permission boundary that is all that keeps ${target.arn} from admin`,
      );
    }
    perX.set(q, out);
    return out;
  }
}
