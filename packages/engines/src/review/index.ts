import { walkPaths, diskFs } from "./fs-walk";
import type { WalkOptions } from "./fs-walk";
import { reviewFiles } from "./review-run";
import type { ReviewOptions, ReviewResult } from "./review-run";
import { memFs } from "./terraform/mem-fs";

export type {
  ReviewFramework,
  ReviewProvider,
  ReviewRuleMeta,
  ReviewRule,
  FrameworkScanResult,
} from "./review-types";
export type { ReviewOptions, ReviewResult } from "./review-run";
export { reviewFiles } from "./review-run";
export { walkPaths, diskFs, looksBinary } from "./fs-walk";
export type { WalkOptions, WalkResult } from "./fs-walk";
export { detectInput, isDockerfileName } from "./detect";
export type { InputKind } from "./detect";
export { allRuleMetas, ruleCatalogue, equivalentsIndex, terraformRules } from "./rule-registry";
export type { RuleCatalogueEntry } from "./rule-registry";
export { ruleDocMarkdown, ruleDocPages } from "./rule-docs";
export { planRules } from "./plan/plan-rules";
export { scanPlan, isPlanJson } from "./plan/plan-scanner";
export type { PlanChange } from "./plan/plan-types";
export { parseHcl } from "./terraform/hcl/hcl-parser";
export type { HclFile, Expr, Block, Body, Attribute } from "./terraform/hcl/hcl-ast";
export { evaluateTerraform, findRoots, parseVarFile } from "./terraform/eval/terraform-eval";
export { ModuleLoader } from "./terraform/eval/module-loader";
export { Unknown } from "./terraform/eval/values";
export type { Value } from "./terraform/eval/values";
export { runTerraformRules, indexRules } from "./terraform/terraform-scanner";
export { runFixtures } from "./terraform/rules/fixture-harness";
export type { FixtureResult } from "./terraform/rules/fixture-harness";
export { tfRule } from "./terraform/rules/rule-kit";
export type { TfRule, TfRuleSpec } from "./terraform/rules/rule-kit";
export type { TfResource, FileSource, TerraformOptions, TerraformScan } from "./terraform/tf-types";
export { memFs } from "./terraform/mem-fs";

/**
 * Review files and directories on disk: walk them (bounded), then review every detected input.
 * The walk is the only filesystem traversal; it reports unreadable paths and goes on.
 */
export function reviewPaths(
  paths: readonly string[],
  opts: ReviewOptions & { walk?: WalkOptions },
): ReviewResult {
  const walked = walkPaths(paths, opts.walk);
  return reviewFiles(diskFs(opts.walk?.maxFileBytes), walked.files, opts, walked.errors);
}

/** Review in-memory input `{ path: content }` (pure; used by the server and previews). */
export function review(
  input: { files: Readonly<Record<string, string>> },
  opts: ReviewOptions,
): ReviewResult {
  return reviewFiles(memFs(input.files), Object.keys(input.files).sort(), opts);
}
