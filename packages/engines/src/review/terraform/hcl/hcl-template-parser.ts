import type { Expr, TemplatePart } from "./hcl-ast";
import { Cursor } from "./hcl-cursor";

type ParseExpr = (c: Cursor) => Expr;

/** Flat template token before directives are nested. */
type Tok =
  | { t: "text"; value: string }
  | { t: "interp"; expr: Expr; stripL: boolean; stripR: boolean }
  | { t: "if"; cond: Expr; stripL: boolean; stripR: boolean }
  | { t: "else" | "endif" | "endfor"; stripL: boolean; stripR: boolean }
  | { t: "for"; keyVar?: string; valVar: string; coll: Expr; stripL: boolean; stripR: boolean };

const ESCAPES: Record<string, string> = { n: "\n", r: "\r", t: "\t", '"': '"', "\\": "\\" };

/**
 * Parse a quoted template starting after the opening quote; stops after the closing quote.
 * Quoted strings cannot span lines, but interpolated expressions may.
 */
export function parseQuoted(c: Cursor, parseExpr: ParseExpr): TemplatePart[] {
  return nest(scan(c, parseExpr, true), c);
}

/** Parse heredoc content (no escapes) that was cut out of the source. */
export function parseHeredocBody(
  content: string,
  line: number,
  parseExpr: ParseExpr,
): TemplatePart[] {
  const c = new Cursor(content, line);
  return nest(scan(c, parseExpr, false), c);
}

function scan(c: Cursor, parseExpr: ParseExpr, quoted: boolean): Tok[] {
  const toks: Tok[] = [];
  let text = "";
  const s = c.src;
  for (;;) {
    if (c.eof()) {
      if (quoted) c.fail("unterminated string");
      break;
    }
    const ch = s[c.pos]!;
    if (quoted && ch === '"') {
      c.pos++;
      break;
    }
    if (quoted && ch === "\n") c.fail("unterminated string (newline in quoted string)");
    if (quoted && ch === "\\") {
      const n = s[c.pos + 1] ?? "";
      if (n === "u" || n === "U") {
        const len = n === "u" ? 4 : 8;
        const hex = s.slice(c.pos + 2, c.pos + 2 + len);
        text += String.fromCodePoint(parseInt(hex, 16) || 0xfffd);
        c.pos += 2 + len;
      } else {
        text += ESCAPES[n] ?? n;
        c.pos += 2;
      }
      continue;
    }
    if ((ch === "$" || ch === "%") && s[c.pos + 1] === ch && s[c.pos + 2] === "{") {
      text += ch + "{";
      c.pos += 3;
      continue;
    }
    if ((ch === "$" || ch === "%") && s[c.pos + 1] === "{") {
      if (text) toks.push({ t: "text", value: text });
      text = "";
      c.pos += 2;
      toks.push(ch === "$" ? interp(c, parseExpr) : directive(c, parseExpr));
      continue;
    }
    if (ch === "\n") c.line++;
    text += ch;
    c.pos++;
  }
  if (text) toks.push({ t: "text", value: text });
  return toks;
}

function interp(c: Cursor, parseExpr: ParseExpr): Tok {
  const saveNl = c.nl;
  c.nl = true;
  const stripL = c.eat("~");
  c.ws();
  const expr = parseExpr(c);
  c.ws();
  const stripR = c.eat("~");
  c.expect("}");
  c.nl = saveNl;
  return { t: "interp", expr, stripL, stripR };
}

function directive(c: Cursor, parseExpr: ParseExpr): Tok {
  const saveNl = c.nl;
  c.nl = true;
  const stripL = c.eat("~");
  c.ws();
  const word = c.ident();
  c.ws();
  let tok: Tok;
  if (word === "if") {
    const cond = parseExpr(c);
    tok = { t: "if", cond, stripL, stripR: false };
  } else if (word === "for") {
    const first = c.ident() ?? c.fail("expected a variable name after for");
    c.ws();
    let keyVar: string | undefined;
    let valVar = first;
    if (c.eat(",")) {
      c.ws();
      keyVar = first;
      valVar = c.ident() ?? c.fail("expected a variable name");
      c.ws();
    }
    if (c.ident() !== "in") c.fail('expected "in"');
    c.ws();
    const coll = parseExpr(c);
    tok = { t: "for", keyVar, valVar, coll, stripL, stripR: false };
  } else if (word === "else" || word === "endif" || word === "endfor") {
    tok = { t: word, stripL, stripR: false };
  } else {
    c.fail(`unknown template directive "${word ?? ""}"`);
  }
  c.ws();
  tok.stripR = c.eat("~");
  c.expect("}");
  c.nl = saveNl;
  return tok;
}

/** Apply strip markers, then nest if/for directives into a tree. */
function nest(toks: Tok[], c: Cursor): TemplatePart[] {
  for (let i = 0; i < toks.length; i++) {
    const tk = toks[i]!;
    if (tk.t === "text") continue;
    const prev = toks[i - 1];
    const next = toks[i + 1];
    if (tk.stripL && prev?.t === "text") prev.value = prev.value.replace(/\s+$/, "");
    if (tk.stripR && next?.t === "text") next.value = next.value.replace(/^\s+/, "");
  }
  let i = 0;
  const build = (stops: string[]): { parts: TemplatePart[]; stop?: string } => {
    const parts: TemplatePart[] = [];
    while (i < toks.length) {
      const tk = toks[i++]!;
      if (stops.includes(tk.t)) return { parts, stop: tk.t };
      if (tk.t === "text") parts.push({ kind: "text", value: tk.value });
      else if (tk.t === "interp") parts.push({ kind: "interp", expr: tk.expr });
      else if (tk.t === "if") {
        const a = build(["else", "endif"]);
        let elseParts: TemplatePart[] = [];
        if (a.stop === "else") elseParts = build(["endif"]).parts;
        else if (a.stop !== "endif") c.fail("%{if} without %{endif}");
        parts.push({ kind: "if", cond: tk.cond, then: a.parts, else: elseParts });
      } else if (tk.t === "for") {
        const b = build(["endfor"]);
        if (b.stop !== "endfor") c.fail("%{for} without %{endfor}");
        parts.push({
          kind: "for",
          keyVar: tk.keyVar,
          valVar: tk.valVar,
          coll: tk.coll,
          body: b.parts,
        });
      } else c.fail(`unexpected %{${tk.t}}`);
    }
    return { parts };
  };
  return build([]).parts;
}
