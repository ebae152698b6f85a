import { isObject } from "../terraform/eval/values";
import { baseAddress } from "../terraform/eval/static-refs";

/**
 * References between resources read from a plan's `configuration` block, the plan-JSON
 * counterpart of the evaluator's `TfResource.refs`: for every attribute (nested blocks by dotted
 * path), the resources its expression references. Values planned as "known after apply" do not
 * say which bucket a companion belongs to; the configuration does
 * (`"bucket": {"references": ["aws_s3_bucket.logs.id", "aws_s3_bucket.logs"]}`).
 */

interface ConfigModule {
  resources?: unknown[];
  module_calls?: Record<string, { module?: ConfigModule }>;
}

/** Relative refs by attribute path, keyed by the resource's configuration address. */
type ConfigRefs = Map<string, Map<string, string[]>>;

/** A reference string as a resource address of the same module, or undefined. */
function resourceOf(ref: string): string | undefined {
  const parts = ref.replace(/\[[^\]]*\]/g, "").split(".");
  if (parts[0] === "data") return parts.length >= 3 ? parts.slice(0, 3).join(".") : undefined;
  if (["var", "local", "module", "count", "each", "path", "terraform", "self"].includes(parts[0]!))
    return undefined;
  return parts.length >= 2 ? parts.slice(0, 2).join(".") : undefined;
}

function collect(expressions: unknown, prefix: string, out: Map<string, string[]>): void {
  if (!isObject(expressions)) return;
  for (const [name, e] of Object.entries(expressions)) {
    for (const block of Array.isArray(e) ? e : []) collect(block, `${prefix}${name}.`, out);
    if (!isObject(e) || !Array.isArray(e.references)) continue;
    const refs = new Set(out.get(prefix + name));
    for (const r of e.references) {
      const a = typeof r === "string" ? resourceOf(r) : undefined;
      if (a) refs.add(a);
    }
    if (refs.size) out.set(prefix + name, [...refs]);
  }
}

/** Walk the configuration tree; keys are `module.a.module.b.type.name` (no instance keys). */
export function configRefs(configuration: unknown): ConfigRefs {
  const out: ConfigRefs = new Map();
  const walk = (m: ConfigModule | undefined, path: string): void => {
    for (const r of m?.resources ?? []) {
      if (!isObject(r) || typeof r.address !== "string") continue;
      const refs = new Map<string, string[]>();
      collect(r.expressions, "", refs);
      if (refs.size) out.set(path + r.address, refs);
    }
    for (const [name, call] of Object.entries(m?.module_calls ?? {}))
      walk(call.module, `${path}module.${name}.`);
  };
  if (isObject(configuration)) walk(configuration.root_module as ConfigModule, "");
  return out;
}

/**
 * The refs of one planned resource instance, as addresses of its own module instance
 * (`module.m[0].aws_s3_bucket_acl.a` refers to `module.m[0].aws_s3_bucket.b`).
 */
export function refsOfPlanned(
  all: ConfigRefs,
  address: string,
  type: string,
  name: string,
): Map<string, string[]> | undefined {
  const own = baseAddress(address);
  const suffix = `${type}.${name}`;
  if (!own.endsWith(suffix)) return undefined;
  const modulePrefix = own.slice(0, own.length - suffix.length);
  const refs = all.get(modulePrefix.replace(/\[[^\]]*\]/g, "") + suffix);
  if (!refs) return undefined;
  return new Map([...refs].map(([path, list]) => [path, list.map((a) => modulePrefix + a)]));
}
