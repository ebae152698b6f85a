import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { AppError } from "@infrasec/core";
import {
  builtinRuleSources,
  loadRuleSet,
  type CompiledRuleSet,
  type RuleIssue,
  type RuleSource,
} from "@infrasec/engines/detect";

const RULE_FILE = /\.ya?ml$/i;

function collect(dir: string, out: RuleSource[]): void {
  for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) =>
    a.name.localeCompare(b.name),
  )) {
    const p = join(dir, entry.name);
    if (entry.isDirectory()) collect(p, out);
    else if (entry.isFile() && RULE_FILE.test(entry.name))
      out.push({ path: relative(process.cwd(), p) || p, text: readFileSync(p, "utf8") });
  }
}

/** Rule files of each `--rules` argument: a folder (walked recursively for .yml/.yaml) or one file. */
export function readRuleSources(paths: readonly string[]): RuleSource[] {
  const out: RuleSource[] = [];
  for (const p of paths) {
    let isDir: boolean;
    try {
      isDir = statSync(p).isDirectory();
    } catch {
      throw new AppError("config_invalid", `--rules ${p}: no such file or directory`, [
        { path: "--rules", file: p, message: "not found" },
      ]);
    }
    if (isDir) collect(p, out);
    else out.push({ path: p, text: readFileSync(p, "utf8") });
  }
  return out;
}

/** Loads user rule folders and, with `builtin`, the built-in pack into one rule set. */
export function loadDetectRules(
  paths: readonly string[],
  builtin: boolean,
): { set: CompiledRuleSet; files: number } {
  const sources = [...(builtin ? builtinRuleSources() : []), ...readRuleSources(paths)];
  return { set: loadRuleSet(sources), files: sources.length };
}

/** One issue as a line: `file#document field: message` (warnings marked). */
export function formatIssue(i: RuleIssue): string {
  const where = `${i.file}${i.document > 0 ? `#${i.document}` : ""}`;
  const rule = i.ruleId ? ` (rule ${i.ruleId})` : "";
  return `${i.severity === "error" ? "invalid rule, skipped" : "rule warning"}: ${where}${rule} ${i.field}: ${i.message}`;
}
