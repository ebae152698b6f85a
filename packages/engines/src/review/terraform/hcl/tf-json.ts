import type { Attribute, Block, Body, Expr, HclFile } from "./hcl-ast";
import { Cursor } from "./hcl-cursor";
import { parseExpr } from "./hcl-expr-parser";
import { parseQuoted } from "./hcl-template-parser";

/** Block types whose JSON form nests labels as object keys, with their label count. */
const LABELS: Record<string, number> = {
  resource: 2,
  data: 2,
  variable: 1,
  output: 1,
  module: 1,
  provider: 1,
  locals: 0,
  terraform: 0,
};

function lineOf(src: string, needle: string, from = 0): number {
  const at = src.indexOf(needle, from);
  if (at < 0) return 1;
  let n = 1;
  for (let i = 0; i < at; i++) if (src.charCodeAt(i) === 10) n++;
  return n;
}

function toExpr(v: unknown, line: number): Expr {
  if (typeof v === "string") {
    if (!v.includes("${") && !v.includes("%{")) return { kind: "literal", value: v, line };
    // JSON strings are templates; reuse the quoted-template parser on an escaped copy.
    const c = new Cursor(JSON.stringify(v).slice(1), line);
    return { kind: "template", parts: parseQuoted(c, parseExpr), line };
  }
  if (v === null || typeof v === "number" || typeof v === "boolean")
    return { kind: "literal", value: v, line };
  if (Array.isArray(v)) return { kind: "tuple", items: v.map((x) => toExpr(x, line)), line };
  const items = Object.entries(v as Record<string, unknown>).map(([k, x]) => ({
    key: { kind: "literal" as const, value: k, line },
    value: toExpr(x, line),
  }));
  return { kind: "object", items, line };
}

function toBody(v: unknown, line: number): Body {
  const attributes: Attribute[] = [];
  if (v && typeof v === "object" && !Array.isArray(v)) {
    for (const [k, x] of Object.entries(v as Record<string, unknown>)) {
      attributes.push({ kind: "attribute", name: k, expr: toExpr(x, line), line, endLine: line });
    }
  }
  return { attributes, blocks: [] };
}

function nest(
  type: string,
  depth: number,
  labels: string[],
  v: unknown,
  src: string,
  out: Block[],
): void {
  if (depth === 0) {
    const bodies = Array.isArray(v) ? v : [v];
    const line = labels.length
      ? lineOf(src, `"${labels[labels.length - 1]}"`)
      : lineOf(src, `"${type}"`);
    for (const b of bodies)
      out.push({ kind: "block", type, labels, body: toBody(b, line), line, endLine: line });
    return;
  }
  if (!v || typeof v !== "object") return;
  for (const [k, x] of Object.entries(v as Record<string, unknown>))
    nest(type, depth - 1, [...labels, k], x, src, out);
}

/** Parse a Terraform JSON configuration file (`.tf.json`) into the HCL AST. */
export function parseTfJson(path: string, src: string): HclFile {
  let doc: unknown;
  try {
    doc = JSON.parse(src);
  } catch (e) {
    return {
      path,
      body: { attributes: [], blocks: [] },
      comments: [],
      errors: [{ line: 1, message: `invalid JSON: ${(e as Error).message}` }],
    };
  }
  const blocks: Block[] = [];
  if (doc && typeof doc === "object") {
    for (const [type, v] of Object.entries(doc as Record<string, unknown>)) {
      const depth = LABELS[type];
      if (depth === undefined) continue;
      nest(type, depth, [], v, src, blocks);
    }
  }
  return { path, body: { attributes: [], blocks }, comments: [], errors: [] };
}
