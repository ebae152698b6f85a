import { freezeNode, type ConditionNode } from "./condition-ast";

/** Thrown for a condition that does not follow the Sigma grammar; `position` is a 0-based offset. */
export class ConditionSyntaxError extends Error {
  constructor(
    message: string,
    readonly position: number,
  ) {
    super(message);
    this.name = "ConditionSyntaxError";
  }
}

type Token =
  | { t: "lparen" | "rparen" | "and" | "or" | "not" | "of" | "end"; pos: number }
  | { t: "word"; value: string; pos: number };

// Identifiers in SigmaHQ use letters, digits, `_`, `-`, `.`; `*` makes a pattern for `x of`.
const WORD = /[A-Za-z0-9_*.-]+/y;
const MAX_CONDITION_LENGTH = 4096;
const MAX_DEPTH = 64;

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i]!;
    if (c === " " || c === "\t" || c === "\n" || c === "\r") {
      i++;
      continue;
    }
    if (c === "(" || c === ")") {
      tokens.push({ t: c === "(" ? "lparen" : "rparen", pos: i });
      i++;
      continue;
    }
    if (c === "|") {
      throw new ConditionSyntaxError(
        "aggregation expressions ('| count() …') are obsolete; use a correlation rule",
        i,
      );
    }
    WORD.lastIndex = i;
    const m = WORD.exec(text);
    if (!m) throw new ConditionSyntaxError(`unexpected character '${c}'`, i);
    const w = m[0];
    if (w === "and" || w === "or" || w === "not" || w === "of") tokens.push({ t: w, pos: i });
    else if (w === "near")
      throw new ConditionSyntaxError("'near' is obsolete; use a temporal correlation rule", i);
    else tokens.push({ t: "word", value: w, pos: i });
    i += w.length;
  }
  tokens.push({ t: "end", pos: text.length });
  return tokens;
}

/**
 * Parses one Sigma condition string into an immutable AST. Precedence, loosest first:
 * or < and < not < `x of` < parentheses. Operators are lower case as in the specification.
 */
export function parseCondition(text: string): ConditionNode {
  if (text.length > MAX_CONDITION_LENGTH)
    throw new ConditionSyntaxError("condition is too long", 0);
  const tokens = tokenize(text);
  let p = 0;
  let depth = 0;
  const peek = (): Token => tokens[p]!;
  const next = (): Token => tokens[p++]!;

  const parseOr = (): ConditionNode => {
    const operands = [parseAnd()];
    while (peek().t === "or") {
      next();
      operands.push(parseAnd());
    }
    return operands.length === 1 ? operands[0]! : { kind: "or", operands };
  };
  const parseAnd = (): ConditionNode => {
    const operands = [parseNot()];
    while (peek().t === "and") {
      next();
      operands.push(parseNot());
    }
    return operands.length === 1 ? operands[0]! : { kind: "and", operands };
  };
  const parseNot = (): ConditionNode => {
    if (peek().t === "not") {
      next();
      return { kind: "not", operand: parseNot() };
    }
    return parsePrimary();
  };
  const parsePrimary = (): ConditionNode => {
    const tok = next();
    if (tok.t === "lparen") {
      if (++depth > MAX_DEPTH)
        throw new ConditionSyntaxError("parentheses nested too deeply", tok.pos);
      const inner = parseOr();
      const close = next();
      if (close.t !== "rparen") throw new ConditionSyntaxError("expected ')'", close.pos);
      depth--;
      return inner;
    }
    if (tok.t !== "word")
      throw new ConditionSyntaxError(`expected an identifier, found '${tok.t}'`, tok.pos);
    if (peek().t === "of") {
      const quant = tok.value;
      if (quant !== "1" && quant !== "any" && quant !== "all") {
        throw new ConditionSyntaxError(
          `quantifier must be '1', 'any' or 'all', found '${quant}'`,
          tok.pos,
        );
      }
      next();
      const target = next();
      if (target.t !== "word")
        throw new ConditionSyntaxError("expected a pattern or 'them' after 'of'", target.pos);
      return { kind: "of", quantifier: quant === "all" ? "all" : "one", pattern: target.value };
    }
    if (tok.value.includes("*")) {
      throw new ConditionSyntaxError(
        `wildcard '${tok.value}' is only allowed after '1 of' or 'all of'`,
        tok.pos,
      );
    }
    return { kind: "ref", name: tok.value };
  };

  const root = parseOr();
  const end = peek();
  if (end.t !== "end")
    throw new ConditionSyntaxError(`unexpected '${end.t === "word" ? end.value : end.t}'`, end.pos);
  return freezeNode(root);
}

/** Parses a condition given as a string or a list of strings (a list means OR). */
export function parseConditionList(conditions: readonly string[]): ConditionNode {
  if (conditions.length === 1) return parseCondition(conditions[0]!);
  return freezeNode({ kind: "or", operands: conditions.map(parseCondition) });
}
