import type { ReviewRule } from "../review-types";
import {
  CIS,
  NSA,
  NSA_URL,
  PSS_URL,
  WORKLOAD_KINDS,
  arr,
  defineK8sRule,
  dig,
  eachContainer,
  podAndContainers,
  podOf,
  rec,
  show,
  type K8sSubject,
  type Violation,
} from "./k8s-model";

const BASELINE = "PSS baseline";

function hostNamespace(
  field: "hostNetwork" | "hostPID" | "hostIPC",
): (s: K8sSubject) => Violation[] {
  return (s) => {
    const pod = podOf(s.object);
    return pod && pod.spec[field] === true
      ? [{ path: `${pod.path}.${field}`, message: `The pod sets ${field}: true.` }]
      : [];
  };
}

/** Pod Security Standards, baseline profile: the controls that keep pods off the host. */
export const k8sPssHostRules: ReviewRule<K8sSubject>[] = [
  defineK8sRule(
    {
      id: "K8S-PSS-001",
      title: "Windows HostProcess containers must not be used",
      severity: "critical",
      description:
        "A HostProcess container runs directly on the Windows node with host privileges, bypassing container isolation.",
      remediation:
        "Remove `securityContext.windowsOptions.hostProcess` (or set it to false) on the pod and every container.",
      references: [PSS_URL],
      frameworks: [BASELINE, `${CIS} 5.2.11`],
      trivy: ["AVD-KSV-0103"],
    },
    WORKLOAD_KINDS,
    (s) =>
      podAndContainers(
        s,
        "windowsOptions.hostProcess",
        (v) => v === true,
        (w) => `${w} runs as a HostProcess container.`,
      ),
  ),
  defineK8sRule(
    {
      id: "K8S-PSS-002",
      title: "Pods must not share the host network namespace",
      severity: "high",
      description:
        "With hostNetwork the pod sees every interface of the node, can bind node ports and sniff traffic, and bypasses NetworkPolicy.",
      remediation: "Remove `spec.hostNetwork` from the pod spec or set it to false.",
      references: [PSS_URL, NSA_URL],
      frameworks: [BASELINE, `${CIS} 5.2.5`, NSA],
      checkov: ["CKV_K8S_19"],
      trivy: ["AVD-KSV-0009"],
    },
    WORKLOAD_KINDS,
    hostNamespace("hostNetwork"),
  ),
  defineK8sRule(
    {
      id: "K8S-PSS-003",
      title: "Pods must not share the host PID namespace",
      severity: "high",
      description:
        "With hostPID the containers see and can signal or ptrace every process on the node.",
      remediation: "Remove `spec.hostPID` from the pod spec or set it to false.",
      references: [PSS_URL, NSA_URL],
      frameworks: [BASELINE, `${CIS} 5.2.3`, NSA],
      checkov: ["CKV_K8S_17"],
      trivy: ["AVD-KSV-0010"],
    },
    WORKLOAD_KINDS,
    hostNamespace("hostPID"),
  ),
  defineK8sRule(
    {
      id: "K8S-PSS-004",
      title: "Pods must not share the host IPC namespace",
      severity: "high",
      description:
        "With hostIPC the containers can read and write the node's shared memory and message queues.",
      remediation: "Remove `spec.hostIPC` from the pod spec or set it to false.",
      references: [PSS_URL, NSA_URL],
      frameworks: [BASELINE, `${CIS} 5.2.4`, NSA],
      checkov: ["CKV_K8S_18"],
      trivy: ["AVD-KSV-0008"],
    },
    WORKLOAD_KINDS,
    hostNamespace("hostIPC"),
  ),
  defineK8sRule(
    {
      id: "K8S-PSS-007",
      title: "Pods must not mount hostPath volumes",
      severity: "high",
      description:
        "A hostPath volume exposes the node's filesystem to the pod and is a common container-escape path.",
      remediation:
        "Replace the `hostPath` volume in `spec.volumes` with an emptyDir, ConfigMap, Secret or PVC.",
      references: [PSS_URL, NSA_URL],
      frameworks: [BASELINE, `${CIS} 5.2.12`, NSA],
      trivy: ["AVD-KSV-0023"],
    },
    WORKLOAD_KINDS,
    (s) => {
      const pod = podOf(s.object);
      if (!pod) return [];
      return arr(pod.spec.volumes).flatMap((v, i) => {
        const vol = rec(v);
        if (!vol || vol.hostPath === undefined) return [];
        const name = typeof vol.name === "string" ? vol.name : String(i);
        const p = show(dig(vol, "hostPath.path") ?? "");
        return [
          {
            path: `${pod.path}.volumes[${name}].hostPath`,
            message: `Volume "${name}" mounts host path ${p}.`,
          },
        ];
      });
    },
  ),
  defineK8sRule(
    {
      id: "K8S-PSS-008",
      title: "Containers must not bind host ports",
      severity: "medium",
      description:
        "A hostPort exposes the container on the node's address, bypassing Services and NetworkPolicy, and limits scheduling.",
      remediation:
        "Remove `ports[].hostPort` from the container; expose it through a Service instead.",
      references: [PSS_URL],
      frameworks: [BASELINE, `${CIS} 5.2.13`],
      checkov: ["CKV_K8S_26"],
      trivy: ["AVD-KSV-0024"],
    },
    WORKLOAD_KINDS,
    (s) =>
      eachContainer(s, (c) =>
        arr(c.c.ports).flatMap((p, i) => {
          const port = rec(p);
          const host = port?.hostPort;
          if (host === undefined || host === 0) return [];
          const key = typeof port?.name === "string" ? port.name : String(i);
          return [
            {
              path: `${c.path}.ports[${key}].hostPort`,
              message: `Container "${c.name}" binds host port ${show(host)}.`,
            },
          ];
        }),
      ),
  ),
];
