// Loads every SigmaHQ rule of the shared bench folder and prints how many parse and compile,
// with failure reasons grouped. Run: npx tsx bench/detect-eval.ts [rules-dir]
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative, resolve } from "node:path";
import {
  loadRuleDocuments,
  compileRuleSet,
  type RuleSource,
} from "../packages/engines/src/detect/index";

const DEFAULT_DIR = resolve(import.meta.dirname, "../../shared/bench/detect/sigmahq-rules");

function listYaml(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...listYaml(p));
    else if (/\.ya?ml$/.test(name)) out.push(p);
  }
  return out.sort();
}

// The specification's own example documents exercise correlation and filter parsing, which the
// SigmaHQ corpus does not use. Their references point at rules not shipped, so only parsing counts.
function specExamples(dir: string): void {
  if (!existsSync(dir)) return;
  const files = listYaml(dir);
  const out = loadRuleDocuments(
    files.map((f) => ({ path: relative(dir, f), text: readFileSync(f, "utf8") })),
  );
  const errors = out.issues.filter((i) => i.severity === "error");
  console.log(`spec example documents: ${out.documents.length} / ${files.length} parsed`);
  for (const e of errors) console.log(`  ${e.file}: ${e.field}: ${e.message}`);
}

function main(): void {
  const dir = resolve(process.argv[2] ?? DEFAULT_DIR);
  if (!existsSync(dir)) {
    console.log(`detect-eval: ${dir} not found, skipping`);
    return;
  }
  const ruleDirs = ["rules", "rules-threat-hunting", "rules-emerging-threats"]
    .map((d) => join(dir, d))
    .filter(existsSync);
  const files = (ruleDirs.length > 0 ? ruleDirs : [dir]).flatMap(listYaml);
  const sources: RuleSource[] = files.map((f) => ({
    path: relative(dir, f),
    text: readFileSync(f, "utf8"),
  }));
  const started = performance.now();
  const loaded = loadRuleDocuments(sources);
  const parsedMs = performance.now() - started;
  const compiled = compileRuleSet(loaded.documents);
  const totalMs = performance.now() - started;
  const errors = [...loaded.issues, ...compiled.issues].filter((i) => i.severity === "error");
  const warnings = [...loaded.issues, ...compiled.issues].filter((i) => i.severity === "warning");
  const groups = new Map<string, string[]>();
  for (const e of errors) {
    const reason = `${e.field.replace(/^detection\.[^.]+/, "detection.<id>")}: ${e.message.replace(/'[^']*'/g, "'…'")}`;
    groups.set(reason, [...(groups.get(reason) ?? []), e.file]);
  }
  const byKind = { rule: 0, correlation: 0, filter: 0 };
  for (const d of loaded.documents) byKind[d.kind]++;
  console.log(`rule files:            ${files.length}`);
  console.log(
    `documents parsed:      ${loaded.documents.length} (rules ${byKind.rule}, correlations ${byKind.correlation}, filters ${byKind.filter})`,
  );
  console.log(`rules compiled:        ${compiled.rules.length} / ${files.length}`);
  console.log(`correlations compiled: ${compiled.correlations.length}`);
  console.log(
    `load time:             parse ${parsedMs.toFixed(0)} ms, total ${totalMs.toFixed(0)} ms`,
  );
  console.log(`errors: ${errors.length}, warnings: ${warnings.length}`);
  for (const [reason, fs] of [...groups].sort((a, b) => b[1].length - a[1].length)) {
    console.log(`  ${fs.length} × ${reason}`);
    for (const f of fs.slice(0, 3)) console.log(`      ${f}`);
  }
  specExamples(resolve(dir, "../sigma-spec/tests/schema"));
  const wgroups = new Map<string, number>();
  for (const w of warnings)
    wgroups.set(`${w.field}: ${w.message}`, (wgroups.get(`${w.field}: ${w.message}`) ?? 0) + 1);
  for (const [reason, n] of wgroups) console.log(`  warning ${n} × ${reason}`);
}

main();
