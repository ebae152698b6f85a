import { AppError } from "@infrasec/core";
import type { ErrorDetail } from "@infrasec/core";

/** Where parsing failed: a JSON path (`$.Results[2].Target`) and/or a 1-based line and column. */
export interface ParsePlace {
  path?: string;
  line?: number;
  column?: number;
}

/**
 * Builds the one error every parser throws: code `parse_failed`, a message naming the format
 * that was expected and the place, and a detail the CLI and API can show as-is.
 */
export function vulnParseError(
  expected: string,
  message: string,
  place: ParsePlace = {},
): AppError {
  const where = describePlace(place);
  const text = `${expected}: ${message}${where ? ` at ${where}` : ""}`;
  const detail: ErrorDetail = { message: `expected ${expected}: ${message}` };
  if (place.path !== undefined) detail.path = place.path;
  if (place.line !== undefined) detail.line = place.line;
  return new AppError("parse_failed", text, [detail]);
}

function describePlace(p: ParsePlace): string {
  const parts: string[] = [];
  if (p.path !== undefined) parts.push(p.path);
  if (p.line !== undefined)
    parts.push(`line ${p.line}${p.column !== undefined ? `, column ${p.column}` : ""}`);
  return parts.join(", ");
}

/** Appends an object key or array index to a JSON path, quoting keys that are not identifiers. */
export function childPath(path: string, key: string | number): string {
  if (typeof key === "number") return `${path}[${key}]`;
  return /^[A-Za-z_$][\w$-]*$/.test(key) ? `${path}.${key}` : `${path}[${JSON.stringify(key)}]`;
}
