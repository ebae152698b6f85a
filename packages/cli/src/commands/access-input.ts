import { readFileSync, statSync } from "node:fs";
import { AppError, SEVERITIES, type Severity } from "@infrasec/core";
import type { AccessInputFile } from "@infrasec/engines/access";

/** Usage errors of the access commands name the argument or option at fault (exit 2). */
export const usage = (message: string, path: string): AppError =>
  new AppError("validation_failed", message, [{ path, message }]);

/** Reads FILE arguments; an unreadable one is a usage error naming it. */
export function readAccessFiles(files: readonly string[]): AccessInputFile[] {
  if (files.length === 0) throw usage("give at least one input FILE", "FILE");
  return files.map((file) => {
    try {
      if (!statSync(file).isFile()) throw new Error("not a regular file");
      return { file, text: readFileSync(file, "utf8") };
    } catch (e) {
      throw new AppError("config_invalid", `${file}: cannot read`, [
        { file, path: "FILE", message: (e as Error).message },
      ]);
    }
  });
}

/** `--now` (reproducible runs) or the wall clock; engines read no clock themselves. */
export function analysisTime(now: string | undefined): string {
  if (now === undefined) return new Date().toISOString();
  if (Number.isNaN(Date.parse(now))) throw usage("--now takes an ISO 8601 time", "--now");
  return new Date(now).toISOString();
}

/** Checks `--format` against the allowed list. */
export function checkFormat(format: string, allowed: readonly string[]): void {
  if (!allowed.includes(format))
    throw usage(`--format must be one of ${allowed.join(", ")}`, "--format");
}

/** Checks `--fail-on` (a severity or `none`). */
export function checkFailOn(v: string): Severity | "none" {
  if (v === "none" || (SEVERITIES as readonly string[]).includes(v)) return v as Severity | "none";
  throw usage(`--fail-on must be one of ${[...SEVERITIES, "none"].join(", ")}`, "--fail-on");
}
