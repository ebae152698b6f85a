import { jsonErrorOffset } from "./json-error-offset";

/**
 * Events as JSON in the UI: parsing what a person pastes into the rule tester (with the line and
 * column of a syntax error, since "Unexpected token" alone does not help in a 60-line event), and
 * laying an event out as indented lines where the fields a rule matched are marked.
 */

export type PastedEvents =
  { ok: true; events: unknown[] } | { ok: false; message: string; line?: number; column?: number };

/** Line and column (1-based) of a character offset. */
export function lineColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, Math.max(0, offset));
  const lines = before.split("\n");
  return { line: lines.length, column: (lines.at(-1)?.length ?? 0) + 1 };
}

/** What is wrong with `text` and where, from our own scanner (engine messages vary). */
function syntaxError(text: string): { message: string; line?: number; column?: number } {
  const offset = jsonErrorOffset(text);
  if (offset === null) return { message: "Invalid JSON" };
  const found = text[offset];
  const message =
    found === undefined
      ? "Unexpected end of the JSON text"
      : `Unexpected ${JSON.stringify(found)} in the JSON text`;
  return { message, ...lineColumn(text, offset) };
}

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v);

/**
 * One JSON object, a JSON array of objects, or NDJSON (one object per line, as the ingestion
 * endpoint takes them). Anything else is an error naming where it is.
 */
export function parsePastedEvents(text: string): PastedEvents {
  if (!text.trim()) return { ok: false, message: "Paste an event as JSON" };
  try {
    const value: unknown = JSON.parse(text);
    if (isObject(value)) return { ok: true, events: [value] };
    if (Array.isArray(value) && value.length > 0 && value.every(isObject))
      return { ok: true, events: value };
    return { ok: false, message: "Expected a JSON object (or an array of objects)" };
  } catch {
    const lines = text.split("\n");
    const filled = lines.filter((l) => l.trim() !== "");
    if (filled.length < 2) return { ok: false, ...syntaxError(text) };
    // More than one line that does not parse as a whole: try NDJSON.
    const events: unknown[] = [];
    for (const [i, line] of lines.entries()) {
      if (!line.trim()) continue;
      try {
        const value: unknown = JSON.parse(line);
        if (!isObject(value))
          return { ok: false, message: "Each line must be a JSON object", line: i + 1, column: 1 };
        events.push(value);
      } catch {
        // A multi-line object that fails to parse: report the whole-text position, which points
        // at the real mistake, rather than "line 1 is not complete".
        if (i === 0 && !line.trim().endsWith("}")) return { ok: false, ...syntaxError(text) };
        const at = syntaxError(line);
        return { ok: false, message: at.message, line: i + 1, column: at.column };
      }
    }
    return { ok: true, events };
  }
}

export interface JsonLine {
  /** Nesting depth, for indentation. */
  depth: number;
  /** Property name (undefined for array entries and brackets). */
  key?: string;
  /** The JSON text after the key: a scalar, `{`, `[`, `}`, `]`, with a trailing comma if any. */
  text: string;
  /** The dotted path of the property (`output_fields.proc.cmdline` reads as written). */
  path: string;
  highlighted: boolean;
}

/**
 * The event as indented JSON lines; a property is highlighted when its dotted path, or its own
 * key, is one of `names` (the matched Sigma fields and the sensor fields they came from:
 * Falco's `output_fields` keys contain dots themselves, so the key alone must match too).
 */
export function jsonLines(value: unknown, names: Iterable<string>): JsonLine[] {
  const marks = new Set<string>();
  for (const n of names) if (n) marks.add(n.toLowerCase());
  const out: JsonLine[] = [];
  const isMarked = (key: string | undefined, path: string) =>
    key !== undefined && (marks.has(path.toLowerCase()) || marks.has(key.toLowerCase()));

  const walk = (
    v: unknown,
    depth: number,
    key: string | undefined,
    path: string,
    comma: string,
  ) => {
    const highlighted = isMarked(key, path);
    if (Array.isArray(v) || isObject(v)) {
      const entries: [string | undefined, unknown][] = Array.isArray(v)
        ? v.map((x) => [undefined, x])
        : Object.entries(v);
      const [open, close] = Array.isArray(v) ? ["[", "]"] : ["{", "}"];
      if (entries.length === 0) {
        out.push({ depth, key, text: `${open}${close}${comma}`, path, highlighted });
        return;
      }
      out.push({ depth, key, text: open, path, highlighted });
      entries.forEach(([k, child], i) => {
        const childPath = k === undefined ? `${path}[${i}]` : path ? `${path}.${k}` : k;
        walk(child, depth + 1, k, childPath, i < entries.length - 1 ? "," : "");
      });
      out.push({ depth, text: `${close}${comma}`, path, highlighted: false });
      return;
    }
    out.push({ depth, key, text: `${JSON.stringify(v) ?? "null"}${comma}`, path, highlighted });
  };
  walk(value, 0, undefined, "", "");
  return out;
}

/** How many properties of the laid-out event are marked (to say "3 matched fields" above it). */
export function markedCount(lines: readonly JsonLine[]): number {
  return lines.filter((l) => l.highlighted && l.key !== undefined).length;
}
