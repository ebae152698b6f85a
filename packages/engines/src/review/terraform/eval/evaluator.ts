import type { Expr, TemplatePart } from "../hcl/hcl-ast";
import { coreFunctions } from "./functions-core";
import type { TfFunction } from "./functions-core";
import { extraFunctions, unknownArgs } from "./functions-extra";
import {
  EvalError,
  RESOURCE_ADDRESS,
  Unknown,
  equals,
  isObject,
  mergeUnknown,
  toBool,
  toList,
  toNum,
  text,
  toStr,
  typeName,
} from "./values";
import type { ObjectValue, Value } from "./values";

/** What a module instance answers for references; implemented by the module runtime. */
export interface Resolver {
  variable(name: string): Value;
  local(name: string): Value;
  module(name: string): Value;
  resource(type: string, name: string): Value;
  data(type: string, name: string): Value;
  path(name: string): Value;
  /** Read a file relative to the module directory (for file()/templatefile()); undefined if absent. */
  readFile(path: string): string | undefined;
}

/** Evaluation scope: the module resolver plus iteration variables (count, each, for, dynamic). */
export interface Scope {
  resolver: Resolver;
  vars?: ReadonlyMap<string, Value>;
  parent?: Scope;
}

const FUNCTIONS: Record<string, TfFunction> = { ...coreFunctions, ...extraFunctions };

/** True when a function of this name is implemented. */
export function hasFunction(name: string): boolean {
  return (
    name in FUNCTIONS ||
    ["try", "can", "file", "fileexists", "templatefile", "filebase64", "fileset"].includes(name)
  );
}

function lookupVar(scope: Scope | undefined, name: string): Value | undefined {
  for (let s = scope; s; s = s.parent) {
    const v = s.vars?.get(name);
    if (v !== undefined) return v;
  }
  return undefined;
}

/** A child scope with extra iteration variables. */
export function withVars(scope: Scope, vars: Record<string, Value>): Scope {
  return { resolver: scope.resolver, vars: new Map(Object.entries(vars)), parent: scope };
}

/** Evaluate an expression. Throws EvalError on invalid operations; unknowns propagate as values. */
export function evaluate(e: Expr, scope: Scope): Value {
  switch (e.kind) {
    case "literal":
      return e.value;
    case "template":
      return evalTemplate(e.parts, scope);
    case "variable":
    case "getattr":
    case "index":
      return evalTraversal(e, scope);
    case "splat": {
      const obj = evaluate(e.obj, scope);
      if (obj instanceof Unknown) return obj;
      if (obj === null) return [];
      const items = Array.isArray(obj) ? obj : [obj];
      return items.map((item) => evaluate(e.each, withVars(scope, { "\u0000splat": item })));
    }
    case "splatItem":
      return lookupVar(scope, "\u0000splat") ?? null;
    case "call":
      return evalCall(e, scope);
    case "tuple":
      return e.items.map((x) => evaluate(x, scope));
    case "object": {
      const out: ObjectValue = {};
      for (const item of e.items) {
        const k = evaluate(item.key, scope);
        if (k instanceof Unknown) return k;
        out[toStr(k)] = evaluate(item.value, scope);
      }
      return out;
    }
    case "unary": {
      const v = evaluate(e.operand, scope);
      if (v instanceof Unknown) return v;
      return e.op === "!" ? !toBool(v) : -toNum(v);
    }
    case "binary":
      return evalBinary(e.op, e.left, e.right, scope);
    case "conditional": {
      const c = evaluate(e.cond, scope);
      if (c instanceof Unknown) return c;
      if (c === null) throw new EvalError("condition is null");
      return evaluate(toBool(c) ? e.then : e.else, scope);
    }
    case "for":
      return evalFor(e, scope);
  }
}

function evalBinary(op: string, le: Expr, re: Expr, scope: Scope): Value {
  const l = evaluate(le, scope);
  if (op === "&&" && l === false) return false;
  if (op === "||" && l === true) return true;
  const r = evaluate(re, scope);
  if (op === "&&" && r === false) return false;
  if (op === "||" && r === true) return true;
  if (l instanceof Unknown || r instanceof Unknown) return mergeUnknown([l, r]);
  switch (op) {
    case "&&":
      return toBool(l) && toBool(r);
    case "||":
      return toBool(l) || toBool(r);
    case "==":
      return equals(l, r);
    case "!=":
      return !equals(l, r);
    case "<":
      return toNum(l) < toNum(r);
    case ">":
      return toNum(l) > toNum(r);
    case "<=":
      return toNum(l) <= toNum(r);
    case ">=":
      return toNum(l) >= toNum(r);
    case "+":
      return toNum(l) + toNum(r);
    case "-":
      return toNum(l) - toNum(r);
    case "*":
      return toNum(l) * toNum(r);
    case "/":
      return toNum(l) / toNum(r);
    default:
      return toNum(l) % toNum(r);
  }
}

function evalTemplate(parts: TemplatePart[], scope: Scope): Value {
  let out = "";
  const unknowns: Value[] = [];
  for (const p of parts) {
    if (p.kind === "text") out += p.value;
    else if (p.kind === "interp") {
      const v = evaluate(p.expr, scope);
      if (v instanceof Unknown) unknowns.push(v);
      else out += toStr(v);
    } else if (p.kind === "if") {
      const c = evaluate(p.cond, scope);
      if (c instanceof Unknown) unknowns.push(c);
      else {
        const v = evalTemplate(toBool(c) ? p.then : p.else, scope);
        if (v instanceof Unknown) unknowns.push(v);
        else out += toStr(v);
      }
    } else {
      const coll = evaluate(p.coll, scope);
      if (coll instanceof Unknown) {
        unknowns.push(coll);
        continue;
      }
      for (const [k, v] of entries(coll)) {
        const vars: Record<string, Value> = { [p.valVar]: v };
        if (p.keyVar) vars[p.keyVar] = k;
        const piece = evalTemplate(p.body, withVars(scope, vars));
        if (piece instanceof Unknown) unknowns.push(piece);
        else out += toStr(piece);
      }
    }
  }
  return unknowns.length ? mergeUnknown(unknowns) : out;
}

/** Key/value pairs of a list (index keys) or object (sorted keys). */
export function entries(coll: Value): [Value, Value][] {
  if (Array.isArray(coll)) return coll.map((v, i) => [i, v]);
  if (isObject(coll))
    return Object.keys(coll)
      .sort()
      .map((k) => [k, coll[k]!]);
  if (coll === null) throw new EvalError("cannot iterate over null");
  throw new EvalError(`cannot iterate over a ${typeName(coll)}`);
}

function evalFor(e: Extract<Expr, { kind: "for" }>, scope: Scope): Value {
  const coll = evaluate(e.coll, scope);
  if (coll instanceof Unknown) return coll;
  const list: Value[] = [];
  const obj: Record<string, Value> = {};
  for (const [k, v] of entries(coll)) {
    const vars: Record<string, Value> = { [e.valVar]: v };
    if (e.keyVar) vars[e.keyVar] = k;
    const inner = withVars(scope, vars);
    if (e.cond) {
      const c = evaluate(e.cond, inner);
      if (c instanceof Unknown) return c;
      if (!toBool(c)) continue;
    }
    const val = evaluate(e.valExpr, inner);
    if (!e.keyExpr) {
      list.push(val);
      continue;
    }
    const key = evaluate(e.keyExpr, inner);
    if (key instanceof Unknown) return key;
    const ks = toStr(key);
    if (e.group) ((obj[ks] ??= []) as Value[]).push(val);
    else obj[ks] = val;
  }
  return e.keyExpr ? obj : list;
}

function evalCall(e: Extract<Expr, { kind: "call" }>, scope: Scope): Value {
  const name = e.name.includes("::") ? e.name.slice(e.name.lastIndexOf("::") + 2) : e.name;
  if (name === "try") {
    for (const a of e.args) {
      try {
        return evaluate(a, scope);
      } catch (err) {
        if (!(err instanceof EvalError)) throw err;
      }
    }
    throw new EvalError("no argument of try() could be evaluated");
  }
  if (name === "can") {
    try {
      const v = evaluate(e.args[0] ?? { kind: "literal", value: null, line: e.line }, scope);
      return v instanceof Unknown ? v : true;
    } catch (err) {
      if (!(err instanceof EvalError)) throw err;
      return false;
    }
  }
  let args = e.args.map((a) => evaluate(a, scope));
  if (e.expandLast && args.length) {
    const last = args[args.length - 1]!;
    if (last instanceof Unknown) return last;
    args = [...args.slice(0, -1), ...toList(last)];
  }
  const unknown = unknownArgs(args);
  if (unknown) return unknown;
  if (
    name === "file" ||
    name === "filebase64" ||
    name === "templatefile" ||
    name === "fileexists"
  ) {
    const content = scope.resolver.readFile(toStr(args[0] ?? null));
    if (name === "fileexists") return content !== undefined;
    if (content === undefined) return new Unknown([`file ${toStr(args[0] ?? null)}`]);
    if (name === "filebase64") return Buffer.from(content).toString("base64");
    return content;
  }
  if (name === "fileset") return new Unknown([`fileset(${toStr(args[1] ?? null)})`]);
  const fn = FUNCTIONS[name];
  if (!fn) return new Unknown([`function ${e.name}()`]);
  return fn(args);
}

type Step = Extract<Expr, { kind: "getattr" | "index" }>;

function evalTraversal(e: Expr, scope: Scope): Value {
  const steps: Step[] = [];
  let root: Expr = e;
  while (root.kind === "getattr" || root.kind === "index") {
    steps.push(root);
    root = root.obj;
  }
  steps.reverse();
  if (root.kind !== "variable") return applySteps(evaluate(root, scope), steps, 0, scope);
  const name = root.name;
  const bound = lookupVar(scope, name);
  if (bound !== undefined) return applySteps(bound, steps, 0, scope);
  // Terraform rejects True/False, but configurations written for other tools use them; read them
  // as booleans rather than reporting an unknown variable.
  if (steps.length === 0 && (name === "True" || name === "False")) return name === "True";
  const r = scope.resolver;
  const attr = (i: number): string | undefined => {
    const s = steps[i];
    return s?.kind === "getattr" ? s.name : undefined;
  };
  const a0 = attr(0);
  switch (name) {
    case "var":
      if (a0 === undefined) throw new EvalError("var needs an attribute");
      return applySteps(r.variable(a0), steps, 1, scope);
    case "local":
      if (a0 === undefined) throw new EvalError("local needs an attribute");
      return applySteps(r.local(a0), steps, 1, scope);
    case "module":
      if (a0 === undefined) throw new EvalError("module needs a name");
      return applySteps(r.module(a0), steps, 1, scope);
    case "path":
      return applySteps(r.path(a0 ?? ""), steps, 1, scope);
    case "terraform":
      return applySteps(
        a0 === "workspace" ? "default" : new Unknown([`terraform.${a0 ?? ""}`]),
        steps,
        1,
        scope,
      );
    case "count":
    case "each":
    case "self":
      return new Unknown([name + (a0 ? "." + a0 : "")]);
    case "data": {
      const type = a0;
      const dname = attr(1);
      if (type === undefined || dname === undefined)
        throw new EvalError("data needs a type and a name");
      return applySteps(r.data(type, dname), steps, 2, scope);
    }
    default:
      if (a0 === undefined) throw new EvalError(`unknown variable "${name}"`);
      return applySteps(r.resource(name, a0), steps, 1, scope);
  }
}

function applySteps(start: Value, steps: Step[], from: number, scope: Scope): Value {
  let v = start;
  for (let i = from; i < steps.length; i++) {
    if (v instanceof Unknown) return v;
    const step = steps[i]!;
    const key: Value = step.kind === "getattr" ? step.name : evaluate(step.key, scope);
    if (key instanceof Unknown) return key;
    v = getItem(v, key);
  }
  return v;
}

/** Index or attribute access with Terraform's rules; resource objects yield computed unknowns. */
export function getItem(v: Value, key: Value): Value {
  if (v instanceof Unknown) return v;
  if (Array.isArray(v)) {
    const i = toNum(key);
    if (i < 0 || i >= v.length || !Number.isInteger(i))
      throw new EvalError(`index ${i} out of range`);
    return v[i]!;
  }
  if (isObject(v)) {
    const k = toStr(key);
    const addr = (v as { [RESOURCE_ADDRESS]?: string })[RESOURCE_ADDRESS];
    if (Object.prototype.hasOwnProperty.call(v, k)) {
      const hit = v[k]!;
      // A resource attribute that is itself unknown still identifies the resource it came from,
      // so companion resources (bucket = aws_s3_bucket.x.bucket) can be linked.
      if (addr !== undefined && hit instanceof Unknown && hit.ref === undefined)
        return new Unknown(hit.needs, addr);
      return hit;
    }
    if (addr !== undefined) return new Unknown([`${addr}.${k}`], addr);
    throw new EvalError(`object has no attribute or key "${k}"`);
  }
  if (v === null) throw new EvalError(`attempt to get "${text(key)}" from a null value`);
  throw new EvalError(`cannot index a ${typeName(v)}`);
}
