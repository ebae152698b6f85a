import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { parseKubernetesManifest, scanKubernetesFile } from "./index";
import { parseAttributePath } from "./k8s-path";

const here = dirname(fileURLToPath(import.meta.url));
const fixture = (name: string): string => readFileSync(join(here, "testdata", name), "utf8");

const PRIVILEGED = `apiVersion: v1
kind: Pod
metadata:
  name: p
spec:
  containers:
    - name: sidecar
      image: envoy:1.30
    - name: nginx
      image: nginx:1.25
      securityContext:
        privileged: true
`;

const find = (content: string, id: string, path = "m.yaml") =>
  scanKubernetesFile(path, content).findings.filter((f) => f.ruleId === id);

describe("kubernetes parsing", () => {
  it("reads multi-document YAML and skips non-objects", () => {
    const r = parseKubernetesManifest(
      "m.yaml",
      `${PRIVILEGED}---\n# only a comment\n---\nfoo: bar\n---\n${PRIVILEGED.replace("name: p", "name: q")}`,
    );
    expect(r.objects.map((o) => o.resource)).toEqual(["Pod/default/p", "Pod/default/q"]);
    expect(r.objects[1]?.docIndex).toBe(3);
    expect(r.objects[1]?.startLine).toBe(18);
  });

  it("expands List kinds from JSON and finds pod specs per kind", () => {
    const r = scanKubernetesFile("list.json", fixture("pod-list.json"));
    expect(r.errors).toEqual([]);
    expect(r.subjects).toBe(2);
    const hostPid = r.findings.find((f) => f.ruleId === "K8S-PSS-003");
    expect(hostPid).toMatchObject({
      resource: "Pod/apps/one",
      attributePath: "spec.hostPID",
      location: { startLine: 9 },
    });
    const priv = r.findings.find((f) => f.ruleId === "K8S-PSS-005");
    expect(priv?.resource).toBe("CronJob/apps/nightly");
    expect(priv?.attributePath).toBe(
      "spec.jobTemplate.spec.template.spec.initContainers[init].securityContext.privileged",
    );
    expect(priv?.location.startLine).toBe(20);
  });

  it("names cluster-scoped resources without a namespace", () => {
    const r = parseKubernetesManifest(
      "r.yaml",
      "apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\nmetadata:\n  name: admin2\n",
    );
    expect(r.objects[0]?.resource).toBe("ClusterRole/admin2");
  });

  it("points at the offending field, not only the object", () => {
    const [f] = find(PRIVILEGED, "K8S-PSS-005");
    expect(f?.attributePath).toBe("spec.containers[nginx].securityContext.privileged");
    expect(f?.location).toEqual({ file: "m.yaml", startLine: 12, endLine: 12 });
  });

  it("falls back to the nearest existing parent for an absent field", () => {
    const [f] = find(PRIVILEGED, "K8S-PSS-015").filter((x) =>
      x.attributePath?.includes("[sidecar]"),
    );
    expect(f?.location.startLine).toBe(7);
  });

  it("maps Helm-rendered documents back to their template", () => {
    const r = scanKubernetesFile("rendered.yaml", fixture("helm-rendered.yaml"));
    const f = r.findings.find((x) => x.ruleId === "K8S-PSS-005");
    expect(f?.location.file).toBe("shop/templates/deployment.yaml");
    expect(f?.location.startLine).toBe(13);
    expect(f?.message).toContain("rendered at rendered.yaml:22");
    const off = scanKubernetesFile("rendered.yaml", fixture("helm-rendered.yaml"), {
      helmSourceMapping: false,
    });
    expect(off.findings.find((x) => x.ruleId === "K8S-PSS-005")?.location).toMatchObject({
      file: "rendered.yaml",
      startLine: 22,
    });
  });

  it("keeps fingerprints across line shifts, file moves and container reordering", () => {
    const a = find(PRIVILEGED, "K8S-PSS-005", "a.yaml")[0];
    const shifted = `# header\n\n\n\n${PRIVILEGED.replace("    - name: sidecar\n      image: envoy:1.30\n", "")}    - name: sidecar\n      image: envoy:1.30\n`;
    const b = find(shifted, "K8S-PSS-005", "moved/b.yaml")[0];
    expect(b?.location.startLine).not.toBe(a?.location.startLine);
    expect(b?.fingerprint).toBe(a?.fingerprint);
    expect(a?.fingerprint).toBe(
      "Pod/default/p|K8S-PSS-005|spec.containers[nginx].securityContext.privileged",
    );
  });

  it("reports syntax errors with their line and still scans other documents", () => {
    const r = scanKubernetesFile("m.yaml", `${PRIVILEGED}---\nkind: Pod\nmetadata: {name: [\n`);
    expect(r.errors[0]).toMatchObject({ file: "m.yaml" });
    expect(r.errors[0]?.line).toBeGreaterThanOrEqual(14);
    expect(r.findings.some((f) => f.ruleId === "K8S-PSS-005")).toBe(true);
  });

  it("refuses alias bombs", () => {
    const levels = ["a: &a [x, x, x, x, x, x, x, x, x]"];
    for (let i = 1; i < 8; i++)
      levels.push(
        `l${i}: &l${i} [${Array(9)
          .fill(i === 1 ? "*a" : `*l${i - 1}`)
          .join(", ")}]`,
      );
    const r = scanKubernetesFile("bomb.yaml", `kind: Pod\n${levels.join("\n")}\n`);
    expect(r.findings).toEqual([]);
    expect(r.errors[0]?.message).toMatch(/alias/i);
  });

  it("refuses deeply nested input without overflowing the stack", () => {
    const r = scanKubernetesFile("deep.json", `${"[".repeat(100_000)}${"]".repeat(100_000)}`);
    expect(r.errors[0]?.message).toMatch(/nesting deeper/);
  });

  it("refuses binary and oversized files", () => {
    expect(scanKubernetesFile("b.yaml", "kind: Pod\u0000").errors[0]?.message).toMatch(/binary/);
    const big = scanKubernetesFile("big.yaml", "a", {
      limits: { maxBytes: 0, maxAliasCount: 10, maxDepth: 10 },
    });
    expect(big.errors[0]?.message).toMatch(/exceeds/);
  });
});

describe("malformed objects", () => {
  it.each([
    "kind: Pod\nspec: 5\n",
    "kind: Pod\nspec:\n  containers: [1, null, {securityContext: []}]\n",
    "kind: Deployment\nspec:\n  template: {spec: {containers: [{name: 5, image: 7, ports: 3, env: {a: 1}, resources: []}], volumes: {x: 1}, securityContext: {sysctls: 3}}}\n",
    "kind: ClusterRole\nrules: [null, {verbs: 3, resources: {}}]\n",
    "kind: RoleBinding\nsubjects: {a: 1}\nroleRef: []\n",
    "kind: Ingress\nmetadata: {annotations: [1]}\nspec: {tls: 5}\n",
    "kind: List\nitems: [1, {kind: Pod}, null]\n",
    "kind: CronJob\nspec: {jobTemplate: null}\n",
    "- a\n- b\n",
    "",
  ])("does not throw on %j", (content) => {
    expect(() => scanKubernetesFile("w.yaml", content)).not.toThrow();
  });
});

describe("attribute paths", () => {
  it("parses names, indices and quoted keys", () => {
    expect(parseAttributePath('spec.containers[nginx].ports[0].x["a.b/c"]')).toEqual([
      { key: "spec" },
      { key: "containers" },
      { name: "nginx" },
      { key: "ports" },
      { index: 0 },
      { key: "x" },
      { key: "a.b/c" },
    ]);
  });
});
