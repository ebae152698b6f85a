import type { RuleOutcome } from "@infrasec/core";
import { outcomesOf } from "../../findings";
import { evaluateTerraform } from "../eval/terraform-eval";
import { memFs } from "../mem-fs";
import type { TfRule } from "./rule-kit";

/** Expected outcome encoded in a fixture resource name: `<RULE-ID>-pass…`, `-fail…`, `-unknown…`. */
export type Expected = "pass" | "fail" | "unknown";

/** One fixture result: what the name asked for and what the rule gave. */
export interface FixtureResult {
  ruleId: string;
  address: string;
  expected: Expected;
  actual: Expected;
}

function summarise(outs: readonly RuleOutcome[]): Expected {
  if (outs.some((o) => o.kind === "fail")) return "fail";
  if (outs.some((o) => o.kind === "unknown")) return "unknown";
  return "pass";
}

/**
 * Run rules against fixture HCL. Resources named `<rule id lowercased or not>-pass|fail|unknown…`
 * are the cases of that rule; other resources are companions. This is the same fixture format a
 * custom rule's tests use.
 */
export function runFixtures(
  rules: readonly TfRule[],
  hcl: string,
  file = "/fixtures/main.tf",
): FixtureResult[] {
  const scan = evaluateTerraform("/fixtures", memFs({ [file]: hcl }));
  if (scan.errors.length) throw new Error(`fixture errors: ${JSON.stringify(scan.errors)}`);
  const out: FixtureResult[] = [];
  for (const rule of rules) {
    const prefix = rule.meta.id.toLowerCase() + "-";
    for (const res of scan.resources) {
      const name = res.name.toLowerCase();
      if (!name.startsWith(prefix) || !rule.appliesTo.includes(res.type)) continue;
      const m = /^(pass|fail|unknown)/.exec(name.slice(prefix.length));
      if (!m) continue;
      out.push({
        ruleId: rule.meta.id,
        address: res.address,
        expected: m[1] as Expected,
        actual: summarise(outcomesOf(rule.check(res))),
      });
    }
  }
  return out;
}
