import type { Coverage, K8sGrant, RbacIndex } from "./rbac-evaluator";
import type { K8sRequest, K8sSubject } from "./rbac-types";

/**
 * Builds a request from kubectl-style words: `secrets`, `pods/exec`, `deployments.apps`,
 * `deployments.apps/scale`. Core resources have the empty API group.
 */
export function k8sRequest(
  verb: string,
  resource: string,
  opts: { namespace?: string; name?: string } = {},
): K8sRequest {
  const [res = "", sub] = resource.split("/", 2);
  const dot = res.indexOf(".");
  return {
    verb,
    resource: dot === -1 ? res : res.slice(0, dot),
    apiGroup: dot === -1 ? "" : res.slice(dot + 1),
    ...(sub !== undefined && sub !== "" ? { subresource: sub } : {}),
    ...(opts.name !== undefined ? { name: opts.name } : {}),
    ...(opts.namespace !== undefined ? { namespace: opts.namespace } : {}),
  };
}

/**
 * Parses a subject: `User:alice`, `Group:devs`, `ServiceAccount:ns/name`, or the username form of
 * a service account, `system:serviceaccount:ns:name`. Undefined when it is none of these.
 */
export function parseSubject(s: string): K8sSubject | undefined {
  const sa = /^system:serviceaccount:([^:]+):([^:]+)$/.exec(s);
  if (sa) return { kind: "ServiceAccount", namespace: sa[1], name: sa[2] ?? "" };
  const m = /^(User|Group|ServiceAccount):(.+)$/.exec(s);
  if (!m?.[2]) return undefined;
  if (m[1] === "ServiceAccount") {
    const [ns, name] = m[2].split("/", 2);
    if (!ns || !name) return undefined;
    return { kind: "ServiceAccount", namespace: ns, name };
  }
  return { kind: m[1] as "User" | "Group", name: m[2], namespace: undefined };
}

/** Verdict words shared with the AWS answers: full coverage allows, partial only named objects. */
export function coverageVerdict(c: Coverage): "allowed" | "conditional" | "denied" {
  return c === "full" ? "allowed" : c === "partial" ? "conditional" : "denied";
}

/** One readable line per grant that decided a Kubernetes answer. */
export function describeGrant(g: K8sGrant): string {
  const where = g.scope === "*" ? "cluster-wide" : `in namespace ${g.scope}`;
  const b = g.binding;
  return `${b.kind} ${b.namespace ? `${b.namespace}/` : ""}${b.name} → ${g.role} (${where})`;
}

/** Per subject, its own grants as `verb group/resource[names]@scope` strings, for snapshot diffs. */
export function k8sGrants(index: RbacIndex): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const [key, grants] of index.grants) {
    const set = new Set<string>();
    for (const g of grants) {
      for (const r of g.rules) {
        const names =
          r.resourceNames.length > 0 ? `[${[...r.resourceNames].sort().join(",")}]` : "";
        const targets =
          r.nonResourceURLs.length > 0
            ? r.nonResourceURLs
            : r.resources.flatMap((res) =>
                (r.apiGroups.length > 0 ? r.apiGroups : [""]).map((grp) =>
                  grp === "" ? res : `${grp}/${res}`,
                ),
              );
        for (const v of r.verbs) for (const t of targets) set.add(`${v} ${t}${names}@${g.scope}`);
      }
    }
    out.set(key, [...set].sort());
  }
  return out;
}
