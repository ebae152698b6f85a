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
  podAndContainers,
  podOf,
  rec,
  show,
  type K8sSubject,
} from "./k8s-model";
import { keySegment } from "./k8s-path";

const BASELINE = "PSS baseline";

/** Capabilities the baseline profile lets a container add (PSS "Capabilities"). */
const BASELINE_CAPS = new Set([
  "AUDIT_WRITE",
  "CHOWN",
  "DAC_OVERRIDE",
  "FOWNER",
  "FSETID",
  "KILL",
  "MKNOD",
  "NET_BIND_SERVICE",
  "SETFCAP",
  "SETGID",
  "SETPCAP",
  "SETUID",
  "SYS_CHROOT",
]);

/** Sysctls the baseline profile calls safe (namespaced, no effect on other pods). */
const SAFE_SYSCTLS = new Set([
  "kernel.shm_rmid_forced",
  "net.ipv4.ip_local_port_range",
  "net.ipv4.ip_unprivileged_port_start",
  "net.ipv4.tcp_syncookies",
  "net.ipv4.ping_group_range",
  "net.ipv4.ip_local_reserved_ports",
  "net.ipv4.tcp_keepalive_time",
  "net.ipv4.tcp_fin_timeout",
  "net.ipv4.tcp_keepalive_intvl",
  "net.ipv4.tcp_keepalive_probes",
]);

const SELINUX_TYPES = new Set([
  "",
  "container_t",
  "container_init_t",
  "container_kvm_t",
  "container_engine_t",
]);

/** Pod Security Standards, baseline profile: privilege, capability and confinement controls. */
export const k8sPssBaselineRules: ReviewRule<K8sSubject>[] = [
  defineK8sRule(
    {
      id: "K8S-PSS-005",
      title: "Containers must not run privileged",
      severity: "critical",
      description:
        "A privileged container has all capabilities and access to every host device; escaping to the node is trivial.",
      remediation: "Set `securityContext.privileged: false` (or remove it) on every container.",
      references: [PSS_URL, NSA_URL],
      frameworks: [BASELINE, `${CIS} 5.2.2`, NSA],
      checkov: ["CKV_K8S_16"],
      trivy: ["AVD-KSV-0017"],
    },
    WORKLOAD_KINDS,
    (s) =>
      eachContainer(s, (c) =>
        dig(c.c, "securityContext.privileged") === true
          ? {
              path: `${c.path}.securityContext.privileged`,
              message: `Container "${c.name}" is privileged.`,
            }
          : undefined,
      ),
  ),
  defineK8sRule(
    {
      id: "K8S-PSS-006",
      title: "Containers must not add capabilities beyond the baseline set",
      severity: "high",
      description:
        "Capabilities outside the default container set (e.g. SYS_ADMIN, NET_ADMIN, SYS_PTRACE) widen the kernel attack surface and enable escapes.",
      remediation:
        "Remove the extra entries from `securityContext.capabilities.add`; keep only capabilities of the baseline set that the process needs.",
      references: [PSS_URL],
      frameworks: [BASELINE, `${CIS} 5.2.9`, NSA],
      checkov: ["CKV_K8S_25"],
      trivy: ["AVD-KSV-0022"],
    },
    WORKLOAD_KINDS,
    (s) =>
      eachContainer(s, (c) => {
        const extra = caps(dig(c.c, "securityContext.capabilities.add")).filter(
          (x) => !BASELINE_CAPS.has(x),
        );
        return extra.length > 0
          ? {
              path: `${c.path}.securityContext.capabilities.add`,
              message: `Container "${c.name}" adds ${extra.join(", ")}.`,
            }
          : undefined;
      }),
  ),
  defineK8sRule(
    {
      id: "K8S-PSS-009",
      title: "AppArmor must not be disabled or overridden",
      severity: "medium",
      description:
        "The baseline forbids overriding the default AppArmor profile with `unconfined` or another non-default profile.",
      remediation:
        "Set `securityContext.appArmorProfile.type` to RuntimeDefault or Localhost, or the annotation `container.apparmor.security.beta.kubernetes.io/<container>` to `runtime/default` or `localhost/<profile>`.",
      references: [PSS_URL, "https://kubernetes.io/docs/tutorials/security/apparmor/"],
      frameworks: [BASELINE],
      trivy: ["AVD-KSV-0002"],
    },
    WORKLOAD_KINDS,
    (s) => {
      const pod = podOf(s.object);
      if (!pod) return [];
      const out = podAndContainers(
        s,
        "appArmorProfile.type",
        (v) => v !== "RuntimeDefault" && v !== "Localhost",
        (w, v) => `${w} sets AppArmor profile ${show(v)}.`,
      );
      for (const [key, value] of Object.entries(rec(pod.meta.annotations) ?? {})) {
        if (!key.startsWith("container.apparmor.security.beta.kubernetes.io/")) continue;
        if (
          typeof value === "string" &&
          (value === "runtime/default" || value.startsWith("localhost/"))
        )
          continue;
        out.push({
          path: `${pod.metaPath}.annotations${keySegment(key)}`,
          message: `Annotation ${key} sets AppArmor profile ${String(value)}.`,
        });
      }
      return out;
    },
  ),
  defineK8sRule(
    {
      id: "K8S-PSS-010",
      title: "SELinux options must not set a custom type, user or role",
      severity: "medium",
      description:
        "Custom SELinux users, roles or types can lift the confinement that the container runtime applies.",
      remediation:
        "Remove `securityContext.seLinuxOptions.user` and `.role`, and keep `.type` unset or one of container_t, container_init_t, container_kvm_t, container_engine_t.",
      references: [PSS_URL],
      frameworks: [BASELINE],
      trivy: ["AVD-KSV-0025"],
    },
    WORKLOAD_KINDS,
    (s) => [
      ...podAndContainers(
        s,
        "seLinuxOptions.type",
        (v) => !SELINUX_TYPES.has(show(v)),
        (w, v) => `${w} sets SELinux type ${show(v)}.`,
      ),
      ...podAndContainers(
        s,
        "seLinuxOptions.user",
        (v) => v !== "",
        (w, v) => `${w} sets SELinux user ${show(v)}.`,
      ),
      ...podAndContainers(
        s,
        "seLinuxOptions.role",
        (v) => v !== "",
        (w, v) => `${w} sets SELinux role ${show(v)}.`,
      ),
    ],
  ),
  defineK8sRule(
    {
      id: "K8S-PSS-011",
      title: "The /proc mount must keep its default masks",
      severity: "medium",
      description:
        "`procMount: Unmasked` exposes kernel information and writable /proc paths that the runtime normally masks.",
      remediation: "Remove `securityContext.procMount` from the container or set it to Default.",
      references: [PSS_URL],
      frameworks: [BASELINE],
      trivy: ["AVD-KSV-0027"],
    },
    WORKLOAD_KINDS,
    (s) =>
      eachContainer(s, (c) => {
        const v = dig(c.c, "securityContext.procMount");
        return v !== undefined && v !== "Default"
          ? {
              path: `${c.path}.securityContext.procMount`,
              message: `Container "${c.name}" uses procMount ${show(v)}.`,
            }
          : undefined;
      }),
  ),
  defineK8sRule(
    {
      id: "K8S-PSS-012",
      title: "Seccomp must not be set to Unconfined",
      severity: "high",
      description:
        "An Unconfined seccomp profile lets the container call every system call, including those used in kernel exploits.",
      remediation:
        "Set `securityContext.seccompProfile.type` to RuntimeDefault (or Localhost) on the pod and containers.",
      references: [PSS_URL],
      frameworks: [BASELINE, `${CIS} 5.7.2`],
      trivy: ["AVD-KSV-0104"],
    },
    WORKLOAD_KINDS,
    (s) =>
      podAndContainers(
        s,
        "seccompProfile.type",
        (v) => v === "Unconfined",
        (w) => `${w} disables seccomp (Unconfined).`,
      ),
  ),
  defineK8sRule(
    {
      id: "K8S-PSS-013",
      title: "Pods must only set safe sysctls",
      severity: "high",
      description:
        "Unsafe sysctls are not namespaced or can affect other pods on the node (e.g. kernel.*, vm.*).",
      remediation:
        "Remove the unsafe entries from `spec.securityContext.sysctls`; only the safe set of the Pod Security Standards is allowed.",
      references: [PSS_URL, "https://kubernetes.io/docs/tasks/administer-cluster/sysctl-cluster/"],
      frameworks: [BASELINE],
      trivy: ["AVD-KSV-0026"],
    },
    WORKLOAD_KINDS,
    (s) => {
      const pod = podOf(s.object);
      if (!pod) return [];
      return arr(dig(pod.spec, "securityContext.sysctls")).flatMap((x) => {
        const name = rec(x)?.name;
        if (typeof name !== "string" || SAFE_SYSCTLS.has(name)) return [];
        return [
          {
            path: `${pod.path}.securityContext.sysctls[${name}]`,
            message: `Unsafe sysctl ${name} is set.`,
          },
        ];
      });
    },
  ),
];
