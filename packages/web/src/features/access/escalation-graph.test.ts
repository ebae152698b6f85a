import { describe, expect, it } from "vitest";
import {
  ADMIN_NODE,
  NODE_W,
  graphOf,
  layoutEscalationGraph,
  nodeKind,
  nodeLabel,
  routeEdge,
  stepSentence,
} from "./escalation-graph";
import type { GraphPath, GraphStep } from "./escalation-graph";

const ACCOUNT = "111111111111";
const user = (n: string) => `arn:aws:iam::${ACCOUNT}:user/${n}`;
const role = (n: string) => `arn:aws:iam::${ACCOUNT}:role/${n}`;

function step(from: string, to: string, technique: string, extra: Partial<GraphStep> = {}) {
  return {
    from,
    to,
    technique,
    actions: [`iam:${technique}`],
    explanation: `${from} ${technique} ${to}`,
    conditional: false,
    needsExistingResource: false,
    ...extra,
  };
}

// The engine's own output for bob: assume ops, then ops writes an admin policy on bob.
const BOB: GraphPath = {
  pathId: "sts-001>iam-007",
  outcome: "admin",
  steps: [step(user("bob"), role("ops"), "sts-001"), step(role("ops"), user("bob"), "iam-007")],
};

describe("escalation graph", () => {
  it("names identities by kind and with short labels", () => {
    expect(nodeKind(user("alice"))).toBe("user");
    expect(nodeKind(role("ops"))).toBe("role");
    expect(nodeKind(`arn:aws:iam::${ACCOUNT}:group/devs`)).toBe("group");
    expect(nodeKind("system:serviceaccount:kube-system:deployer")).toBe("service_account");
    expect(nodeKind("serviceAccount:ci@proj.iam.gserviceaccount.com")).toBe("service_account");
    expect(nodeKind("lambda.amazonaws.com")).toBe("service");
    expect(nodeKind(ADMIN_NODE)).toBe("goal");
    expect(nodeLabel(role("ops"))).toBe("role/ops");
    expect(nodeLabel("system:serviceaccount:kube-system:deployer")).toBe("kube-system/deployer");
    expect(nodeLabel("serviceAccount:ci@proj.iam.gserviceaccount.com")).toBe("ci@proj");
    expect(nodeLabel(user("a-very-long-user-name-for-the-label"))).toHaveLength(24);
    expect(nodeLabel(ADMIN_NODE)).toBe("Admin-equivalent");
  });

  it("ends admin paths on the goal node, so a self-escalation is an edge and not a loop", () => {
    const alice: GraphPath = {
      pathId: "iam-008",
      outcome: "admin",
      steps: [step(user("alice"), user("alice"), "iam-008")],
    };
    const g = graphOf(user("alice"), [alice]);
    expect(g.nodes.map((n) => n.id)).toEqual([user("alice"), ADMIN_NODE]);
    expect(g.nodes[0]?.start).toBe(true);
    expect(g.edges).toHaveLength(1);
    expect(g.edges[0]).toMatchObject({ from: user("alice"), to: ADMIN_NODE, technique: "iam-008" });
  });

  it("keeps a lateral path's last step on the identity it reaches", () => {
    const lateral: GraphPath = {
      pathId: "sts-001",
      outcome: "lateral",
      steps: [step(user("bob"), role("ops"), "sts-001")],
    };
    const g = graphOf(user("bob"), [lateral]);
    expect(g.nodes.map((n) => n.id)).toEqual([user("bob"), role("ops")]);
    expect(g.edges[0]?.to).toBe(role("ops"));
  });

  it("merges steps shared by several paths and keeps an edge solid when one way is unconditional", () => {
    const viaCondition: GraphPath = {
      pathId: "sts-001>iam-001",
      outcome: "admin",
      steps: [
        step(user("bob"), role("ops"), "sts-001", {
          conditional: true,
          actions: ["sts:TagSession"],
        }),
        step(role("ops"), user("bob"), "iam-001"),
      ],
    };
    const g = graphOf(user("bob"), [BOB, viaCondition]);
    const assume = g.edges.find((e) => e.technique === "sts-001");
    expect(assume?.pathIds).toEqual(["sts-001>iam-007", "sts-001>iam-001"]);
    expect(assume?.actions).toEqual(["iam:sts-001", "sts:TagSession"]);
    expect(assume?.conditional).toBe(false);
    // Two different techniques from ops to the goal stay two edges.
    expect(g.edges.filter((e) => e.to === ADMIN_NODE).map((e) => e.technique)).toEqual([
      "iam-007",
      "iam-001",
    ]);
  });

  it("dashes an edge when every step on it is conditional or needs an existing resource", () => {
    const path: GraphPath = {
      pathId: "lambda-003",
      outcome: "admin",
      steps: [step(user("dev"), role("fn"), "lambda-003", { needsExistingResource: true })],
    };
    const g = graphOf(user("dev"), [path]);
    expect(g.edges[0]).toMatchObject({ conditional: true, needsExistingResource: true });
  });

  it("lays nodes out left to right by distance with the goal in the last column", () => {
    const g = layoutEscalationGraph(user("bob"), [BOB]);
    const at = (id: string) => g.nodes.find((n) => n.id === id);
    expect(at(user("bob"))?.layer).toBe(0);
    expect(at(role("ops"))?.layer).toBe(1);
    expect(at(ADMIN_NODE)?.layer).toBe(2);
    expect(at(user("bob"))!.x).toBeLessThan(at(role("ops"))!.x);
    expect(at(role("ops"))!.x).toBeLessThan(at(ADMIN_NODE)!.x);
    expect(g.width).toBeGreaterThanOrEqual(at(ADMIN_NODE)!.x + NODE_W);
    for (const e of g.edges) expect(e.d).toMatch(/^M [\d.]+ [\d.]+ C /);
  });

  it("stacks several next hops in one column without overlap and centres shorter columns", () => {
    const paths: GraphPath[] = ["a", "b", "c"].map((n) => ({
      pathId: `sts-001:${n}`,
      outcome: "admin",
      steps: [step(user("bob"), role(n), "sts-001"), step(role(n), role(n), "iam-005")],
    }));
    const g = layoutEscalationGraph(user("bob"), paths);
    const hops = g.nodes.filter((n) => n.layer === 1).map((n) => n.y);
    expect(hops).toHaveLength(3);
    expect(new Set(hops).size).toBe(3);
    const start = g.nodes.find((n) => n.start)!;
    expect(start.y).toBe(hops[1]);
    expect(g.height).toBeGreaterThan(Math.max(...hops));
  });

  it("routes back edges and self loops above the nodes", () => {
    const back = routeEdge({ x: 400, y: 100 }, { x: 100, y: 100 });
    expect(back.labelY).toBeLessThan(100);
    const loop = routeEdge({ x: 100, y: 100 }, { x: 100, y: 100 });
    expect(loop.labelY).toBeLessThan(100);
    expect(routeEdge(undefined, { x: 1, y: 1 }).d).toBe("");
  });

  it("describes a step in one sentence for the list fallback", () => {
    expect(stepSentence(step(user("bob"), role("ops"), "sts-001", { conditional: true }))).toBe(
      "user/bob → role/ops: sts-001 using iam:sts-001 (conditional)",
    );
  });
});
