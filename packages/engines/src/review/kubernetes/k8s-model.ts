import type { ReviewRule, ReviewRuleMeta, ReviewRuleInput } from "../review-types";
import type { RuleOutcome } from "@infrasec/core";
import { isRecord, type K8sObject } from "./k8s-parser";

/** What a Kubernetes rule sees: one object plus the other objects of the same file. */
export interface K8sSubject {
  object: K8sObject;
  file: { objects: readonly K8sObject[] };
}

/** Where the pod spec sits per workload kind (see the domain brief). */
export const POD_SPEC_PATHS: Readonly<Record<string, string>> = {
  Pod: "spec",
  Deployment: "spec.template.spec",
  StatefulSet: "spec.template.spec",
  DaemonSet: "spec.template.spec",
  ReplicaSet: "spec.template.spec",
  ReplicationController: "spec.template.spec",
  Job: "spec.template.spec",
  CronJob: "spec.jobTemplate.spec.template.spec",
  // OpenShift; same template layout as a Deployment.
  DeploymentConfig: "spec.template.spec",
};

/** Kinds that carry a pod spec. */
export const WORKLOAD_KINDS: readonly string[] = Object.keys(POD_SPEC_PATHS);

/** A parsed YAML mapping. */
export type Rec = Record<string, unknown>;

/** The pod spec of a workload, its path, and the pod metadata (for annotations). */
export interface PodRef {
  spec: Rec;
  path: string;
  meta: Rec;
  metaPath: string;
}

/** One container of a pod, addressed by name so paths survive reordering. */
export interface ContainerRef {
  c: Rec;
  name: string;
  group: "containers" | "initContainers" | "ephemeralContainers";
  path: string;
}

const SPLIT_CACHE = new Map<string, string[]>();

/** Reads a nested value by dotted keys, returning undefined on any non-object step. */
export function dig(v: unknown, dotted: string): unknown {
  let cur: unknown = v;
  let keys = SPLIT_CACHE.get(dotted);
  if (!keys) {
    keys = dotted.split(".");
    // Paths come from rule code (a bounded set), so the cache cannot grow with the input.
    if (SPLIT_CACHE.size < 4096) SPLIT_CACHE.set(dotted, keys);
  }
  for (const key of keys) {
    if (!isRecord(cur)) return undefined;
    cur = cur[key];
  }
  return cur;
}

/** Renders an untrusted value for a message (objects as JSON, not "[object Object]"). */
export function show(v: unknown): string {
  return typeof v === "string" || typeof v === "number" || typeof v === "boolean"
    ? String(v)
    : (JSON.stringify(v) ?? "undefined");
}

/** The value as a mapping, or undefined. */
export function rec(v: unknown): Rec | undefined {
  return isRecord(v) ? v : undefined;
}

/** The value as an array, or an empty one (rules never crash on malformed input). */
export function arr(v: unknown): unknown[] {
  return Array.isArray(v) ? v : [];
}

/** The string items of an array value. */
export function strings(v: unknown): string[] {
  return arr(v).filter((x): x is string => typeof x === "string");
}

/** Pod spec of a workload object, or undefined for kinds without one. */
export function podOf(obj: K8sObject): PodRef | undefined {
  // Every workload rule asks for the pod spec; compute it once per object.
  if (POD_CACHE.has(obj)) return POD_CACHE.get(obj);
  const pod = computePod(obj);
  POD_CACHE.set(obj, pod);
  return pod;
}

const POD_CACHE = new WeakMap<K8sObject, PodRef | undefined>();
const CONTAINER_CACHE = new WeakMap<PodRef, ContainerRef[]>();

function computePod(obj: K8sObject): PodRef | undefined {
  const path = POD_SPEC_PATHS[obj.kind];
  if (!path) return undefined;
  const spec = rec(dig(obj.raw, path));
  if (!spec) return undefined;
  const metaPath = path === "spec" ? "metadata" : path.replace(/\.spec$/, ".metadata");
  return { spec, path, meta: rec(dig(obj.raw, metaPath)) ?? {}, metaPath };
}

/** All containers (regular, init and ephemeral) of a pod spec. */
export function containersOf(
  pod: PodRef,
  groups = ["containers", "initContainers", "ephemeralContainers"] as const,
): ContainerRef[] {
  const out: ContainerRef[] = [];
  for (const group of groups) {
    arr(pod.spec[group]).forEach((item, i) => {
      const c = rec(item);
      if (!c) return;
      const name = typeof c.name === "string" && c.name !== "" ? c.name : String(i);
      out.push({ c, name, group, path: `${pod.path}.${group}[${name}]` });
    });
  }
  return out;
}

/** A violation found by a check: the attribute path and a sentence for the reviewer. */
export interface Violation {
  path: string;
  message: string;
}

/** Metadata a rule file writes; provider and framework are filled in. */
export type K8sRuleInput = ReviewRuleInput;

/** Builds a rule whose check lists violations; no violation means pass. */
export function defineK8sRule(
  input: K8sRuleInput,
  appliesTo: readonly string[],
  check: (s: K8sSubject) => Violation[],
): ReviewRule<K8sSubject> {
  const { checkov = [], trivy = [], ...rest } = input;
  const meta: ReviewRuleMeta = {
    ...rest,
    provider: "kubernetes",
    framework: "kubernetes",
    equivalents: { checkov, trivy },
  };
  return {
    meta,
    appliesTo,
    check(subject): RuleOutcome[] {
      const violations = check(subject);
      if (violations.length === 0) return [{ kind: "pass" }];
      return violations.map((v) => ({ kind: "fail", attributePath: v.path, message: v.message }));
    },
  };
}

/** Runs `fn` on every container of a workload and collects violations. */
export function eachContainer(
  s: K8sSubject,
  fn: (c: ContainerRef, pod: PodRef) => Violation | Violation[] | undefined,
  groups?: readonly ("containers" | "initContainers" | "ephemeralContainers")[],
): Violation[] {
  const pod = podOf(s.object);
  if (!pod) return [];
  let all = CONTAINER_CACHE.get(pod);
  if (!all) {
    all = containersOf(pod);
    CONTAINER_CACHE.set(pod, all);
  }
  const out: Violation[] = [];
  for (const c of all) {
    if (groups && !groups.includes(c.group)) continue;
    const v = fn(c, pod);
    if (v === undefined) continue;
    if (Array.isArray(v)) out.push(...v);
    else out.push(v);
  }
  return out;
}

/** Effective security-context field: container value first, then the pod's. */
export function effective(
  c: ContainerRef,
  pod: PodRef,
  field: string,
): { value: unknown; path: string } {
  const own = dig(c.c, `securityContext.${field}`);
  if (own !== undefined) return { value: own, path: `${c.path}.securityContext.${field}` };
  const podValue = dig(pod.spec, `securityContext.${field}`);
  if (podValue !== undefined)
    return { value: podValue, path: `${pod.path}.securityContext.${field}` };
  return { value: undefined, path: `${c.path}.securityContext.${field}` };
}

/** Capability names normalized: upper case without the `CAP_` prefix. */
export function caps(v: unknown): string[] {
  return strings(v).map((s) => s.toUpperCase().replace(/^CAP_/, ""));
}

/** Reference links and framework tags shared by the rule files. */
export const PSS_URL = "https://kubernetes.io/docs/concepts/security/pod-security-standards/";
export const NSA_URL =
  "https://media.defense.gov/2022/Aug/29/2003066362/-1/-1/0/CTR_KUBERNETES_HARDENING_GUIDANCE_1.2_20220829.PDF";
export const RBAC_URL = "https://kubernetes.io/docs/concepts/security/rbac-good-practices/";
export const CIS = "CIS Kubernetes 1.8";
export const NSA = "NSA hardening guide";

/** Checks a security-context field on the pod and on every container. */
export function podAndContainers(
  s: K8sSubject,
  field: string,
  bad: (v: unknown) => boolean,
  message: (where: string, v: unknown) => string,
): Violation[] {
  const pod = podOf(s.object);
  if (!pod) return [];
  const out: Violation[] = [];
  const podValue = dig(pod.spec, `securityContext.${field}`);
  if (podValue !== undefined && bad(podValue)) {
    out.push({
      path: `${pod.path}.securityContext.${field}`,
      message: message("the pod", podValue),
    });
  }
  out.push(
    ...eachContainer(s, (c) => {
      const v = dig(c.c, `securityContext.${field}`);
      return v !== undefined && bad(v)
        ? {
            path: `${c.path}.securityContext.${field}`,
            message: message(`container "${c.name}"`, v),
          }
        : undefined;
    }),
  );
  return out;
}
