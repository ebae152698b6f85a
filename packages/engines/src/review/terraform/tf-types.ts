import type { ErrorDetail } from "@infrasec/core";
import type { Value } from "./eval/values";

/** Where a module instance was called from (module block file and line). */
export interface CallSite {
  file: string;
  line: number;
}

/**
 * One expanded resource instance, the subject of Terraform rules. `values` holds attributes as
 * evaluated values and nested blocks as lists of objects (the plan JSON shape), so the same
 * rules run on HCL and on `planned_values`.
 */
export interface TfResource {
  /** Full address, e.g. `module.net.aws_security_group.web["a"]`. */
  address: string;
  type: string;
  name: string;
  mode: "managed" | "data";
  values: Record<string, Value>;
  file: string;
  startLine: number;
  endLine: number;
  /** Source lines by attribute path (`ingress.0.cidr_blocks`). */
  lines: ReadonlyMap<string, readonly [number, number]>;
  /**
   * Resources each attribute refers to in the configuration (addresses without instance keys),
   * by path (`bucket`, `endpoint_details.address_allocation_ids`), when known: the edges
   * companion resources are attached by. Absent for plan JSON resources.
   */
  refs?: ReadonlyMap<string, readonly string[]>;
  /** Module call sites from the root, outermost first. */
  callSites: readonly CallSite[];
  /** Every resource of the same scan, to check companions (public access blocks, policies). */
  scan: ScanIndex;
}

/** Lookup over all resources of a scan. */
export interface ScanIndex {
  byType(type: string): readonly TfResource[];
  /** Resources of `type` whose `field` references or names `target`. */
  linked(type: string, field: string, target: TfResource): readonly TfResource[];
  /** The reverse of `linked`: resources of `type` that `source.field` references or names. */
  targets(source: TfResource, field: string, type: string): readonly TfResource[];
  /** Resources that reference `target` in any attribute of their configuration. */
  referrers(target: TfResource): readonly TfResource[];
}

/** Read access to files, so the evaluator runs on disk or in memory (tests). */
export interface FileSource {
  /** Entries of a directory (names only), or undefined when it cannot be read. */
  list(dir: string): { name: string; isDir: boolean }[] | undefined;
  read(path: string): string | undefined;
}

/** Result of evaluating one Terraform root module (and its children). */
export interface TerraformScan {
  root: string;
  resources: TfResource[];
  errors: ErrorDetail[];
  /** Parsed comments by file, for suppressions. */
  comments: Map<string, { text: string; line: number; endLine: number }[]>;
  /** Blocks by file, so suppressions can attach to the block that follows them. */
  blocks: Map<string, { line: number; endLine: number }[]>;
}

/** Variables and options for a Terraform evaluation. */
export interface TerraformOptions {
  /** Extra `-var-file` style files (paths), applied after the auto-loaded ones. */
  varFiles?: readonly string[];
  /** Values of `TF_VAR_name` environment variables, keyed by `name` (passed in: engines read no env). */
  envVars?: Readonly<Record<string, string>>;
  /** Maximum module nesting depth. */
  maxModuleDepth?: number;
}
