import type { RbacIndex } from "./rbac-evaluator";
import type { K8sRequest, K8sSubject } from "./rbac-types";
import { subjectKey } from "./rbac-types";

/** One hop in a Kubernetes escalation path. */
export interface K8sStep {
  from: string;
  to: string;
  technique: string;
  explanation: string;
  conditional: boolean;
  needsExistingResource: boolean;
}

/** The `admin` pseudo-node every path to cluster-admin ends at. */
export const K8S_ADMIN_NODE = "cluster-admin";

const R = (
  verb: string,
  apiGroup: string,
  resource: string,
  namespace?: string,
  subresource?: string,
): K8sRequest => ({
  verb,
  apiGroup,
  resource,
  ...(subresource ? { subresource } : {}),
  ...(namespace !== undefined ? { namespace } : {}),
});

/** Is the subject cluster-admin equivalent (all verbs, all resources, all groups, cluster-wide)? */
export function isClusterAdmin(index: RbacIndex, s: K8sSubject): boolean {
  return index
    .effectiveGrants(s)
    .some(
      (g) =>
        g.scope === "*" &&
        g.rules.some(
          (r) =>
            r.verbs.includes("*") &&
            r.apiGroups.includes("*") &&
            r.resources.includes("*") &&
            r.resourceNames.length === 0,
        ),
    );
}

/**
 * Out-edges of a subject: service accounts it can act as (creating pods, minting tokens, reading
 * token secrets, exec into pods, nodes/proxy) and direct routes to admin (impersonation, bind or
 * escalate on cluster roles).
 */
export function k8sEdges(
  index: RbacIndex,
  s: K8sSubject,
  sasByNs: ReadonlyMap<string, readonly K8sSubject[]>,
  podsSa: ReadonlyMap<string, ReadonlySet<string>>,
): K8sStep[] {
  const me = subjectKey(s);
  const out: K8sStep[] = [];
  const full = (q: K8sRequest): boolean => index.can(s, q).coverage === "full";
  if (full(R("impersonate", "", "groups")) || full(R("impersonate", "", "users"))) {
    out.push({
      from: me,
      to: K8S_ADMIN_NODE,
      technique: "k8s-impersonate",
      explanation: `${me} impersonates group system:masters`,
      conditional: false,
      needsExistingResource: false,
    });
  }
  if (
    full(R("bind", "rbac.authorization.k8s.io", "clusterroles")) ||
    full(R("escalate", "rbac.authorization.k8s.io", "clusterroles"))
  ) {
    const canBindCluster =
      full(R("create", "rbac.authorization.k8s.io", "clusterrolebindings")) ||
      full(R("create", "rbac.authorization.k8s.io", "clusterroles"));
    out.push({
      from: me,
      to: K8S_ADMIN_NODE,
      technique: "k8s-bind-escalate",
      explanation: `${me} binds (or escalates into) cluster-admin`,
      conditional: !canBindCluster,
      needsExistingResource: false,
    });
  }
  // Only namespaces where the subject holds a namespaced grant, plus all of them when a
  // cluster-wide grant applies: keeps a 50k-binding cluster linear.
  const scopes = new Set(index.effectiveGrants(s).map((g) => g.scope));
  const namespaces = scopes.has("*")
    ? [...sasByNs.keys()]
    : [...scopes].filter((n) => sasByNs.has(n));
  for (const ns of namespaces) {
    const sas = sasByNs.get(ns) ?? [];
    const steps: [string, boolean, boolean, string][] = [];
    if (full(R("create", "", "pods", ns)))
      steps.push(["k8s-pod-create", false, false, "creates a pod running as"]);
    if (full(R("create", "", "serviceaccounts", ns, "token")))
      steps.push(["k8s-token-request", false, false, "mints a token for"]);
    if (full(R("impersonate", "", "serviceaccounts", ns)))
      steps.push(["k8s-impersonate-sa", false, false, "impersonates"]);
    if (full(R("get", "", "secrets", ns)) || full(R("list", "", "secrets", ns)))
      steps.push(["k8s-secret-read", true, true, "reads a legacy token secret of"]);
    const exec = full(R("create", "", "pods", ns, "exec"));
    if (steps.length === 0 && !exec) continue;
    for (const sa of sas) {
      const key = subjectKey(sa);
      if (key === me) continue;
      const st = steps[0];
      if (st) {
        out.push({
          from: me,
          to: key,
          technique: st[0],
          explanation: `${me} ${st[3]} ${key}`,
          conditional: st[1],
          needsExistingResource: st[2],
        });
      } else {
        const running = podsSa.get(ns)?.has(sa.name);
        if (running === false) continue;
        out.push({
          from: me,
          to: key,
          technique: "k8s-pod-exec",
          explanation: `${me} execs into a pod running as ${key}`,
          conditional: running === undefined,
          needsExistingResource: running === undefined,
        });
      }
    }
  }
  return out;
}
