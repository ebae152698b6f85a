// Evaluation of the vulnerability parsers on public sample reports (issue 4, `npm run eval:vulns`).
// Parses every report under ../shared/bench/vulns (or VULNS_BENCH_DIR), prints per-file record and
// finding counts, per-format totals and failures, cross-checks Trivy goldens against the counts
// in trivy/index.json, and validates GitLab reports against the 15.2.1 schemas with ajv.
// Skips cleanly (exit 0) when the folder is absent.
import { existsSync, readFileSync, readdirSync, statSync } from "node:fs";
import { join, relative, resolve } from "node:path";
import { Ajv } from "ajv";
import { parseReport } from "@infrasec/engines/vulns";
import type { ParsedReport } from "@infrasec/engines/vulns";

const ROOT = resolve(
  process.env.VULNS_BENCH_DIR ?? join(import.meta.dirname, "../../shared/bench/vulns"),
);

// Formats of the sample set that infrasec does not read as vulnerability reports (not failures).
const UNSUPPORTED = new Set([
  "aws-asff",
  "gitlab-codequality",
  "github-dependency-snapshot",
  "junit-xml",
  "spdx-2.3-json",
  "trivy-k8s-summary-ids",
]);

interface IndexEntry {
  file: string;
  format: string;
  vulnerabilities?: number;
  misconfigurations?: number;
  secrets?: number;
  results?: number;
  components?: number;
}

/** Compares parsed counts with the index's: findings per format, components for CycloneDX. */
function crossCheck(rel: string, e: IndexEntry, r: ParsedReport): string | null {
  const got = r.records.filter((x) => !x.vex).length;
  const want =
    e.format === "trivy-json-v2"
      ? (e.vulnerabilities ?? 0) + (e.misconfigurations ?? 0) + (e.secrets ?? 0)
      : (e.vulnerabilities ?? e.results ?? got);
  if (want !== got) return `${rel}: index lists ${want} findings, parsed ${got} records`;
  const pkgs = r.coverage.targets[0]?.packages;
  if (e.components !== undefined && pkgs !== e.components)
    return `${rel}: index lists ${e.components} components, coverage has ${pkgs}`;
  return null;
}

function* walk(dir: string): Generator<string> {
  for (const e of readdirSync(dir).sort()) {
    const p = join(dir, e);
    if (statSync(p).isDirectory()) yield* walk(p);
    else yield p;
  }
}

function isReport(rel: string): boolean {
  if (/(^|\/)(LICENSE|NOTICE)$|\.md$/.test(rel)) return false;
  if (/(^|\/)schemas?\//.test(rel)) return false;
  return !["trivy/index.json", "gitlab/validation.json"].includes(rel);
}

function loadTrivyIndex(): Map<string, IndexEntry> {
  const p = join(ROOT, "trivy/index.json");
  const m = new Map<string, IndexEntry>();
  if (!existsSync(p)) return m;
  const idx = JSON.parse(readFileSync(p, "utf8")) as { files: IndexEntry[] };
  for (const f of idx.files) m.set(`trivy/${f.file}`, f);
  return m;
}

function gitlabValidator(reportType: string): ((doc: unknown) => string[]) | null {
  const p = join(ROOT, `gitlab/schemas/15.2.1/${reportType.replace(/_/g, "-")}-report-format.json`);
  if (!existsSync(p)) return null;
  const ajv = new Ajv({ allErrors: true, strict: false, validateFormats: false });
  const validate = ajv.compile(JSON.parse(readFileSync(p, "utf8")) as object);
  return (doc) =>
    validate(doc)
      ? []
      : (validate.errors ?? []).map((e) => `${e.instancePath || "/"} ${e.message ?? ""}`);
}

function main(): void {
  if (!existsSync(ROOT)) {
    console.log(`eval:vulns skipped: ${ROOT} not found (set VULNS_BENCH_DIR)`);
    return;
  }
  const index = loadTrivyIndex();
  const perFormat = new Map<string, { files: number; records: number; findings: number }>();
  const failures: string[] = [];
  const mismatches: string[] = [];
  let unsupported = 0;
  let crossChecked = 0;
  let files = 0;
  const started = performance.now();
  console.log(`${"file".padEnd(78)} ${"format".padEnd(15)} records findings`);
  for (const abs of walk(ROOT)) {
    const rel = relative(ROOT, abs);
    if (!isReport(rel)) continue;
    files++;
    const expected = index.get(rel);
    let r: ParsedReport;
    try {
      r = parseReport(readFileSync(abs));
    } catch (e) {
      const msg = (e as Error).message;
      if (expected && UNSUPPORTED.has(expected.format)) {
        unsupported++;
        console.log(`${rel.padEnd(78)} ${"unsupported".padEnd(15)} (${expected.format})`);
      } else {
        failures.push(`${rel}: ${msg}`);
        console.log(`${rel.padEnd(78)} ${"FAILED".padEnd(15)} ${msg.slice(0, 120)}`);
      }
      continue;
    }
    const agg = perFormat.get(r.format) ?? { files: 0, records: 0, findings: 0 };
    agg.files++;
    agg.records += r.records.length;
    agg.findings += r.findings.length;
    perFormat.set(r.format, agg);
    console.log(
      `${rel.padEnd(78)} ${r.format.padEnd(15)} ${String(r.records.length).padStart(7)} ${String(r.findings.length).padStart(8)}`,
    );
    if (expected) {
      const m = crossCheck(rel, expected, r);
      crossChecked++;
      if (m) mismatches.push(m);
    }
    if (r.format === "gitlab") checkGitlab(rel, abs, r, mismatches);
  }
  const ms = performance.now() - started;
  console.log("\nper format:");
  for (const [f, a] of [...perFormat].sort()) {
    console.log(
      `  ${f.padEnd(15)} files ${String(a.files).padStart(3)}  records ${String(a.records).padStart(5)}  findings ${String(a.findings).padStart(5)}`,
    );
  }
  console.log(
    `\n${files} files, ${files - unsupported - failures.length} parsed, ${unsupported} unsupported formats (expected), ${failures.length} failures, ${(ms / 1000).toFixed(2)} s`,
  );
  for (const f of failures) console.log(`  FAIL ${f}`);
  console.log(
    `cross-checks: ${crossChecked} files against the counts in trivy/index.json, ${mismatches.length} mismatches`,
  );
  for (const m of mismatches) console.log(`  ${m}`);
  if (failures.length) process.exitCode = 1;
}

/** Validates a GitLab report against the 15.2.1 schema of its type and compares with validation.json. */
function checkGitlab(rel: string, abs: string, r: ParsedReport, out: string[]): void {
  const type = r.coverage.scanType ?? "";
  const validate = gitlabValidator(type);
  if (!validate) return;
  const errors = validate(JSON.parse(readFileSync(abs, "utf8")));
  const recorded = join(ROOT, "gitlab/validation.json");
  let expectedValid: boolean | undefined;
  if (existsSync(recorded)) {
    const v = JSON.parse(readFileSync(recorded, "utf8")) as {
      results: { document: string; valid: boolean }[];
    };
    expectedValid = v.results.find((x) => resolve(ROOT, "gitlab", x.document) === abs)?.valid;
  }
  const verdict =
    errors.length === 0
      ? "valid"
      : `invalid (${errors.length} errors: ${errors.slice(0, 2).join("; ")})`;
  const agree =
    expectedValid === undefined
      ? ""
      : expectedValid === (errors.length === 0)
        ? ", agrees with validation.json"
        : ", DISAGREES with validation.json";
  console.log(`    schema 15.2.1 ${type}: ${verdict}${agree}`);
  if (expectedValid !== undefined && expectedValid !== (errors.length === 0))
    out.push(`${rel}: schema verdict differs from validation.json`);
}

main();
