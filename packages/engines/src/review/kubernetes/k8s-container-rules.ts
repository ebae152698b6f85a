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

const SOCKETS = [
  "/var/run/docker.sock",
  "/run/docker.sock",
  "/var/run/containerd/containerd.sock",
  "/run/containerd/containerd.sock",
  "/var/run/crio/crio.sock",
];

/** Container hardening beyond the Pod Security Standards (CIS and NSA items). */
export const k8sContainerRules: ReviewRule<K8sSubject>[] = [
  defineK8sRule(
    {
      id: "K8S-SEC-001",
      title: "Containers should use a read-only root filesystem",
      severity: "low",
      description:
        "A writable root filesystem lets an attacker drop tools or modify binaries inside the container.",
      remediation:
        "Set `securityContext.readOnlyRootFilesystem: true` on the container; mount an emptyDir where it must write.",
      references: [NSA_URL],
      frameworks: [NSA],
      checkov: ["CKV_K8S_22"],
      trivy: ["AVD-KSV-0014"],
    },
    WORKLOAD_KINDS,
    (s) =>
      eachContainer(s, (c) =>
        dig(c.c, "securityContext.readOnlyRootFilesystem") === true
          ? undefined
          : {
              path: `${c.path}.securityContext.readOnlyRootFilesystem`,
              message: `Container "${c.name}" has a writable root filesystem.`,
            },
      ),
  ),
  defineK8sRule(
    {
      id: "K8S-SEC-002",
      title: "Containers should drop the NET_RAW capability",
      severity: "medium",
      description:
        "NET_RAW allows raw sockets, used for ARP and DNS spoofing against other pods on the node.",
      remediation:
        'Add "NET_RAW" (or "ALL") to `securityContext.capabilities.drop` on the container.',
      references: [PSS_URL],
      frameworks: [`${CIS} 5.2.8`],
      checkov: ["CKV_K8S_28"],
      trivy: ["AVD-KSV-0119"],
    },
    WORKLOAD_KINDS,
    (s) =>
      eachContainer(s, (c) => {
        const drop = caps(dig(c.c, "securityContext.capabilities.drop"));
        return drop.includes("ALL") || drop.includes("NET_RAW")
          ? undefined
          : {
              path: `${c.path}.securityContext.capabilities.drop`,
              message: `Container "${c.name}" keeps NET_RAW.`,
            };
      }),
  ),
  defineK8sRule(
    {
      id: "K8S-SEC-003",
      title: "Containers must not add SYS_ADMIN",
      severity: "high",
      description:
        "SYS_ADMIN is close to full root: mount, namespaces, BPF; it enables well-known container escapes.",
      remediation: 'Remove "SYS_ADMIN" from `securityContext.capabilities.add`.',
      references: [PSS_URL],
      frameworks: ["PSS baseline", NSA],
      checkov: ["CKV_K8S_39"],
      trivy: ["AVD-KSV-0005"],
    },
    WORKLOAD_KINDS,
    (s) =>
      eachContainer(s, (c) =>
        caps(dig(c.c, "securityContext.capabilities.add")).includes("SYS_ADMIN")
          ? {
              path: `${c.path}.securityContext.capabilities.add`,
              message: `Container "${c.name}" adds SYS_ADMIN.`,
            }
          : undefined,
      ),
  ),
  defineK8sRule(
    {
      id: "K8S-SEC-004",
      title: "Containers should run with a high UID",
      severity: "low",
      description:
        "UIDs below 10000 may collide with accounts on the node and gain their file access after an escape.",
      remediation: "Set `securityContext.runAsUser` to 10000 or more on the pod or container.",
      references: [NSA_URL],
      frameworks: [NSA],
      checkov: ["CKV_K8S_40"],
      trivy: ["AVD-KSV-0020"],
    },
    WORKLOAD_KINDS,
    (s) =>
      eachContainer(s, (c, pod) => {
        // hostUsers: false maps container UIDs to an unprivileged range on the node.
        if (pod.spec.hostUsers === false) return undefined;
        const e = effective(c, pod, "runAsUser");
        return typeof e.value === "number" && e.value >= 10000
          ? undefined
          : {
              path: e.path,
              message: `Container "${c.name}" runs with UID ${e.value === undefined ? "from the image" : show(e.value)}.`,
            };
      }),
  ),
  defineK8sRule(
    {
      id: "K8S-SEC-005",
      title: "Pods should not run with root group 0",
      severity: "low",
      description:
        "Group 0 owns many host files; a root primary or supplementary group widens file access after an escape.",
      remediation:
        "Set `runAsGroup`, `fsGroup` and `supplementalGroups` in `spec.securityContext` to non-zero values.",
      references: [NSA_URL],
      frameworks: [NSA],
      trivy: ["AVD-KSV-0029"],
    },
    WORKLOAD_KINDS,
    (s) => {
      const pod = podOf(s.object);
      if (!pod) return [];
      const sc = rec(pod.spec.securityContext) ?? {};
      const bad = ["runAsGroup", "fsGroup"].filter((k) => sc[k] === 0);
      if (arr(sc.supplementalGroups).includes(0)) bad.push("supplementalGroups");
      const out = bad.map((k) => ({
        path: `${pod.path}.securityContext.${k}`,
        message: `The pod sets ${k} to 0.`,
      }));
      return out.concat(
        eachContainer(s, (c) =>
          dig(c.c, "securityContext.runAsGroup") === 0
            ? {
                path: `${c.path}.securityContext.runAsGroup`,
                message: `Container "${c.name}" sets runAsGroup: 0.`,
              }
            : undefined,
        ),
      );
    },
  ),
  defineK8sRule(
    {
      id: "K8S-SEC-006",
      title: "The container runtime socket must not be mounted",
      severity: "critical",
      description:
        "Access to the Docker or containerd socket is root on the node: it can start privileged containers.",
      remediation: "Remove the `spec.volumes[].hostPath` volume that points at the runtime socket.",
      references: [NSA_URL],
      frameworks: [NSA, "PSS baseline"],
      checkov: ["CKV_K8S_27"],
      trivy: ["AVD-KSV-0006"],
    },
    WORKLOAD_KINDS,
    (s) => {
      const pod = podOf(s.object);
      if (!pod) return [];
      return arr(pod.spec.volumes).flatMap((v, i) => {
        const vol = rec(v);
        const p = dig(vol, "hostPath.path");
        if (typeof p !== "string" || !SOCKETS.includes(p.replace(/\/+$/, ""))) return [];
        const name = typeof vol?.name === "string" ? vol.name : String(i);
        return [
          {
            path: `${pod.path}.volumes[${name}].hostPath.path`,
            message: `Volume "${name}" mounts ${p}.`,
          },
        ];
      });
    },
  ),
];
