import type { ReviewRule } from "../review-types";
import { CIS, RBAC_URL, defineK8sRule, type K8sSubject } from "./k8s-model";
import { ROLE_KINDS, grants } from "./k8s-rbac-model";

/** RBAC rules on verbs and resources that lead to privilege escalation (CIS 5.1.8). */
export const k8sRbacEscalationRules: ReviewRule<K8sSubject>[] = [
  defineK8sRule(
    {
      id: "K8S-RBAC-002",
      title: "Roles must not grant the escalate verb",
      severity: "high",
      description:
        "`escalate` on roles lets a subject write roles with permissions it does not hold itself.",
      remediation: "Remove `escalate` (and `*`) from `rules[].verbs` on roles and clusterroles.",
      references: [RBAC_URL],
      frameworks: [`${CIS} 5.1.8`],
      checkov: ["CKV_K8S_158"],
    },
    ROLE_KINDS,
    (s) =>
      grants(s, ["escalate"], ["roles", "clusterroles"], "can escalate roles", [
        "rbac.authorization.k8s.io",
      ]),
  ),
  defineK8sRule(
    {
      id: "K8S-RBAC-003",
      title: "Roles must not grant the bind verb",
      severity: "high",
      description: "`bind` lets a subject bind any role to itself, including cluster-admin.",
      remediation: "Remove `bind` (and `*`) from `rules[].verbs` on roles and clusterroles.",
      references: [RBAC_URL],
      frameworks: [`${CIS} 5.1.8`],
      checkov: ["CKV_K8S_157"],
    },
    ROLE_KINDS,
    (s) =>
      grants(
        s,
        ["bind"],
        ["roles", "clusterroles", "rolebindings", "clusterrolebindings"],
        "can bind roles",
        ["rbac.authorization.k8s.io"],
      ),
  ),
  defineK8sRule(
    {
      id: "K8S-RBAC-004",
      title: "Roles must not grant impersonation",
      severity: "high",
      description:
        "`impersonate` on users, groups or service accounts lets a subject act as anyone, including system:masters.",
      remediation:
        "Remove `impersonate` from `rules[].verbs` for users, groups, serviceaccounts and userextras.",
      references: [RBAC_URL],
      frameworks: [`${CIS} 5.1.8`],
      trivy: ["AVD-KSV-0043"],
      checkov: ["CKV2_K8S_3"],
    },
    ROLE_KINDS,
    (s) =>
      grants(
        s,
        ["impersonate"],
        ["users", "groups", "serviceaccounts", "userextras"],
        "can impersonate",
      ),
  ),
  defineK8sRule(
    {
      id: "K8S-RBAC-009",
      title: "ClusterRoles should not control admission webhooks",
      severity: "high",
      description:
        "Whoever writes webhook configurations can intercept or mutate every object sent to the API server.",
      remediation:
        "Remove create/update/patch on `mutatingwebhookconfigurations` and `validatingwebhookconfigurations` from `rules[]`.",
      references: [RBAC_URL],
      frameworks: [],
      checkov: ["CKV_K8S_155"],
      trivy: ["AVD-KSV-0114"],
    },
    ["ClusterRole"],
    (s) =>
      grants(
        s,
        ["create", "update", "patch"],
        ["mutatingwebhookconfigurations", "validatingwebhookconfigurations"],
        "controls admission webhooks",
        ["admissionregistration.k8s.io"],
      ),
  ),
  defineK8sRule(
    {
      id: "K8S-RBAC-010",
      title: "ClusterRoles should not approve certificate signing requests",
      severity: "high",
      description:
        "Update on certificatesigningrequests/approval together with approve on signers lets a subject mint client certificates, e.g. for system:masters.",
      remediation:
        "Remove update/patch on `certificatesigningrequests/approval` and `approve` on `signers` from `rules[]`.",
      references: [RBAC_URL],
      frameworks: [],
      checkov: ["CKV_K8S_156"],
    },
    ["ClusterRole"],
    (s) => {
      // Approving needs both: update on the approval subresource and approve on a signer.
      const update = grants(
        s,
        ["update", "patch"],
        ["certificatesigningrequests/approval"],
        "can approve CSRs",
        ["certificates.k8s.io"],
      );
      const approve = grants(s, ["approve"], ["signers"], "can approve for signers", [
        "certificates.k8s.io",
      ]);
      return update.length > 0 && approve.length > 0 ? update : [];
    },
  ),
  defineK8sRule(
    {
      id: "K8S-RBAC-011",
      title: "Roles should not grant nodes/proxy",
      severity: "high",
      description:
        "nodes/proxy reaches the kubelet API directly, bypassing admission and audit: exec in any pod of the node.",
      remediation: "Remove `nodes/proxy` from `rules[].resources`.",
      references: [RBAC_URL],
      frameworks: [],
      trivy: ["AVD-KSV-0047"],
      checkov: ["CKV2_K8S_2"],
    },
    ROLE_KINDS,
    (s) => grants(s, ["get", "create"], ["nodes/proxy"], "can proxy to kubelets"),
  ),
];
