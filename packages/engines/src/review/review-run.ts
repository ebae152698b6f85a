import { posix } from "node:path";
import type { ErrorDetail, Finding } from "@infrasec/core";
import { classify } from "../kit/fingerprint";
import { applySuppressions } from "../kit/suppressions";
import type { Suppression, SuppressionReport } from "../kit/suppressions";
import { summarize } from "../report/report-model";
import type { ReportError, ReportSuppression, ReviewReport } from "../report/report-model";
import { detectInput } from "./detect";
import { scanDockerfile } from "./dockerfile/index";
import { scanKubernetesFile } from "./kubernetes/index";
import { planRules } from "./plan/plan-rules";
import { isPlanJson, scanPlan } from "./plan/plan-scanner";
import { allRuleMetas, equivalentsIndex, terraformRules } from "./rule-registry";
import {
  annotationSuppressions,
  lineSuppressions,
  terraformSuppressions,
} from "./suppress-collect";
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

/** How `applySuppressions` names a suppression in a finding's `suppression.source`. */
const sourceLabel = (s: Suppression): string =>
  s.source === "infrasec" || s.source === "config"
    ? `${s.source}:${s.origin.file}:${s.origin.line}`
    : `${s.source} (migrated) ${s.origin.file}:${s.origin.line}`;

/** Every suppression with its state and the number of findings it suppressed. */
function listSuppressions(
  all: readonly Suppression[],
  rep: SuppressionReport,
  findings: readonly Finding[],
): ReportSuppression[] {
  const expired = new Set(rep.expired);
  const stale = new Set(rep.stale);
  const matched = new Map<string, number>();
  for (const f of findings)
    if (f.status === "suppressed" && f.suppression)
      matched.set(f.suppression.source, (matched.get(f.suppression.source) ?? 0) + 1);
  return all
    .map((s): ReportSuppression => ({
      state: expired.has(s) ? "expired" : stale.has(s) ? "stale" : "active",
      source: s.source,
      rules: [...s.rules],
      reason: s.reason,
      ...(s.until ? { until: s.until } : {}),
      ...(s.owner ? { owner: s.owner } : {}),
      file: s.origin.file,
      line: s.origin.line,
      ...(s.resource ? { resource: s.resource } : {}),
      ...(s.attribute ? { attribute: s.attribute } : {}),
      matched: expired.has(s) ? 0 : (matched.get(sourceLabel(s)) ?? 0),
    }))
    .sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line));
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
  // Suppressions applied per Kubernetes file (see below), for the report.
  const early = {
    all: [] as Suppression[],
    stale: [] as Suppression[],
    expired: [] as Suppression[],
  };
  const equivalents = equivalentsIndex();
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
    } else if (kind === "kubernetes") {
      // Inline and annotation suppressions match the findings where they are written (the
      // rendered document for Helm output) before findings are mapped to their template.
      const r = scanKubernetesFile(path, content, {
        suppress: (rendered, objects) => {
          const line = lineSuppressions(path, content, "kubernetes");
          const annot = annotationSuppressions(path, objects);
          const own = [...line.suppressions, ...annot.suppressions];
          [...line.errors, ...annot.errors].forEach(pushError);
          early.all.push(...own);
          const applied = applySuppressions(rendered, own, opts.today, equivalents);
          early.stale.push(...applied.report.stale);
          early.expired.push(...applied.report.expired);
          return applied.findings;
        },
      });
      findings.push(...r.findings);
      r.errors.forEach(pushError);
      subjects += r.subjects;
    } else {
      const r = scanDockerfile(path, content);
      findings.push(...r.findings);
      r.errors.forEach(pushError);
      subjects += r.subjects;
      const sup = lineSuppressions(path, content, "dockerfile");
      suppressions.push(...sup.suppressions);
      sup.errors.forEach(pushError);
    }
    progress();
  }
  // Findings a file's own (Kubernetes) suppressions already settled keep their status.
  const settled = findings.filter((f) => f.status === "suppressed");
  const applied = applySuppressions(
    findings.filter((f) => f.status !== "suppressed"),
    suppressions,
    opts.today,
    equivalents,
  );
  applied.findings.push(...settled);
  applied.report.stale.push(...early.stale);
  applied.report.expired.push(...early.expired);
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
    mode: opts.baseline ? "change" : "full",
    suppressions: listSuppressions(
      [...suppressions, ...early.all],
      applied.report,
      applied.findings,
    ),
    tool: opts.tool ?? { name: "infrasec", version: "0.1.0" },
    rules: allRuleMetas(),
    findings: classified,
    errors: reportErrors,
    summary: summarize(classified, reportErrors, { subjects, files: files.length }),
    suppressionReport: applied.report,
  };
}
