import { AppError } from "@infrasec/core";

/** Upper bounds on offline inputs: a hostile or corrupted export must not exhaust memory. */
export const INPUT_LIMITS = {
  maxBytes: 256 * 1024 * 1024,
  maxStatementsPerPolicy: 2_000,
  maxArrayItems: 500_000,
  maxStringLength: 64 * 1024,
} as const;

/** Builds the error every access parser throws: it names the file and the JSON path. */
export function inputError(file: string, path: string, message: string): AppError {
  return new AppError("parse_failed", `${file}: ${path}: ${message}`, [{ file, path, message }]);
}

/** Parses JSON text with a size bound; the error names the file. */
export function parseJsonText(file: string, text: string): unknown {
  if (text.length > INPUT_LIMITS.maxBytes) {
    throw inputError(file, "$", `input larger than ${INPUT_LIMITS.maxBytes} bytes`);
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (e) {
    throw inputError(file, "$", `malformed JSON: ${(e as Error).message}`);
  }
}

/** A cursor over untrusted JSON that knows its own path, so every error can name it. */
export class JsonCursor {
  constructor(
    readonly file: string,
    readonly path: string,
    readonly value: unknown,
  ) {}

  /** Child cursor for an object key or array index. */
  at(key: string | number): JsonCursor {
    const v = this.value as Record<string | number, unknown> | undefined;
    const child = v !== null && typeof v === "object" ? v[key] : undefined;
    const p = typeof key === "number" ? `${this.path}[${key}]` : `${this.path}.${key}`;
    return new JsonCursor(this.file, p, child);
  }

  fail(message: string): never {
    throw inputError(this.file, this.path, message);
  }

  isMissing(): boolean {
    return this.value === undefined || this.value === null;
  }

  object(): Record<string, unknown> {
    const v = this.value;
    if (v === null || typeof v !== "object" || Array.isArray(v)) this.fail("expected an object");
    return v as Record<string, unknown>;
  }

  /** Array items as cursors; a missing value is an empty list. */
  items(): JsonCursor[] {
    if (this.isMissing()) return [];
    if (!Array.isArray(this.value)) this.fail("expected an array");
    const arr = this.value as unknown[];
    if (arr.length > INPUT_LIMITS.maxArrayItems) this.fail("array too large");
    return arr.map((_, i) => this.at(i));
  }

  string(): string {
    if (typeof this.value !== "string") this.fail("expected a string");
    const s = this.value;
    if (s.length > INPUT_LIMITS.maxStringLength) this.fail("string too long");
    return s;
  }

  optString(): string | undefined {
    return this.isMissing() ? undefined : this.string();
  }

  /** A string or an array of strings (IAM's "one or many" shape). */
  stringList(): string[] {
    if (this.isMissing()) return [];
    if (typeof this.value === "string") return [this.string()];
    return this.items().map((c) => c.string());
  }
}
