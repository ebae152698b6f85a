import type { EventPredicate } from "../match/field-item-compiler";
import type { ConditionNode } from "./condition-ast";

/** Thrown when a condition references identifiers the detection does not define. */
export class ConditionReferenceError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ConditionReferenceError";
  }
}

/**
 * Identifiers an `x of pattern` covers. `them` and patterns skip identifiers starting with `_`
 * unless the pattern itself starts with `_` (spec; sigma-go gets this wrong).
 */
export function expandPattern(pattern: string, names: readonly string[]): string[] {
  if (pattern === "them") return names.filter((n) => !n.startsWith("_"));
  const re = new RegExp(`^${pattern.replace(/[.+?^${}()|[\]\\-]/g, "\\$&").replace(/\*/g, ".*")}$`);
  return names.filter((n) => re.test(n) && (pattern.startsWith("_") || !n.startsWith("_")));
}

// Loops instead of every/some: no closure is allocated per evaluated event.
function allOf(ps: readonly EventPredicate[]): EventPredicate {
  if (ps.length === 1) return ps[0]!;
  return (v) => {
    for (const p of ps) if (!p(v)) return false;
    return true;
  };
}
function anyOf(ps: readonly EventPredicate[]): EventPredicate {
  if (ps.length === 1) return ps[0]!;
  return (v) => {
    for (const p of ps) if (p(v)) return true;
    return false;
  };
}

/** Compiles a condition AST over named selection predicates into one predicate. */
export function compileCondition(
  node: ConditionNode,
  selections: ReadonlyMap<string, EventPredicate>,
): EventPredicate {
  const names = [...selections.keys()];
  const go = (n: ConditionNode): EventPredicate => {
    switch (n.kind) {
      case "ref": {
        const p = selections.get(n.name);
        if (!p)
          throw new ConditionReferenceError(`condition references unknown identifier '${n.name}'`);
        return p;
      }
      case "not": {
        const inner = go(n.operand);
        return (v) => !inner(v);
      }
      case "and":
        return allOf(n.operands.map(go));
      case "or":
        return anyOf(n.operands.map(go));
      case "of": {
        const hit = expandPattern(n.pattern, names);
        if (hit.length === 0)
          throw new ConditionReferenceError(`'${n.pattern}' matches no identifier`);
        const ps = hit.map((h) => selections.get(h)!);
        return n.quantifier === "all" ? allOf(ps) : anyOf(ps);
      }
    }
  };
  return go(node);
}
