import type { ErrorDetail, Finding } from "@infrasec/core";
import { outcomeToFinding, outcomesOf } from "../findings";
import { RESOURCE_ADDRESS, Unknown, fromJson, isObject } from "../terraform/eval/values";
import type { ObjectValue, Value } from "../terraform/eval/values";
import type { TfRule } from "../terraform/rules/rule-kit";
import { runTerraformRules } from "../terraform/terraform-scanner";
import { makeScanIndex } from "../terraform/scan-index";
import type { TfResource } from "../terraform/tf-types";
import type { PlanRule } from "./plan-kit";
import { configRefs, refsOfPlanned } from "./plan-refs";
import type { PlanChange } from "./plan-types";

/** True when parsed JSON looks like `terraform show -json` output of a plan. */
export function isPlanJson(doc: unknown): boolean {
  return (
    isObject(doc) &&
    ("planned_values" in (doc as object) || "resource_changes" in (doc as object)) &&
    "format_version" in (doc as object)
  );
}

/** Line of each `"address": "…"` occurrence, so findings point into the plan file. */
function addressLines(text: string): Map<string, number[]> {
  const out = new Map<string, number[]>();
  const re = /"address"\s*:\s*"((?:[^"\\]|\\.)*)"/g;
  let line = 1;
  let last = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    for (let i = last; i < m.index; i++) if (text.charCodeAt(i) === 10) line++;
    last = m.index;
    const addr = JSON.parse(`"${m[1]!}"`) as string;
    const list = out.get(addr);
    if (list) list.push(line);
    else out.set(addr, [line]);
  }
  return out;
}

/** Mark attributes that `after_unknown` says are computed as Unknown values. */
function overlayUnknown(
  values: ObjectValue,
  unknown: Value | undefined,
  address: string,
  path = "",
): void {
  if (!isObject(unknown)) return;
  for (const [k, u] of Object.entries(unknown)) {
    if (u === true) values[k] = new Unknown([`${address}.${path}${k}`], address);
    else if (isObject(values[k])) overlayUnknown(values[k], u, address, `${path}${k}.`);
  }
}

interface PlanModule {
  resources?: { address?: string; mode?: string; type?: string; name?: string; values?: unknown }[];
  child_modules?: PlanModule[];
}

/** Scan a plan JSON: Terraform rules on planned_values, change-aware rules on resource_changes. */
export function scanPlan(
  path: string,
  text: string,
  doc: unknown,
  tfRules: readonly TfRule[] | Map<string, TfRule[]>,
  planRules: readonly PlanRule[],
): { findings: Finding[]; errors: ErrorDetail[]; subjects: number } {
  const plan = doc as {
    planned_values?: { root_module?: PlanModule };
    resource_changes?: unknown[];
    configuration?: unknown;
  };
  const refs = configRefs(plan.configuration);
  const lines = addressLines(text);
  const changes: PlanChange[] = [];
  for (const rc of plan.resource_changes ?? []) {
    if (!isObject(rc)) continue;
    const r = rc as {
      address?: string;
      type?: string;
      action_reason?: string;
      change?: { actions?: string[]; before?: unknown; after?: unknown; after_unknown?: unknown };
    };
    const address = String(r.address ?? "");
    const ls = lines.get(address) ?? [1];
    changes.push({
      address,
      type: String(r.type ?? ""),
      actions: r.change?.actions ?? [],
      before: isObject(fromJson(r.change?.before ?? null))
        ? (fromJson(r.change?.before) as ObjectValue)
        : null,
      after: isObject(fromJson(r.change?.after ?? null))
        ? (fromJson(r.change?.after) as ObjectValue)
        : null,
      afterUnknown: isObject(fromJson(r.change?.after_unknown ?? null))
        ? (fromJson(r.change?.after_unknown) as ObjectValue)
        : null,
      actionReason: r.action_reason,
      file: path,
      line: ls[ls.length - 1]!,
    });
  }
  const unknownByAddr = new Map(changes.map((c) => [c.address, c.afterUnknown ?? undefined]));
  const resources: TfResource[] = [];
  const index = makeScanIndex(() => resources);
  const walk = (m: PlanModule | undefined): void => {
    for (const r of m?.resources ?? []) {
      if (r.mode !== "managed" || !r.address || !r.type) continue;
      const values = (
        isObject(fromJson(r.values ?? {})) ? fromJson(r.values ?? {}) : {}
      ) as ObjectValue;
      overlayUnknown(values, unknownByAddr.get(r.address) ?? undefined, r.address);
      Object.defineProperty(values, RESOURCE_ADDRESS, { value: r.address, enumerable: false });
      const line = lines.get(r.address)?.[0] ?? 1;
      const res: TfResource = {
        address: r.address,
        type: r.type,
        name: r.name ?? "",
        mode: "managed",
        values,
        file: path,
        startLine: line,
        endLine: line,
        lines: new Map(),
        refs: refsOfPlanned(refs, r.address, r.type, r.name ?? ""),
        callSites: [],
        scan: index,
      };
      resources.push(res);
    }
    for (const c of m?.child_modules ?? []) walk(c);
  };
  walk(plan.planned_values?.root_module);
  const tf = runTerraformRules(resources, tfRules);
  const findings = [...tf.findings];
  const errors = [...tf.errors];
  for (const c of changes) {
    for (const rule of planRules) {
      if (rule.appliesTo.length && !rule.appliesTo.includes(c.type)) continue;
      const where = { file: path, startLine: c.line, endLine: c.line };
      for (const o of outcomesOf(rule.check(c))) {
        const f = outcomeToFinding(rule.meta, o, c.address, where);
        if (f) findings.push(f);
      }
    }
  }
  return { findings, errors, subjects: resources.length + changes.length };
}
