import { arr, rec, strings, type K8sSubject, type Violation } from "./k8s-model";

/** Kinds that hold policy rules. */
export const ROLE_KINDS = ["Role", "ClusterRole"];
/** Kinds that bind a role to subjects. */
export const BINDING_KINDS = ["RoleBinding", "ClusterRoleBinding"];

/** One entry of `rules[]` with its index. */
export interface PolicyRule {
  index: number;
  apiGroups: string[];
  resources: string[];
  verbs: string[];
}

/** The policy rules of a Role or ClusterRole. */
export function policyRules(s: K8sSubject): PolicyRule[] {
  return arr(s.object.raw.rules).flatMap((r, index) => {
    const x = rec(r);
    return x
      ? [
          {
            index,
            apiGroups: strings(x.apiGroups),
            resources: strings(x.resources),
            verbs: strings(x.verbs),
          },
        ]
      : [];
  });
}

/** True when `list` holds a wildcard, any of `wanted`, or a wildcard resource with a wanted subresource. */
export const has = (list: string[], wanted: readonly string[]): boolean =>
  list.includes("*") ||
  wanted.some(
    (w) => list.includes(w) || (w.includes("/") && list.includes(`*/${w.split("/")[1] ?? ""}`)),
  );

/** Finds policy rules granting any of `verbs` on any of `resources` (in `groups` when given). */
export function grants(
  s: K8sSubject,
  verbs: readonly string[],
  resources: readonly string[],
  describe: string,
  groups?: readonly string[],
): Violation[] {
  return policyRules(s)
    .filter(
      (r) =>
        has(r.verbs, verbs) && has(r.resources, resources) && (!groups || has(r.apiGroups, groups)),
    )
    .map((r) => ({
      path: `rules[${r.index}]`,
      message: `${s.object.kind} ${s.object.name} ${describe}.`,
    }));
}
