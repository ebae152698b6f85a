import { posix } from "node:path";
import type { ErrorDetail } from "@infrasec/core";
import type { Attribute, Block, HclFile } from "../hcl/hcl-ast";
import { parseHcl } from "../hcl/hcl-parser";
import { parseTfJson } from "../hcl/tf-json";
import type { FileSource } from "../tf-types";

/** A block with the file it came from. */
export interface SourceBlock {
  block: Block;
  file: string;
}

/** The parsed and indexed configuration of one module directory (evaluated per instance). */
export interface LoadedModule {
  dir: string;
  files: HclFile[];
  variables: Map<string, SourceBlock>;
  locals: Map<string, { attr: Attribute; file: string }>;
  outputs: Map<string, SourceBlock>;
  resources: Map<string, SourceBlock>;
  data: Map<string, SourceBlock>;
  modules: Map<string, SourceBlock>;
  errors: ErrorDetail[];
}

/** True for Terraform configuration file names. */
export function isTfFile(name: string): boolean {
  return name.endsWith(".tf") || name.endsWith(".tf.json");
}

/** Parse one configuration file by its extension. */
export function parseTfFile(path: string, content: string): HclFile {
  return path.endsWith(".json") ? parseTfJson(path, content) : parseHcl(path, content);
}

/** Index parsed files into a module. Exported so tests and the plan scanner can index in memory. */
export function indexModule(dir: string, files: HclFile[]): LoadedModule {
  const m: LoadedModule = {
    dir,
    files,
    variables: new Map(),
    locals: new Map(),
    outputs: new Map(),
    resources: new Map(),
    data: new Map(),
    modules: new Map(),
    errors: [],
  };
  for (const f of files) {
    for (const e of f.errors)
      m.errors.push({ file: f.path, line: e.line, message: `syntax error: ${e.message}` });
    for (const b of f.body.blocks) {
      const [l0, l1] = b.labels;
      const sb = { block: b, file: f.path };
      if (b.type === "variable" && l0) m.variables.set(l0, sb);
      else if (b.type === "output" && l0) m.outputs.set(l0, sb);
      else if (b.type === "module" && l0) m.modules.set(l0, sb);
      else if (b.type === "resource" && l0 && l1) m.resources.set(`${l0}.${l1}`, sb);
      else if (b.type === "data" && l0 && l1) m.data.set(`${l0}.${l1}`, sb);
      else if (b.type === "locals")
        for (const a of b.body.attributes) m.locals.set(a.name, { attr: a, file: f.path });
    }
  }
  return m;
}

/** Loads module directories once and caches them (instances share the parsed files). */
export class ModuleLoader {
  private readonly cache = new Map<string, LoadedModule | null>();

  constructor(readonly fs: FileSource) {}

  /** Load a directory's `.tf` / `.tf.json` files; null when it has none or cannot be read. */
  load(dir: string): LoadedModule | null {
    const key = posix.normalize(dir);
    if (this.cache.has(key)) return this.cache.get(key)!;
    const entries = this.fs.list(key);
    let result: LoadedModule | null = null;
    if (entries) {
      const files: HclFile[] = [];
      const unreadable: ErrorDetail[] = [];
      for (const e of entries
        .filter((x) => !x.isDir && isTfFile(x.name))
        .sort((a, b) => a.name.localeCompare(b.name))) {
        const path = posix.join(key, e.name);
        const content = this.fs.read(path);
        if (content !== undefined) files.push(parseTfFile(path, content));
        else
          unreadable.push({
            file: path,
            message: "cannot read file (binary, too large or unreadable)",
          });
      }
      if (files.length) {
        result = indexModule(key, files);
        result.errors.push(...unreadable);
      }
    }
    this.cache.set(key, result);
    return result;
  }

  /** Directories already loaded (for the stale-root computation). */
  loaded(): string[] {
    return [...this.cache.keys()];
  }
}
