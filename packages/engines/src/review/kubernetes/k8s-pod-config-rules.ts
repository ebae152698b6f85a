import type { ReviewRule } from "../review-types";
import {
  CIS,
  NSA,
  WORKLOAD_KINDS,
  arr,
  defineK8sRule,
  dig,
  eachContainer,
  podOf,
  rec,
  type K8sSubject,
} from "./k8s-model";

const SA_URL =
  "https://kubernetes.io/docs/tasks/configure-pod-container/configure-service-account/";
const SECRET_URL = "https://kubernetes.io/docs/concepts/configuration/secret/";
/** Env names that usually hold credentials; a literal value there is a leaked secret. */
const SECRET_NAME =
  /(pass(word|wd)?|secret|token|api[_-]?key|private[_-]?key|credential|access[_-]?key)/i;

/** Service-account tokens, secrets and security-context presence (CIS 5.1, 5.4, 5.7). */
export const k8sPodConfigRules: ReviewRule<K8sSubject>[] = [
  defineK8sRule(
    {
      id: "K8S-SEC-007",
      title: "Service account tokens should only be mounted where needed",
      severity: "low",
      description:
        "Most workloads never call the API server; an auto-mounted token is a credential waiting to be stolen.",
      remediation:
        "Set `automountServiceAccountToken: false` in the pod spec (or on its ServiceAccount).",
      references: [SA_URL],
      frameworks: [`${CIS} 5.1.6`, NSA],
      checkov: ["CKV_K8S_38"],
      trivy: ["AVD-KSV-0036"],
    },
    WORKLOAD_KINDS,
    (s) => {
      const pod = podOf(s.object);
      if (!pod || pod.spec.automountServiceAccountToken === false) return [];
      return [
        {
          path: `${pod.path}.automountServiceAccountToken`,
          message: "The pod mounts a service account token.",
        },
      ];
    },
  ),
  defineK8sRule(
    {
      id: "K8S-SEC-008",
      title: "Prefer secrets as files over environment variables",
      severity: "low",
      description:
        "Environment variables leak into logs, crash dumps and child processes; mounted secret files do not.",
      remediation:
        "Replace `env[].valueFrom.secretKeyRef` and `envFrom[].secretRef` by a `secret` volume mounted read-only.",
      references: [SECRET_URL],
      frameworks: [`${CIS} 5.4.1`],
      checkov: ["CKV_K8S_35"],
    },
    WORKLOAD_KINDS,
    (s) =>
      eachContainer(s, (c) => {
        const env = arr(c.c.env).flatMap((e) => {
          const name = rec(e)?.name;
          return dig(e, "valueFrom.secretKeyRef") !== undefined && typeof name === "string"
            ? [
                {
                  path: `${c.path}.env[${name}].valueFrom.secretKeyRef`,
                  message: `Container "${c.name}" reads secret into env ${name}.`,
                },
              ]
            : [];
        });
        const from = arr(c.c.envFrom).flatMap((e, i) =>
          dig(e, "secretRef") !== undefined
            ? [
                {
                  path: `${c.path}.envFrom[${i}].secretRef`,
                  message: `Container "${c.name}" loads a whole secret into env.`,
                },
              ]
            : [],
        );
        return [...env, ...from];
      }),
  ),
  defineK8sRule(
    {
      id: "K8S-SEC-009",
      title: "Credentials must not be written in env values",
      severity: "high",
      description:
        "A literal password or token in a manifest is committed to the repository and readable by anyone with read access to the object.",
      remediation:
        "Move the value into a Secret and reference it with `env[].valueFrom.secretKeyRef` (or a mounted file).",
      references: [SECRET_URL],
      frameworks: [NSA],
    },
    WORKLOAD_KINDS,
    (s) =>
      eachContainer(s, (c) =>
        arr(c.c.env).flatMap((e) => {
          const r = rec(e);
          const name = r?.name;
          const value = r?.value;
          if (typeof name !== "string" || typeof value !== "string" || value.trim() === "")
            return [];
          if (!SECRET_NAME.test(name) || /^\$\(|^\{\{/.test(value)) return [];
          return [
            {
              path: `${c.path}.env[${name}].value`,
              message: `Container "${c.name}" sets ${name} to a literal value.`,
            },
          ];
        }),
      ),
  ),
  defineK8sRule(
    {
      id: "K8S-SEC-010",
      title: "Pods should define a security context",
      severity: "low",
      description:
        "Without a pod securityContext, user, group, fsGroup and seccomp defaults come from the image and runtime.",
      remediation:
        "Add `spec.securityContext` with runAsNonRoot, runAsUser, fsGroup and seccompProfile.",
      references: ["https://kubernetes.io/docs/tasks/configure-pod-container/security-context/"],
      frameworks: [`${CIS} 5.7.3`, NSA],
      checkov: ["CKV_K8S_29"],
      trivy: ["AVD-KSV-0118"],
    },
    WORKLOAD_KINDS,
    (s) => {
      const pod = podOf(s.object);
      return pod && !rec(pod.spec.securityContext)
        ? [{ path: `${pod.path}.securityContext`, message: "The pod has no securityContext." }]
        : [];
    },
  ),
  defineK8sRule(
    {
      id: "K8S-SEC-011",
      title: "Containers should define a security context",
      severity: "low",
      description:
        "A container without securityContext keeps privilege escalation, capabilities and a writable root filesystem.",
      remediation:
        "Add `securityContext` to the container with allowPrivilegeEscalation: false, capabilities.drop [ALL] and readOnlyRootFilesystem: true.",
      references: ["https://kubernetes.io/docs/tasks/configure-pod-container/security-context/"],
      frameworks: [`${CIS} 5.7.3`, NSA],
      checkov: ["CKV_K8S_30"],
      trivy: ["AVD-KSV-0118"],
    },
    WORKLOAD_KINDS,
    (s) =>
      eachContainer(s, (c) =>
        rec(c.c.securityContext)
          ? undefined
          : {
              path: `${c.path}.securityContext`,
              message: `Container "${c.name}" has no securityContext.`,
            },
      ),
  ),
  defineK8sRule(
    {
      id: "K8S-SEC-012",
      title: "Pods should not manage /etc/hosts with hostAliases",
      severity: "low",
      description:
        "hostAliases rewrites name resolution inside the pod and can redirect traffic meant for other services.",
      remediation: "Remove `spec.hostAliases`; use DNS records or a Service instead.",
      references: ["https://kubernetes.io/docs/tasks/network/customize-hosts-file-for-pods/"],
      frameworks: [NSA],
      trivy: ["AVD-KSV-0007"],
    },
    WORKLOAD_KINDS,
    (s) => {
      const pod = podOf(s.object);
      return pod && arr(pod.spec.hostAliases).length > 0
        ? [{ path: `${pod.path}.hostAliases`, message: "The pod sets hostAliases." }]
        : [];
    },
  ),
  defineK8sRule(
    {
      id: "K8S-SEC-013",
      title: "The default service account must not mount its token",
      severity: "medium",
      description:
        "Every pod without serviceAccountName uses `default`; if its token is mounted every such pod gets API credentials.",
      remediation: "Set `automountServiceAccountToken: false` on the ServiceAccount named default.",
      references: [SA_URL],
      frameworks: [`${CIS} 5.1.5`],
      checkov: ["CKV_K8S_41"],
    },
    ["ServiceAccount"],
    (s) =>
      s.object.name === "default" && s.object.raw.automountServiceAccountToken !== false
        ? [
            {
              path: "automountServiceAccountToken",
              message: "The default service account mounts its token.",
            },
          ]
        : [],
  ),
];
