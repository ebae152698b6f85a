/**
 * Immutable AST of a Sigma condition. `of` nodes keep their pattern so that expansion against
 * the rule's identifiers happens at compile time, not parse time (parsing needs no rule).
 */
export type ConditionNode =
  | { readonly kind: "and"; readonly operands: readonly ConditionNode[] }
  | { readonly kind: "or"; readonly operands: readonly ConditionNode[] }
  | { readonly kind: "not"; readonly operand: ConditionNode }
  | { readonly kind: "ref"; readonly name: string }
  | { readonly kind: "of"; readonly quantifier: "one" | "all"; readonly pattern: string };

/** Freezes a node and its children, so compiled rules can share ASTs safely. */
export function freezeNode(node: ConditionNode): ConditionNode {
  switch (node.kind) {
    case "and":
    case "or":
      node.operands.forEach(freezeNode);
      Object.freeze(node.operands);
      break;
    case "not":
      freezeNode(node.operand);
      break;
    default:
      break;
  }
  return Object.freeze(node);
}

/** Renders a node back to condition text (used in explanations and tests). */
export function formatCondition(node: ConditionNode): string {
  switch (node.kind) {
    case "and":
    case "or":
      return `(${node.operands.map(formatCondition).join(` ${node.kind} `)})`;
    case "not":
      return `not ${formatCondition(node.operand)}`;
    case "ref":
      return node.name;
    case "of":
      return `${node.quantifier === "one" ? "1" : "all"} of ${node.pattern}`;
  }
}
