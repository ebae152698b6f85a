import type { RuleOutcome } from "@infrasec/core";
import { LINK_KEYS, unknownKey } from "../scan-index";
import type { ScanIndex, TfResource } from "../tf-types";
import { Unknown } from "../eval/values";
import { fail, pass, unknown } from "./rule-kit";

/**
 * Companion resources: settings a resource may carry inline or in separate resources that point
 * at it (AWS provider v4 split `aws_s3_bucket` into `aws_s3_bucket_acl`, `_versioning`,
 * `_server_side_encryption_configuration`, `_logging`, `_public_access_block`…). The finding
 * belongs to the resource the setting protects, so a bucket passes when a companion attached to
 * it configures the setting and fails when none does, the way Checkov's graph checks connect
 * them. A companion attached to a resource of the scan is judged through that resource;
 * a companion whose target is outside the scan is judged on its own.
 */

/** What one source (the resource's inline setting or one companion) says about the setting. */
export type Verdict =
  | { kind: "ok" }
  | { kind: "bad"; path: string; message: string }
  | { kind: "absent" }
  | { kind: "unknown"; value: Unknown | readonly Unknown[]; path: string };

export const ok: Verdict = { kind: "ok" };
export const absent: Verdict = { kind: "absent" };
export const bad = (path: string, message: string): Verdict => ({ kind: "bad", path, message });
export const undecided = (value: Unknown | readonly Unknown[], path: string): Verdict => ({
  kind: "unknown",
  value,
  path,
});

/** How to find a resource's companions of one type. */
export interface CompanionRef {
  type: string;
  /** The companion attribute that points at the resource (default `bucket`). */
  field?: string;
}

/** Companions attached to `r`, and those whose link is unresolved and so might be `r`'s. */
export function attached(
  r: TfResource,
  c: CompanionRef,
): { linked: TfResource[]; maybe: Unknown[] } {
  const field = c.field ?? "bucket";
  const linked = [...r.scan.linked(c.type, field, r)];
  const maybe = unresolved(r, c.type, field)
    .filter((x) => !linked.includes(x))
    .map((x) => x.values[field] as Unknown);
  return { linked, maybe };
}

const UNRESOLVED = new WeakMap<ScanIndex, Map<string, TfResource[]>>();

/**
 * Companions of `type` keyed by an unresolved input that no resource of r's type is keyed by,
 * and that reference nothing: they could belong to r, which makes r's outcome unknown rather
 * than failing. Computed once per scan, companion type and target type.
 */
function unresolved(r: TfResource, type: string, field: string): TfResource[] {
  let byKey = UNRESOLVED.get(r.scan);
  if (!byKey) {
    byKey = new Map<string, TfResource[]>();
    UNRESOLVED.set(r.scan, byKey);
  }
  const key = `${type}\u0000${field}\u0000${r.type}`;
  const hit = byKey.get(key);
  if (hit) return hit;
  const ownKeys = new Set<string>();
  for (const b of r.scan.byType(r.type))
    for (const k of LINK_KEYS) {
      const v = b.values[k];
      if (v instanceof Unknown) ownKeys.add(unknownKey(v));
    }
  const out = r.scan.byType(type).filter((x) => {
    const v = x.values[field];
    return (
      v instanceof Unknown &&
      (!v.ref || v.ref === x.address) &&
      !x.refs?.get(field)?.length &&
      !ownKeys.has(unknownKey(v))
    );
  });
  byKey.set(key, out);
  return out;
}

/** True when `companion` points at a resource of `targetType` in the scan. */
export function isAttached(companion: TfResource, targetType: string, field = "bucket"): boolean {
  return companion.scan.targets(companion, field, targetType).length > 0;
}

/** Options of `judgeWithCompanions`. */
export interface CompanionSetting {
  /** The resource's own (inline) setting. */
  inline: (r: TfResource) => Verdict;
  companions: readonly (CompanionRef & { judge: (c: TfResource) => Verdict })[];
  /** Outcome when neither the resource nor any companion sets anything. */
  whenAbsent: "pass" | "fail";
  /** Attribute path and message of the failure when absent. */
  path: string;
  message: string;
}

/**
 * Judge a setting from the resource and its companions. A bad setting anywhere fails (located
 * at the source that says it, so the finding points at the companion's line); otherwise a good
 * one passes; otherwise an undecidable one is unknown; otherwise the setting is absent and a
 * companion whose link is unresolved makes that unknown too.
 */
export function judgeWithCompanions(r: TfResource, s: CompanionSetting): RuleOutcome {
  const said: { from: TfResource; v: Verdict }[] = [{ from: r, v: s.inline(r) }];
  const maybe: Unknown[] = [];
  for (const c of s.companions) {
    const a = attached(r, c);
    for (const x of a.linked) said.push({ from: x, v: c.judge(x) });
    maybe.push(...a.maybe);
  }
  const badOne = said.find((x) => x.v.kind === "bad");
  if (badOne && badOne.v.kind === "bad") {
    const { from, v } = badOne;
    return fail(from, v.path, from === r ? v.message : `${v.message} (${from.address})`);
  }
  if (said.some((x) => x.v.kind === "ok")) return pass();
  const unk = said.flatMap((x) => (x.v.kind === "unknown" ? [x.v] : []));
  if (unk.length)
    return unknown(
      unk.flatMap((u) => (u.value instanceof Unknown ? [u.value] : u.value)),
      unk[0]!.path,
    );
  if (s.whenAbsent === "pass") return pass();
  if (maybe.length) return unknown(maybe, s.path);
  return fail(r, s.path, s.message);
}
