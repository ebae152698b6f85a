import type { BinaryOp, Expr, ObjectItem, TemplatePart } from "./hcl-ast";
import type { Cursor } from "./hcl-cursor";
import { isDigit, isIdentPart, isIdentStart } from "./hcl-cursor";
import { parseHeredocBody, parseQuoted } from "./hcl-template-parser";

const LEVELS: readonly (readonly BinaryOp[])[] = [
  ["||"],
  ["&&"],
  ["==", "!="],
  ["<=", ">=", "<", ">"],
  ["+", "-"],
  ["*", "/", "%"],
];

/** Parse one expression at the cursor (conditional is the lowest precedence). */
export function parseExpr(c: Cursor): Expr {
  const line = c.line;
  const cond = parseBinary(c, 0);
  c.ws();
  // Terraform code often breaks conditionals over lines; accept a leading `?` / `:`.
  if (c.at("?") || c.aheadAcrossLines("?")) {
    c.skip(true);
    c.expect("?");
    c.skip(true);
    const then = parseExpr(c);
    c.skip(true);
    c.expect(":");
    c.skip(true);
    const otherwise = parseExpr(c);
    return { kind: "conditional", cond, then, else: otherwise, line };
  }
  return cond;
}

function matchOp(c: Cursor, level: number): BinaryOp | null {
  for (const op of LEVELS[level]!) {
    if (!c.at(op)) continue;
    const next = c.src.charCodeAt(c.pos + op.length);
    // `=>` (for-object arrow), `<<` (heredoc) and `->` are not binary operators.
    if (op === ">" && c.src.charCodeAt(c.pos - 1) === 61) continue;
    if ((op === "<" && next === 60) || (op === "-" && next === 62)) continue;
    if ((op === "<" || op === ">") && next === 61) continue;
    return op;
  }
  return null;
}

function parseBinary(c: Cursor, level: number): Expr {
  if (level >= LEVELS.length) return parseUnary(c);
  let left = parseBinary(c, level + 1);
  for (;;) {
    c.ws();
    const op = matchOp(c, level);
    if (!op) return left;
    const line = c.line;
    c.pos += op.length;
    c.skip(true);
    const right = parseBinary(c, level + 1);
    left = { kind: "binary", op, left, right, line };
  }
}

function parseUnary(c: Cursor): Expr {
  c.ws();
  const ch = c.peek();
  if (ch === 33 || ch === 45) {
    const line = c.line;
    c.pos++;
    const operand = parseUnary(c);
    if (ch === 45 && operand.kind === "literal" && typeof operand.value === "number") {
      return { kind: "literal", value: -operand.value, line };
    }
    return { kind: "unary", op: ch === 33 ? "!" : "-", operand, line };
  }
  return parsePostfix(c, parsePrimary(c));
}

function parsePostfix(c: Cursor, base: Expr): Expr {
  let e = base;
  for (;;) {
    const save = c.pos;
    const saveLine = c.line;
    c.ws();
    const line = c.line;
    if (c.peek() === 46 && c.peek(1) !== 46) {
      c.pos++;
      if (c.eat("*"))
        return { kind: "splat", obj: e, each: parsePostfix(c, { kind: "splatItem", line }), line };
      if (isDigit(c.peek())) {
        const start = c.pos;
        while (isDigit(c.peek())) c.pos++;
        e = {
          kind: "index",
          obj: e,
          key: { kind: "literal", value: Number(c.src.slice(start, c.pos)), line },
          line,
        };
        continue;
      }
      const name = c.ident() ?? c.fail("expected an attribute name after '.'");
      e = { kind: "getattr", obj: e, name, line };
    } else if (c.peek() === 91) {
      c.pos++;
      const saveNl = c.nl;
      c.nl = true;
      c.ws();
      if (c.peek() === 42) {
        c.pos++;
        c.ws();
        c.expect("]");
        c.nl = saveNl;
        return { kind: "splat", obj: e, each: parsePostfix(c, { kind: "splatItem", line }), line };
      }
      const key = parseExpr(c);
      c.ws();
      c.expect("]");
      c.nl = saveNl;
      e = { kind: "index", obj: e, key, line };
    } else {
      c.pos = save;
      c.line = saveLine;
      return e;
    }
  }
}

function parseNumber(c: Cursor): Expr {
  const line = c.line;
  const s = c.src;
  const start = c.pos;
  while (isDigit(c.peek())) c.pos++;
  if (c.peek() === 46 && isDigit(c.peek(1))) {
    c.pos++;
    while (isDigit(c.peek())) c.pos++;
  }
  if (c.peek() === 101 || c.peek() === 69) {
    const save = c.pos;
    c.pos++;
    if (c.peek() === 43 || c.peek() === 45) c.pos++;
    if (!isDigit(c.peek())) c.pos = save;
    while (isDigit(c.peek())) c.pos++;
  }
  return { kind: "literal", value: Number(s.slice(start, c.pos)), line };
}

function templateOrLiteral(parts: TemplatePart[], line: number): Expr {
  if (parts.length === 0) return { kind: "literal", value: "", line };
  if (parts.length === 1 && parts[0]!.kind === "text")
    return { kind: "literal", value: parts[0]!.value, line };
  return { kind: "template", parts, line };
}

function parseHeredoc(c: Cursor): Expr {
  const line = c.line;
  c.pos += 2;
  const indent = c.eat("-");
  const marker = c.ident() ?? c.fail("expected a heredoc marker");
  const s = c.src;
  const nlAt = s.indexOf("\n", c.pos);
  if (nlAt < 0) c.fail("unterminated heredoc");
  const lines: string[] = [];
  let p = nlAt + 1;
  let endAt = -1;
  while (p <= s.length) {
    let e = s.indexOf("\n", p);
    if (e < 0) e = s.length;
    const text = s.slice(p, e);
    if (text.trim() === marker) {
      endAt = p + text.indexOf(marker) + marker.length;
      break;
    }
    lines.push(text);
    p = e + 1;
  }
  if (endAt < 0) c.fail(`heredoc <<${marker} is not terminated`);
  let body = lines;
  if (indent) {
    let min = Infinity;
    for (const l of lines) if (l.trim()) min = Math.min(min, l.length - l.trimStart().length);
    if (min !== Infinity)
      body = lines.map((l) => l.slice(Math.min(min, l.length - l.trimStart().length)));
  }
  const content = body.length ? body.join("\n") + "\n" : "";
  c.line += lines.length + 1;
  c.pos = endAt;
  return templateOrLiteral(parseHeredocBody(content, line + 1, parseExpr), line);
}

function parseCall(c: Cursor, name: string, line: number): Expr {
  const saveNl = c.nl;
  c.nl = true;
  c.pos++;
  const args: Expr[] = [];
  let expandLast = false;
  c.ws();
  while (!c.eat(")")) {
    args.push(parseExpr(c));
    c.ws();
    if (c.eat("...")) {
      expandLast = true;
      c.ws();
    }
    if (!c.eat(",") && !c.at(")")) c.fail(`expected "," or ")" in call to ${name}`);
    c.ws();
  }
  c.nl = saveNl;
  return { kind: "call", name, args, expandLast, line };
}

function parseFor(c: Cursor, object: boolean, line: number): Expr {
  c.ws();
  const first = c.ident() ?? c.fail("expected a variable after for");
  c.ws();
  let keyVar: string | undefined;
  let valVar = first;
  if (c.eat(",")) {
    c.ws();
    keyVar = first;
    valVar = c.ident() ?? c.fail("expected a variable name");
    c.ws();
  }
  if (c.ident() !== "in") c.fail('expected "in" in for expression');
  c.ws();
  const coll = parseExpr(c);
  c.ws();
  c.expect(":");
  c.ws();
  let keyExpr: Expr | undefined;
  if (object) {
    keyExpr = parseExpr(c);
    c.ws();
    c.expect("=>");
    c.ws();
  }
  const valExpr = parseExpr(c);
  c.ws();
  const group = c.eat("...");
  c.ws();
  let cond: Expr | undefined;
  const save = c.pos;
  if (c.ident() === "if") {
    c.ws();
    cond = parseExpr(c);
    c.ws();
  } else c.pos = save;
  c.expect(object ? "}" : "]");
  return { kind: "for", keyVar, valVar, coll, keyExpr, valExpr, cond, group, line };
}

function startsFor(c: Cursor): boolean {
  return c.at("for") && !isIdentPart(c.src.charCodeAt(c.pos + 3));
}

function parseTuple(c: Cursor, line: number): Expr {
  const saveNl = c.nl;
  c.nl = true;
  c.pos++;
  c.ws();
  if (startsFor(c)) {
    c.pos += 3;
    const e = parseFor(c, false, line);
    c.nl = saveNl;
    return e;
  }
  const items: Expr[] = [];
  while (!c.eat("]")) {
    items.push(parseExpr(c));
    c.ws();
    if (!c.eat(",") && !c.at("]")) c.fail('expected "," or "]" in list');
    c.ws();
  }
  c.nl = saveNl;
  return { kind: "tuple", items, line };
}

function parseObject(c: Cursor, line: number): Expr {
  const saveNl = c.nl;
  c.pos++;
  c.skip(true);
  if (startsFor(c)) {
    c.nl = true;
    c.pos += 3;
    const e = parseFor(c, true, line);
    c.nl = saveNl;
    return e;
  }
  c.nl = false;
  const items: ObjectItem[] = [];
  for (;;) {
    c.skip(true);
    if (c.eat("}")) break;
    if (c.eof()) c.fail("unterminated object");
    const keyLine = c.line;
    let key: Expr;
    const save = c.pos;
    const id = c.ident();
    c.ws();
    if (id !== null && (c.at(":") || (c.at("=") && !c.at("=="))))
      key = { kind: "literal", value: id, line: keyLine };
    else {
      c.pos = save;
      key = parseExpr(c);
      c.ws();
    }
    if (!c.eat("=") && !c.eat(":")) c.fail('expected "=" or ":" after object key');
    c.skip(true);
    const value = parseExpr(c);
    items.push({ key, value });
    c.ws();
    c.eat(",");
  }
  c.nl = saveNl;
  return { kind: "object", items, line };
}

function parsePrimary(c: Cursor): Expr {
  c.ws();
  const line = c.line;
  const ch = c.peek();
  if (isDigit(ch)) return parseNumber(c);
  if (ch === 34) {
    c.pos++;
    return templateOrLiteral(parseQuoted(c, parseExpr), line);
  }
  if (ch === 60 && c.peek(1) === 60) return parseHeredoc(c);
  if (ch === 40) {
    const saveNl = c.nl;
    c.nl = true;
    c.pos++;
    const inner = parseExpr(c);
    c.ws();
    c.expect(")");
    c.nl = saveNl;
    return inner;
  }
  if (ch === 91) return parseTuple(c, line);
  if (ch === 123) return parseObject(c, line);
  if (isIdentStart(ch)) {
    let name = c.ident()!;
    // Provider-defined functions: provider::aws::arn_parse(...)
    while (c.at("::")) {
      c.pos += 2;
      name += "::" + (c.ident() ?? c.fail("expected a name after ::"));
    }
    if (c.peek() === 40) return parseCall(c, name, line);
    if (name === "true" || name === "false")
      return { kind: "literal", value: name === "true", line };
    if (name === "null") return { kind: "literal", value: null, line };
    return { kind: "variable", name, line };
  }
  if (c.eof()) c.fail("unexpected end of file in expression");
  return c.fail(`unexpected character ${JSON.stringify(c.src[c.pos])} in expression`);
}
