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
  /**
   * True when the condition actually narrows who or what matches: a condition whose every value
   * is a wildcard (`"aws:PrincipalArn": "arn:aws:iam::*"`) restricts nothing.
   */
  restricted: boolean;
}

/** A condition value made only of wildcards and ARN scaffolding (`*`, `arn:aws:iam::*`). */
function wildcardOnly(v: string): boolean {
  const rest = v.replace(/^arn:(aws|aws-cn|aws-us-gov):[a-z0-9-]*:/, "");
  return /^[*:]*$/.test(rest);
}

function conditionValues(c: Value | undefined): string[] {
  if (!isObject(c)) return [];
  const out: string[] = [];
  for (const op of Object.values(c))
    if (isObject(op)) for (const v of Object.values(op)) out.push(...arr(v));
  return out;
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

/** JSON text with commas before a closing bracket or brace removed (outside strings). */
function withoutTrailingCommas(json: string): string {
  return json.replace(/("(?:[^"\\]|\\.)*")|,(\s*[\]}])/g, (m, str: string | undefined, close) =>
    str !== undefined ? m : (close as string),
  );
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
      // Heredoc policies often carry a trailing comma that the author clearly did not mean to
      // change the statement list; read them without it rather than skipping the policy.
      try {
        doc = fromJson(JSON.parse(withoutTrailingCommas(v)));
      } catch {
        return undefined;
      }
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
    restricted: conditionValues(s.Condition).some((v) => !wildcardOnly(v)),
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
