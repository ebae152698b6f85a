import type {
  K8sBinding,
  K8sCluster,
  K8sRequest,
  K8sRole,
  K8sRule,
  K8sSubject,
} from "./rbac-types";
import { subjectKey } from "./rbac-types";

/** A set of rules a subject holds, in a namespace or cluster-wide (`*`), and where it comes from. */
export interface K8sGrant {
  scope: string;
  rules: readonly K8sRule[];
  binding: K8sBinding;
  role: string;
}

/** How much of a request a rule set covers: all of it, only named objects, or nothing. */
export type Coverage = "full" | "partial" | "none";

/**
 * Resolves aggregated ClusterRoles: their rules are the union of the rules of every ClusterRole
 * whose labels match a selector, to a fixpoint (edit aggregates into admin, view into edit).
 */
export function resolveAggregation(roles: readonly K8sRole[]): K8sRole[] {
  const out = roles.map((r) => ({ ...r, rules: [...r.rules] }));
  const cluster = out.filter((r) => r.kind === "ClusterRole");
  for (let round = 0; round < 10; round++) {
    let changed = false;
    for (const r of cluster) {
      if (!r.aggregation) continue;
      for (const sel of r.aggregation) {
        const entries = Object.entries(sel);
        if (entries.length === 0) continue;
        for (const src of cluster) {
          if (src === r || !entries.every(([k, v]) => src.labels[k] === v)) continue;
          for (const rule of src.rules) {
            if (!r.rules.includes(rule)) {
              r.rules.push(rule);
              changed = true;
            }
          }
        }
      }
    }
    if (!changed) break;
  }
  return out;
}

/** Does one rule cover the request? */
export function ruleCovers(rule: K8sRule, req: K8sRequest): Coverage {
  if (!rule.verbs.includes("*") && !rule.verbs.includes(req.verb)) return "none";
  if (!rule.apiGroups.includes("*") && !rule.apiGroups.includes(req.apiGroup)) return "none";
  const full = req.subresource ? `${req.resource}/${req.subresource}` : req.resource;
  const resOk = rule.resources.some(
    (r) =>
      r === "*" || r === full || (req.subresource !== undefined && r === `*/${req.subresource}`),
  );
  if (!resOk) return "none";
  if (rule.resourceNames.length === 0) return "full";
  if (req.name !== undefined) return rule.resourceNames.includes(req.name) ? "full" : "none";
  return "partial";
}

/** Indexed cluster: roles by ref, grants by subject key. */
export class RbacIndex {
  readonly roles = new Map<string, K8sRole>();
  readonly grants = new Map<string, K8sGrant[]>();
  readonly subjects = new Map<string, K8sSubject>();

  constructor(readonly cluster: K8sCluster) {
    for (const r of resolveAggregation(cluster.roles))
      this.roles.set(roleKey(r.kind, r.name, r.namespace), r);
    for (const b of cluster.bindings) {
      const ns = b.kind === "RoleBinding" ? b.namespace : undefined;
      const role =
        b.roleRef.kind === "ClusterRole"
          ? this.roles.get(roleKey("ClusterRole", b.roleRef.name, undefined))
          : this.roles.get(roleKey("Role", b.roleRef.name, ns));
      const grant: K8sGrant = {
        scope: ns ?? "*",
        rules: role?.rules ?? [],
        binding: b,
        role: b.roleRef.name,
      };
      for (const s of b.subjects) {
        const subj = s.kind === "ServiceAccount" ? { ...s, namespace: s.namespace ?? ns } : s;
        const key = subjectKey(subj);
        this.subjects.set(key, subj);
        const list = this.grants.get(key);
        if (list) list.push(grant);
        else this.grants.set(key, [grant]);
      }
    }
    for (const sa of cluster.serviceAccounts) {
      const s: K8sSubject = { kind: "ServiceAccount", name: sa.name, namespace: sa.namespace };
      if (!this.subjects.has(subjectKey(s))) this.subjects.set(subjectKey(s), s);
    }
  }

  /** Groups a subject belongs to implicitly (service accounts and authenticated users). */
  implicitGroups(s: K8sSubject): string[] {
    if (s.kind === "Group") return [];
    const g = ["system:authenticated"];
    if (s.kind === "ServiceAccount")
      g.push("system:serviceaccounts", `system:serviceaccounts:${s.namespace ?? ""}`);
    return g;
  }

  /** Grants of a subject including those of its implicit groups. */
  effectiveGrants(s: K8sSubject): K8sGrant[] {
    const own = this.grants.get(subjectKey(s)) ?? [];
    const viaGroups = this.implicitGroups(s).flatMap((g) => this.grants.get(`Group:${g}`) ?? []);
    return [...own, ...viaGroups];
  }

  /** Coverage of a request by a subject's grants (namespace `undefined`: cluster-wide request). */
  can(s: K8sSubject, req: K8sRequest): { coverage: Coverage; via: K8sGrant[] } {
    let coverage: Coverage = "none";
    const via: K8sGrant[] = [];
    for (const g of this.effectiveGrants(s)) {
      if (g.scope !== "*" && g.scope !== req.namespace) continue;
      for (const r of g.rules) {
        const c = ruleCovers(r, req);
        if (c === "none") continue;
        via.push(g);
        if (c === "full") coverage = "full";
        else if (coverage === "none") coverage = "partial";
        break;
      }
    }
    return { coverage, via };
  }

  /** who-can: subjects (incl. groups) whose own grants cover the request. */
  whoCan(req: K8sRequest): { subject: K8sSubject; coverage: Coverage; via: K8sGrant[] }[] {
    const out: { subject: K8sSubject; coverage: Coverage; via: K8sGrant[] }[] = [];
    for (const [key, grants] of this.grants) {
      const subject = this.subjects.get(key);
      if (!subject) continue;
      let coverage: Coverage = "none";
      const via: K8sGrant[] = [];
      for (const g of grants) {
        if (g.scope !== "*" && g.scope !== req.namespace) continue;
        const c = g.rules.reduce<Coverage>(
          (acc, r) =>
            acc === "full"
              ? acc
              : ruleCovers(r, req) === "full"
                ? "full"
                : ruleCovers(r, req) === "partial"
                  ? "partial"
                  : acc,
          "none",
        );
        if (c === "none") continue;
        via.push(g);
        if (c === "full" || coverage === "none") coverage = c;
      }
      if (coverage !== "none") out.push({ subject, coverage, via });
    }
    return out;
  }
}

function roleKey(kind: string, name: string, ns: string | undefined): string {
  return kind === "ClusterRole" ? `ClusterRole:${name}` : `Role:${ns ?? ""}/${name}`;
}
