// Accuracy of the review catalogue against Checkov's public fixtures, through `equivalents`
// (run: npm run eval:review). Reads ../shared/bench/change-review/checkov/ (override with
// INFRASEC_CHECKOV_FIXTURES); skips cleanly when it is absent. Nothing is copied into the repo.
import { existsSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import type { Finding } from "@infrasec/core";
import { allRuleMetas, reviewPaths } from "../packages/engines/src/review/index";

interface Expected {
  checkId: string;
  framework: string;
  fixtureDir: string;
  passing: string[] | null;
  failing: string[] | null;
  env?: Record<string, string>;
}

const root = resolve(
  process.env.INFRASEC_CHECKOV_FIXTURES ??
    join(import.meta.dirname, "../../shared/bench/change-review/checkov"),
);
if (!existsSync(root)) {
  console.log(`eval:review skipped: ${root} not found`);
  process.exit(0);
}

const metas = allRuleMetas();
const byCheckov = new Map<string, string[]>();
for (const m of metas)
  for (const id of m.equivalents.checkov) byCheckov.set(id, [...(byCheckov.get(id) ?? []), m.id]);

const load = (rel: string): Expected[] => {
  const p = join(root, rel);
  return existsSync(p)
    ? ((JSON.parse(readFileSync(p, "utf8")) as { checks: Expected[] }).checks ?? [])
    : [];
};

/** Address as Checkov names it: count/for_each indices dropped. */
const norm = (a: string): string => a.replace(/\[[^\]]*\]/g, "");
/** Kubernetes ids: ours are Kind/namespace/name, Checkov's Kind.namespace.name. */
const k8sNorm = (a: string): string => a.split("/").slice(0, 3).join(".");
/**
 * Kinds Kubernetes does not namespace: the API server ignores metadata.namespace on them, so
 * Checkov's `ClusterRole.default.admin` and our `ClusterRole/admin` denote the same object.
 */
const CLUSTER_SCOPED = new Set([
  "ClusterRole",
  "ClusterRoleBinding",
  "Namespace",
  "Node",
  "PersistentVolume",
  "StorageClass",
  "PriorityClass",
  "PodSecurityPolicy",
  "CustomResourceDefinition",
  "MutatingWebhookConfiguration",
  "ValidatingWebhookConfiguration",
]);
/** Checkov's Kubernetes address in our form: the ignored namespace of cluster-scoped kinds dropped. */
const checkovK8s = (a: string): string => {
  const m = /^([^.]+)\.([^.]*)\.(.+)$/.exec(a);
  return m && CLUSTER_SCOPED.has(m[1] ?? "") ? `${m[1]}.${m[3]}` : a;
};

interface Row {
  framework: string;
  checkId: string;
  rules: string;
  tp: number;
  fp: number;
  fn: number;
  unknown: number;
  /** The addresses behind fp and fn, printed with --detail (reporting only). */
  misses: string[];
}

/** `npm run eval:review -- --detail` lists each miss under its row. */
const detail = process.argv.includes("--detail");

const rows: Row[] = [];
const cache = new Map<string, Finding[]>();
const today = new Date().toISOString().slice(0, 10);

function findingsFor(dir: string): Finding[] {
  const hit = cache.get(dir);
  if (hit) return hit;
  const r = reviewPaths([join(root, dir)], { today });
  cache.set(dir, r.findings);
  return r.findings;
}

function score(framework: string, e: Expected, toKey: (f: Finding) => string): void {
  const rules = byCheckov.get(e.checkId);
  if (!rules || !e.failing) return;
  const findings = findingsFor(e.fixtureDir).filter((f) => rules.includes(f.ruleId));
  const failed = new Set(findings.filter((f) => f.status === "new").map(toKey));
  const unknown = new Set(findings.filter((f) => f.status === "unknown").map(toKey));
  const expected = (x: string): string => (framework === "kubernetes" ? checkovK8s(x) : norm(x));
  const failing = new Set(e.failing.map(expected));
  const passing = new Set((e.passing ?? []).map(expected));
  const row: Row = {
    framework,
    checkId: e.checkId,
    rules: rules.join(","),
    tp: 0,
    fp: 0,
    fn: 0,
    unknown: 0,
    misses: [],
  };
  for (const a of failing) {
    if (failed.has(a)) row.tp++;
    else {
      row.fn++;
      const why = unknown.has(a) ? " (unknown)" : "";
      row.misses.push(`fn ${e.fixtureDir} ${a}${why}`);
    }
    if (unknown.has(a)) row.unknown++;
  }
  for (const a of passing)
    if (failed.has(a)) {
      row.fp++;
      // Reporting only: say when the expected sets themselves overlap (an address listed as
      // both passing and failing, or instances told apart only by the keys dropped above).
      const both = failing.has(a) ? " (also expected failing)" : "";
      row.misses.push(`fp ${e.fixtureDir} ${a}${both}`);
    }
  rows.push(row);
}

for (const e of [
  ...load("terraform-resource/expected.json"),
  ...load("terraform-graph/expected.json"),
]) {
  if (e.framework !== "terraform" && e.framework !== "terraform_plan") continue;
  score(e.framework === "terraform" ? "terraform" : "plan", e, (f) => norm(f.resource));
}
for (const e of load("kubernetes/expected.json"))
  score("kubernetes", e, (f) => k8sNorm(f.resource));
for (const e of load("dockerfile/expected.json")) {
  // Checkov names Dockerfile results /<subfolder>/<file>.<INSTRUCTION>; compare per file.
  const rules = byCheckov.get(e.checkId);
  if (!rules || !e.failing) continue;
  const findings = findingsFor(e.fixtureDir).filter(
    (f) => rules.includes(f.ruleId) && f.status === "new",
  );
  const failedFiles = new Set(
    findings.map((f) => f.location.file.slice(join(root, e.fixtureDir).length)),
  );
  const file = (x: string): string => x.slice(0, x.lastIndexOf("."));
  const failing = new Set(e.failing.map(file));
  const passing = new Set((e.passing ?? []).map(file));
  const row: Row = {
    framework: "dockerfile",
    checkId: e.checkId,
    rules: rules.join(","),
    tp: 0,
    fp: 0,
    fn: 0,
    unknown: 0,
    misses: [],
  };
  for (const a of failing) {
    if (failedFiles.has(a)) row.tp++;
    else {
      row.fn++;
      row.misses.push(`fn ${e.fixtureDir} ${a}`);
    }
  }
  for (const a of passing)
    if (failedFiles.has(a) && !failing.has(a)) {
      row.fp++;
      row.misses.push(`fp ${e.fixtureDir} ${a}`);
    }
  rows.push(row);
}

const pct = (n: number, d: number): string => (d === 0 ? "  n/a" : (n / d).toFixed(2).padStart(5));
const merged = new Map<string, Row>();
for (const r of rows) {
  const k = `${r.framework} ${r.checkId}`;
  const m = merged.get(k);
  if (!m) merged.set(k, { ...r, misses: [...r.misses] });
  else {
    m.misses.push(...r.misses);
    m.tp += r.tp;
    m.fp += r.fp;
    m.fn += r.fn;
    m.unknown += r.unknown;
  }
}
console.log(
  `${"framework".padEnd(11)}${"checkov id".padEnd(15)}${"infrasec rules".padEnd(30)} prec  recall  tp  fp  fn  unk`,
);
const below: string[] = [];
for (const r of [...merged.values()].sort(
  (a, b) =>
    a.framework.localeCompare(b.framework) ||
    a.checkId.localeCompare(b.checkId, undefined, { numeric: true }),
)) {
  const p = r.tp + r.fp ? r.tp / (r.tp + r.fp) : 1;
  const rc = r.tp + r.fn ? r.tp / (r.tp + r.fn) : 1;
  if (p < 0.95 || rc < 0.95) below.push(`${r.checkId} (${r.rules})`);
  console.log(
    `${r.framework.padEnd(11)}${r.checkId.padEnd(15)}${r.rules.slice(0, 29).padEnd(30)} ${pct(r.tp, r.tp + r.fp)}  ${pct(r.tp, r.tp + r.fn)} ${String(r.tp).padStart(3)} ${String(r.fp).padStart(3)} ${String(r.fn).padStart(3)} ${String(r.unknown).padStart(4)}`,
  );
  if (detail) for (const m of r.misses) console.log(`             ${m}`);
}
console.log("\nper framework (micro-averaged over mapped checks with fixtures):");
for (const fw of ["terraform", "plan", "kubernetes", "dockerfile"]) {
  const rs = [...merged.values()].filter((r) => r.framework === fw);
  if (!rs.length) continue;
  const tp = rs.reduce((a, r) => a + r.tp, 0);
  const fp = rs.reduce((a, r) => a + r.fp, 0);
  const fn = rs.reduce((a, r) => a + r.fn, 0);
  console.log(
    `  ${fw.padEnd(11)} checks ${String(rs.length).padStart(3)}   precision ${pct(tp, tp + fp)}   recall ${pct(tp, tp + fn)}`,
  );
}
console.log(`\nbelow 0.95 precision or recall: ${below.length ? below.join(", ") : "none"}`);
