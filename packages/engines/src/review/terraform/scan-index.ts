import { Unknown } from "./eval/values";
import type { ScanIndex, TfResource } from "./tf-types";

const LINK_KEYS = ["id", "bucket", "name", "arn"];

/** Key of an unresolved value: the inputs it depends on. */
export function unknownKey(v: Unknown): string {
  return `~${[...v.needs].sort().join(",")}`;
}

/**
 * Lookup over the resources of one scan. `linked` answers "which `type` resources point at this
 * one through `field`" from a reverse index built on first use, so companion checks (public
 * access blocks, flow logs…) stay linear instead of comparing every pair.
 */
export function makeScanIndex(resources: () => readonly TfResource[]): ScanIndex {
  let byType: Map<string, TfResource[]> | undefined;
  const reverse = new Map<string, Map<string, TfResource[]>>();
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
  const keysOf = (v: unknown): string[] => {
    if (v instanceof Unknown) {
      const out = v.ref ? [`@${v.ref}`] : [];
      for (const n of v.needs) out.push(`@${n.slice(0, n.lastIndexOf("."))}`);
      // Two values that hang on the same unresolved input (var.bucket_name) name the same thing.
      out.push(unknownKey(v));
      return out;
    }
    return typeof v === "string" ? [`=${v}`] : [];
  };
  return {
    byType: (t) => types().get(t) ?? [],
    linked(type, field, target) {
      const k = `${type}\u0000${field}`;
      let idx = reverse.get(k);
      if (!idx) {
        idx = new Map();
        for (const c of types().get(type) ?? []) {
          for (const key of keysOf(c.values[field])) {
            const list = idx.get(key);
            if (list) list.push(c);
            else idx.set(key, [c]);
          }
        }
        reverse.set(k, idx);
      }
      const out = new Set<TfResource>(idx.get(`@${target.address}`) ?? []);
      for (const lk of LINK_KEYS) {
        const v = target.values[lk];
        if (typeof v === "string") for (const c of idx.get(`=${v}`) ?? []) out.add(c);
        else if (v instanceof Unknown && !v.ref)
          for (const c of idx.get(unknownKey(v)) ?? []) out.add(c);
      }
      return [...out];
    },
  };
}
