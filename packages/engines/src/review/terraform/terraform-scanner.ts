import type { ErrorDetail, Finding } from "@infrasec/core";
import { outcomeToFinding, outcomesOf } from "../findings";
import type { TfRule } from "./rules/rule-kit";
import type { TfResource } from "./tf-types";

/** Index rules by resource type once per scan. */
export function indexRules(rules: readonly TfRule[]): Map<string, TfRule[]> {
  const byType = new Map<string, TfRule[]>();
  for (const r of rules) {
    for (const t of r.appliesTo) {
      const list = byType.get(t);
      if (list) list.push(r);
      else byType.set(t, [r]);
    }
  }
  return byType;
}

/**
 * Run Terraform rules over resource instances. A rule that throws is reported as an error for
 * that resource rather than stopping the scan.
 */
export function runTerraformRules(
  resources: readonly TfResource[],
  rules: readonly TfRule[] | Map<string, TfRule[]>,
): { findings: Finding[]; errors: ErrorDetail[] } {
  const byType = rules instanceof Map ? rules : indexRules(rules);
  const findings: Finding[] = [];
  const errors: ErrorDetail[] = [];
  for (const res of resources) {
    if (res.mode !== "managed") continue;
    const applicable = byType.get(res.type);
    if (!applicable) continue;
    const where = { file: res.file, startLine: res.startLine, endLine: res.endLine };
    const site = res.callSites[res.callSites.length - 1];
    const note = site ? ` (module called at ${site.file}:${site.line})` : "";
    for (const rule of applicable) {
      let outs;
      try {
        outs = outcomesOf(rule.check(res));
      } catch (e) {
        errors.push({
          file: res.file,
          line: res.startLine,
          message: `rule ${rule.meta.id} failed on ${res.address}: ${(e as Error).message}`,
        });
        continue;
      }
      for (const o of outs) {
        const f = outcomeToFinding(rule.meta, o, res.address, where, note);
        if (f) findings.push(f);
      }
    }
  }
  return { findings, errors };
}
