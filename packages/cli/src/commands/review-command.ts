import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, posix, relative, resolve } from "node:path";
import type { Command } from "commander";
import { parse as parseYaml } from "yaml";
import { AppError, SEVERITIES, atLeast } from "@infrasec/core";
import type { Finding, Severity } from "@infrasec/core";
import { parseSuppressionConfig } from "@infrasec/engines/kit";
import type { Suppression } from "@infrasec/engines/kit";
import { REPORT_FORMATS, toJsonReport, writeReport } from "@infrasec/engines/report";
import type { ReportFormat } from "@infrasec/engines/report";
import { diskFs, reviewFiles, ruleCatalogue, walkPaths } from "@infrasec/engines/review";
import type { FileSource, ReviewOptions, ReviewResult } from "@infrasec/engines/review";
import type { GlobalOptions } from "../cli-context";
import {
  addUploadOptions,
  registerReviewUploadCommand,
  uploadReport,
  type ReviewUploadOptions,
} from "./review-upload";

interface ReviewCliOptions extends ReviewUploadOptions {
  format: string;
  output?: string;
  base?: string;
  baseline?: string;
  failOn?: string;
  strict?: boolean;
  config?: string;
  varFile?: string[];
}

const usage = (message: string, path: string): AppError =>
  new AppError("validation_failed", message, [{ path, message }]);

/** Today in UTC (the CLI owns the clock; engines get it passed in). */
const today = (): string => new Date().toISOString().slice(0, 10);

function readConfig(file: string): { suppressions: Suppression[]; failOn?: string } {
  let doc: unknown;
  try {
    const text = readFileSync(file, "utf8");
    doc = file.endsWith(".json") ? JSON.parse(text) : parseYaml(text, { maxAliasCount: 50 });
  } catch (e) {
    throw new AppError("config_invalid", `${file}: ${(e as Error).message}`, [
      { file, message: "cannot read config" },
    ]);
  }
  const parsed = parseSuppressionConfig(doc, file);
  if (parsed.errors.length)
    throw new AppError("config_invalid", `${file}: invalid suppressions`, parsed.errors);
  const failOn = (doc as { failOn?: unknown } | null)?.failOn;
  return {
    suppressions: parsed.suppressions,
    failOn: typeof failOn === "string" ? failOn : undefined,
  };
}

/** Findings of a previous JSON report (`--format json`), for `--baseline`. */
function readBaseline(file: string): Finding[] {
  let doc: { schemaVersion?: number; findings?: Record<string, unknown>[] };
  try {
    doc = JSON.parse(readFileSync(file, "utf8")) as typeof doc;
  } catch (e) {
    throw new AppError("config_invalid", `--baseline ${file}: ${(e as Error).message}`, [
      { file, message: "not a JSON report" },
    ]);
  }
  if (doc.schemaVersion !== 1 || !Array.isArray(doc.findings))
    throw usage(`${file} is not an infrasec JSON report (schemaVersion 1)`, "--baseline");
  return doc.findings
    .filter((f) => typeof f.fingerprint === "string" && f.status !== "fixed")
    .map((f) => ({
      ruleId: String(f.ruleId),
      severity: (SEVERITIES as readonly string[]).includes(String(f.severity))
        ? (f.severity as Severity)
        : "info",
      title: str(f.title),
      message: str(f.message ?? f.title),
      resource: str(f.resource),
      location: {
        file: str(f.file),
        startLine: Number(f.startLine ?? 0),
        endLine: Number(f.endLine ?? 0),
      },
      status: f.status === "suppressed" || f.status === "unknown" ? f.status : "existing",
      fingerprint: String(f.fingerprint),
    }));
}

const str = (v: unknown): string => (typeof v === "string" ? v : "");

const git = (cwd: string, args: string[], input?: string): Buffer =>
  execFileSync("git", ["-C", cwd, ...args], {
    input,
    maxBuffer: 1 << 30,
    stdio: ["pipe", "pipe", "pipe"],
  });

/**
 * Materialise the review-relevant files of `ref` (under the given paths) in a temp directory,
 * read-only on the repository: `git ls-tree` + one `git cat-file --batch`, no worktree state.
 */
function checkoutBase(ref: string, paths: readonly string[]): { dir: string; top: string } {
  let top: string;
  try {
    top = git(process.cwd(), ["rev-parse", "--show-toplevel"]).toString().trim();
    git(top, ["rev-parse", "--verify", `${ref}^{commit}`]);
  } catch {
    throw usage(`--base ${ref}: not a git repository or unknown ref`, "--base");
  }
  const rel = paths.map((p) => relative(top, resolve(p)) || ".");
  const names = git(top, ["ls-tree", "-r", "-z", "--name-only", ref, "--", ...rel])
    .toString()
    .split("\0")
    .filter(
      (n) =>
        n &&
        /(\.tf|\.tf\.json|\.tfvars|\.tfvars\.json|\.json|\.ya?ml|ockerfile[^/]*|\.dockerfile|ontainerfile)$/i.test(
          n,
        ),
    );
  const dir = mkdtempSync(join(tmpdir(), "infrasec-base-"));
  if (!names.length) return { dir, top };
  const out = git(top, ["cat-file", "--batch"], names.map((n) => `${ref}:${n}`).join("\n") + "\n");
  let at = 0;
  for (const name of names) {
    const nl = out.indexOf(10, at);
    const header = out.subarray(at, nl).toString();
    const size = Number(header.split(" ")[2] ?? 0);
    const body = out.subarray(nl + 1, nl + 1 + size);
    at = nl + 1 + size + 1;
    if (header.endsWith("missing")) continue;
    const target = join(dir, name);
    mkdirSync(posix.dirname(target), { recursive: true });
    writeFileSync(target, body);
  }
  return { dir, top };
}

/** A FileSource reading `path` from `root/path`, so base findings keep head's file names. */
function rootedFs(root: string): FileSource {
  const fs = diskFs();
  return { list: (d) => fs.list(join(root, d)), read: (p) => fs.read(join(root, p)) };
}

function baseFindings(ref: string, paths: readonly string[], opts: ReviewOptions): Finding[] {
  const { dir, top } = checkoutBase(ref, paths);
  try {
    // Head paths are relative to the cwd; review the base with the same relative names.
    const cwdRel = relative(top, process.cwd());
    const root = join(dir, cwdRel);
    const walked = walkPaths(paths.map((p) => join(root, p)));
    const files = walked.files.map((f) => relative(root, f).split("\\").join("/"));
    return reviewFiles(rootedFs(root), files, { ...opts, baseline: undefined }).findings;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Files changed between `ref` and the working tree (incl. untracked), relative to the cwd. */
function changedSince(ref: string, paths: readonly string[]): string[] {
  const top = git(process.cwd(), ["rev-parse", "--show-toplevel"]).toString().trim();
  const rel = paths.map((p) => relative(top, resolve(p)) || ".");
  const diff = git(top, ["diff", "--name-only", "-z", ref, "--", ...rel])
    .toString()
    .split("\0");
  const untracked = git(top, ["ls-files", "--others", "--exclude-standard", "-z", "--", ...rel])
    .toString()
    .split("\0");
  return [...diff, ...untracked]
    .filter(Boolean)
    .map((f) => relative(process.cwd(), join(top, f)).split("\\").join("/"));
}

function progressBar(): ((done: number, total: number) => void) | undefined {
  if (!process.stderr.isTTY) return undefined;
  return (done, total) => {
    if (total < 20) return;
    const width = 30;
    const fill = Math.round((done / total) * width);
    process.stderr.write(
      `\r[${"#".repeat(fill)}${" ".repeat(width - fill)}] ${done}/${total}${done === total ? "\n" : ""}`,
    );
  };
}

/** Exit decision: 0 nothing failing, 1 failing findings (or errors with --strict), 2 nothing evaluated. */
function gate(r: ReviewResult, failOn: Severity, changeMode: boolean, strict: boolean): void {
  const failing = r.findings.filter(
    (f) =>
      (changeMode ? f.status === "new" : f.status === "new" || f.status === "existing") &&
      atLeast(f.severity, failOn),
  );
  if ((r.summary.subjects ?? 0) === 0 && r.errors.length > 0) {
    throw new AppError(
      "parse_failed",
      "nothing could be evaluated",
      r.errors.slice(0, 20).map((e) => ({ file: e.file, line: e.line, message: e.message })),
    );
  }
  if (failing.length)
    throw new AppError(
      "integrity_failed",
      `review gate failed: ${failing.length} failing finding(s) at or above ${failOn}`,
    );
  if (strict && r.errors.length)
    throw new AppError(
      "integrity_failed",
      `review gate failed (--strict): ${r.errors.length} input error(s)`,
    );
}

function warnSuppressions(r: ReviewResult): void {
  for (const s of r.suppressionReport.expired)
    process.stderr.write(
      `warning: expired suppression of ${s.rules.join(",")} (until ${s.until ?? "?"}) at ${s.origin.file}:${s.origin.line}\n`,
    );
  for (const s of r.suppressionReport.stale)
    process.stderr.write(
      `warning: stale suppression of ${s.rules.join(",")} matches nothing at ${s.origin.file}:${s.origin.line}\n`,
    );
}

/** `infrasec review PATH...` and `infrasec review rules`. */
export function registerReviewCommand(program: Command): void {
  const review = program.command("review");
  addUploadOptions(review)
    .description(
      "review Terraform, plan JSON, Kubernetes manifests and Dockerfiles; exit 1 on failing findings",
    )
    .argument("[paths...]", "files or directories to review", ["."])
    .option("--format <format>", REPORT_FORMATS.join(" | "), "text")
    .option("--output <file>", "write the report to a file instead of standard output")
    .option("--base <ref>", "change mode: compare with this git ref (only new findings gate)")
    .option("--baseline <file>", "change mode: compare with a previous JSON report")
    .option(
      "--fail-on <severity>",
      `lowest severity that fails the gate (${SEVERITIES.join(", ")})`,
    )
    .option("--strict", "input errors (unparsable files) also fail the gate")
    .option(
      "--config <file>",
      "YAML/JSON config: { suppressions: [{ rule, resource, file, attr, reason, until, owner }], failOn }",
    )
    .option("--var-file <file...>", "extra Terraform variable files")
    .option(
      "--upload",
      "after the scan, send the JSON report to the platform (--server, INFRASEC_TOKEN)",
    )
    .action(async (paths: string[], o: ReviewCliOptions, cmd: Command) => {
      if (!(REPORT_FORMATS as readonly string[]).includes(o.format))
        throw usage(`--format must be one of ${REPORT_FORMATS.join(", ")}`, "--format");
      if (o.base && o.baseline) throw usage("use either --base or --baseline, not both", "--base");
      const cfg = o.config ? readConfig(o.config) : { suppressions: [] };
      const failOn = (o.failOn ?? cfg.failOn ?? "info") as Severity;
      if (!(SEVERITIES as readonly string[]).includes(failOn))
        throw usage(`--fail-on must be one of ${SEVERITIES.join(", ")}`, "--fail-on");
      const env = Object.fromEntries(
        Object.entries(process.env)
          .filter(([k]) => k.startsWith("TF_VAR_"))
          .map(([k, v]) => [k.slice(7), v ?? ""]),
      );
      const opts: ReviewOptions = {
        today: today(),
        suppressions: cfg.suppressions,
        envVars: env,
        varFiles: o.varFile,
        onProgress: progressBar(),
      };
      if (o.baseline) opts.baseline = readBaseline(o.baseline);
      if (o.base) {
        // Incremental: only roots and files the change touches are reviewed on both sides.
        opts.changedFiles = changedSince(o.base, paths);
        opts.baseline = baseFindings(o.base, paths, opts);
      }
      const started = new Date().toISOString();
      const walked = walkPaths(paths);
      const result = reviewFiles(diskFs(), walked.files, opts, walked.errors);
      result.startedAt = started;
      result.finishedAt = new Date().toISOString();
      result.gate = { failOn };
      const text = writeReport(result, o.format as ReportFormat, {
        color: o.format === "text" && !o.output && process.stdout.isTTY,
      });
      if (o.output) writeFileSync(o.output, text.endsWith("\n") ? text : text + "\n");
      else process.stdout.write(text.endsWith("\n") ? text : text + "\n");
      warnSuppressions(result);
      // The upload reports; it never changes the gate's exit code (unless --upload-required).
      if (o.upload)
        await uploadReport(toJsonReport(result), o, cmd.optsWithGlobals<GlobalOptions>(), failOn);
      gate(result, failOn, opts.baseline !== undefined, o.strict === true);
    });
  registerReviewUploadCommand(review);
  review
    .command("rules")
    .description("list the review rules")
    .option("--format <format>", "text | json")
    .action((o: { format?: string }, cmd: Command) => {
      // The parent command also has --format; commander may hand the value to either.
      const format = o.format ?? (cmd.parent?.opts<{ format?: string }>().format || "text");
      const rules = ruleCatalogue();
      if (format === "json") process.stdout.write(`${JSON.stringify(rules, null, 2)}\n`);
      else if (format === "text")
        for (const r of rules)
          process.stdout.write(
            `${r.id.padEnd(16)} ${r.severity.padEnd(8)} ${r.framework.padEnd(10)} ${r.title}\n`,
          );
      else throw usage("--format must be text or json", "--format");
    });
}
