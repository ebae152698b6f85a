import type { Expr, TemplatePart } from "../hcl/hcl-ast";

/**
 * A reference found in an expression: the root name (`aws_s3_bucket`, `var`, `local`, `module`,
 * `data`) and the attribute names that follow it up to the first index or splat
 * (`aws_s3_bucket.logs[0].id` → root `aws_s3_bucket`, names `["logs"]`, the index stops it).
 */
export interface TraversalRef {
  root: string;
  names: string[];
}

/**
 * Every traversal an expression contains, found from the syntax alone. Terraform draws its
 * dependency graph the same way; rules use it to tell which resource a companion resource
 * (`aws_s3_bucket_acl.bucket = aws_s3_bucket.x.id`) belongs to even when the value itself is a
 * plain string that several resources share.
 */
export function traversals(e: Expr, out: TraversalRef[] = []): TraversalRef[] {
  switch (e.kind) {
    case "literal":
    case "splatItem":
      return out;
    case "template":
      for (const p of e.parts) templateTraversals(p, out);
      return out;
    case "variable":
      out.push({ root: e.name, names: [] });
      return out;
    case "getattr":
    case "index": {
      const steps: Extract<Expr, { kind: "getattr" | "index" }>[] = [];
      let cur: Expr = e;
      while (cur.kind === "getattr" || cur.kind === "index") {
        steps.push(cur);
        cur = cur.obj;
      }
      steps.reverse();
      if (cur.kind !== "variable") traversals(cur, out);
      const names: string[] = [];
      let open = true;
      for (const s of steps) {
        if (s.kind === "getattr") {
          if (open) names.push(s.name);
        } else {
          open = false;
          traversals(s.key, out);
        }
      }
      if (cur.kind === "variable") out.push({ root: cur.name, names });
      return out;
    }
    case "splat":
      traversals(e.obj, out);
      return out;
    case "call":
      for (const a of e.args) traversals(a, out);
      return out;
    case "tuple":
      for (const x of e.items) traversals(x, out);
      return out;
    case "object":
      for (const item of e.items) {
        traversals(item.key, out);
        traversals(item.value, out);
      }
      return out;
    case "unary":
      return traversals(e.operand, out);
    case "binary":
      traversals(e.left, out);
      return traversals(e.right, out);
    case "conditional":
      traversals(e.cond, out);
      traversals(e.then, out);
      return traversals(e.else, out);
    case "for":
      traversals(e.coll, out);
      if (e.keyExpr) traversals(e.keyExpr, out);
      traversals(e.valExpr, out);
      if (e.cond) traversals(e.cond, out);
      return out;
  }
}

function templateTraversals(p: TemplatePart, out: TraversalRef[]): void {
  if (p.kind === "interp") traversals(p.expr, out);
  else if (p.kind === "if") {
    traversals(p.cond, out);
    for (const x of [...p.then, ...p.else]) templateTraversals(x, out);
  } else if (p.kind === "for") {
    traversals(p.coll, out);
    for (const x of p.body) templateTraversals(x, out);
  }
}

/** Address without the trailing instance key: `module.a[0].aws_s3_bucket.b["x"]` → `module.a[0].aws_s3_bucket.b`. */
export function baseAddress(address: string): string {
  return address.replace(INSTANCE_KEY, "");
}

const INSTANCE_KEY = /\[(?:\d+|\?|"(?:[^"\\]|\\.)*")\]$/;
