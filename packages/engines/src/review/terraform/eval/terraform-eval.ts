import { posix } from "node:path";
import type { ErrorDetail } from "@infrasec/core";
import { parseHcl } from "../hcl/hcl-parser";
import { makeScanIndex } from "../scan-index";
import type { FileSource, TerraformOptions, TerraformScan } from "../tf-types";
import { safeEval } from "./body-eval";
import type { Resolver } from "./evaluator";
import { ModuleLoader } from "./module-loader";
import { ModuleRuntime } from "./module-runtime";
import { Unknown, fromJson } from "./values";
import type { Value } from "./values";

const NO_REFS: Resolver = {
  variable: (n) => new Unknown([`var.${n}`]),
  local: (n) => new Unknown([`local.${n}`]),
  module: (n) => new Unknown([`module.${n}`]),
  resource: (t, n) => new Unknown([`${t}.${n}`]),
  data: (t, n) => new Unknown([`data.${t}.${n}`]),
  path: (n) => new Unknown([`path.${n}`]),
  readFile: () => undefined,
};

/** Parse a `.tfvars` or `.tfvars.json` file into variable values. */
export function parseVarFile(
  path: string,
  content: string,
  errors: ErrorDetail[],
): Map<string, Value> {
  const out = new Map<string, Value>();
  if (path.endsWith(".json")) {
    try {
      const doc = JSON.parse(content) as unknown;
      if (doc && typeof doc === "object")
        for (const [k, v] of Object.entries(doc)) out.set(k, fromJson(v));
    } catch (e) {
      errors.push({ file: path, line: 1, message: `invalid JSON: ${(e as Error).message}` });
    }
    return out;
  }
  const f = parseHcl(path, content);
  for (const e of f.errors)
    errors.push({ file: path, line: e.line, message: `syntax error: ${e.message}` });
  for (const a of f.body.attributes)
    out.set(a.name, safeEval(a.expr, { resolver: NO_REFS }, `var.${a.name}`));
  return out;
}

function readModulesJson(fs: FileSource, root: string, errors: ErrorDetail[]): Map<string, string> {
  const path = posix.join(root, ".terraform/modules/modules.json");
  const text = fs.read(path);
  const out = new Map<string, string>();
  if (text === undefined) return out;
  try {
    const doc = JSON.parse(text) as { Modules?: { Key?: string; Dir?: string }[] };
    for (const m of doc.Modules ?? []) if (m.Key && m.Dir) out.set(m.Key, posix.join(root, m.Dir));
  } catch (e) {
    errors.push({ file: path, line: 1, message: `invalid modules.json: ${(e as Error).message}` });
  }
  return out;
}

/** Values of the root variables: auto-loaded tfvars, then var files, then TF_VAR_* values. */
function rootVariables(
  fs: FileSource,
  root: string,
  opts: TerraformOptions,
  errors: ErrorDetail[],
): Map<string, Value> {
  const names = (fs.list(root) ?? []).filter((e) => !e.isDir).map((e) => e.name);
  const auto = names
    .filter((n) => n.endsWith(".auto.tfvars") || n.endsWith(".auto.tfvars.json"))
    .sort();
  const files = [
    ...["terraform.tfvars", "terraform.tfvars.json"]
      .filter((n) => names.includes(n))
      .map((n) => posix.join(root, n)),
    ...auto.map((n) => posix.join(root, n)),
    ...(opts.varFiles ?? []),
  ];
  const vars = new Map<string, Value>();
  for (const [k, v] of Object.entries(opts.envVars ?? {})) vars.set(k, v);
  for (const f of files) {
    const text = fs.read(f);
    if (text === undefined) {
      errors.push({ file: f, message: "variable file cannot be read" });
      continue;
    }
    for (const [k, v] of parseVarFile(f, text, errors)) vars.set(k, v);
  }
  // TF_VAR_* take precedence over defaults but not over files, as in Terraform.
  for (const [k, v] of Object.entries(opts.envVars ?? {})) if (!vars.has(k)) vars.set(k, v);
  return vars;
}

/** Evaluate one root module directory and every module it calls. */
export function evaluateTerraform(
  root: string,
  fs: FileSource,
  opts: TerraformOptions = {},
  loader = new ModuleLoader(fs),
): TerraformScan {
  const errors: ErrorDetail[] = [];
  const scan: TerraformScan = {
    root,
    resources: [],
    errors,
    comments: new Map(),
    blocks: new Map(),
  };
  const mod = loader.load(root);
  if (!mod) return scan;
  const ctx = {
    loader,
    fs,
    rootDir: root,
    rootVars: rootVariables(fs, root, opts, errors),
    moduleDirs: readModulesJson(fs, root, errors),
    errors,
    maxDepth: opts.maxModuleDepth ?? 16,
    index: makeScanIndex(() => scan.resources),
  };
  const runtime = new ModuleRuntime(ctx, mod, "", "", null, [], 0);
  runtime.collect(scan.resources);
  const seenDirs = new Set<string>();
  for (const dir of loader.loaded()) {
    const m = loader.load(dir);
    if (!m || seenDirs.has(dir)) continue;
    seenDirs.add(dir);
    for (const e of m.errors) if (!errors.includes(e)) errors.push(e);
    for (const f of m.files) {
      scan.comments.set(f.path, f.comments);
      scan.blocks.set(f.path, collectBlocks(f.body.blocks));
    }
  }
  return scan;
}

function collectBlocks(
  blocks: readonly { line: number; endLine: number; body: { blocks: readonly unknown[] } }[],
): { line: number; endLine: number }[] {
  return blocks.map((b) => ({ line: b.line, endLine: b.endLine }));
}

const SOURCE_RE = /^\s*source\s*=\s*"(\.\.?\/[^"]*)"/gm;

/**
 * Local module sources of a directory, found with a cheap scan instead of a full parse, so
 * change mode can pick the affected roots without parsing the whole repository.
 */
export function localModuleDirs(dir: string, fs: FileSource): string[] {
  const out: string[] = [];
  for (const e of fs.list(dir) ?? []) {
    if (e.isDir || !e.name.endsWith(".tf")) continue;
    const text = fs.read(posix.join(dir, e.name)) ?? "";
    if (!text.includes("source")) continue;
    for (const m of text.matchAll(SOURCE_RE)) out.push(posix.join(dir, m[1]!));
  }
  return out;
}

/**
 * Root modules among directories holding `.tf` files: those no other directory calls as a local
 * module, so a module is evaluated with its caller's inputs rather than alone with unknowns.
 */
export function findRoots(dirs: readonly string[], fs: FileSource): string[] {
  const called = new Set<string>();
  for (const d of dirs) for (const m of localModuleDirs(d, fs)) called.add(m);
  return dirs.filter((d) => !called.has(posix.normalize(d)) && !d.includes("/.terraform/"));
}
