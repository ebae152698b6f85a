import type { Location, RuleOutcome, Severity } from "@infrasec/core";
import type { ReviewProvider, ReviewRule } from "../../review-types";
import type { TfResource } from "../tf-types";
import { Unknown, deepUnknown, isObject, mergeUnknown, text } from "../eval/values";
import type { ObjectValue, Value } from "../eval/values";

/** A Terraform resource rule. */
export type TfRule = ReviewRule<TfResource>;

/** Compact authoring form of a rule's metadata. */
export interface TfRuleSpec {
  id: string;
  title: string;
  severity: Severity;
  types: readonly string[];
  description: string;
  remediation: string;
  references?: readonly string[];
  frameworks?: readonly string[];
  checkov?: readonly string[];
  trivy?: readonly string[];
}

const REGISTRY: Record<string, string> = {
  aws: "https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/",
  gcp: "https://registry.terraform.io/providers/hashicorp/google/latest/docs/resources/",
  azure: "https://registry.terraform.io/providers/hashicorp/azurerm/latest/docs/resources/",
};

/** Build a rule from its spec and check; references default to the provider docs of the types. */
export function tfRule(
  provider: ReviewProvider,
  spec: TfRuleSpec,
  check: (r: TfResource) => RuleOutcome | readonly RuleOutcome[],
): TfRule {
  const base = REGISTRY[provider] ?? "";
  const docs = spec.types.slice(0, 2).map((t) => base + t.replace(/^(aws|google|azurerm)_/, ""));
  return {
    meta: {
      id: spec.id,
      title: spec.title,
      severity: spec.severity,
      description: spec.description,
      remediation: spec.remediation,
      references: [...(spec.references ?? []), ...docs],
      frameworks: spec.frameworks ?? [],
      provider,
      framework: "terraform",
      equivalents: { checkov: spec.checkov ?? [], trivy: spec.trivy ?? [] },
    },
    appliesTo: spec.types,
    check,
  };
}

/** Value at a dotted path; nested block lists are entered at their first element by name. */
export function get(v: Value | undefined, path: string): Value | undefined {
  let cur: Value | undefined = v;
  for (const seg of path.split(".")) {
    if (cur === undefined || cur === null) return undefined;
    if (cur instanceof Unknown) return cur;
    if (Array.isArray(cur)) {
      if (/^\d+$/.test(seg)) {
        cur = cur[Number(seg)];
        continue;
      }
      cur = cur[0];
      if (cur === undefined) return undefined;
      if (cur instanceof Unknown) return cur;
    }
    if (!isObject(cur)) return undefined;
    cur = Object.prototype.hasOwnProperty.call(cur, seg) ? cur[seg] : undefined;
  }
  return cur;
}

/** Attribute of a resource by path. */
export function attr(r: TfResource, path: string): Value | undefined {
  return get(r.values, path);
}

/** Nested blocks (or an object given as a block in JSON / plan form) at a path. */
export function blocks(v: Value | undefined): ObjectValue[] {
  if (Array.isArray(v)) return v.filter(isObject);
  return isObject(v) ? [v] : [];
}

/** Source location of an attribute path (longest known prefix), else the resource block. */
export function locate(r: TfResource, path?: string): Location {
  if (path) {
    const parts = path.split(".");
    while (parts.length) {
      const span = r.lines.get(parts.join("."));
      if (span) return { file: r.file, startLine: span[0], endLine: span[1] };
      parts.pop();
    }
  }
  return { file: r.file, startLine: r.startLine, endLine: r.endLine };
}

/** A passing outcome. */
export const pass = (): RuleOutcome => ({ kind: "pass" });

/** A failing outcome located at the attribute. */
export function fail(r: TfResource, path: string, message: string): RuleOutcome {
  return { kind: "fail", message, attributePath: path, location: locate(r, path) };
}

/** An undecidable outcome naming what would decide it. */
export function unknown(u: Unknown | readonly Unknown[], path: string): RuleOutcome {
  const m = u instanceof Unknown ? u : mergeUnknown(u);
  return {
    kind: "unknown",
    needs: m.needs.join(", ") || "a value known only after apply",
    attributePath: path,
  };
}

/** Truthiness as Terraform providers read booleans given as strings. */
export function isTrue(v: Value | undefined): boolean {
  return v === true || v === "true";
}

/** False when explicitly false (a missing value is not false). */
export function isFalse(v: Value | undefined): boolean {
  return v === false || v === "false";
}

/**
 * Evaluate `ok` on the attribute at `path`: absent → `missing`, unknown → unknown, else pass
 * when `ok` holds. This is the workhorse of attribute rules.
 */
export function expect(
  r: TfResource,
  path: string,
  ok: (v: Value) => boolean,
  missing: "pass" | "fail",
  message: string,
): RuleOutcome {
  const v = attr(r, path);
  if (v === undefined || v === null) return missing === "pass" ? pass() : fail(r, path, message);
  if (v instanceof Unknown) return unknown(v, path);
  const nested = deepUnknown(v);
  if (ok(v)) return pass();
  if (nested.length) return unknown(nested, path);
  return fail(r, path, message);
}

/** Attribute must be true (absent fails unless `missingPasses`). */
export function mustBeTrue(path: string, message: string, missingPasses = false) {
  return (r: TfResource): RuleOutcome =>
    expect(r, path, (v) => isTrue(v), missingPasses ? "pass" : "fail", message);
}

/** Attribute must not be true (absent passes unless `missingFails`). */
export function mustNotBeTrue(path: string, message: string, missingFails = false) {
  return (r: TfResource): RuleOutcome =>
    expect(r, path, (v) => !isTrue(v), missingFails ? "fail" : "pass", message);
}

/** Attribute must be present and non-empty. */
export function mustBeSet(path: string, message: string) {
  return (r: TfResource): RuleOutcome =>
    expect(
      r,
      path,
      (v) =>
        v !== "" &&
        !(Array.isArray(v) && v.length === 0) &&
        !(isObject(v) && Object.keys(v).length === 0),
      "fail",
      message,
    );
}

/** Attribute must be one of the values (case-insensitive for strings). */
export function mustBeOneOf(
  path: string,
  allowed: readonly (string | number | boolean)[],
  message: string,
  missing: "pass" | "fail" = "fail",
) {
  const set = new Set(allowed.map((x) => text(x).toLowerCase()));
  return (r: TfResource): RuleOutcome =>
    expect(r, path, (v) => set.has(text(v).toLowerCase()), missing, message);
}

/** Attribute must not be one of the values. */
export function mustNotBeOneOf(
  path: string,
  denied: readonly (string | number | boolean)[],
  message: string,
) {
  const set = new Set(denied.map((x) => text(x).toLowerCase()));
  return (r: TfResource): RuleOutcome =>
    expect(r, path, (v) => !set.has(text(v).toLowerCase()), "pass", message);
}

/** Numeric attribute must be at least `min` (absent → `missing`). */
export function atLeastNum(
  path: string,
  min: number,
  message: string,
  missing: "pass" | "fail" = "fail",
) {
  return (r: TfResource): RuleOutcome => expect(r, path, (v) => Number(v) >= min, missing, message);
}

/** Combine outcomes: any fail wins, then unknown, else pass. */
export function worst(outcomes: readonly RuleOutcome[]): RuleOutcome[] {
  const fails = outcomes.filter((o) => o.kind === "fail");
  if (fails.length) return fails;
  const unk = outcomes.filter((o) => o.kind === "unknown");
  return unk.length ? unk : [pass()];
}

/** Strings of a list-or-string attribute value; unknown elements reported separately. */
export function strings(v: Value | undefined): { values: string[]; unknowns: Unknown[] } {
  const out = { values: [] as string[], unknowns: [] as Unknown[] };
  const list = Array.isArray(v) ? v : v === undefined || v === null ? [] : [v];
  for (const x of list) {
    if (x instanceof Unknown) out.unknowns.push(x);
    else if (typeof x === "string" || typeof x === "number") out.values.push(text(x));
  }
  return out;
}

/** True when a value references (or names) another resource, for companion-resource checks. */
export function linksTo(
  v: Value | undefined,
  target: TfResource,
  keys: readonly string[] = ["id", "bucket", "name", "arn"],
): boolean {
  if (v instanceof Unknown)
    return v.ref === target.address || v.needs.some((n) => n.startsWith(target.address + "."));
  if (typeof v !== "string") return false;
  return keys.some((k) => {
    const tv = target.values[k];
    return typeof tv === "string" && tv === v;
  });
}

/** Companion resources of `type` whose `field` links to `r`. */
export function companions(r: TfResource, type: string, field: string): TfResource[] {
  return [...r.scan.linked(type, field, r)];
}
