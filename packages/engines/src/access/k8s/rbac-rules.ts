import type { RuleMeta } from "@infrasec/core";
import type { K8sRequest } from "./rbac-types";

const GOOD_PRACTICES = "https://kubernetes.io/docs/concepts/security/rbac-good-practices/";

function rule(r: Omit<RuleMeta, "frameworks" | "references">): RuleMeta {
  return { frameworks: [], references: [GOOD_PRACTICES], ...r };
}

/** A risky permission: any of `requests` fully covered by a grant raises `meta`. */
export interface K8sRiskCheck {
  meta: RuleMeta;
  requests: readonly K8sRequest[];
}

const req = (verb: string, apiGroup: string, resource: string, subresource?: string): K8sRequest =>
  subresource ? { verb, apiGroup, resource, subresource } : { verb, apiGroup, resource };

/** Rule metadata of the Kubernetes analysis (explicit registry, stable ids). */
export const K8S_RULES = {
  admin: rule({
    id: "K8S-ADMIN-001",
    title: "Subject is cluster-admin equivalent",
    severity: "high",
    description: "The subject holds every verb on every resource cluster-wide.",
    remediation: "Bind cluster-admin only to break-glass groups; give operators scoped roles.",
    equivalents: { "rbac-police": ["cluster_admin"], prowler: ["rbac_cluster_admin_usage"] },
  }),
  escalation: rule({
    id: "K8S-ESC-001",
    title: "Escalation path to cluster-admin",
    severity: "critical",
    description:
      "The subject can become cluster-admin equivalent (impersonation, bind/escalate, running pods as a privileged service account, stealing its token).",
    remediation: "Remove the permission used by the first step of the path.",
    equivalents: { kubehound: ["ROLE_BIND", "IDENTITY_IMPERSONATE", "POD_CREATE", "TOKEN_STEAL"] },
  }),
  secrets: rule({
    id: "K8S-SECRETS-001",
    title: "Subject can read secrets",
    severity: "high",
    description: "get/list/watch on secrets reveals credentials and legacy service-account tokens.",
    remediation: "Scope secret access to named secrets (resourceNames) or remove it.",
    equivalents: {
      "rbac-police": ["list_secrets", "retrieve_token_secrets"],
      prowler: ["rbac_minimize_secret_access"],
    },
  }),
  pods: rule({
    id: "K8S-PODS-001",
    title: "Subject can create pods or workloads",
    severity: "medium",
    description:
      "Creating pods (directly or through workload controllers) runs code as any service account of the namespace.",
    remediation: "Restrict workload creation to deployment pipelines; use admission policies.",
    equivalents: {
      "rbac-police": ["assign_sa", "rce_weak_ns"],
      prowler: ["rbac_minimize_pod_creation_access"],
    },
  }),
  exec: rule({
    id: "K8S-EXEC-001",
    title: "Subject can exec or attach into pods",
    severity: "high",
    description:
      "pods/exec, pods/attach and ephemeral containers give code execution in running workloads.",
    remediation: "Remove exec access outside break-glass roles.",
    equivalents: { "rbac-police": ["pods_exec", "pods_ephemeral_ctrs"] },
  }),
  bind: rule({
    id: "K8S-BIND-001",
    title: "Subject can bind or escalate roles",
    severity: "critical",
    description: "The bind and escalate verbs let a subject grant permissions it does not hold.",
    remediation: "Remove bind/escalate; restrict (cluster)rolebinding creation to administrators.",
    equivalents: { "rbac-police": ["bind_roles", "escalate_roles"] },
  }),
  impersonate: rule({
    id: "K8S-IMP-001",
    title: "Subject can impersonate",
    severity: "critical",
    description:
      "impersonate on users, groups or service accounts lets a subject act as any of them.",
    remediation: "Remove impersonation or restrict it with resourceNames.",
    equivalents: { "rbac-police": ["impersonate"] },
  }),
  nodeProxy: rule({
    id: "K8S-NODE-001",
    title: "Subject can use nodes/proxy",
    severity: "high",
    description: "nodes/proxy reaches the kubelet API, which runs commands in any pod of the node.",
    remediation: "Remove nodes/proxy from non-system roles.",
    equivalents: {
      "rbac-police": ["nodes_proxy"],
      prowler: ["rbac_minimize_node_proxy_subresource_access"],
    },
  }),
  token: rule({
    id: "K8S-TOKEN-001",
    title: "Subject can mint service-account tokens",
    severity: "high",
    description: "create on serviceaccounts/token issues tokens for service accounts in scope.",
    remediation: "Remove token creation or restrict it with resourceNames.",
    equivalents: {
      "rbac-police": ["token_request"],
      prowler: ["rbac_minimize_service_account_token_creation"],
    },
  }),
  csr: rule({
    id: "K8S-CSR-001",
    title: "Subject can approve certificate signing requests",
    severity: "high",
    description: "Approving CSRs mints client certificates, possibly for privileged identities.",
    remediation: "Keep CSR approval with the controller manager.",
    equivalents: {
      "rbac-police": ["approve_csrs"],
      prowler: ["rbac_minimize_csr_approval_access"],
    },
  }),
  webhook: rule({
    id: "K8S-WEBHOOK-001",
    title: "Subject can change admission webhooks",
    severity: "high",
    description: "Admission webhook configurations intercept or mutate every object.",
    remediation: "Restrict webhook configuration to cluster administrators.",
    equivalents: {
      "rbac-police": ["control_webhooks"],
      prowler: ["rbac_minimize_webhook_config_access"],
    },
  }),
  wildcard: rule({
    id: "K8S-WILD-001",
    title: "Role uses wildcards",
    severity: "medium",
    description: "A rule grants `*` verbs or resources; it silently covers resources added later.",
    remediation: "List verbs and resources explicitly.",
    equivalents: { prowler: ["rbac_minimize_wildcard_use_roles"] },
  }),
} as const satisfies Record<string, RuleMeta>;

/** Risky-permission checks, in registry order. */
export const K8S_RISK_CHECKS: readonly K8sRiskCheck[] = [
  { meta: K8S_RULES.secrets, requests: ["get", "list", "watch"].map((v) => req(v, "", "secrets")) },
  {
    meta: K8S_RULES.pods,
    requests: [
      req("create", "", "pods"),
      req("create", "", "replicationcontrollers"),
      ...["deployments", "daemonsets", "statefulsets", "replicasets"].map((r) =>
        req("create", "apps", r),
      ),
      ...["jobs", "cronjobs"].map((r) => req("create", "batch", r)),
    ],
  },
  {
    meta: K8S_RULES.exec,
    requests: [
      req("create", "", "pods", "exec"),
      req("get", "", "pods", "exec"),
      req("create", "", "pods", "attach"),
      req("patch", "", "pods", "ephemeralcontainers"),
    ],
  },
  {
    meta: K8S_RULES.bind,
    requests: ["bind", "escalate"].flatMap((v) =>
      ["roles", "clusterroles"].map((r) => req(v, "rbac.authorization.k8s.io", r)),
    ),
  },
  {
    meta: K8S_RULES.impersonate,
    requests: ["users", "groups", "serviceaccounts"].map((r) => req("impersonate", "", r)),
  },
  {
    meta: K8S_RULES.nodeProxy,
    requests: [req("get", "", "nodes", "proxy"), req("create", "", "nodes", "proxy")],
  },
  { meta: K8S_RULES.token, requests: [req("create", "", "serviceaccounts", "token")] },
  {
    meta: K8S_RULES.csr,
    requests: [req("update", "certificates.k8s.io", "certificatesigningrequests", "approval")],
  },
  {
    meta: K8S_RULES.webhook,
    requests: ["create", "update", "patch"].flatMap((v) =>
      ["mutatingwebhookconfigurations", "validatingwebhookconfigurations"].map((r) =>
        req(v, "admissionregistration.k8s.io", r),
      ),
    ),
  },
];
