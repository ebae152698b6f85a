import { deepUnknown, isObject, text } from "./values";
import type { Value } from "./values";

/**
 * Build the JSON of an `aws_iam_policy_document` data source from its statement blocks, so
 * rules can read `data.aws_iam_policy_document.x.json` like an inline policy.
 */
export function policyDocumentJson(values: Record<string, Value>): Value {
  const stmts = Array.isArray(values.statement) ? values.statement : [];
  const out = stmts.filter(isObject).map((s) => {
    const st: Record<string, Value> = { Effect: s.effect ?? "Allow" };
    if (s.actions !== undefined) st.Action = s.actions;
    if (s.not_actions !== undefined) st.NotAction = s.not_actions;
    if (s.resources !== undefined) st.Resource = s.resources;
    const principals = Array.isArray(s.principals) ? s.principals.filter(isObject) : [];
    if (principals.length) {
      const p: Record<string, Value> = {};
      for (const pr of principals) {
        const type = text(pr.type ?? "AWS");
        const ids = pr.identifiers;
        p[type] = type === "*" ? "*" : (ids ?? []);
      }
      st.Principal = "*" in p ? "*" : p;
    }
    const conds = Array.isArray(s.condition) ? s.condition.filter(isObject) : [];
    if (conds.length) {
      const c: Record<string, Value> = {};
      for (const cd of conds) c[text(cd.test)] = { [text(cd.variable)]: cd.values ?? [] };
      st.Condition = c;
    }
    return st;
  });
  const doc = { Version: "2012-10-17", Statement: out };
  if (deepUnknown(doc).length) return deepUnknown(doc)[0]!;
  return JSON.stringify(doc);
}
