import { readFileSync } from "node:fs";
import { join } from "node:path";
import { isAppError } from "@infrasec/core";
import { describe, expect, it } from "vitest";
import { analyzeKubernetesRbac } from "./rbac-analyzer";
import { RbacIndex, ruleCovers } from "./rbac-evaluator";
import { parseKubernetesRbac } from "./rbac-parser";

const TD = join(import.meta.dirname, "..", "testdata");
const cluster = parseKubernetesRbac([
  { file: "k8s-cluster.json", text: readFileSync(join(TD, "k8s-cluster.json"), "utf8") },
]);

describe("RBAC semantics", () => {
  it("matches verbs, groups, subresources and resourceNames exactly", () => {
    const rule = {
      verbs: ["get"],
      apiGroups: [""],
      resources: ["secrets"],
      resourceNames: ["one"],
      nonResourceURLs: [],
    };
    expect(ruleCovers(rule, { verb: "get", apiGroup: "", resource: "secrets", name: "one" })).toBe(
      "full",
    );
    expect(ruleCovers(rule, { verb: "get", apiGroup: "", resource: "secrets", name: "two" })).toBe(
      "none",
    );
    expect(ruleCovers(rule, { verb: "get", apiGroup: "", resource: "secrets" })).toBe("partial");
    expect(
      ruleCovers(rule, { verb: "get", apiGroup: "apps", resource: "secrets", name: "one" }),
    ).toBe("none");
    const pods = {
      verbs: ["create"],
      apiGroups: [""],
      resources: ["pods"],
      resourceNames: [],
      nonResourceURLs: [],
    };
    expect(
      ruleCovers(pods, { verb: "create", apiGroup: "", resource: "pods", subresource: "exec" }),
    ).toBe("none");
    const star = {
      verbs: ["get"],
      apiGroups: ["*"],
      resources: ["*/scale"],
      resourceNames: [],
      nonResourceURLs: [],
    };
    expect(
      ruleCovers(star, {
        verb: "get",
        apiGroup: "apps",
        resource: "deployments",
        subresource: "scale",
      }),
    ).toBe("full");
  });

  it("resolves aggregated ClusterRoles", () => {
    const index = new RbacIndex(cluster);
    expect(index.roles.get("ClusterRole:monitoring")?.rules).toHaveLength(1);
  });

  it("who-can answers with coverage and the binding", () => {
    const index = new RbacIndex(cluster);
    const r = index.whoCan({ verb: "get", apiGroup: "", resource: "secrets", namespace: "app" });
    const byKey = Object.fromEntries(
      r.map((x) => [`${x.subject.kind}:${x.subject.name}`, x.coverage]),
    );
    expect(byKey).toMatchObject({
      "User:reader": "partial",
      "Group:system:unauthenticated": "full",
      "ServiceAccount:deployer": "full",
    });
  });

  it("rejects a bad roleRef naming file and path", () => {
    const bad = JSON.stringify({
      kind: "List",
      items: [
        { kind: "RoleBinding", metadata: { name: "x" }, roleRef: { kind: "Pod", name: "y" } },
      ],
    });
    try {
      parseKubernetesRbac([{ file: "rb.json", text: bad }]);
      expect.unreachable();
    } catch (e) {
      expect(isAppError(e) && e.details[0]).toMatchObject({
        file: "rb.json",
        path: "$.items[0].roleRef.kind",
      });
    }
  });
});

describe("RBAC analysis", () => {
  const { report } = analyzeKubernetesRbac(cluster);
  const p = (id: string) => report.principals.find((x) => x.id === id);
  const rules = (id: string) =>
    report.findings
      .filter((f) => f.resource === id)
      .map((f) => f.ruleId)
      .sort();

  it("finds cluster-admin equivalence", () => {
    expect(p("ServiceAccount:app/deployer")?.isAdmin).toBe(true);
  });

  it("pod creation in a namespace leads to its admin service account", () => {
    expect(p("User:dev")?.escalations.map((e) => e.pathId)).toEqual(["k8s-pod-create"]);
    expect(p("User:dev")?.escalations[0]?.steps[0]?.to).toBe("ServiceAccount:app/deployer");
  });

  it("impersonation is admin", () => {
    expect(p("User:imp")?.escalations.map((e) => e.pathId)).toEqual(["k8s-impersonate"]);
    expect(rules("User:imp")).toContain("K8S-IMP-001");
  });

  it("exec only reaches service accounts of running pods", () => {
    expect(p("User:ops")?.escalations).toEqual([]);
    expect(rules("User:ops")).toContain("K8S-EXEC-001");
  });

  it("reports anonymous access as critical", () => {
    const f = report.findings.find(
      (x) => x.resource === "Group:system:unauthenticated" && x.ruleId === "K8S-SECRETS-001",
    );
    expect(f?.severity).toBe("critical");
  });

  it("keeps default system bindings quiet unless asked", () => {
    expect(rules("ServiceAccount:kube-system/thing")).toEqual([]);
    const loud = analyzeKubernetesRbac(cluster, { includeDefaults: true }).report;
    expect(loud.findings.some((f) => f.resource === "ServiceAccount:kube-system/thing")).toBe(true);
  });

  it("does not flag a resourceNames-restricted reader as reading all secrets", () => {
    expect(rules("User:reader")).toEqual([]);
  });
});
