import type { ResolvedPrincipal } from "./access-model";
import type { AccessEdgeBuilder } from "./escalation-edges";
import type { EscalationPath, EscalationStep } from "./escalation-types";
import { COMBINED_PATH_IDS } from "./escalation-techniques";
import type { ModifyStepFinder } from "./modify-steps";

/**
 * What the search needs of a model: principals by ARN. One account's `AwsAccessModel`, or several
 * accounts joined for cross-account paths (cross-account.ts).
 */
export interface EscalationModel {
  readonly byArn: ReadonlyMap<string, ResolvedPrincipal>;
  readonly principals: readonly ResolvedPrincipal[];
}
/** One-step access edges out of a principal. */
export type EscalationEdges = Pick<AccessEdgeBuilder, "edges">;
/** Admin verdicts and permission rewrites. */
export type EscalationModify = Pick<ModifyStepFinder, "admin" | "canModifyAnything" | "steps">;

/** Bounds that keep the search interactive on large accounts. */
export interface SearchLimits {
  maxDepth: number;
  maxVisited: number;
  maxLateral: number;
}

export const DEFAULT_SEARCH_LIMITS: SearchLimits = {
  maxDepth: 6,
  maxVisited: 5_000,
  maxLateral: 10,
};

function pathOf(steps: readonly EscalationStep[], outcome: "admin" | "lateral"): EscalationPath {
  const ids = steps.map((s) => s.pathfindingId ?? s.techniqueId);
  const combined = ids.length === 2 ? COMBINED_PATH_IDS[`${ids[0]}+${ids[1]}`] : undefined;
  return {
    pathId: combined ?? ids.join(">"),
    outcome,
    steps,
    conditional: steps.some((s) => s.verdict === "conditional"),
    needsExistingResource: steps.some((s) => s.needsExistingResource),
  };
}

function better(a: EscalationPath, b: EscalationPath | undefined): boolean {
  if (!b) return true;
  const rank = (p: EscalationPath): number =>
    (p.conditional ? 2 : 0) + (p.needsExistingResource ? 1 : 0);
  return rank(a) < rank(b) || (rank(a) === rank(b) && a.steps.length < b.steps.length);
}

/**
 * Multi-hop escalation search from one principal: breadth-first over access edges (becoming other
 * principals), then, over every principal the attacker controls, permission rewrites that turn one
 * of them into an admin. A path is admin when it reaches an admin-equivalent principal or makes one.
 */
export function searchEscalations(
  model: EscalationModel,
  start: ResolvedPrincipal,
  edges: EscalationEdges,
  modify: EscalationModify,
  limits: SearchLimits = DEFAULT_SEARCH_LIMITS,
  canReachGoal?: ReadonlySet<string>,
): EscalationPath[] {
  if (canReachGoal && !canReachGoal.has(start.principal.arn)) {
    // Cannot reach any admin or permission-rewriting principal: report first hops only.
    return edges
      .edges(start)
      .slice(0, limits.maxLateral)
      .map((s) => pathOf([s], "lateral"));
  }
  const parent = new Map<string, EscalationStep | null>([[start.principal.arn, null]]);
  const order: ResolvedPrincipal[] = [start];
  const depth = new Map<string, number>([[start.principal.arn, 0]]);
  const pathTo = (arn: string): EscalationStep[] => {
    const steps: EscalationStep[] = [];
    let cur = parent.get(arn);
    while (cur) {
      steps.unshift(cur);
      cur = parent.get(cur.from);
    }
    return steps;
  };
  let best: EscalationPath | undefined;
  const bestGoodLength = (): number =>
    best && !best.conditional && !best.needsExistingResource ? best.steps.length : Infinity;
  // x rewrites q's permissions; both are controlled. Builds a path only when it can win.
  const tryModify = (x: ResolvedPrincipal, q: ResolvedPrincipal): boolean => {
    const dx = depth.get(x.principal.arn) ?? 0;
    const dq = q === x ? 0 : (depth.get(q.principal.arn) ?? 0);
    if (dx + 1 + dq >= bestGoodLength()) return false;
    const found = modify.steps(x, q);
    const step = found.find((s) => s.verdict === "allowed") ?? found[0];
    if (!step) return false;
    const viaX = pathTo(x.principal.arn);
    const toQ = q === x ? [] : pathTo(q.principal.arn).filter((s) => !viaX.includes(s));
    const p = pathOf([...viaX, step, ...toQ], "admin");
    if (better(p, best)) best = p;
    return step.verdict === "allowed";
  };
  const modifiers: ResolvedPrincipal[] = [];
  // Breadth-first: goals are checked when a node is dequeued, so the search stops as soon as no
  // shorter path can exist. Every (modifier, target) pair is tried when the later of the two is
  // dequeued.
  for (let i = 0; i < order.length && order.length <= limits.maxVisited; i++) {
    const x = order[i];
    if (!x) break;
    const dx = depth.get(x.principal.arn) ?? 0;
    if (dx >= bestGoodLength()) break;
    const v = x === start ? "no" : modify.admin(x);
    if (v !== "no") {
      const p = pathOf(pathTo(x.principal.arn), "admin");
      if (v === "conditional") p.conditional = true;
      if (better(p, best)) best = p;
    }
    if (modify.canModifyAnything(x)) {
      modifiers.push(x);
      if (!tryModify(x, x)) {
        for (let j = 0; j < i; j++) {
          const q = order[j];
          if (q && tryModify(x, q)) break;
        }
      }
    }
    for (const m of modifiers) if (m !== x) tryModify(m, x);
    // Admins are end points: nothing beyond them adds privilege.
    if (v === "yes" || dx >= limits.maxDepth) continue;
    for (const step of edges.edges(x)) {
      if (parent.has(step.to)) continue;
      const q = model.byArn.get(step.to);
      if (!q) continue;
      parent.set(step.to, step);
      depth.set(step.to, dx + 1);
      order.push(q);
    }
  }
  const out: EscalationPath[] = best ? [best] : [];
  if (!best) {
    for (const q of order.slice(1, limits.maxLateral + 1))
      out.push(pathOf(pathTo(q.principal.arn), "lateral"));
  }
  return out;
}

/**
 * Principals from which some admin-equivalent or permission-rewriting principal is reachable over
 * access edges (reverse breadth-first search). Only these need the full search, which keeps large
 * accounts fast: most principals can reach neither.
 */
export function principalsReachingGoals(
  model: EscalationModel,
  edges: EscalationEdges,
  modify: EscalationModify,
): Set<string> {
  const reverse = new Map<string, string[]>();
  const goals: string[] = [];
  for (const p of model.principals) {
    const arn = p.principal.arn;
    if (modify.admin(p) !== "no" || modify.canModifyAnything(p)) goals.push(arn);
    for (const e of edges.edges(p)) {
      const list = reverse.get(e.to);
      if (list) list.push(arn);
      else reverse.set(e.to, [arn]);
    }
  }
  const seen = new Set(goals);
  const queue = [...goals];
  for (let i = 0; i < queue.length; i++) {
    for (const from of reverse.get(queue[i] ?? "") ?? []) {
      if (!seen.has(from)) {
        seen.add(from);
        queue.push(from);
      }
    }
  }
  return seen;
}
