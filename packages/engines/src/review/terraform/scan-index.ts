import { Unknown } from "./eval/values";
import { baseAddress } from "./eval/static-refs";
import type { ScanIndex, TfResource } from "./tf-types";

/** Attributes that identify a resource to the companions that name it. */
export const LINK_KEYS = ["id", "bucket", "name", "arn"];

/** Key of an unresolved value: the inputs it depends on. */
export function unknownKey(v: Unknown): string {
  return `~${[...v.needs].sort().join(",")}`;
}

/**
 * How `source.field` points at other resources, strongest evidence first:
 * 1. an unresolved value that carries the address of the resource it came from
 *    (`aws_s3_bucket.b[0].id` before apply) names that exact instance;
 * 2. otherwise the resources the attribute's expression references in the configuration
 *    (Terraform's own dependency edges), narrowed to the instance whose identifying value
 *    equals a known value when one does;
 * 3. otherwise, with no reference at all, equal identifying values (`bucket = "logs"` names the
 *    bucket called "logs") or the same unresolved input (two values hanging on var.bucket_name).
 * A companion that references one bucket is never attached to another bucket that happens to
 * share its name, which is what attaching by value alone did.
 */
function keysOf(source: TfResource, field: string): string[] {
  const v = source.values[field];
  // A plan's "known after apply" marks carry the resource's own address: no link.
  if (v instanceof Unknown && v.ref && v.ref !== source.address) return [`@${v.ref}`];
  const refs = source.refs?.get(field);
  if (refs?.length) {
    const out = refs.map((a) => `^${a}`);
    if (typeof v === "string") for (const a of refs) out.push(`^${a}=${v}`);
    return out;
  }
  if (v instanceof Unknown) {
    const out: string[] = [];
    for (const n of v.needs) out.push(`@${n.slice(0, n.lastIndexOf("."))}`);
    // Two values that hang on the same unresolved input (var.bucket_name) name the same thing.
    out.push(unknownKey(v));
    return out;
  }
  return typeof v === "string" ? [`=${v}`] : [];
}

/** The keys under which a target is found by its companions (see `keysOf`). */
function targetKeys(target: TfResource): string[] {
  const base = baseAddress(target.address);
  const out = [`@${target.address}`, `^${base}`];
  for (const lk of LINK_KEYS) {
    const v = target.values[lk];
    if (typeof v === "string") out.push(`=${v}`, `^${base}=${v}`);
    else if (v instanceof Unknown && !v.ref) out.push(unknownKey(v));
  }
  return out;
}

/** Resources found in a target index under the source's keys (see `keysOf`). */
function lookup(idx: Map<string, TfResource[]>, source: TfResource, field: string): TfResource[] {
  const v = source.values[field];
  const out = new Set<TfResource>();
  for (const k of keysOf(source, field)) {
    if (k.includes("=") && k.startsWith("^")) continue;
    if (k.startsWith("^") && typeof v === "string") {
      // Narrow a reference to the instances whose identifying value equals the known value
      // (`bucket = aws_s3_bucket.b[count.index].bucket`), when any does.
      const exact = idx.get(`${k}=${v}`);
      if (exact?.length) {
        for (const t of exact) out.add(t);
        continue;
      }
    }
    for (const t of idx.get(k) ?? []) out.add(t);
  }
  return [...out];
}

/**
 * Lookup over the resources of one scan. `targets` answers "which `type` resources does
 * `source.field` point at" and `linked` the reverse, each from an index built on first use, so
 * companion checks (public access blocks, flow logs…) stay linear instead of comparing every pair.
 */
export function makeScanIndex(resources: () => readonly TfResource[]): ScanIndex {
  let byType: Map<string, TfResource[]> | undefined;
  const targetIdx = new Map<string, Map<string, TfResource[]>>();
  const reverse = new Map<string, Map<TfResource, TfResource[]>>();
  const types = (): Map<string, TfResource[]> => {
    if (byType) return byType;
    byType = new Map();
    for (const r of resources()) {
      const list = byType.get(r.type);
      if (list) list.push(r);
      else byType.set(r.type, [r]);
    }
    return byType;
  };
  const indexOf = (type: string): Map<string, TfResource[]> => {
    let idx = targetIdx.get(type);
    if (!idx) {
      idx = new Map();
      for (const t of types().get(type) ?? [])
        for (const key of targetKeys(t)) {
          const list = idx.get(key);
          if (!list) idx.set(key, [t]);
          else if (!list.includes(t)) list.push(t);
        }
      targetIdx.set(type, idx);
    }
    return idx;
  };
  const targets = (source: TfResource, field: string, type: string): TfResource[] =>
    lookup(indexOf(type), source, field);
  let referrers: Map<string, TfResource[]> | undefined;
  return {
    byType: (t) => types().get(t) ?? [],
    targets,
    referrers(target) {
      if (!referrers) {
        const idx = new Map<string, TfResource[]>();
        for (const r of resources())
          for (const a of new Set([...(r.refs?.values() ?? [])].flat())) {
            const list = idx.get(a);
            if (!list) idx.set(a, [r]);
            else if (list[list.length - 1] !== r) list.push(r);
          }
        referrers = idx;
      }
      return (referrers.get(baseAddress(target.address)) ?? []).filter((r) => r !== target);
    },
    linked(type, field, target) {
      const k = `${type}\u0000${field}\u0000${target.type}`;
      let rev = reverse.get(k);
      if (!rev) {
        rev = new Map();
        for (const c of types().get(type) ?? [])
          for (const t of targets(c, field, target.type)) {
            const list = rev.get(t);
            if (list) list.push(c);
            else rev.set(t, [c]);
          }
        reverse.set(k, rev);
      }
      return rev.get(target) ?? [];
    },
  };
}
