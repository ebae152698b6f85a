import type { ReviewRule } from "../review-types";
import {
  CIS,
  NSA,
  NSA_URL,
  WORKLOAD_KINDS,
  defineK8sRule,
  dig,
  eachContainer,
  show,
  type K8sRuleInput,
  type K8sSubject,
} from "./k8s-model";

const RES_URL = "https://kubernetes.io/docs/concepts/configuration/manage-resources-containers/";
const PROBE_URL =
  "https://kubernetes.io/docs/tasks/configure-pod-container/configure-liveness-readiness-startup-probes/";
const IMAGE_URL = "https://kubernetes.io/docs/concepts/containers/images/";
/** Run-to-completion kinds: probes make little sense there. */
const LONG_RUNNING = WORKLOAD_KINDS.filter((k) => k !== "Job" && k !== "CronJob");

/** Splits an image reference into its tag and digest (registry ports are not tags). */
export function imageParts(image: string): { tag?: string; digest?: string } {
  const at = image.indexOf("@");
  const digest = at >= 0 ? image.slice(at + 1) : undefined;
  const name = at >= 0 ? image.slice(0, at) : image;
  const colon = name.lastIndexOf(":");
  const tag = colon > name.lastIndexOf("/") ? name.slice(colon + 1) : undefined;
  return { ...(tag ? { tag } : {}), ...(digest ? { digest } : {}) };
}

function resourceRule(
  input: Omit<K8sRuleInput, "title" | "description" | "remediation" | "references" | "severity">,
  which: "requests" | "limits",
  resource: "cpu" | "memory",
): ReviewRule<K8sSubject> {
  const what = `${resource === "cpu" ? "CPU" : "Memory"} ${which}`;
  return defineK8sRule(
    {
      ...input,
      title: `${what} should be set`,
      severity: which === "limits" ? "medium" : "low",
      description:
        which === "limits"
          ? `Without ${what.toLowerCase()} one container can starve the node (denial of service for its neighbours).`
          : `Without ${what.toLowerCase()} the scheduler cannot place the pod safely and it is evicted first.`,
      remediation: `Set \`resources.${which}.${resource}\` on every container.`,
      references: [RES_URL, NSA_URL],
    },
    WORKLOAD_KINDS,
    (s) =>
      eachContainer(
        s,
        (c) =>
          dig(c.c, `resources.${which}.${resource}`) === undefined
            ? {
                path: `${c.path}.resources.${which}.${resource}`,
                message: `Container "${c.name}" has no ${what.toLowerCase()}.`,
              }
            : undefined,
        ["containers", "initContainers"],
      ),
  );
}

function probeRule(
  id: string,
  probe: "livenessProbe" | "readinessProbe",
  checkov: string,
): ReviewRule<K8sSubject> {
  const label = probe === "livenessProbe" ? "Liveness" : "Readiness";
  return defineK8sRule(
    {
      id,
      title: `${label} probe should be configured`,
      severity: "low",
      description:
        probe === "livenessProbe"
          ? "Without a liveness probe a hung process keeps its pod and never restarts."
          : "Without a readiness probe traffic reaches the pod before it can serve, or after it stopped serving.",
      remediation: `Add \`${probe}\` (httpGet, tcpSocket, grpc or exec) to every container.`,
      references: [PROBE_URL],
      frameworks: [],
      checkov: [checkov],
    },
    LONG_RUNNING,
    (s) =>
      eachContainer(
        s,
        (c) =>
          c.c[probe] === undefined
            ? {
                path: `${c.path}.${probe}`,
                message: `Container "${c.name}" has no ${label.toLowerCase()} probe.`,
              }
            : undefined,
        ["containers"],
      ),
  );
}

/** Resources, probes and image references of workload containers. */
export const k8sWorkloadRules: ReviewRule<K8sSubject>[] = [
  resourceRule(
    { id: "K8S-RES-001", frameworks: [NSA], checkov: ["CKV_K8S_10"], trivy: ["AVD-KSV-0015"] },
    "requests",
    "cpu",
  ),
  resourceRule(
    { id: "K8S-RES-002", frameworks: [NSA], checkov: ["CKV_K8S_11"], trivy: ["AVD-KSV-0011"] },
    "limits",
    "cpu",
  ),
  resourceRule(
    { id: "K8S-RES-003", frameworks: [NSA], checkov: ["CKV_K8S_12"], trivy: ["AVD-KSV-0016"] },
    "requests",
    "memory",
  ),
  resourceRule(
    { id: "K8S-RES-004", frameworks: [NSA], checkov: ["CKV_K8S_13"], trivy: ["AVD-KSV-0018"] },
    "limits",
    "memory",
  ),
  probeRule("K8S-RES-005", "livenessProbe", "CKV_K8S_8"),
  probeRule("K8S-RES-006", "readinessProbe", "CKV_K8S_9"),
  defineK8sRule(
    {
      id: "K8S-IMG-001",
      title: "Images must be pinned to a tag other than latest",
      severity: "medium",
      description:
        "`latest` or a missing tag deploys whatever was pushed last: builds are not reproducible and a poisoned push rolls out silently.",
      remediation: "Set `image` to an explicit version tag (better: a digest, `name@sha256:…`).",
      references: [IMAGE_URL],
      frameworks: [NSA],
      checkov: ["CKV_K8S_14"],
      trivy: ["AVD-KSV-0013"],
    },
    WORKLOAD_KINDS,
    (s) =>
      eachContainer(s, (c) => {
        if (typeof c.c.image !== "string") return undefined;
        const { tag, digest } = imageParts(c.c.image);
        if (digest || (tag && tag !== "latest")) return undefined;
        return {
          path: `${c.path}.image`,
          message: `Container "${c.name}" uses ${c.c.image} (${tag ? "latest" : "no tag"}).`,
        };
      }),
  ),
  defineK8sRule(
    {
      id: "K8S-IMG-002",
      title: "Images should be pinned by digest",
      severity: "low",
      description:
        "Tags are mutable; only a digest guarantees that the image reviewed is the image that runs.",
      remediation: "Write `image` as `registry/name:tag@sha256:<digest>`.",
      references: [IMAGE_URL],
      frameworks: [],
      checkov: ["CKV_K8S_43"],
    },
    WORKLOAD_KINDS,
    (s) =>
      eachContainer(s, (c) =>
        typeof c.c.image === "string" && !imageParts(c.c.image).digest
          ? {
              path: `${c.path}.image`,
              message: `Container "${c.name}" image ${c.c.image} has no digest.`,
            }
          : undefined,
      ),
  ),
  defineK8sRule(
    {
      id: "K8S-IMG-003",
      title: "Image pull policy should be Always for tagged images",
      severity: "low",
      description:
        "With IfNotPresent a node reuses a cached image for a mutable tag and may run stale or tampered content; Always also re-checks pull credentials.",
      remediation: "Set `imagePullPolicy: Always` on the container, or pin the image by digest.",
      references: [IMAGE_URL],
      frameworks: [`${CIS} 5.5.1`],
      checkov: ["CKV_K8S_15"],
    },
    WORKLOAD_KINDS,
    (s) =>
      eachContainer(s, (c) => {
        if (typeof c.c.image !== "string") return undefined;
        const { tag, digest } = imageParts(c.c.image);
        const policy = c.c.imagePullPolicy;
        // Kubernetes defaults the policy to Always for latest or untagged images.
        const eff =
          policy ??
          (digest ? "IfNotPresent" : !tag || tag === "latest" ? "Always" : "IfNotPresent");
        if (eff === "Always" || (policy === undefined && digest)) return undefined;
        return {
          path: `${c.path}.imagePullPolicy`,
          message: `Container "${c.name}" pulls with ${show(eff)}.`,
        };
      }),
  ),
];
