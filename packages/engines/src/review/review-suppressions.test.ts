import { describe, expect, it } from "vitest";
import { toJsonReport, toSarif } from "../report/index";
import { review } from "./index";

const today = "2026-11-25";

/** A Helm-rendered manifest: two templates, the second with a privileged container. */
const HELM = `---
# Source: chart/templates/sa.yaml
apiVersion: v1
kind: ServiceAccount
metadata:
  name: app
---
# Source: chart/templates/deploy.yaml
apiVersion: apps/v1
kind: Deployment
metadata:
  name: app
  namespace: web
spec:
  template:
    spec:
      containers:
        - name: app
          image: nginx@sha256:0000000000000000000000000000000000000000000000000000000000000000
          securityContext:
            # infrasec:ignore K8S-PSS-005 reason="vendor agent needs it" until=2027-01-31 owner=platform
            privileged: true
`;

function findingsOf(files: Record<string, string>, day = today) {
  return review({ files }, { today: day });
}

describe("suppressions in Helm-rendered output", () => {
  it("match in the rendered document and the finding is reported at the template", () => {
    const r = findingsOf({ "rendered/all.yaml": HELM });
    const priv = r.findings.find((f) => f.ruleId === "K8S-PSS-005");
    expect(priv).toMatchObject({
      status: "suppressed",
      suppression: { reason: "vendor agent needs it", until: "2027-01-31", owner: "platform" },
      location: { file: "chart/templates/deploy.yaml" },
    });
    expect(priv!.message).toMatch(/rendered at rendered\/all\.yaml:22/);
    // Other findings of the document stay open and are mapped too.
    const open = r.findings.filter((f) => f.status === "new");
    expect(open.length).toBeGreaterThan(0);
    expect(open.every((f) => f.location.file.startsWith("chart/templates/"))).toBe(true);
    expect(toJsonReport(r).suppressions).toEqual([
      expect.objectContaining({ state: "active", rules: ["K8S-PSS-005"], line: 21, matched: 1 }),
    ]);
  });

  it("a comment in one rendered document does not reach the next one", () => {
    const r = findingsOf({
      "rendered/all.yaml": HELM.replace(
        "kind: ServiceAccount",
        'kind: ServiceAccount\n# infrasec:ignore K8S-PSS-005 reason="wrong document"',
      ),
    });
    const rep = toJsonReport(r);
    expect(rep.suppressions?.find((s) => s.reason === "wrong document")).toMatchObject({
      state: "stale",
      matched: 0,
    });
  });
});

describe("Kubernetes annotation suppressions", () => {
  const pod = (annotation: string) => `apiVersion: v1
kind: Pod
metadata:
  name: api
  namespace: web
  annotations:
    infrasec.io/ignore: ${annotation}
spec:
  hostNetwork: true
  containers:
    - name: api
      image: nginx:1.25
      securityContext:
        privileged: true
---
apiVersion: v1
kind: Pod
metadata:
  name: other
  namespace: web
spec:
  containers:
    - name: other
      image: nginx:1.25
      securityContext:
        privileged: true
`;

  it("suppress the findings of the annotated object only, several separated by ;", () => {
    const r = findingsOf({
      "k8s/pods.yaml": pod(
        `"K8S-PSS-005 reason=\\"agent\\" until=2026-12-31; K8S-PSS-002 reason='host networking CNI'"`,
      ),
    });
    const of = (resource: string, rule: string) =>
      r.findings.find((f) => f.resource === resource && f.ruleId === rule);
    expect(of("Pod/web/api", "K8S-PSS-005")).toMatchObject({
      status: "suppressed",
      suppression: { reason: "agent", until: "2026-12-31" },
    });
    expect(of("Pod/web/api", "K8S-PSS-002")).toMatchObject({
      status: "suppressed",
      suppression: { reason: "host networking CNI" },
    });
    expect(of("Pod/web/other", "K8S-PSS-005")).toMatchObject({ status: "new" });
    // Origin: the `annotations:` line of the object.
    expect(toJsonReport(r).suppressions?.map((s) => [s.rules[0], s.state, s.line])).toEqual([
      ["K8S-PSS-005", "active", 6],
      ["K8S-PSS-002", "active", 6],
    ]);
  });

  it("honour expiry and require a reason", () => {
    const expired = findingsOf(
      { "k8s/pods.yaml": pod('"K8S-PSS-005 reason=agent until=2026-01-01"') },
      today,
    );
    expect(
      expired.findings.find((f) => f.resource === "Pod/web/api" && f.ruleId === "K8S-PSS-005"),
    ).toMatchObject({ status: "new" });
    expect(toJsonReport(expired).suppressions).toEqual([
      expect.objectContaining({ state: "expired", until: "2026-01-01", matched: 0 }),
    ]);
    const noReason = findingsOf({ "k8s/pods.yaml": pod('"K8S-PSS-005"') });
    expect(noReason.errors).toEqual([
      expect.objectContaining({ file: "k8s/pods.yaml", message: expect.stringMatching(/reason/) }),
    ]);
    expect(noReason.suppressionReport.invalid.length).toBe(1);
  });
});

describe("stale and expired suppressions in the reports", () => {
  const files = {
    Dockerfile: [
      '# infrasec:ignore DOCKER-NOPE-001 reason="left over"',
      '# infrasec:ignore DOCKER-USER-001 reason="old waiver" until=2025-06-30 owner=bob',
      "FROM alpine:3.20",
      "RUN echo hi",
      "",
    ].join("\n"),
  };

  it("the JSON report lists them with state, and the mode", () => {
    const rep = toJsonReport(findingsOf(files));
    expect(rep.mode).toBe("full");
    expect(rep.suppressions).toEqual([
      {
        state: "stale",
        source: "infrasec",
        rules: ["DOCKER-NOPE-001"],
        reason: "left over",
        file: "Dockerfile",
        line: 1,
        matched: 0,
      },
      {
        state: "expired",
        source: "infrasec",
        rules: ["DOCKER-USER-001"],
        reason: "old waiver",
        until: "2025-06-30",
        owner: "bob",
        file: "Dockerfile",
        line: 2,
        matched: 0,
      },
    ]);
    const baseline = findingsOf(files).findings;
    expect(toJsonReport(review({ files }, { today, baseline })).mode).toBe("change");
  });

  it("SARIF records them as warnings of the invocation", () => {
    const sarif = toSarif(findingsOf(files)) as {
      runs: { invocations: { toolExecutionNotifications: Record<string, unknown>[] }[] }[];
    };
    const notes = sarif.runs[0]!.invocations[0]!.toolExecutionNotifications;
    expect(notes).toEqual([
      expect.objectContaining({
        level: "warning",
        message: { text: expect.stringMatching(/^stale suppression of DOCKER-NOPE-001/) },
        locations: [
          { physicalLocation: { artifactLocation: expect.anything(), region: { startLine: 1 } } },
        ],
      }),
      expect.objectContaining({
        level: "warning",
        message: { text: expect.stringMatching(/^expired suppression of DOCKER-USER-001/) },
        associatedRule: { id: "DOCKER-USER-001" },
        properties: expect.objectContaining({ suppressionState: "expired", owner: "bob" }),
      }),
    ]);
  });
});
