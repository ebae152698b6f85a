import { posix } from "node:path";
import type { ErrorDetail, Finding } from "@infrasec/core";
import { classify } from "../kit/fingerprint";
import { applySuppressions } from "../kit/suppressions";
import type { Suppression, SuppressionReport } from "../kit/suppressions";
import { summarize } from "../report/report-model";
import type { ReportError, ReviewReport } from "../report/report-model";
import { detectInput } from "./detect";
import { scanDockerfile } from "./dockerfile/index";
import { scanKubernetesFile } from "./kubernetes/index";
import { planRules } from "./plan/plan-rules";
import { isPlanJson, scanPlan } from "./plan/plan-scanner";
import { allRuleMetas, equivalentsIndex, terraformRules } from "./rule-registry";
import { lineSuppressions, terraformSuppressions } from "./suppress-collect";
import { ModuleLoader } from "./terraform/eval/module-loader";
import { evaluateTerraform, findRoots, localModuleDirs } from "./terraform/eval/terraform-eval";
import { indexRules, runTerraformRules } from "./terraform/terraform-scanner";
import type { FileSource, TerraformOptions } from "./terraform/tf-types";

/** Options of a review run. Engines have no clock: `today` decides suppression expiry. */
export interface ReviewOptions extends TerraformOptions {
  /** Today as YYYY-MM-DD (UTC), for `until=` expiry of suppressions. */
  today: string;
  /** Findings of a previous report: turns on change mode (new / existing / fixed). */
  baseline?: readonly Finding[];
  /** Config-file suppressions. */
  suppressions?: readonly Suppression[];
  tool?: { name: string; version: string };
  /**
   * Incremental change mode: only the root modules whose (local) module closure contains one of
   * these files, and only these non-Terraform files, are reviewed; the baseline is narrowed to
   * the same scope so untouched findings are neither "fixed" nor "new".
   */
  changedFiles?: readonly string[];
  /** Called after each input file. */
  onProgress?: (done: number, total: number) => void;
}

/** A review report plus what the suppression pass found (stale, expired, invalid). */
export interface ReviewResult extends ReviewReport {
  suppressionReport: SuppressionReport;
}

/** Directories of a root module and of every local module it calls, transitively. */
function moduleClosure(root: string, fs: FileSource): Set<string> {
  const seen = new Set<string>();
  const stack = [posix.normalize(root)];
  while (stack.length) {
    const dir = stack.pop()!;
    if (seen.has(dir)) continue;
    seen.add(dir);
    stack.push(...localModuleDirs(dir, fs));
  }
  return seen;
}

const toReportError = (e: ErrorDetail): ReportError => ({
  file: e.file ?? e.path ?? "",
  line: e.line,
  message: e.message,
});

/**
 * Review a set of files read through `fs`: detect each input, run the framework scanners, apply
 * suppressions, classify against a baseline, and build the one report model.
 */
export function reviewFiles(
  fs: FileSource,
  files: readonly string[],
  opts: ReviewOptions,
  walkErrors: readonly ErrorDetail[] = [],
): ReviewResult {
  const findings: Finding[] = [];
  const errors: ErrorDetail[] = [...walkErrors];
  const suppressions: Suppression[] = [...(opts.suppressions ?? [])];
  const seenErrors = new Set<string>();
  const pushError = (e: ErrorDetail): void => {
    const key = `${e.file}:${e.line}:${e.message}`;
    if (!seenErrors.has(key)) {
      seenErrors.add(key);
      errors.push(e);
    }
  };
  let subjects = 0;
  const tfDirs = new Set<string>();
  const others: { path: string; kind: "plan" | "kubernetes" | "dockerfile" }[] = [];
  for (const path of files) {
    const kind = detectInput(path, () => (fs.read(path) ?? "").slice(0, 4096));
    if (kind === "terraform") tfDirs.add(posix.dirname(path));
    else if (kind === "plan" || kind === "kubernetes" || kind === "dockerfile")
      others.push({ path, kind });
  }
  const loader = new ModuleLoader(fs);
  let roots = findRoots([...tfDirs].sort(), fs);
  let scopeDirs: Set<string> | undefined;
  let inputs = others;
  if (opts.changedFiles) {
    const changed = new Set(opts.changedFiles.map((f) => posix.normalize(f)));
    const changedDirs = new Set([...changed].map((f) => posix.dirname(f)));
    scopeDirs = new Set();
    roots = roots.filter((root) => {
      const closure = moduleClosure(root, fs);
      if (![...closure].some((d) => changedDirs.has(d))) return false;
      for (const d of closure) scopeDirs!.add(d);
      return true;
    });
    inputs = others.filter((o) => changed.has(posix.normalize(o.path)));
    for (const o of inputs) scopeDirs.add(o.path);
  }
  const total = roots.length + inputs.length;
  let done = 0;
  const progress = (): void => opts.onProgress?.(++done, total);
  const ruleIndex = indexRules(terraformRules);
  const suppressedFiles = new Set<string>();
  for (const root of roots) {
    const scan = evaluateTerraform(root, fs, opts, loader);
    const res = runTerraformRules(scan.resources, ruleIndex);
    subjects += scan.resources.length;
    findings.push(...res.findings);
    for (const e of [...scan.errors, ...res.errors]) pushError(e);
    const fresh = {
      ...scan,
      comments: new Map([...scan.comments].filter(([f]) => !suppressedFiles.has(f))),
    };
    for (const f of fresh.comments.keys()) suppressedFiles.add(f);
    const sup = terraformSuppressions(fresh);
    suppressions.push(...sup.suppressions);
    sup.errors.forEach(pushError);
    progress();
  }
  for (const { path, kind } of inputs) {
    const content = fs.read(path);
    if (content === undefined) {
      pushError({ file: path, message: "cannot read file (binary, too large or unreadable)" });
      progress();
      continue;
    }
    if (kind === "plan") {
      let doc: unknown;
      try {
        doc = JSON.parse(content);
      } catch (e) {
        pushError({ file: path, line: 1, message: `invalid JSON: ${(e as Error).message}` });
        progress();
        continue;
      }
      if (isPlanJson(doc)) {
        const r = scanPlan(path, content, doc, ruleIndex, planRules);
        findings.push(...r.findings);
        r.errors.forEach(pushError);
        subjects += r.subjects;
      }
    } else {
      const r =
        kind === "kubernetes" ? scanKubernetesFile(path, content) : scanDockerfile(path, content);
      findings.push(...r.findings);
      r.errors.forEach(pushError);
      subjects += r.subjects;
      const sup = lineSuppressions(path, content, kind);
      suppressions.push(...sup.suppressions);
      sup.errors.forEach(pushError);
    }
    progress();
  }
  const applied = applySuppressions(findings, suppressions, opts.today, equivalentsIndex());
  applied.report.invalid.push(
    ...errors.filter((e) => /infrasec:ignore|suppression/.test(e.message)),
  );
  const inScope = (f: Finding): boolean =>
    !scopeDirs || scopeDirs.has(f.location.file) || scopeDirs.has(posix.dirname(f.location.file));
  const classified = opts.baseline
    ? classify(applied.findings, opts.baseline.filter(inScope))
    : applied.findings;
  const reportErrors = errors.map(toReportError);
  return {
    tool: opts.tool ?? { name: "infrasec", version: "0.1.0" },
    rules: allRuleMetas(),
    findings: classified,
    errors: reportErrors,
    summary: summarize(classified, reportErrors, { subjects, files: files.length }),
    suppressionReport: applied.report,
  };
}
