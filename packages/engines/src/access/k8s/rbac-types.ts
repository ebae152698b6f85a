/** Normalized Kubernetes RBAC model. */

/** One RBAC PolicyRule. */
export interface K8sRule {
  verbs: readonly string[];
  apiGroups: readonly string[];
  resources: readonly string[];
  resourceNames: readonly string[];
  nonResourceURLs: readonly string[];
}

/** A Role (namespaced) or ClusterRole, with aggregation selectors when it aggregates. */
export interface K8sRole {
  kind: "Role" | "ClusterRole";
  name: string;
  namespace: string | undefined;
  labels: Readonly<Record<string, string>>;
  rules: readonly K8sRule[];
  /** matchLabels of `aggregationRule.clusterRoleSelectors`; undefined when not aggregated. */
  aggregation: readonly Readonly<Record<string, string>>[] | undefined;
}

/** A subject of a binding. `namespace` only for ServiceAccounts. */
export interface K8sSubject {
  kind: "User" | "Group" | "ServiceAccount";
  name: string;
  namespace: string | undefined;
}

/** A RoleBinding or ClusterRoleBinding. */
export interface K8sBinding {
  kind: "RoleBinding" | "ClusterRoleBinding";
  name: string;
  namespace: string | undefined;
  roleRef: { kind: "Role" | "ClusterRole"; name: string };
  subjects: readonly K8sSubject[];
}

/** A pod, reduced to what links it to RBAC. */
export interface K8sPod {
  name: string;
  namespace: string;
  serviceAccount: string;
}

/** A cluster snapshot. */
export interface K8sCluster {
  roles: readonly K8sRole[];
  bindings: readonly K8sBinding[];
  serviceAccounts: readonly { name: string; namespace: string }[];
  pods: readonly K8sPod[];
}

/** A request to authorize, as the RBAC authorizer sees it. */
export interface K8sRequest {
  verb: string;
  apiGroup: string;
  resource: string;
  subresource?: string;
  /** Undefined: any object (a rule restricted by resourceNames then only partly covers it). */
  name?: string;
  /** Undefined: cluster-scoped request, or "in every namespace". */
  namespace?: string;
}

/** Stable key of a subject: `User:alice`, `Group:devs`, `ServiceAccount:ns/name`. */
export function subjectKey(s: K8sSubject): string {
  return s.kind === "ServiceAccount"
    ? `ServiceAccount:${s.namespace ?? ""}/${s.name}`
    : `${s.kind}:${s.name}`;
}
