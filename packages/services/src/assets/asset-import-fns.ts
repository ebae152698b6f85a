import { parse as parseCsv } from "csv-parse/sync";
import { LineCounter, isMap, isSeq, parseDocument } from "yaml";
import type { AssetInputParsed, ErrorDetail } from "@infrasec/core";
import { AppError, IDENTIFIER_TYPES, assetInputSchema } from "@infrasec/core";

export type ImportFormat = "yaml" | "json" | "csv";

/** Most rows an import takes at once, and most errors reported before stopping. */
export const MAX_IMPORT_ROWS = 50_000;
const MAX_ERRORS = 100;

interface RawRow {
  value: unknown;
  /** 1-based line of the row in the source, when the format tells it. */
  line?: number;
  /** Path prefix of the row in the source, e.g. `assets[3]`. */
  path: string;
}

/**
 * Parses an import file into validated asset inputs. Nothing is partially accepted: any error
 * throws `validation_failed` with every problem found (up to 100), each naming line and field.
 */
export function parseAssetImport(
  format: ImportFormat,
  content: string,
  file = "input",
): AssetInputParsed[] {
  const rows =
    format === "csv"
      ? csvRows(content, file)
      : format === "json"
        ? jsonRows(content, file)
        : yamlRows(content, file);
  if (rows.length > MAX_IMPORT_ROWS) {
    throw new AppError(
      "payload_too_large",
      `an import takes at most ${MAX_IMPORT_ROWS} assets (got ${rows.length})`,
    );
  }
  const errors: ErrorDetail[] = [];
  const out: AssetInputParsed[] = [];
  const seenKeys = new Map<string, string>();
  for (const row of rows) {
    const r = assetInputSchema.safeParse(row.value);
    if (!r.success) {
      for (const issue of r.error.issues) {
        if (errors.length >= MAX_ERRORS) break;
        const field = issue.path.map(String).join(".");
        errors.push({
          file,
          line: row.line,
          path: field ? `${row.path}.${field}` : row.path,
          message: issue.message,
        });
      }
      continue;
    }
    const prev = seenKeys.get(r.data.key);
    if (prev) {
      errors.push({
        file,
        line: row.line,
        path: `${row.path}.key`,
        message: `duplicate key ${r.data.key} (first at ${prev})`,
      });
      continue;
    }
    seenKeys.set(r.data.key, row.line ? `line ${row.line}` : row.path);
    out.push(r.data);
  }
  if (errors.length > 0) {
    throw new AppError(
      "validation_failed",
      `${errors.length} problem(s) in ${file}; nothing was imported`,
      errors,
    );
  }
  return out;
}

function listOf(value: unknown, file: string): unknown[] {
  if (Array.isArray(value)) return value;
  if (value && typeof value === "object" && Array.isArray((value as { assets?: unknown }).assets)) {
    return (value as { assets: unknown[] }).assets;
  }
  throw new AppError(
    "parse_failed",
    `${file}: expected a list of assets or an object with an "assets" list`,
    [{ file, message: "top level must be a list or { assets: [...] }" }],
  );
}

function jsonRows(content: string, file: string): RawRow[] {
  let value: unknown;
  try {
    value = JSON.parse(content);
  } catch (e) {
    throw new AppError("parse_failed", `${file}: invalid JSON: ${(e as Error).message}`, [
      { file, message: (e as Error).message },
    ]);
  }
  const wrapped = !Array.isArray(value);
  return listOf(value, file).map((v, i) => ({
    value: v,
    path: wrapped ? `assets[${i}]` : `[${i}]`,
  }));
}

function yamlRows(content: string, file: string): RawRow[] {
  const lineCounter = new LineCounter();
  // Alias expansion is bounded: a "billion laughs" document fails instead of eating memory.
  const doc = parseDocument(content, { lineCounter, prettyErrors: true, uniqueKeys: true });
  if (doc.errors.length > 0) {
    throw new AppError(
      "parse_failed",
      `${file}: invalid YAML`,
      doc.errors.slice(0, MAX_ERRORS).map((e) => ({
        file,
        line: e.linePos?.[0]?.line,
        message: e.message.split("\n")[0] ?? e.message,
      })),
    );
  }
  let value: unknown;
  try {
    // Alias expansion is bounded: a "billion laughs" document fails instead of eating memory.
    value = doc.toJS({ maxAliasCount: 100 });
  } catch (e) {
    throw new AppError("parse_failed", `${file}: ${(e as Error).message}`, [
      { file, message: (e as Error).message },
    ]);
  }
  const items = listOf(value, file);
  let seq: unknown = doc.contents;
  let prefix = "";
  if (isMap(seq)) {
    seq = seq.get("assets", true);
    prefix = "assets";
  }
  const nodes = isSeq(seq) ? seq.items : [];
  return items.map((v, i) => {
    const node = nodes[i] as { range?: [number, number, number] } | undefined;
    const line = node?.range ? lineCounter.linePos(node.range[0]).line : undefined;
    return { value: v, line, path: `${prefix}[${i}]` };
  });
}

const CSV_LIST_SEPARATOR = /[;|]/;

/**
 * CSV with a header row. `tags` holds tags separated by `;` or `|`; `identifiers` holds
 * `type:value` pairs separated the same way. Empty cells mean "not given".
 */
function csvRows(content: string, file: string): RawRow[] {
  let records: { record: Record<string, string>; info: { lines: number } }[];
  try {
    records = parseCsv(content, {
      columns: true,
      skip_empty_lines: true,
      trim: true,
      bom: true,
      info: true,
      max_record_size: 100_000,
    }) as unknown as typeof records;
  } catch (e) {
    const err = e as Error & { lines?: number };
    throw new AppError("parse_failed", `${file}: invalid CSV: ${err.message}`, [
      { file, line: err.lines, message: err.message },
    ]);
  }
  return records.map(({ record: rec, info }, i) => {
    const value: Record<string, unknown> = {};
    for (const [k, raw] of Object.entries(rec)) {
      if (raw === "") continue;
      if (k === "tags")
        value.tags = raw
          .split(CSV_LIST_SEPARATOR)
          .map((s) => s.trim())
          .filter(Boolean);
      else if (k === "identifiers")
        value.identifiers = raw.split(CSV_LIST_SEPARATOR).map(parseIdentifierCell).filter(Boolean);
      else if (k === "criticality") value.criticality = /^\d+$/.test(raw) ? Number(raw) : raw;
      else value[k] = raw;
    }
    return { value, line: info.lines, path: `row ${i + 1}` };
  });
}

function parseIdentifierCell(cell: string): { type: string; value: string } | null {
  const s = cell.trim();
  if (!s) return null;
  const idx = s.indexOf(":");
  const type = idx > 0 ? s.slice(0, idx) : "";
  if (!(IDENTIFIER_TYPES as readonly string[]).includes(type)) return { type: "name", value: s };
  return { type, value: s.slice(idx + 1) };
}
