import { Buffer } from "node:buffer";
import { vulnParseError } from "./parse-error";
import { locateJsonError } from "./json-locate";

/** A parsed JSON object, read field by field with paths kept for errors. */
export type JsonObject = Record<string, unknown>;

/** Largest input accepted by default: V8 strings cannot exceed ~512 M characters anyway. */
export const DEFAULT_MAX_BYTES = 400 * 1024 * 1024;

/**
 * Turns bytes into text once (UTF-8, BOM removed). Compressed input is refused here because
 * expanding it safely (size caps, ratio caps) is the caller's job, not a pure parser's.
 */
export function toText(
  input: Uint8Array | string,
  expected: string,
  maxBytes = DEFAULT_MAX_BYTES,
): string {
  if (typeof input !== "string") {
    if (input.byteLength > maxBytes) {
      throw vulnParseError(
        expected,
        `input of ${input.byteLength} bytes exceeds the limit of ${maxBytes} bytes`,
      );
    }
    if (input[0] === 0x1f && input[1] === 0x8b) {
      throw vulnParseError(
        expected,
        "input is gzip-compressed; decompress it (with a size cap) before parsing",
      );
    }
    if (input[0] === 0x50 && input[1] === 0x4b) {
      throw vulnParseError(expected, "input is a ZIP archive; extract the report before parsing");
    }
    // Buffer's decoder takes V8's fast path (one-byte strings for ASCII), well ahead of TextDecoder.
    input = Buffer.from(input.buffer, input.byteOffset, input.byteLength).toString("utf8");
  } else if (input.length > maxBytes) {
    throw vulnParseError(
      expected,
      `input of ${input.length} characters exceeds the limit of ${maxBytes}`,
    );
  }
  return input.charCodeAt(0) === 0xfeff ? input.slice(1) : input;
}

/** JSON.parse with a precise error (line, column, JSON path) when the text is broken. */
export function parseJsonText(text: string, expected: string): unknown {
  if (text.trim() === "")
    throw vulnParseError(expected, "the file is empty", { line: 1, column: 1 });
  try {
    return JSON.parse(text) as unknown;
  } catch {
    const at = locateJsonError(text);
    throw vulnParseError(expected, `invalid JSON: ${at.message}`, at);
  }
}

/** True for a plain JSON object (not an array, not null). */
export function isObject(v: unknown): v is JsonObject {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/** Reads a required object or throws with the path. */
export function needObject(v: unknown, path: string, expected: string): JsonObject {
  if (!isObject(v))
    throw vulnParseError(expected, `expected an object, found ${kindOf(v)}`, { path });
  return v;
}

/** Reads an optional array (missing or null = empty) or throws with the path. */
export function optArray(v: unknown, path: string, expected: string): unknown[] {
  if (v === undefined || v === null) return [];
  if (!Array.isArray(v))
    throw vulnParseError(expected, `expected an array, found ${kindOf(v)}`, { path });
  return v;
}

/** Reads a required array or throws with the path. */
export function needArray(v: unknown, path: string, expected: string): unknown[] {
  if (!Array.isArray(v))
    throw vulnParseError(expected, `expected an array, found ${kindOf(v)}`, { path });
  return v;
}

/** Reads a required non-empty string or throws with the path. */
export function needString(v: unknown, path: string, expected: string): string {
  if (typeof v === "string" && v !== "") return v;
  if (typeof v === "number") return String(v);
  throw vulnParseError(expected, `expected a non-empty string, found ${kindOf(v)}`, { path });
}

/** A string, a number as text, or null: for optional fields where a wrong type is not fatal. */
export function optString(v: unknown): string | null {
  if (typeof v === "string") return v === "" ? null : v;
  if (typeof v === "number" && Number.isFinite(v)) return String(v);
  return null;
}

/** A finite number (or numeric string) or null. */
export function optNumber(v: unknown): number | null {
  if (typeof v === "number" && Number.isFinite(v)) return v;
  if (typeof v === "string" && v.trim() !== "" && Number.isFinite(Number(v))) return Number(v);
  return null;
}

/** The strings of an optional array, others skipped. */
export function stringList(v: unknown): string[] {
  if (!Array.isArray(v)) return [];
  const out: string[] = [];
  for (const x of v) {
    const s = optString(x);
    if (s !== null) out.push(s);
  }
  return out;
}

function kindOf(v: unknown): string {
  if (v === null) return "null";
  if (Array.isArray(v)) return "an array";
  if (v === undefined) return "nothing";
  return typeof v === "object" ? "an object" : `a ${typeof v}`;
}
