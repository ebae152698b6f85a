import type { ReviewRule } from "../review-types";
import {
  CIS,
  NSA,
  NSA_URL,
  WORKLOAD_KINDS,
  arr,
  containersOf,
  defineK8sRule,
  podOf,
  rec,
  type K8sSubject,
} from "./k8s-model";
import { keySegment } from "./k8s-path";

const SVC_URL = "https://kubernetes.io/docs/concepts/services-networking/service/";
const NETPOL_URL = "https://kubernetes.io/docs/concepts/services-networking/network-policies/";
const NS_URL = "https://kubernetes.io/docs/concepts/overview/working-with-objects/namespaces/";
/** Namespaced kinds the default-namespace rule looks at (workloads and what they use). */
const NAMESPACED_KINDS = [
  ...WORKLOAD_KINDS,
  "Service",
  "ConfigMap",
  "Secret",
  "ServiceAccount",
  "Role",
  "RoleBinding",
  "Ingress",
  "NetworkPolicy",
  "PersistentVolumeClaim",
];

function imagesOf(s: K8sSubject): { image: string; path: string }[] {
  const pod = podOf(s.object);
  if (!pod) return [];
  return containersOf(pod).flatMap((c) =>
    typeof c.c.image === "string" ? [{ image: c.c.image, path: `${c.path}.image` }] : [],
  );
}

const POLICY_CACHE = new WeakMap<K8sSubject["file"], Set<string>>();

/** Namespaces that have a NetworkPolicy in the file, computed once per file. */
function policyNamespaces(file: K8sSubject["file"]): Set<string> {
  let set = POLICY_CACHE.get(file);
  if (!set) {
    set = new Set(
      file.objects.filter((o) => o.kind === "NetworkPolicy").map((o) => o.namespace ?? "default"),
    );
    POLICY_CACHE.set(file, set);
  }
  return set;
}

/** The dashboard is often recognisable by its labels only (custom images, Helm charts). */
function dashboardLabel(s: K8sSubject): { path: string; message: string }[] {
  const pod = podOf(s.object);
  const labels = { ...rec(rec(s.object.raw.metadata)?.labels), ...rec(pod?.meta.labels) };
  const hit = ["app", "k8s-app", "app.kubernetes.io/name"].find(
    (k) => labels[k] === "kubernetes-dashboard",
  );
  if (!hit || imagesOf(s).some((i) => /kubernetes-dashboard|kubernetesui\/dashboard/.test(i.image)))
    return [];
  return [
    {
      path: `metadata.labels${keySegment(hit)}`,
      message: `${s.object.kind} ${s.object.name} is labelled as the Kubernetes dashboard.`,
    },
  ];
}

/** Service exposure, network isolation and placement rules. */
export const k8sNetworkRules: ReviewRule<K8sSubject>[] = [
  defineK8sRule(
    {
      id: "K8S-NET-001",
      title: "Services of type LoadBalancer expose workloads outside the cluster",
      severity: "medium",
      description:
        "A LoadBalancer Service usually gets a public address; check that the exposure is intended and restricted.",
      remediation:
        "Set `spec.type` to ClusterIP and expose through an Ingress, or restrict `spec.loadBalancerSourceRanges` / use an internal load-balancer annotation.",
      references: [SVC_URL, NSA_URL],
      frameworks: [NSA],
    },
    ["Service"],
    (s) => {
      const spec = rec(s.object.raw.spec);
      if (spec?.type !== "LoadBalancer" || arr(spec.loadBalancerSourceRanges).length > 0) return [];
      return [
        {
          path: "spec.type",
          message: `Service ${s.object.name} is a LoadBalancer open to any source.`,
        },
      ];
    },
  ),
  defineK8sRule(
    {
      id: "K8S-NET-002",
      title: "Services should not use NodePort",
      severity: "low",
      description:
        "A NodePort opens the port on every node's address, outside NetworkPolicy and usually outside the load balancer's controls.",
      remediation:
        "Set `spec.type` to ClusterIP (behind an Ingress) or LoadBalancer with source ranges.",
      references: [SVC_URL],
      frameworks: [NSA],
    },
    ["Service"],
    (s) =>
      rec(s.object.raw.spec)?.type === "NodePort"
        ? [{ path: "spec.type", message: `Service ${s.object.name} is a NodePort.` }]
        : [],
  ),
  defineK8sRule(
    {
      id: "K8S-NET-003",
      title: "Ingresses must terminate TLS",
      severity: "medium",
      description:
        "An Ingress without `spec.tls` serves plain HTTP: credentials and session cookies travel in clear text.",
      remediation: "Add `spec.tls` with the hosts and a `secretName` holding the certificate.",
      references: ["https://kubernetes.io/docs/concepts/services-networking/ingress/#tls"],
      frameworks: [NSA],
    },
    ["Ingress"],
    (s) =>
      arr(rec(s.object.raw.spec)?.tls).length === 0
        ? [{ path: "spec.tls", message: `Ingress ${s.object.name} has no TLS section.` }]
        : [],
  ),
  defineK8sRule(
    {
      id: "K8S-NET-004",
      title: "Namespaces with workloads should have a NetworkPolicy",
      severity: "low",
      description:
        "Without a NetworkPolicy every pod accepts traffic from every other pod in the cluster. Evaluated per file: a policy kept in another file is not seen, so keep the policy next to the workloads or suppress with a reason.",
      remediation:
        "Add a NetworkPolicy in the workload's namespace (`metadata.namespace`), e.g. a default-deny with `podSelector: {}`.",
      references: [NETPOL_URL, NSA_URL],
      frameworks: [`${CIS} 5.3.2`, NSA],
      checkov: ["CKV2_K8S_6"],
    },
    WORKLOAD_KINDS,
    (s) => {
      const ns = s.object.namespace;
      const covered = policyNamespaces(s.file).has(ns ?? "default");
      return covered
        ? []
        : [
            {
              path: "metadata.namespace",
              message: `No NetworkPolicy for namespace ${ns ?? "default"} in this file.`,
            },
          ];
    },
  ),
  defineK8sRule(
    {
      id: "K8S-NET-005",
      title: "NGINX Ingress snippet annotations should not be used",
      severity: "high",
      description:
        "configuration-snippet and server-snippet inject raw NGINX configuration; CVE-2021-25742 shows they can read the controller's service-account token.",
      remediation:
        "Remove the `nginx.ingress.kubernetes.io/*-snippet` annotations from `metadata.annotations`.",
      references: ["https://nvd.nist.gov/vuln/detail/CVE-2021-25742"],
      frameworks: [],
      checkov: ["CKV_K8S_153"],
    },
    ["Ingress"],
    (s) =>
      Object.keys(rec(rec(s.object.raw.metadata)?.annotations) ?? {})
        .filter((k) => /^nginx\.(ingress\.kubernetes\.io|org)\/.*snippets?$/.test(k))
        .map((k) => ({
          path: `metadata.annotations${keySegment(k)}`,
          message: `Ingress ${s.object.name} uses ${k}.`,
        })),
  ),
  defineK8sRule(
    {
      id: "K8S-GEN-001",
      title: "The default namespace should not be used",
      severity: "low",
      description:
        "Objects in `default` share one namespace's policies and quotas with everything else put there by accident.",
      remediation: "Set `metadata.namespace` to a dedicated namespace.",
      references: [NS_URL],
      frameworks: [`${CIS} 5.7.4`],
      checkov: ["CKV_K8S_21"],
      trivy: ["AVD-KSV-0110"],
    },
    NAMESPACED_KINDS,
    (s) => {
      if (s.object.namespace !== "default") return [];
      // Objects that exist in `default` by design.
      if (
        (s.object.kind === "ServiceAccount" && s.object.name === "default") ||
        (s.object.kind === "Service" && s.object.name === "kubernetes")
      )
        return [];
      return [
        {
          path: "metadata.namespace",
          message: `${s.object.kind} ${s.object.name} is in the default namespace.`,
        },
      ];
    },
  ),
  defineK8sRule(
    {
      id: "K8S-GEN-002",
      title: "User workloads should not run in kube-system",
      severity: "medium",
      description:
        "kube-system holds highly privileged service accounts and secrets; a workload there can reach them.",
      remediation: "Set `metadata.namespace` to an application namespace.",
      references: [NS_URL],
      frameworks: [],
      trivy: ["AVD-KSV-0037"],
    },
    WORKLOAD_KINDS,
    (s) =>
      s.object.namespace === "kube-system"
        ? [
            {
              path: "metadata.namespace",
              message: `${s.object.kind} ${s.object.name} runs in kube-system.`,
            },
          ]
        : [],
  ),
  defineK8sRule(
    {
      id: "K8S-GEN-003",
      title: "Tiller (Helm v2) must not be deployed",
      severity: "high",
      description:
        "Tiller runs with cluster-wide rights and an unauthenticated gRPC endpoint by default.",
      remediation:
        "Remove the Tiller workload (`image` gcr.io/kubernetes-helm/tiller) and migrate to Helm 3.",
      references: ["https://helm.sh/docs/faq/changes_since_helm2/"],
      frameworks: [],
      checkov: ["CKV_K8S_34"],
      trivy: ["AVD-KSV-0102"],
    },
    WORKLOAD_KINDS,
    (s) =>
      imagesOf(s)
        .filter((i) => /(^|\/)tiller(:|@|$)/.test(i.image))
        .map((i) => ({
          path: i.path,
          message: `${s.object.kind} ${s.object.name} deploys Tiller.`,
        })),
  ),
  defineK8sRule(
    {
      id: "K8S-GEN-004",
      title: "The Kubernetes dashboard should not be deployed",
      severity: "medium",
      description:
        "The dashboard is a frequent entry point when exposed with a privileged service account.",
      remediation:
        "Remove the kubernetes-dashboard workload (`image` kubernetesui/dashboard); use kubectl or a hardened UI with SSO.",
      references: ["https://github.com/kubernetes/dashboard"],
      frameworks: [],
      checkov: ["CKV_K8S_33"],
    },
    WORKLOAD_KINDS,
    (s) =>
      imagesOf(s)
        .filter((i) => /kubernetes-dashboard|kubernetesui\/dashboard/.test(i.image))
        .map((i) => ({
          path: i.path,
          message: `${s.object.kind} ${s.object.name} deploys the Kubernetes dashboard.`,
        }))
        .concat(dashboardLabel(s)),
  ),
  defineK8sRule(
    {
      id: "K8S-GEN-005",
      title: "Secrets should not be committed in manifests",
      severity: "medium",
      description:
        "A Secret with literal `data` or `stringData` puts the credential in the repository (base64 is not encryption).",
      remediation:
        "Remove `data`/`stringData` from the Secret and deliver it with a secrets manager (External Secrets, Sealed Secrets, SOPS).",
      references: ["https://kubernetes.io/docs/concepts/security/secrets-good-practices/"],
      frameworks: [NSA],
    },
    ["Secret"],
    (s) =>
      (["stringData", "data"] as const)
        .filter((k) => Object.keys(rec(s.object.raw[k]) ?? {}).length > 0)
        .map((k) => ({ path: k, message: `Secret ${s.object.name} carries literal ${k}.` })),
  ),
];
