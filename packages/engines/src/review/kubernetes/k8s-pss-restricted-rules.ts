import type { ReviewRule } from "../review-types";
import {
  CIS,
  NSA,
  NSA_URL,
  PSS_URL,
  WORKLOAD_KINDS,
  arr,
  caps,
  defineK8sRule,
  dig,
  eachContainer,
  effective,
  podOf,
  rec,
  show,
  type K8sSubject,
} from "./k8s-model";

const RESTRICTED = "PSS restricted";

/** Volume types the restricted profile allows (anything else is a host or network volume). */
const RESTRICTED_VOLUMES = new Set([
  "configMap",
  "csi",
  "downwardAPI",
  "emptyDir",
  "ephemeral",
  "persistentVolumeClaim",
  "projected",
  "secret",
]);

const SECCOMP_OK = new Set(["RuntimeDefault", "Localhost"]);
const LEGACY_SECCOMP_OK = new Set(["runtime/default", "docker/default"]);

/** Pod Security Standards, restricted profile: the controls it adds to the baseline. */
export const k8sPssRestrictedRules: ReviewRule<K8sSubject>[] = [
  defineK8sRule(
    {
      id: "K8S-PSS-014",
      title: "Pods must only use restricted volume types",
      severity: "medium",
      description:
        "The restricted profile allows only configMap, csi, downwardAPI, emptyDir, ephemeral, persistentVolumeClaim, projected and secret volumes; others reach the host or network storage directly.",
      remediation:
        "Replace the volume in `spec.volumes` by one of the allowed types (usually a persistentVolumeClaim).",
      references: [PSS_URL],
      frameworks: [RESTRICTED],
      trivy: ["AVD-KSV-0028"],
    },
    WORKLOAD_KINDS,
    (s) => {
      const pod = podOf(s.object);
      if (!pod) return [];
      return arr(pod.spec.volumes).flatMap((v, i) => {
        const vol = rec(v);
        if (!vol) return [];
        const name = typeof vol.name === "string" ? vol.name : String(i);
        const types = Object.keys(vol).filter((k) => k !== "name");
        const bad = types.filter((t) => !RESTRICTED_VOLUMES.has(t));
        return bad.length > 0
          ? [
              {
                path: `${pod.path}.volumes[${name}].${bad[0] ?? ""}`,
                message: `Volume "${name}" has type ${bad.join(", ")}.`,
              },
            ]
          : [];
      });
    },
  ),
  defineK8sRule(
    {
      id: "K8S-PSS-015",
      title: "Containers must set allowPrivilegeEscalation to false",
      severity: "medium",
      description:
        "Unless disabled, a process can gain more privileges than its parent (setuid binaries, file capabilities), which defeats running as non-root.",
      remediation: "Set `securityContext.allowPrivilegeEscalation: false` on every container.",
      references: [PSS_URL, NSA_URL],
      frameworks: [RESTRICTED, `${CIS} 5.2.6`, NSA],
      checkov: ["CKV_K8S_20"],
      trivy: ["AVD-KSV-0001"],
    },
    WORKLOAD_KINDS,
    (s) =>
      eachContainer(s, (c) =>
        dig(c.c, "securityContext.allowPrivilegeEscalation") === false
          ? undefined
          : {
              path: `${c.path}.securityContext.allowPrivilegeEscalation`,
              message: `Container "${c.name}" does not set allowPrivilegeEscalation: false.`,
            },
      ),
  ),
  defineK8sRule(
    {
      id: "K8S-PSS-016",
      title: "Containers must run as non-root",
      severity: "medium",
      description:
        "Without runAsNonRoot the kubelet starts images whose user is root; a root process in a container is one kernel bug away from root on the node.",
      remediation:
        "Set `securityContext.runAsNonRoot: true` on the pod (spec.securityContext) or on every container.",
      references: [PSS_URL, NSA_URL],
      frameworks: [RESTRICTED, `${CIS} 5.2.7`, NSA],
      checkov: ["CKV_K8S_23"],
      trivy: ["AVD-KSV-0012"],
    },
    WORKLOAD_KINDS,
    (s) =>
      eachContainer(s, (c, pod) => {
        const e = effective(c, pod, "runAsNonRoot");
        return e.value === true
          ? undefined
          : {
              path: e.path,
              message: `Container "${c.name}" may run as root (runAsNonRoot is not true).`,
            };
      }),
  ),
  defineK8sRule(
    {
      id: "K8S-PSS-017",
      title: "Containers must not run as UID 0",
      severity: "high",
      description: "`runAsUser: 0` runs the process as root explicitly, whatever the image says.",
      remediation:
        "Set `securityContext.runAsUser` to a non-zero UID (10000 or more) on the pod and containers.",
      references: [PSS_URL],
      frameworks: [RESTRICTED, `${CIS} 5.2.7`],
      trivy: ["AVD-KSV-0105"],
    },
    WORKLOAD_KINDS,
    (s) => {
      const pod = podOf(s.object);
      if (!pod) return [];
      const out =
        dig(pod.spec, "securityContext.runAsUser") === 0
          ? [
              {
                path: `${pod.path}.securityContext.runAsUser`,
                message: "The pod sets runAsUser: 0.",
              },
            ]
          : [];
      return out.concat(
        eachContainer(s, (c) =>
          dig(c.c, "securityContext.runAsUser") === 0
            ? {
                path: `${c.path}.securityContext.runAsUser`,
                message: `Container "${c.name}" sets runAsUser: 0.`,
              }
            : undefined,
        ),
      );
    },
  ),
  defineK8sRule(
    {
      id: "K8S-PSS-018",
      title: "A seccomp profile must be set to RuntimeDefault or Localhost",
      severity: "medium",
      description:
        "Without a seccomp profile many runtimes run containers unconfined; RuntimeDefault blocks the system calls used by most container escapes.",
      remediation:
        "Set `spec.securityContext.seccompProfile.type: RuntimeDefault` on the pod (or on every container).",
      references: [PSS_URL, "https://kubernetes.io/docs/tutorials/security/seccomp/"],
      frameworks: [RESTRICTED, `${CIS} 5.7.2`, NSA],
      checkov: ["CKV_K8S_31"],
      trivy: ["AVD-KSV-0030"],
    },
    WORKLOAD_KINDS,
    (s) => {
      const pod = podOf(s.object);
      if (!pod) return [];
      // Legacy annotations still count: clusters before 1.19 only understood those.
      const legacy = rec(pod.meta.annotations)?.["seccomp.security.alpha.kubernetes.io/pod"];
      const podOk =
        LEGACY_SECCOMP_OK.has(show(legacy)) ||
        SECCOMP_OK.has(show(dig(pod.spec, "securityContext.seccompProfile.type")));
      return eachContainer(s, (c) => {
        const own = dig(c.c, "securityContext.seccompProfile.type");
        if (own !== undefined ? SECCOMP_OK.has(show(own)) : podOk) return undefined;
        const path =
          own !== undefined
            ? `${c.path}.securityContext.seccompProfile.type`
            : `${pod.path}.securityContext.seccompProfile`;
        return {
          path,
          message: `Container "${c.name}" has no RuntimeDefault or Localhost seccomp profile.`,
        };
      });
    },
  ),
  defineK8sRule(
    {
      id: "K8S-PSS-019",
      title: "Containers must drop ALL capabilities",
      severity: "medium",
      description:
        "The default capability set includes NET_RAW, CHOWN, SETUID and others that most services never need.",
      remediation:
        'Set `securityContext.capabilities.drop: ["ALL"]` on every container and add back only what is needed.',
      references: [PSS_URL, NSA_URL],
      frameworks: [RESTRICTED, `${CIS} 5.2.10`, NSA],
      checkov: ["CKV_K8S_37"],
      trivy: ["AVD-KSV-0003"],
    },
    WORKLOAD_KINDS,
    (s) =>
      eachContainer(s, (c) =>
        caps(dig(c.c, "securityContext.capabilities.drop")).includes("ALL")
          ? undefined
          : {
              path: `${c.path}.securityContext.capabilities.drop`,
              message: `Container "${c.name}" does not drop ALL capabilities.`,
            },
      ),
  ),
  defineK8sRule(
    {
      id: "K8S-PSS-020",
      title: "Containers may add back only NET_BIND_SERVICE",
      severity: "medium",
      description:
        "Under the restricted profile a container drops ALL capabilities and may add back only NET_BIND_SERVICE.",
      remediation:
        "Remove every entry except NET_BIND_SERVICE from `securityContext.capabilities.add`.",
      references: [PSS_URL],
      frameworks: [RESTRICTED],
      trivy: ["AVD-KSV-0106"],
    },
    WORKLOAD_KINDS,
    (s) =>
      eachContainer(s, (c) => {
        const extra = caps(dig(c.c, "securityContext.capabilities.add")).filter(
          (x) => x !== "NET_BIND_SERVICE",
        );
        return extra.length > 0
          ? {
              path: `${c.path}.securityContext.capabilities.add`,
              message: `Container "${c.name}" adds ${extra.join(", ")}.`,
            }
          : undefined;
      }),
  ),
];
