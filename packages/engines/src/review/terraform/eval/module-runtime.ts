import { posix } from "node:path";
import type { ErrorDetail } from "@infrasec/core";
import type { CallSite, FileSource, TfResource, ScanIndex } from "../tf-types";
import { evalBody, safeEval } from "./body-eval";
import { entries, withVars } from "./evaluator";
import type { Resolver, Scope } from "./evaluator";
import { policyDocumentJson } from "./policy-document";
import { traversals } from "./static-refs";
import type { Body, Expr } from "../hcl/hcl-ast";
import type { LoadedModule, ModuleLoader, SourceBlock } from "./module-loader";
import { RESOURCE_ADDRESS, Unknown, isObject, text, toNum, toStr } from "./values";
import type { ObjectValue, Value } from "./values";

/** State shared by every module instance of one root evaluation. */
export interface RunContext {
  loader: ModuleLoader;
  fs: FileSource;
  rootDir: string;
  rootVars: Map<string, Value>;
  /** `.terraform/modules/modules.json` entries: module key → directory. */
  moduleDirs: Map<string, string>;
  errors: ErrorDetail[];
  maxDepth: number;
  index: ScanIndex;
}

interface Instance {
  key: number | string | null;
  vars: Record<string, Value>;
}

function addrKey(key: number | string | null): string {
  if (key === null) return "";
  return typeof key === "number" ? `[${key}]` : `[${JSON.stringify(key)}]`;
}

/** One instance of a module (the root or a child); answers references lazily with memoization. */
export class ModuleRuntime implements Resolver {
  private readonly vars = new Map<string, Value>();
  private readonly locals = new Map<string, Value>();
  private readonly busy = new Set<string>();
  private readonly resourceCache = new Map<string, TfResource[]>();
  private readonly children = new Map<string, ModuleRuntime[] | null>();
  private readonly scope: Scope = { resolver: this };
  private readonly localRefs = new Map<string, readonly string[]>();
  private readonly outputRefCache = new Map<string, readonly string[]>();
  private readonly blockRefCache = new Map<string, ReadonlyMap<string, readonly string[]>>();

  constructor(
    private readonly ctx: RunContext,
    readonly mod: LoadedModule,
    /** Address prefix such as `module.a.` ("" for the root). */
    readonly prefix: string,
    /** Module key in modules.json terms (`a.b`, no indices). */
    readonly key: string,
    private readonly inputs: Map<string, Value> | null,
    readonly callSites: readonly CallSite[],
    readonly depth: number,
    /** Resources each module input expression references in the caller (see `refsOf`). */
    private readonly inputRefs: ReadonlyMap<string, readonly string[]> = new Map(),
  ) {}

  /**
   * Addresses (without instance keys) of the resources and data sources an expression refers
   * to, followed through locals, module inputs and module outputs. Read from the syntax, so it
   * holds even when the referenced value is a plain string shared by several resources.
   */
  refsOf(e: Expr): string[] {
    const out = new Set<string>();
    for (const t of traversals(e)) {
      const [n0, n1] = t.names;
      if (t.root === "local" && n0) for (const a of this.localRefsOf(n0)) out.add(a);
      else if (t.root === "var" && n0) for (const a of this.inputRefs.get(n0) ?? []) out.add(a);
      else if (t.root === "module" && n0)
        for (const kid of this.childrenOf(n0) ?? [])
          for (const o of n1 ? [n1] : [...kid.mod.outputs.keys()])
            for (const a of kid.outputRefs(o)) out.add(a);
      else if (t.root === "data" && n0 && n1 && this.mod.data.has(`${n0}.${n1}`))
        out.add(`${this.prefix}data.${n0}.${n1}`);
      else if (n0 && this.mod.resources.has(`${t.root}.${n0}`))
        out.add(`${this.prefix}${t.root}.${n0}`);
    }
    return [...out];
  }

  private localRefsOf(name: string): readonly string[] {
    const hit = this.localRefs.get(name);
    if (hit) return hit;
    this.localRefs.set(name, []); // a cycle resolves to no references
    const decl = this.mod.locals.get(name);
    const refs = decl ? this.refsOf(decl.attr.expr) : [];
    this.localRefs.set(name, refs);
    return refs;
  }

  private outputRefs(name: string): readonly string[] {
    const hit = this.outputRefCache.get(name);
    if (hit) return hit;
    this.outputRefCache.set(name, []);
    const val = this.mod.outputs.get(name)?.block.body.attributes.find((a) => a.name === "value");
    const refs = val ? this.refsOf(val.expr) : [];
    this.outputRefCache.set(name, refs);
    return refs;
  }

  /**
   * References of each attribute of a resource block that has any, by path: top-level
   * attributes by name, attributes of nested blocks by dotted path without indices
   * (`endpoint_details.address_allocation_ids`; a dynamic block's content under its label).
   */
  private blockRefs(cacheKey: string, sb: SourceBlock): ReadonlyMap<string, readonly string[]> {
    const hit = this.blockRefCache.get(cacheKey);
    if (hit) return hit;
    const out = new Map<string, readonly string[]>();
    const walk = (body: Body, prefix: string): void => {
      for (const a of body.attributes) {
        const refs = this.refsOf(a.expr);
        if (refs.length)
          out.set(prefix + a.name, [...new Set([...(out.get(prefix + a.name) ?? []), ...refs])]);
      }
      for (const b of body.blocks) {
        if (b.type === "dynamic") {
          const content = b.body.blocks.find((x) => x.type === "content");
          if (content) walk(content.body, `${prefix}${b.labels[0] ?? ""}.`);
        } else walk(b.body, `${prefix}${b.type}.`);
      }
    };
    walk(sb.block.body, "");
    this.blockRefCache.set(cacheKey, out);
    return out;
  }

  variable(name: string): Value {
    const hit = this.vars.get(name);
    if (hit !== undefined) return hit;
    let v: Value | undefined = this.inputs ? this.inputs.get(name) : this.ctx.rootVars.get(name);
    const decl = this.mod.variables.get(name);
    if (v === undefined || (v === null && decl && isNonNullable(decl))) {
      const def = decl?.block.body.attributes.find((a) => a.name === "default");
      v = def
        ? safeEval(def.expr, this.scope, `var.${name}`)
        : new Unknown([`${this.prefix}var.${name}`]);
    }
    this.vars.set(name, v);
    return v;
  }

  local(name: string): Value {
    const hit = this.locals.get(name);
    if (hit !== undefined) return hit;
    const decl = this.mod.locals.get(name);
    if (!decl) return new Unknown([`${this.prefix}local.${name}`]);
    if (this.busy.has(`local.${name}`)) return new Unknown([`${this.prefix}local.${name} (cycle)`]);
    this.busy.add(`local.${name}`);
    const v = safeEval(decl.attr.expr, this.scope, `local.${name}`);
    this.busy.delete(`local.${name}`);
    this.locals.set(name, v);
    return v;
  }

  path(name: string): Value {
    if (name === "module") return this.mod.dir;
    if (name === "root" || name === "cwd") return this.ctx.rootDir;
    return new Unknown([`path.${name}`]);
  }

  readFile(p: string): string | undefined {
    return this.ctx.fs.read(posix.isAbsolute(p) ? p : posix.join(this.mod.dir, p));
  }

  resource(type: string, name: string): Value {
    return this.refValue("managed", type, name);
  }

  data(type: string, name: string): Value {
    return this.refValue("data", type, name);
  }

  private refValue(mode: "managed" | "data", type: string, name: string): Value {
    const base = `${this.prefix}${mode === "data" ? "data." : ""}${type}.${name}`;
    const sb = (mode === "data" ? this.mod.data : this.mod.resources).get(`${type}.${name}`);
    if (!sb) return new Unknown([base]);
    if (this.busy.has(base)) return new Unknown([base], base);
    const instances = this.instancesOf(mode, type, name, sb);
    const hasCount = sb.block.body.attributes.some((a) => a.name === "count");
    const hasForEach = sb.block.body.attributes.some((a) => a.name === "for_each");
    if (!hasCount && !hasForEach) return instances[0]?.values ?? new Unknown([base], base);
    if (instances.length === 1 && instances[0]!.address.endsWith("[?]"))
      return new Unknown([base], base);
    if (hasCount) return instances.map((r) => r.values);
    const out: ObjectValue = {};
    for (const r of instances) out[r.address.slice(base.length + 2, -2)] = r.values;
    return out;
  }

  /** Expand count/for_each of a block; unknown collections give one instance marked `[?]`. */
  private expand(sb: SourceBlock): Instance[] | "unknown" {
    const attrs = sb.block.body.attributes;
    const count = attrs.find((a) => a.name === "count");
    const forEach = attrs.find((a) => a.name === "for_each");
    if (count) {
      const v = safeEval(count.expr, this.scope, "count");
      if (v instanceof Unknown) return "unknown";
      let n: number;
      try {
        n = toNum(v);
      } catch {
        return "unknown";
      }
      return Array.from({ length: Math.min(n, 1000) }, (_x, i) => ({
        key: i,
        vars: { count: { index: i } },
      }));
    }
    if (forEach) {
      const v = safeEval(forEach.expr, this.scope, "for_each");
      if (v instanceof Unknown || (!Array.isArray(v) && !isObject(v))) return "unknown";
      return entries(v).map(([k, val]) => {
        const key = Array.isArray(v) ? toStrSafe(val) : text(k);
        return { key, vars: { each: { key, value: val } } };
      });
    }
    return [{ key: null, vars: {} }];
  }

  private instancesOf(
    mode: "managed" | "data",
    type: string,
    name: string,
    sb: SourceBlock,
  ): TfResource[] {
    const cacheKey = `${mode}.${type}.${name}`;
    const hit = this.resourceCache.get(cacheKey);
    if (hit) return hit;
    const base = `${this.prefix}${mode === "data" ? "data." : ""}${type}.${name}`;
    this.busy.add(base);
    const expanded = this.expand(sb);
    const list: Instance[] =
      expanded === "unknown"
        ? [
            {
              key: "?",
              vars: {
                count: { index: new Unknown(["count"]) },
                each: { key: new Unknown(["each.key"]), value: new Unknown(["each.value"]) },
              },
            },
          ]
        : expanded;
    const out: TfResource[] = [];
    for (const inst of list) {
      const address = expanded === "unknown" ? `${base}[?]` : base + addrKey(inst.key);
      const lines = new Map<string, readonly [number, number]>();
      const values = evalBody(sb.block.body, withVars(this.scope, inst.vars), lines);
      if (mode === "data" && type === "aws_iam_policy_document" && values.json === undefined)
        values.json = policyDocumentJson(values);
      Object.defineProperty(values, RESOURCE_ADDRESS, { value: address, enumerable: false });
      out.push({
        address,
        type,
        name,
        mode,
        values,
        file: sb.file,
        startLine: sb.block.line,
        endLine: sb.block.endLine,
        lines,
        refs: this.blockRefs(cacheKey, sb),
        callSites: this.callSites,
        scan: this.ctx.index,
      });
    }
    this.busy.delete(base);
    this.resourceCache.set(cacheKey, out);
    return out;
  }

  module(name: string): Value {
    const kids = this.childrenOf(name);
    if (!kids) return new Unknown([`${this.prefix}module.${name}`]);
    const sb = this.mod.modules.get(name)!;
    const outputsOf = (k: ModuleRuntime): ObjectValue => {
      const o: ObjectValue = {};
      for (const [oname, osb] of k.mod.outputs) {
        const val = osb.block.body.attributes.find((a) => a.name === "value");
        o[oname] = val ? safeEval(val.expr, k.scope, `module output ${oname}`) : null;
      }
      Object.defineProperty(o, RESOURCE_ADDRESS, {
        value: k.prefix.slice(0, -1),
        enumerable: false,
      });
      return o;
    };
    const attrs = sb.block.body.attributes;
    if (attrs.some((a) => a.name === "count")) return kids.map(outputsOf);
    if (attrs.some((a) => a.name === "for_each")) {
      const o: ObjectValue = {};
      for (const k of kids) {
        const m = /\["(.*)"\]\.$/.exec(k.prefix);
        o[m ? m[1]! : k.prefix] = outputsOf(k);
      }
      return o;
    }
    return kids[0] ? outputsOf(kids[0]) : new Unknown([`${this.prefix}module.${name}`]);
  }

  /** Instances of a module call, or null when the call cannot be resolved. */
  childrenOf(name: string): ModuleRuntime[] | null {
    if (this.children.has(name)) return this.children.get(name)!;
    this.children.set(name, null);
    const sb = this.mod.modules.get(name);
    const result = sb ? this.instantiate(name, sb) : null;
    this.children.set(name, result);
    return result;
  }

  private instantiate(name: string, sb: SourceBlock): ModuleRuntime[] | null {
    const srcAttr = sb.block.body.attributes.find((a) => a.name === "source");
    const source = srcAttr ? safeEval(srcAttr.expr, this.scope, "source") : null;
    const key = this.key ? `${this.key}.${name}` : name;
    const fail = (message: string): null => {
      this.ctx.errors.push({ file: sb.file, line: sb.block.line, message });
      return null;
    };
    if (typeof source !== "string") return fail(`module "${name}": source is not a literal string`);
    if (this.depth >= this.ctx.maxDepth)
      return fail(`module "${name}": nesting deeper than ${this.ctx.maxDepth}`);
    const local = source.startsWith("./") || source.startsWith("../");
    const dir = local ? posix.join(this.mod.dir, source) : this.ctx.moduleDirs.get(key);
    const loaded = dir ? this.ctx.loader.load(dir) : null;
    if (!loaded)
      return fail(
        `module not resolvable: "${name}" (source ${source}); run terraform init or vendor it`,
      );
    const expanded = this.expand(sb);
    const list: Instance[] = expanded === "unknown" ? [{ key: null, vars: {} }] : expanded;
    const site: CallSite = { file: sb.file, line: sb.block.line };
    return list.map((inst) => {
      const scope = withVars(this.scope, inst.vars);
      const inputs = new Map<string, Value>();
      const inputRefs = new Map<string, readonly string[]>();
      for (const a of sb.block.body.attributes) {
        if (["source", "version", "count", "for_each", "providers", "depends_on"].includes(a.name))
          continue;
        inputs.set(a.name, safeEval(a.expr, scope, `module ${name} input ${a.name}`));
        const refs = this.refsOf(a.expr);
        if (refs.length) inputRefs.set(a.name, refs);
      }
      const prefix = `${this.prefix}module.${name}${addrKey(inst.key)}.`;
      return new ModuleRuntime(
        this.ctx,
        loaded,
        prefix,
        key,
        inputs,
        [...this.callSites, site],
        this.depth + 1,
        inputRefs,
      );
    });
  }

  /** Every resource instance of this module and its children. */
  collect(out: TfResource[]): void {
    for (const [k, sb] of this.mod.resources) {
      const dot = k.indexOf(".");
      out.push(...this.instancesOf("managed", k.slice(0, dot), k.slice(dot + 1), sb));
    }
    for (const name of this.mod.modules.keys())
      for (const kid of this.childrenOf(name) ?? []) kid.collect(out);
  }
}

function isNonNullable(sb: SourceBlock): boolean {
  const a = sb.block.body.attributes.find((x) => x.name === "nullable");
  return a?.expr.kind === "literal" && a.expr.value === false;
}

function toStrSafe(v: Value): string {
  try {
    return toStr(v);
  } catch {
    return JSON.stringify(v);
  }
}
