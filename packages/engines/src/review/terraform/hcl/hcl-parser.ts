import type { Attribute, Block, Body, HclFile } from "./hcl-ast";
import { Cursor, HclSyntaxError } from "./hcl-cursor";
import { parseExpr } from "./hcl-expr-parser";

/**
 * Parse HCL2 native syntax. Syntax errors do not stop the file: the faulty top-level block is
 * dropped, the error is recorded with its line and parsing resumes at the next top-level line.
 */
export function parseHcl(path: string, src: string): HclFile {
  const c = new Cursor(src.charCodeAt(0) === 0xfeff ? src.slice(1) : src);
  const body: Body = { attributes: [], blocks: [] };
  const errors: HclFile["errors"] = [];
  for (;;) {
    c.skip(true);
    if (c.eof()) break;
    try {
      parseItem(c, body);
    } catch (e) {
      if (!(e instanceof HclSyntaxError)) throw e;
      errors.push({ line: e.line, message: e.message });
      recover(c);
    }
  }
  return { path, body, comments: c.comments, errors };
}

/** Skip to the next line that starts at column 0 with an identifier (a new top-level item). */
function recover(c: Cursor): void {
  const s = c.src;
  for (;;) {
    const nl = s.indexOf("\n", c.pos);
    if (nl < 0) {
      c.pos = s.length;
      return;
    }
    c.line += countLines(s, c.pos, nl) + 1;
    c.pos = nl + 1;
    const ch = s.charCodeAt(c.pos);
    if ((ch >= 97 && ch <= 122) || (ch >= 65 && ch <= 90) || ch === 95) return;
  }
}

function countLines(s: string, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) if (s.charCodeAt(i) === 10) n++;
  return n;
}

function parseBody(c: Cursor): Body {
  const body: Body = { attributes: [], blocks: [] };
  for (;;) {
    c.skip(true);
    if (c.eat("}")) return body;
    if (c.eof()) c.fail('unterminated block: expected "}"');
    parseItem(c, body);
  }
}

function parseItem(c: Cursor, body: Body): void {
  const line = c.line;
  const name =
    c.ident() ??
    c.fail(`expected an attribute or block name, found ${JSON.stringify(c.src[c.pos])}`);
  c.skip(false);
  if (c.at("=") && !c.at("==")) {
    c.pos++;
    c.nl = false;
    c.skip(false);
    const expr = parseExpr(c);
    const attr: Attribute = { kind: "attribute", name, expr, line, endLine: c.line };
    c.skip(false);
    if (!c.eof() && !c.at("\n") && !c.at("}"))
      c.fail(`unexpected text after the value of "${name}"`);
    body.attributes.push(attr);
    return;
  }
  const labels: string[] = [];
  for (;;) {
    c.skip(false);
    if (c.at('"')) {
      c.pos++;
      const end = c.src.indexOf('"', c.pos);
      const nl = c.src.indexOf("\n", c.pos);
      if (end < 0 || (nl >= 0 && nl < end)) c.fail("unterminated block label");
      labels.push(c.src.slice(c.pos, end));
      c.pos = end + 1;
      continue;
    }
    const id = c.ident();
    if (id === null) break;
    labels.push(id);
  }
  c.expect("{");
  const inner = parseBody(c);
  const block: Block = { kind: "block", type: name, labels, body: inner, line, endLine: c.line };
  body.blocks.push(block);
}
