/**
 * The template JSON editor's pure parts: pretty-printing a definition, parsing what the admin
 * typed (with the line and column of a syntax error), and turning the server's validation
 * details into readable paths inside the definition.
 */

export function formatDefinition(definition: unknown): string {
  return JSON.stringify(definition, null, 2);
}

export type ParsedDefinition =
  | { ok: true; value: Record<string, unknown> }
  | { ok: false; message: string; line: number | null; column: number | null };

/** Line and column (1-based) of a character offset. */
export function lineColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, Math.max(0, offset));
  const lines = before.split("\n");
  return { line: lines.length, column: (lines[lines.length - 1]?.length ?? 0) + 1 };
}

/**
 * Offset of the first JSON syntax error, found by a small recursive-descent scan. Browsers'
 * JSON.parse messages do not all name a position, and the admin needs the line to fix.
 */
class JsonSyntaxAt extends Error {
  constructor(readonly offset: number) {
    super(`JSON syntax error at ${offset}`);
  }
}

export function jsonErrorOffset(text: string): number | null {
  let i = 0;
  const ws = () => {
    while (i < text.length && " \t\n\r".includes(text[i] ?? "")) i++;
  };
  const fail = (): never => {
    throw new JsonSyntaxAt(i);
  };
  const literal = (word: string) => {
    for (const ch of word) {
      if (text[i] !== ch) fail();
      i++;
    }
  };
  const string = () => {
    i++; // opening quote
    while (i < text.length) {
      const ch = text[i] ?? "";
      if (ch === '"') return void i++;
      if (ch < " ") fail();
      if (ch === "\\") {
        i++;
        const esc = text[i] ?? "";
        if (esc === "u") {
          for (let k = 1; k <= 4; k++) if (!/[0-9a-fA-F]/.test(text[i + k] ?? "")) fail();
          i += 4;
        } else if (!'"\\/bfnrt'.includes(esc) || esc === "") fail();
      }
      i++;
    }
    fail();
  };
  const number = () => {
    const m = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(text.slice(i));
    if (!m) fail();
    i += m?.[0].length ?? 0;
  };
  const value = (): void => {
    ws();
    const ch = text[i];
    if (ch === "{") {
      i++;
      ws();
      if (text[i] === "}") return void i++;
      for (;;) {
        ws();
        if (text[i] !== '"') fail();
        string();
        ws();
        if (text[i] !== ":") fail();
        i++;
        value();
        ws();
        if (text[i] === ",") i++;
        else if (text[i] === "}") return void i++;
        else fail();
      }
    }
    if (ch === "[") {
      i++;
      ws();
      if (text[i] === "]") return void i++;
      for (;;) {
        value();
        ws();
        if (text[i] === ",") i++;
        else if (text[i] === "]") return void i++;
        else fail();
      }
    }
    if (ch === '"') return string();
    if (ch === "t") return literal("true");
    if (ch === "f") return literal("false");
    if (ch === "n") return literal("null");
    if (ch === "-" || (ch !== undefined && ch >= "0" && ch <= "9")) return number();
    fail();
  };
  try {
    value();
    ws();
    if (i < text.length) fail();
    return null;
  } catch (e) {
    return e instanceof JsonSyntaxAt ? Math.min(e.offset, text.length) : 0;
  }
}

/** Parses the editor text; a definition must be a JSON object. */
export function parseDefinition(text: string): ParsedDefinition {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    const offset = jsonErrorOffset(text);
    if (offset === null) return { ok: false, message, line: null, column: null };
    const { line, column } = lineColumn(text, offset);
    // The native message quotes a multi-line excerpt; the position is what helps.
    return { ok: false, message: `syntax error at line ${line}, column ${column}`, line, column };
  }
  if (value === null || typeof value !== "object" || Array.isArray(value)) {
    return { ok: false, message: "a template definition is a JSON object", line: 1, column: 1 };
  }
  return { ok: true, value: value as Record<string, unknown> };
}

/**
 * A server error path as a path inside the definition: the request wrapper (`body.definition`)
 * and the validator's `template` root are dropped and array indexes are bracketed, so
 * `body.definition.sections.0.fields.2.key` and `template.sections[0].fields[2].key` both read
 * `sections[0].fields[2].key`. The root itself reads "(definition)".
 */
export function definitionPath(path: string | undefined): string {
  if (!path) return "(definition)";
  const rest = path
    .replace(/^\//, "")
    .replace(/\//g, ".")
    .replace(/^body\./, "")
    .replace(/^(definition|template)(?=$|[.[])/, "")
    .replace(/\.(\d+)(?=$|[.[])/g, "[$1]")
    .replace(/^\./, "");
  return rest === "" ? "(definition)" : rest;
}

/** Validation details of a failed save, one per path, in the server's order. */
export function errorsByPath(
  details: readonly { path?: string; message: string }[],
): { path: string; messages: string[] }[] {
  const out = new Map<string, string[]>();
  for (const d of details) {
    const p = definitionPath(d.path);
    out.set(p, [...(out.get(p) ?? []), d.message]);
  }
  return [...out].map(([path, messages]) => ({ path, messages }));
}
