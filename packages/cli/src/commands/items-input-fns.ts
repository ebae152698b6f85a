import { readFileSync } from "node:fs";
import { extname } from "node:path";
import { parse as parseYaml } from "yaml";
import { WORK_KINDS, WORK_WEIGHTS, type WorkKind } from "@infrasec/contracts";
import { AppError } from "@infrasec/core";

/**
 * Turning `infrasec items …` arguments into API bodies: template names, `--field key=value`,
 * fields files, descriptions, weights and dates. Pure apart from reading the files named on the
 * command line; every problem is a `validation_failed` naming the option (exit code 2).
 */

/** The template names of `items create --template`, and the item kind each one creates. */
export const TEMPLATE_KINDS: Readonly<Record<string, WorkKind>> = {
  "security-review": "security_review_request",
  bau: "bau_request",
  "change-request": "change_request",
  decision: "decision",
  "design-doc": "design_doc",
  task: "task",
  epic: "epic",
  incident: "incident",
};

// The engine's template ids (`bau-request`) and the kinds themselves are accepted too, so
// whatever a user copies from the API or the web app works.
const ALIASES: Readonly<Record<string, WorkKind>> = {
  ...TEMPLATE_KINDS,
  "bau-request": "bau_request",
  ...Object.fromEntries(WORK_KINDS.map((k) => [k, k])),
};

const bad = (path: string, message: string, summary = `${path}: ${message}`): AppError =>
  new AppError("validation_failed", summary, [{ path, message }]);

/** The kind a `--template` (or `--kind`) value stands for. */
export function kindOf(name: string, option = "--template"): WorkKind {
  const kind = ALIASES[name.trim().toLowerCase()];
  if (!kind) {
    throw bad(
      option,
      `unknown template "${name}"; one of ${Object.keys(TEMPLATE_KINDS).join(", ")}`,
    );
  }
  return kind;
}

const JSON_LIKE = /^(?:[[{"]|-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?$|true$|false$|null$)/;

/**
 * A `--field` value: JSON when it looks like JSON (objects, arrays, quoted strings, numbers,
 * true / false / null), text otherwise. `'name="2024"'` keeps a number-like text as text.
 */
export function parseFieldValue(raw: string, key: string): unknown {
  const t = raw.trim();
  if (!JSON_LIKE.test(t)) return raw;
  try {
    return JSON.parse(t) as unknown;
  } catch (e) {
    // `0123` is not JSON but plainly meant as text; a broken `[…`, `{…` or `"…` is a typo.
    if (!/^[[{"]/.test(t)) return raw;
    throw bad(`--field ${key}`, `looks like JSON but does not parse: ${(e as Error).message}`);
  }
}

const KEY = /^[A-Za-z][A-Za-z0-9_]*(?:\.[A-Za-z][A-Za-z0-9_]*)*$/;

/**
 * Applies `key=value` pairs onto `into`. A dotted key sets a nested value
 * (`prrIdentityAccess.leastPrivilege.answer=yes`): template keys never contain dots.
 */
export function applyFieldArgs(
  pairs: readonly string[],
  into: Record<string, unknown> = {},
): Record<string, unknown> {
  for (const pair of pairs) {
    const eq = pair.indexOf("=");
    const key = eq > 0 ? pair.slice(0, eq).trim() : "";
    if (!KEY.test(key)) throw bad("--field", `expected key=value, got "${pair}"`);
    const path = key.split(".");
    let node = into;
    for (const part of path.slice(0, -1)) {
      const next = node[part];
      if (typeof next !== "object" || next === null || Array.isArray(next)) node[part] = {};
      node = node[part] as Record<string, unknown>;
    }
    node[path.at(-1)!] = parseFieldValue(pair.slice(eq + 1), key);
  }
  return into;
}

function readText(file: string, option: string): string {
  try {
    return readFileSync(file, "utf8");
  } catch {
    throw new AppError("validation_failed", `cannot read ${file}`, [
      { path: option, file, message: "no such file or not readable" },
    ]);
  }
}

/** Template values from a `.yaml`, `.yml` or `.json` file: one object of field values. */
export function readFieldsFile(file: string): Record<string, unknown> {
  const ext = extname(file).toLowerCase();
  if (![".yaml", ".yml", ".json"].includes(ext)) {
    throw new AppError("validation_failed", `${file}: a fields file is .yaml, .yml or .json`, [
      { path: "--fields-file", file, message: "unknown format" },
    ]);
  }
  const text = readText(file, "--fields-file");
  let value: unknown;
  try {
    value = ext === ".json" ? JSON.parse(text) : parseYaml(text);
  } catch (e) {
    throw new AppError("validation_failed", `${file} does not parse`, [
      { path: "--fields-file", file, message: (e as Error).message.split("\n")[0]! },
    ]);
  }
  if (value === null || value === undefined) return {};
  if (typeof value !== "object" || Array.isArray(value)) {
    throw new AppError("validation_failed", `${file} must hold one object of field values`, [
      { path: "--fields-file", file, message: "not an object (key: value)" },
    ]);
  }
  return value as Record<string, unknown>;
}

/** The description: `--description` text or the contents of `--description-file`, not both. */
export function readDescription(o: { description?: string; descriptionFile?: string }): string {
  if (o.description !== undefined && o.descriptionFile !== undefined) {
    throw bad("--description-file", "give --description or --description-file, not both");
  }
  if (o.descriptionFile !== undefined) return readText(o.descriptionFile, "--description-file");
  return o.description ?? "";
}

/** A weight of the effort scale (1, 2, 3, 5, 13). */
export function parseWeight(raw: string | undefined): (typeof WORK_WEIGHTS)[number] | undefined {
  if (raw === undefined) return undefined;
  const n = Number(raw);
  const w = WORK_WEIGHTS.find((x) => x === n);
  if (w === undefined)
    throw bad("--weight", `must be one of ${WORK_WEIGHTS.join(", ")} (got ${raw})`);
  return w;
}

/** A calendar day (YYYY-MM-DD) that exists. */
export function parseDay(raw: string | undefined, option: string): string | undefined {
  if (raw === undefined) return undefined;
  const d = new Date(`${raw}T00:00:00Z`);
  // Date rolls 2026-02-30 over to March; comparing the round trip rejects such days.
  const ok =
    /^\d{4}-\d{2}-\d{2}$/.test(raw) &&
    !Number.isNaN(d.getTime()) &&
    d.toISOString().startsWith(raw);
  if (!ok) throw bad(option, `must be a date YYYY-MM-DD (got ${raw})`);
  return raw;
}

/** An item number, `12` or `#12`. */
export function parseItemNumber(raw: string): number {
  const m = /^#?(\d{1,9})$/.exec(raw.trim());
  const n = m ? Number(m[1]) : 0;
  if (n < 1) throw bad("<number>", `expected an item number like 12 or #12 (got ${raw})`);
  return n;
}

/** A positive integer option such as `--limit`. */
export function parseLimit(raw: string | undefined, max = 500): number | undefined {
  if (raw === undefined) return undefined;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1 || n > max) {
    throw bad("--limit", `must be a whole number from 1 to ${max} (got ${raw})`);
  }
  return n;
}

/** Repeatable and comma-separated list options (`--label a --label b`, `--label a,b`). */
export function listOption(values: readonly string[] | undefined): string[] {
  return (values ?? [])
    .flatMap((v) => v.split(","))
    .map((v) => v.trim())
    .filter((v) => v.length > 0);
}
