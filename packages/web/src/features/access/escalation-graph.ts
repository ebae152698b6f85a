/**
 * Escalation paths of one principal as a drawable graph: nodes are identities (users, roles,
 * groups, service accounts, services) plus one "admin" goal node; edges are the steps, labelled
 * with their technique. Pure (no React, no DOM) so the layout is unit-tested; the SVG component
 * only draws what this returns.
 */

/** A step as the API returns it (the engine's stable report shape). */
export interface GraphStep {
  from: string;
  to: string;
  technique: string;
  actions: readonly string[];
  explanation: string;
  conditional: boolean;
  needsExistingResource?: boolean;
}

export interface GraphPath {
  pathId: string;
  outcome: "admin" | "lateral";
  steps: readonly GraphStep[];
}

export type NodeKind = "user" | "role" | "group" | "service_account" | "service" | "other" | "goal";

export interface GraphNode {
  id: string;
  label: string;
  kind: NodeKind;
  /** The principal whose paths these are. */
  start: boolean;
  layer: number;
  x: number;
  y: number;
}

export interface GraphEdge {
  key: string;
  from: string;
  to: string;
  technique: string;
  actions: string[];
  explanations: string[];
  pathIds: string[];
  /** Dashed: every step merged into this edge depends on a condition or an existing resource. */
  conditional: boolean;
  needsExistingResource: boolean;
  /** SVG path data and the label's anchor. */
  d: string;
  labelX: number;
  labelY: number;
}

export interface EscalationGraph {
  nodes: GraphNode[];
  edges: GraphEdge[];
  width: number;
  height: number;
}

/** Id of the goal node every admin path ends on (not a valid ARN or subject, so no clash). */
export const ADMIN_NODE = "(admin)";

export const NODE_W = 180;
export const NODE_H = 40;
const GAP_X = 120;
const GAP_Y = 36;
const PAD = 24;
/** Room above the first row for loops and back edges. */
const TOP = 48;

/** The kind of identity an id names, from its shape (AWS ARN, Kubernetes subject, GCP member). */
export function nodeKind(id: string): NodeKind {
  if (id === ADMIN_NODE) return "goal";
  if (/^arn:aws[\w-]*:iam::[^:]*:user\//.test(id)) return "user";
  if (/^arn:aws[\w-]*:(iam|sts)::[^:]*:(role|assumed-role)\//.test(id)) return "role";
  if (/^arn:aws[\w-]*:iam::[^:]*:group\//.test(id)) return "group";
  if (/^system:serviceaccount:|^serviceaccount:|^serviceAccount:/i.test(id))
    return "service_account";
  if (/\.amazonaws\.com$|^service:/.test(id)) return "service";
  if (/^(user|User):/.test(id)) return "user";
  if (/^(group|Group):/.test(id)) return "group";
  return "other";
}

/** A short label: `role/ops` for an ARN, `ns/name` for a Kubernetes service account. */
export function nodeLabel(id: string, max = 24): string {
  if (id === ADMIN_NODE) return "Admin-equivalent";
  let label = id;
  const arn = /^arn:aws[\w-]*:[\w-]+::[^:]*:(.+)$/.exec(id);
  const k8sSa = /^system:serviceaccount:([^:]+):(.+)$/.exec(id);
  const member = /^(?:user|group|serviceAccount|User|Group|ServiceAccount):(.+)$/.exec(id);
  if (arn?.[1]) label = arn[1];
  else if (k8sSa) label = `${k8sSa[1]}/${k8sSa[2]}`;
  else if (member?.[1]) label = member[1].replace(/\.iam\.gserviceaccount\.com$/, "");
  return label.length > max ? `${label.slice(0, max - 1)}…` : label;
}

/**
 * Merges the paths into nodes and edges. The last step of an admin path points at the goal node
 * (its explanation still names the identity that gains the rights), which also turns the
 * self-escalations of single-step paths (alice attaches a policy to alice) into readable edges.
 */
export function graphOf(
  startId: string,
  paths: readonly GraphPath[],
): {
  nodes: Omit<GraphNode, "layer" | "x" | "y">[];
  edges: Omit<GraphEdge, "d" | "labelX" | "labelY">[];
} {
  const nodeIds: string[] = [startId];
  const seen = new Set(nodeIds);
  const addNode = (id: string) => {
    if (!seen.has(id)) {
      seen.add(id);
      nodeIds.push(id);
    }
  };
  const edges = new Map<string, Omit<GraphEdge, "d" | "labelX" | "labelY">>();
  for (const path of paths) {
    path.steps.forEach((step, i) => {
      const last = i === path.steps.length - 1;
      const to = last && path.outcome === "admin" ? ADMIN_NODE : step.to;
      addNode(step.from);
      addNode(to);
      const key = `${step.from}\u0000${to}\u0000${step.technique}`;
      const dashed = step.conditional || !!step.needsExistingResource;
      const edge = edges.get(key);
      if (!edge) {
        edges.set(key, {
          key,
          from: step.from,
          to,
          technique: step.technique,
          actions: [...step.actions],
          explanations: [step.explanation],
          pathIds: [path.pathId],
          conditional: dashed,
          needsExistingResource: !!step.needsExistingResource,
        });
        return;
      }
      for (const a of step.actions) if (!edge.actions.includes(a)) edge.actions.push(a);
      if (!edge.explanations.includes(step.explanation)) edge.explanations.push(step.explanation);
      if (!edge.pathIds.includes(path.pathId)) edge.pathIds.push(path.pathId);
      // One unconditional way across is enough for the edge to be solid.
      edge.conditional &&= dashed;
      edge.needsExistingResource &&= !!step.needsExistingResource;
    });
  }
  // The goal node goes last so it is drawn at the right end.
  const ordered = nodeIds.filter((id) => id !== ADMIN_NODE);
  if (seen.has(ADMIN_NODE)) ordered.push(ADMIN_NODE);
  return {
    nodes: ordered.map((id) => ({
      id,
      label: nodeLabel(id),
      kind: nodeKind(id),
      start: id === startId,
    })),
    edges: [...edges.values()],
  };
}

/** Breadth-first distance from the start; unreachable nodes go after it; the goal goes last. */
function layersOf(
  startId: string,
  ids: readonly string[],
  edges: readonly { from: string; to: string }[],
) {
  const layer = new Map<string, number>([[startId, 0]]);
  const queue = [startId];
  while (queue.length > 0) {
    const id = queue.shift() as string;
    const next = (layer.get(id) ?? 0) + 1;
    for (const e of edges) {
      if (e.from !== id || layer.has(e.to) || e.to === ADMIN_NODE) continue;
      layer.set(e.to, next);
      queue.push(e.to);
    }
  }
  for (const id of ids) if (!layer.has(id) && id !== ADMIN_NODE) layer.set(id, 1);
  const max = Math.max(0, ...[...layer.values()]);
  if (ids.includes(ADMIN_NODE)) layer.set(ADMIN_NODE, max + 1);
  return layer;
}

const nodeX = (layer: number) => PAD + layer * (NODE_W + GAP_X);

/** Lays the graph out left to right by distance from the principal and routes the edges. */
export function layoutEscalationGraph(
  startId: string,
  paths: readonly GraphPath[],
): EscalationGraph {
  const { nodes: raw, edges: rawEdges } = graphOf(startId, paths);
  const layer = layersOf(
    startId,
    raw.map((n) => n.id),
    rawEdges,
  );
  const byLayer = new Map<number, string[]>();
  for (const n of raw) {
    const l = layer.get(n.id) ?? 0;
    byLayer.set(l, [...(byLayer.get(l) ?? []), n.id]);
  }
  const rows = Math.max(1, ...[...byLayer.values()].map((ids) => ids.length));
  const columnHeight = (count: number) => count * NODE_H + (count - 1) * GAP_Y;
  const fullHeight = columnHeight(rows);
  const pos = new Map<string, { x: number; y: number }>();
  for (const [l, ids] of byLayer) {
    // Columns with fewer nodes are centred against the tallest one.
    const offset = (fullHeight - columnHeight(ids.length)) / 2;
    ids.forEach((id, row) => {
      pos.set(id, { x: nodeX(l), y: TOP + offset + row * (NODE_H + GAP_Y) });
    });
  }
  const nodes: GraphNode[] = raw.map((n) => {
    const p = pos.get(n.id) ?? { x: 0, y: 0 };
    return { ...n, layer: layer.get(n.id) ?? 0, x: p.x, y: p.y };
  });
  // Parallel edges between the same two nodes (different techniques) fan out.
  const pairCount = new Map<string, number>();
  const edges: GraphEdge[] = rawEdges.map((e) => {
    const pair = `${e.from}\u0000${e.to}`;
    const index = pairCount.get(pair) ?? 0;
    pairCount.set(pair, index + 1);
    return { ...e, ...routeEdge(pos.get(e.from), pos.get(e.to), index) };
  });
  const maxLayer = Math.max(0, ...nodes.map((n) => n.layer));
  return {
    nodes,
    edges,
    width: nodeX(maxLayer) + NODE_W + PAD,
    height: TOP + fullHeight + PAD + 24,
  };
}

const r = (n: number) => Math.round(n * 10) / 10;

/**
 * Forward edges are curves from the right side of one node to the left side of the next; edges
 * within a column or back to an earlier column arc over the top; a self edge is a loop above.
 */
export function routeEdge(
  from: { x: number; y: number } | undefined,
  to: { x: number; y: number } | undefined,
  index = 0,
): { d: string; labelX: number; labelY: number } {
  if (!from || !to) return { d: "", labelX: 0, labelY: 0 };
  const spread = index * 14;
  if (from.x === to.x && from.y === to.y) {
    const x1 = from.x + NODE_W * 0.35;
    const x2 = from.x + NODE_W * 0.65;
    const top = from.y - 34 - spread;
    return {
      d: `M ${r(x1)} ${r(from.y)} C ${r(x1)} ${r(top)}, ${r(x2)} ${r(top)}, ${r(x2)} ${r(from.y)}`,
      labelX: r(from.x + NODE_W / 2),
      labelY: r(top - 2),
    };
  }
  if (to.x > from.x) {
    const x1 = from.x + NODE_W;
    const y1 = from.y + NODE_H / 2 + spread;
    const x2 = to.x;
    const y2 = to.y + NODE_H / 2 + spread;
    const mid = (x1 + x2) / 2;
    return {
      d: `M ${r(x1)} ${r(y1)} C ${r(mid)} ${r(y1)}, ${r(mid)} ${r(y2)}, ${r(x2)} ${r(y2)}`,
      labelX: r(mid),
      labelY: r((y1 + y2) / 2 - 6),
    };
  }
  // Back or same-column edge: leave from the top, arc above both nodes, enter from the top.
  const x1 = from.x + NODE_W / 2 + spread;
  const x2 = to.x + NODE_W / 2 + spread;
  const top = Math.min(from.y, to.y) - 40 - spread;
  return {
    d: `M ${r(x1)} ${r(from.y)} C ${r(x1)} ${r(top)}, ${r(x2)} ${r(top)}, ${r(x2)} ${r(to.y)}`,
    labelX: r((x1 + x2) / 2),
    labelY: r(top + 8),
  };
}

/** One line per step for the accessible list under the graph. */
export function stepSentence(step: GraphStep): string {
  const flags = [
    step.conditional ? "conditional" : null,
    step.needsExistingResource ? "needs an existing resource" : null,
  ].filter(Boolean);
  const actions = step.actions.length > 0 ? ` using ${step.actions.join(", ")}` : "";
  return `${nodeLabel(step.from, 80)} → ${nodeLabel(step.to, 80)}: ${step.technique}${actions}${
    flags.length > 0 ? ` (${flags.join(", ")})` : ""
  }`;
}
