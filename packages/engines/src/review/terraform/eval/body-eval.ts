import type { Body, Expr } from "../hcl/hcl-ast";
import { entries, evaluate, withVars } from "./evaluator";
import type { Scope } from "./evaluator";
import { EvalError, Unknown } from "./values";
import type { ObjectValue, Value } from "./values";

/** Meta-arguments that configure Terraform itself rather than the resource. */
const META = new Set([
  "count",
  "for_each",
  "depends_on",
  "provider",
  "providers",
  "source",
  "version",
]);

/** Evaluate an expression; an invalid operation becomes an Unknown that says why. */
export function safeEval(expr: Expr, scope: Scope, what: string): Value {
  try {
    return evaluate(expr, scope);
  } catch (e) {
    if (e instanceof EvalError) return new Unknown([`${what} (${e.message})`]);
    throw e;
  }
}

/**
 * Evaluate a block body into an object: attributes by name, nested blocks as lists of objects,
 * `dynamic` blocks expanded. Records the source lines of every attribute path into `lines`.
 */
export function evalBody(
  body: Body,
  scope: Scope,
  lines: Map<string, readonly [number, number]>,
  prefix = "",
  top = true,
): ObjectValue {
  const out: ObjectValue = {};
  for (const a of body.attributes) {
    if (top && META.has(a.name)) continue;
    out[a.name] = safeEval(a.expr, scope, prefix + a.name);
    lines.set(prefix + a.name, [a.line, a.endLine]);
  }
  for (const b of body.blocks) {
    if (b.type === "dynamic") {
      expandDynamic(b.labels[0] ?? "", b.body, scope, lines, prefix, out, [b.line, b.endLine]);
      continue;
    }
    const list = (out[b.type] ??= []) as Value[];
    if (!Array.isArray(list)) continue;
    const p = `${prefix}${b.type}.${list.length}`;
    lines.set(p, [b.line, b.endLine]);
    if (list.length === 0) lines.set(prefix + b.type, [b.line, b.endLine]);
    list.push(evalBody(b.body, scope, lines, p + ".", false));
  }
  return out;
}

function expandDynamic(
  label: string,
  body: Body,
  scope: Scope,
  lines: Map<string, readonly [number, number]>,
  prefix: string,
  out: ObjectValue,
  span: readonly [number, number],
): void {
  const forEach = body.attributes.find((a) => a.name === "for_each");
  const iterAttr = body.attributes.find((a) => a.name === "iterator");
  const iterName = iterAttr?.expr.kind === "variable" ? iterAttr.expr.name : label;
  const content = body.blocks.find((b) => b.type === "content");
  if (!forEach || !content) return;
  const list = (out[label] ??= []) as Value[];
  if (!Array.isArray(list)) return;
  if (!lines.has(prefix + label)) lines.set(prefix + label, span);
  const coll = safeEval(forEach.expr, scope, `dynamic ${label} for_each`);
  let items: [Value, Value][];
  if (coll instanceof Unknown) items = [[coll, coll]];
  else {
    try {
      items = entries(coll);
    } catch {
      items = [];
    }
  }
  for (const [k, v] of items) {
    const inner = withVars(scope, { [iterName]: { key: k, value: v } });
    const p = `${prefix}${label}.${list.length}`;
    lines.set(p, span);
    list.push(evalBody(content.body, inner, lines, p + ".", false));
  }
}
