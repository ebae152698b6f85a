import type { ReviewRule } from "../review-types";
import { CIS, NSA, RBAC_URL, arr, defineK8sRule, rec, strings, type K8sSubject } from "./k8s-model";
import { BINDING_KINDS, ROLE_KINDS, grants, has, policyRules } from "./k8s-rbac-model";

/** RBAC rules: wildcards, secrets, powerful bindings and workload control. */
export const k8sRbacRules: ReviewRule<K8sSubject>[] = [
  defineK8sRule(
    {
      id: "K8S-RBAC-001",
      title: "Roles must not use wildcards",
      severity: "high",
      description:
        "A `*` in verbs, resources or apiGroups grants every current and future permission of that dimension, including new CRDs.",
      remediation:
        "Replace `*` in `rules[].verbs`, `rules[].resources` and `rules[].apiGroups` by explicit lists.",
      references: [RBAC_URL],
      frameworks: [`${CIS} 5.1.3`, NSA],
      checkov: ["CKV_K8S_49"],
      trivy: ["AVD-KSV-0044", "AVD-KSV-0045", "AVD-KSV-0046"],
    },
    ROLE_KINDS,
    (s) =>
      policyRules(s).flatMap((r) => {
        const fields = (["verbs", "resources", "apiGroups"] as const).filter((f) =>
          r[f].includes("*"),
        );
        return fields.length > 0
          ? [
              {
                path: `rules[${r.index}].${fields[0] ?? "verbs"}`,
                message: `Rule ${r.index} uses * in ${fields.join(", ")}.`,
              },
            ]
          : [];
      }),
  ),
  defineK8sRule(
    {
      id: "K8S-RBAC-005",
      title: "Access to secrets should be minimized",
      severity: "high",
      description:
        "Reading secrets yields service-account tokens and credentials, usually a path to higher privileges.",
      remediation:
        "Remove `secrets` from `rules[].resources` or restrict it with `resourceNames` and read verbs the workload needs.",
      references: [RBAC_URL],
      frameworks: [`${CIS} 5.1.2`],
      trivy: ["AVD-KSV-0041", "AVD-KSV-0113"],
      checkov: ["CKV2_K8S_5"],
    },
    ROLE_KINDS,
    (s) =>
      policyRules(s)
        .filter((r) => has(r.verbs, ["get", "list", "watch"]) && has(r.resources, ["secrets"]))
        .filter((r) => {
          const raw = rec(arr(s.object.raw.rules)[r.index]);
          return strings(raw?.resourceNames).length === 0;
        })
        .map((r) => ({
          path: `rules[${r.index}].resources`,
          message: `${s.object.kind} ${s.object.name} can read all secrets.`,
        })),
  ),
  defineK8sRule(
    {
      id: "K8S-RBAC-006",
      title: "cluster-admin should not be bound",
      severity: "high",
      description:
        "cluster-admin is unrestricted superuser access; a binding to it is rarely needed outside bootstrap.",
      remediation: "Point `roleRef.name` at a narrower role than cluster-admin.",
      references: [RBAC_URL],
      frameworks: [`${CIS} 5.1.1`],
      trivy: ["AVD-KSV-0111"],
    },
    BINDING_KINDS,
    (s) =>
      rec(s.object.raw.roleRef)?.name === "cluster-admin"
        ? [
            {
              path: "roleRef.name",
              message: `${s.object.kind} ${s.object.name} grants cluster-admin.`,
            },
          ]
        : [],
  ),
  defineK8sRule(
    {
      id: "K8S-RBAC-007",
      title: "Default service accounts should not be bound to roles",
      severity: "medium",
      description:
        "Every pod without serviceAccountName uses `default`; a binding to it gives the permissions to all of them.",
      remediation: "Bind a dedicated ServiceAccount in `subjects[]` instead of `default`.",
      references: [RBAC_URL],
      frameworks: [`${CIS} 5.1.5`],
      checkov: ["CKV_K8S_42"],
    },
    BINDING_KINDS,
    (s) =>
      arr(s.object.raw.subjects).flatMap((x, i) => {
        const sub = rec(x);
        return sub?.kind === "ServiceAccount" && sub.name === "default"
          ? [
              {
                path: `subjects[${i}].name`,
                message: `${s.object.kind} ${s.object.name} binds the default service account.`,
              },
            ]
          : [];
      }),
  ),
  defineK8sRule(
    {
      id: "K8S-RBAC-008",
      title: "Roles should not allow exec or attach into pods",
      severity: "medium",
      description:
        "`create` on pods/exec or pods/attach is a shell in every pod of the scope, with their mounted secrets.",
      remediation: "Remove `pods/exec` and `pods/attach` from `rules[].resources`.",
      references: [RBAC_URL],
      frameworks: [],
      trivy: ["AVD-KSV-0053", "AVD-KSV-0054"],
      checkov: ["CKV2_K8S_2"],
    },
    ROLE_KINDS,
    (s) => grants(s, ["create", "get"], ["pods/exec", "pods/attach"], "can exec into pods"),
  ),
  defineK8sRule(
    {
      id: "K8S-RBAC-012",
      title: "Roles should limit who can create workloads",
      severity: "medium",
      description:
        "Creating pods (directly or through controllers) lets a subject run code with any service account of the namespace.",
      remediation:
        "Remove create/update/patch on pods and workload resources from `rules[]` unless the subject deploys workloads.",
      references: [RBAC_URL],
      frameworks: [],
      trivy: ["AVD-KSV-0048"],
    },
    ROLE_KINDS,
    (s) =>
      grants(
        s,
        ["create", "update", "patch"],
        [
          "pods",
          "deployments",
          "daemonsets",
          "statefulsets",
          "replicasets",
          "jobs",
          "cronjobs",
          "replicationcontrollers",
        ],
        "can create workloads",
      ),
  ),
];
