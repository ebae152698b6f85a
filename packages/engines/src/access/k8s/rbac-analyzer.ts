import type { Finding } from "@infrasec/core";
import { makeFinding } from "../shared/finding-builder";
import type { AccessReport, ReportEscalation, ReportPrincipal } from "../shared/report-types";
import { RbacIndex, ruleCovers } from "./rbac-evaluator";
import type { K8sStep } from "./rbac-escalation";
import { K8S_ADMIN_NODE, isClusterAdmin, k8sEdges } from "./rbac-escalation";
import { K8S_RISK_CHECKS, K8S_RULES } from "./rbac-rules";
import type { K8sBinding, K8sCluster, K8sSubject } from "./rbac-types";
import { subjectKey } from "./rbac-types";

/** Options of the Kubernetes analysis. */
export interface K8sAnalysisOptions {
  file?: string;
  /** Report findings from Kubernetes' own default bindings too (noise control off). */
  includeDefaults?: boolean;
  maxDepth?: number;
}

/** Bootstrap bindings (system:*, cluster-admin) are by design; they are noise unless asked for. */
export function isDefaultBinding(b: K8sBinding): boolean {
  return b.name.startsWith("system:") || b.name === "cluster-admin";
}

const ANONYMOUS = new Set([
  "Group:system:unauthenticated",
  "User:system:anonymous",
  "Group:system:authenticated",
]);

/** Analyses a cluster's RBAC: admin equivalence, risky permissions, escalation paths. */
export function analyzeKubernetesRbac(
  cluster: K8sCluster,
  options: K8sAnalysisOptions = {},
): { report: AccessReport; index: RbacIndex } {
  const file = options.file ?? "rbac.json";
  const index = new RbacIndex(cluster);
  const sasByNs = new Map<string, K8sSubject[]>();
  for (const s of index.subjects.values()) {
    if (s.kind !== "ServiceAccount") continue;
    const ns = s.namespace ?? "default";
    sasByNs.set(ns, [...(sasByNs.get(ns) ?? []), s]);
  }
  const podsSa = new Map<string, Set<string>>();
  if (cluster.pods.length > 0) {
    for (const p of cluster.pods)
      podsSa.set(p.namespace, (podsSa.get(p.namespace) ?? new Set()).add(p.serviceAccount));
    for (const ns of sasByNs.keys()) if (!podsSa.has(ns)) podsSa.set(ns, new Set());
  }
  const adminMemo = new Map<string, boolean>();
  const admin = (s: K8sSubject): boolean => {
    const k = subjectKey(s);
    let v = adminMemo.get(k);
    if (v === undefined) adminMemo.set(k, (v = isClusterAdmin(index, s)));
    return v;
  };
  const edgeMemo = new Map<string, K8sStep[]>();
  const edges = (s: K8sSubject): K8sStep[] => {
    const k = subjectKey(s);
    let e = edgeMemo.get(k);
    if (!e) edgeMemo.set(k, (e = k8sEdges(index, s, sasByNs, podsSa)));
    return e;
  };
  const principals: ReportPrincipal[] = [];
  const findings: Finding[] = [];
  for (const [key, s] of index.subjects) {
    const grants = index.grants.get(key) ?? [];
    const onlyDefaults = grants.length > 0 && grants.every((g) => isDefaultBinding(g.binding));
    const quiet = onlyDefaults && !options.includeDefaults;
    const sev = ANONYMOUS.has(key) ? ({ severity: "critical" } as const) : {};
    const isAdmin = admin(s);
    const escalations = isAdmin ? [] : search(s, admin, edges, index, options.maxDepth ?? 4);
    principals.push({
      id: key,
      type: s.kind,
      name: s.name,
      isAdmin,
      admin: isAdmin ? "yes" : "no",
      escalations,
    });
    if (quiet) continue;
    if (isAdmin)
      findings.push(
        makeFinding(K8S_RULES.admin, {
          resource: key,
          file,
          message: `bound via ${grants.map((g) => g.binding.name).join(", ")}`,
          ...sev,
        }),
      );
    for (const e of escalations) {
      findings.push(
        makeFinding(K8S_RULES.escalation, {
          resource: key,
          file,
          detailKey: e.pathId,
          message: e.steps.map((x) => x.explanation).join("; then "),
          ...(e.conditional ? { severity: "medium" as const } : sev),
        }),
      );
    }
    if (isAdmin) continue;
    for (const g of grants) {
      if (isDefaultBinding(g.binding) && !options.includeDefaults) continue;
      const where = g.scope === "*" ? "cluster-wide" : `namespace ${g.scope}`;
      for (const check of K8S_RISK_CHECKS) {
        if (!check.requests.some((q) => g.rules.some((r) => ruleCovers(r, q) === "full"))) continue;
        findings.push(
          makeFinding(check.meta, {
            resource: key,
            file,
            detailKey: `${g.binding.kind}/${g.binding.namespace ?? ""}/${g.binding.name}`,
            message: `${where} via ${g.binding.kind} ${g.binding.name} → ${g.role}`,
            ...sev,
          }),
        );
      }
      if (g.rules.some((r) => r.verbs.includes("*") || r.resources.includes("*"))) {
        findings.push(
          makeFinding(K8S_RULES.wildcard, {
            resource: key,
            file,
            detailKey: `${g.binding.name}|${g.role}`,
            message: `role ${g.role} uses wildcards (${where})`,
          }),
        );
      }
    }
  }
  return {
    report: { schemaVersion: 1, provider: "kubernetes", principals, findings, errors: [] },
    index,
  };
}

function search(
  start: K8sSubject,
  admin: (s: K8sSubject) => boolean,
  edges: (s: K8sSubject) => K8sStep[],
  index: RbacIndex,
  maxDepth: number,
): ReportEscalation[] {
  const parent = new Map<string, K8sStep | null>([[subjectKey(start), null]]);
  let frontier: K8sSubject[] = [start];
  let hit: K8sStep | undefined;
  for (let d = 0; d < maxDepth && frontier.length > 0 && !hit; d++) {
    const next: K8sSubject[] = [];
    for (const s of frontier) {
      for (const e of edges(s)) {
        if (parent.has(e.to)) continue;
        parent.set(e.to, e);
        const target = index.subjects.get(e.to);
        if (e.to === K8S_ADMIN_NODE || (target && admin(target))) {
          if (!hit || (hit.conditional && !e.conditional)) hit = e;
        } else if (target) next.push(target);
      }
    }
    frontier = next;
  }
  if (!hit) return [];
  const steps: K8sStep[] = [];
  for (let cur: K8sStep | null | undefined = hit; cur; cur = parent.get(cur.from))
    steps.unshift(cur);
  const conditional = steps.some((s) => s.conditional);
  const needsExistingResource = steps.some((s) => s.needsExistingResource);
  return [
    {
      pathId: steps.map((s) => s.technique).join(">"),
      outcome: "admin",
      conditional,
      needsExistingResource,
      steps: steps.map((s) => ({
        from: s.from,
        to: s.to,
        technique: s.technique,
        actions: [],
        explanation: s.explanation,
        conditional: s.conditional,
        needsExistingResource: s.needsExistingResource,
        statements: [],
      })),
    },
  ];
}
