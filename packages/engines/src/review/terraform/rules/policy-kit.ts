import { Unknown, deepUnknown, fromJson, isObject, text } from "../eval/values";
import type { Value } from "../eval/values";

/** One IAM-style policy statement, normalised. */
export interface Statement {
  effect: string;
  actions: string[];
  notActions: string[];
  resources: string[];
  /** Principal values; "*" for the anonymous principal `"*"` or `{AWS: "*"}`. */
  principals: string[];
  hasCondition: boolean;
}

const arr = (v: unknown): string[] =>
  Array.isArray(v)
    ? v.map((x) => text(x as Value))
    : v === undefined || v === null
      ? []
      : [text(v as Value)];

function principalsOf(p: unknown): string[] {
  if (p === undefined || p === null) return [];
  if (typeof p === "string") return [p];
  if (typeof p === "object" && !Array.isArray(p))
    return Object.values(p as Record<string, unknown>).flatMap(arr);
  return arr(p);
}

/**
 * Parse a policy document given as a JSON string or an object. Returns the statements,
 * an Unknown when the document depends on unknown values, or undefined when absent/invalid.
 */
export function parsePolicy(v: Value | undefined): Statement[] | Unknown | undefined {
  if (v === undefined || v === null || v === "") return undefined;
  if (v instanceof Unknown) return v;
  let doc: Value = v;
  if (typeof v === "string") {
    try {
      doc = fromJson(JSON.parse(v));
    } catch {
      return undefined;
    }
  }
  const unknowns = deepUnknown(doc);
  if (unknowns.length) return unknowns[0];
  if (!isObject(doc)) return undefined;
  const raw = doc.Statement;
  const list = Array.isArray(raw) ? raw : raw === undefined ? [] : [raw];
  return list.filter(isObject).map((s) => ({
    effect: text(s.Effect ?? "Allow"),
    actions: arr(s.Action),
    notActions: arr(s.NotAction),
    resources: arr(s.Resource),
    principals: principalsOf(s.Principal),
    hasCondition: isObject(s.Condition) && Object.keys(s.Condition).length > 0,
  }));
}

/** Allow statements of a parsed policy. */
export function allows(stmts: Statement[]): Statement[] {
  return stmts.filter((s) => s.effect === "Allow");
}

/** True for the anonymous principal. */
export function isAnyPrincipal(s: Statement): boolean {
  return s.principals.includes("*");
}
