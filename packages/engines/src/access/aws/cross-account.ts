import type { AwsAccessModel, ResolvedPrincipal } from "./access-model";
import type { AdminVerdict } from "./admin-analyzer";
import type { AwsPrincipal } from "./aws-types";
import { evaluateAccess } from "./authorization-evaluator";
import type { AccessEdgeBuilder } from "./escalation-edges";
import { stepOf } from "./escalation-edges";
import type { EscalationStep } from "./escalation-types";
import type { ModifyStepFinder } from "./modify-steps";

/** One account's evaluation model with its edge builder and rewrite finder. */
export interface AwsAccountGraph {
  model: AwsAccessModel;
  edges: AccessEdgeBuilder;
  modify: ModifyStepFinder;
}

const CROSS_ACCOUNT_ASSUME = { id: "cross-account-assume-role" };
const ASSUME = "sts:AssumeRole";

/** The account id an entry of a trust policy's `AWS` principal names (`123…`, `…:root`, an ARN). */
function trustedAccount(entry: string): string | undefined {
  if (/^\d{12}$/.test(entry)) return entry;
  return /^arn:[^:]+:iam::(\d{12}):/.exec(entry)?.[1];
}

/**
 * Several accounts' graphs joined so the escalation search can cross account boundaries: the
 * search sees every account's principals, each principal keeps its own account's edges, admin
 * verdict and permission rewrites (IAM changes never cross accounts), and role assumption into
 * another account of the input becomes an edge when BOTH the role's trust policy and the
 * caller's identity policies (with its boundary and SCPs, and the role account's RCPs) allow it,
 * as AWS evaluates cross-account requests. Roles of accounts that are not in the input are not
 * nodes: who-can/can keep answering those as conditional.
 */
export class CrossAccountGraph {
  readonly byArn = new Map<string, ResolvedPrincipal>();
  readonly principals: ResolvedPrincipal[] = [];
  private readonly byAccount = new Map<string, AwsAccountGraph>();
  /** Roles per trusted key: a principal ARN, an account id, or `*`. */
  private readonly trusting = new Map<string, { graph: AwsAccountGraph; role: AwsPrincipal }[]>();
  private readonly cache = new Map<string, EscalationStep[]>();

  constructor(accounts: readonly AwsAccountGraph[]) {
    for (const g of accounts) {
      this.byAccount.set(g.model.account.accountId, g);
      for (const p of g.model.principals) {
        this.byArn.set(p.principal.arn, p);
        this.principals.push(p);
      }
      for (const role of g.model.account.roles) {
        const keys = new Set<string>();
        for (const s of role.trustPolicy?.statements ?? []) {
          if (s.effect !== "Allow" || !s.principal) continue;
          if (s.principal.wildcard) keys.add("*");
          for (const a of s.principal.aws) {
            keys.add(a);
            const acct = trustedAccount(a);
            if (acct !== undefined && (a === acct || a.endsWith(":root"))) keys.add(acct);
          }
        }
        for (const k of keys) {
          const list = this.trusting.get(k) ?? [];
          list.push({ graph: g, role });
          this.trusting.set(k, list);
        }
      }
    }
  }

  private graphOf(x: ResolvedPrincipal): AwsAccountGraph {
    const g = this.byAccount.get(x.principal.accountId);
    if (!g) throw new Error(`principal ${x.principal.arn} is not in the joined accounts`);
    return g;
  }

  /** Own-account edges plus role assumption into the other accounts of the input. */
  edges(x: ResolvedPrincipal): EscalationStep[] {
    const hit = this.cache.get(x.principal.arn);
    if (hit) return hit;
    const out = [...this.graphOf(x).edges.edges(x), ...this.crossEdges(x)];
    this.cache.set(x.principal.arn, out);
    return out;
  }

  admin(x: ResolvedPrincipal, unbounded = false): AdminVerdict {
    return this.graphOf(x).modify.admin(x, unbounded);
  }

  canModifyAnything(x: ResolvedPrincipal): boolean {
    return this.graphOf(x).modify.canModifyAnything(x);
  }

  /** Permission rewrites stay inside an account: IAM APIs act on the caller's own account. */
  steps(x: ResolvedPrincipal, q: ResolvedPrincipal): EscalationStep[] {
    if (x.principal.accountId !== q.principal.accountId) return [];
    return this.graphOf(x).modify.steps(x, q);
  }

  private crossEdges(x: ResolvedPrincipal): EscalationStep[] {
    const me = x.principal;
    const own = this.graphOf(x);
    const some = own.model.can(x.policies, ASSUME, { kind: "some" }).verdict;
    if (some === "denied" || some === "implicit-deny") return [];
    const seen = new Set<string>();
    const out: EscalationStep[] = [];
    for (const key of [me.arn, me.accountId, "*"]) {
      for (const { graph, role } of this.trusting.get(key) ?? []) {
        if (role.accountId === me.accountId || seen.has(role.arn)) continue;
        seen.add(role.arn);
        // The role's account supplies the resource side (trust policy, RCPs); the caller's
        // account its identity side. Cross-account: both must allow.
        const decision = evaluateAccess(
          own.model.index,
          x.policies,
          ASSUME,
          { kind: "arn", arn: role.arn },
          own.model.contextFor(x.policies),
          graph.model.resourceSide(ASSUME, role.arn),
        );
        const why =
          `${me.arn} (account ${me.accountId}) assumes ${role.arn} in account ${role.accountId}: ` +
          `the role's trust policy and the caller's identity policies both allow it`;
        const step = stepOf(me.arn, role.arn, CROSS_ACCOUNT_ASSUME, [ASSUME], [decision], why);
        if (step) out.push(step);
      }
    }
    return out;
  }
}
