/**
 * Runtime values of the Terraform evaluator. Plain JSON-like data plus `Unknown`, the marker for
 * a value only known after apply or not given (a variable without value). An Unknown carries
 * what would decide it (`needs`, e.g. "var.bucket_acl") and, for references to another
 * resource, that resource's address (`ref`) so rules can link resources.
 */
export class Unknown {
  constructor(
    readonly needs: readonly string[],
    readonly ref?: string,
  ) {}
}

/** An object value. */
export interface ObjectValue {
  [key: string]: Value;
}

/** Any evaluated value. */
export type Value = null | boolean | number | string | Value[] | ObjectValue | Unknown;

/** Marks an object as the configuration of a resource: missing attributes are computed. */
export const RESOURCE_ADDRESS = Symbol("resourceAddress");

/** Raised by the evaluator for invalid operations (caught by `try`/`can` and attributes). */
export class EvalError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "EvalError";
  }
}

/** True for the Unknown marker. */
export function isUnknown(v: unknown): v is Unknown {
  return v instanceof Unknown;
}

/** True for a plain object value (not a list, not null, not Unknown). */
export function isObject(v: unknown): v is ObjectValue {
  return typeof v === "object" && v !== null && !Array.isArray(v) && !(v instanceof Unknown);
}

/** Merge the needs of several unknowns into one marker. */
export function mergeUnknown(values: readonly Value[]): Unknown {
  const needs = new Set<string>();
  let ref: string | undefined;
  for (const v of values) {
    if (v instanceof Unknown) {
      for (const n of v.needs) needs.add(n);
      ref ??= v.ref;
    }
  }
  return new Unknown([...needs], ref);
}

/** First Unknown among values (shallow), merged with any others; or undefined. */
export function anyUnknown(values: readonly Value[]): Unknown | undefined {
  let found = false;
  for (const v of values) if (v instanceof Unknown) found = true;
  return found ? mergeUnknown(values) : undefined;
}

/** Collect every Unknown nested anywhere in a value. */
export function deepUnknown(v: Value, out: Unknown[] = []): Unknown[] {
  if (v instanceof Unknown) out.push(v);
  else if (Array.isArray(v)) for (const x of v) deepUnknown(x, out);
  else if (isObject(v)) for (const k in v) deepUnknown(v[k]!, out);
  return out;
}

/** Terraform type name of a value, for messages. */
export function typeName(v: Value): string {
  if (v === null) return "null";
  if (v instanceof Unknown) return "unknown";
  if (Array.isArray(v)) return "list";
  return typeof v === "object" ? "object" : typeof v;
}

/** Convert to string the way Terraform does for templates and string functions. */
export function toStr(v: Value): string {
  if (typeof v === "string") return v;
  if (typeof v === "number") return String(v);
  if (typeof v === "boolean") return v ? "true" : "false";
  if (v === null) throw new EvalError("cannot use a null value as a string");
  throw new EvalError(`cannot convert a ${typeName(v)} to a string`);
}

/** Convert to number (Terraform accepts numeric strings). */
export function toNum(v: Value): number {
  if (typeof v === "number") return v;
  if (typeof v === "string" && v.trim() !== "" && !isNaN(Number(v))) return Number(v);
  throw new EvalError(`cannot convert ${typeName(v)} ${JSON.stringify(v)} to a number`);
}

/** Convert to bool (Terraform accepts "true"/"false"). */
export function toBool(v: Value): boolean {
  if (typeof v === "boolean") return v;
  if (v === "true") return true;
  if (v === "false") return false;
  throw new EvalError(`cannot convert ${typeName(v)} ${JSON.stringify(v)} to bool`);
}

/** Elements of a list, set or object (object values in key order). */
export function toList(v: Value): Value[] {
  if (Array.isArray(v)) return v;
  if (isObject(v))
    return Object.keys(v)
      .sort()
      .map((k) => v[k]!);
  throw new EvalError(`expected a list but got ${typeName(v)}`);
}

/** Structural equality (Unknown is never equal). */
export function equals(a: Value, b: Value): boolean {
  if (a === b) return true;
  if (typeof a === "number" && typeof b === "string") return String(a) === b;
  if (typeof a === "string" && typeof b === "number") return a === String(b);
  if (Array.isArray(a) && Array.isArray(b))
    return a.length === b.length && a.every((x, i) => equals(x, b[i]!));
  if (isObject(a) && isObject(b)) {
    const ka = Object.keys(a);
    if (ka.length !== Object.keys(b).length) return false;
    return ka.every((k) => k in b && equals(a[k]!, b[k]!));
  }
  return false;
}

/** Convert parsed JSON (unknown shape) into a Value. */
export function fromJson(x: unknown): Value {
  if (x === null || typeof x === "string" || typeof x === "number" || typeof x === "boolean")
    return x;
  if (Array.isArray(x)) return x.map(fromJson);
  if (typeof x === "object") {
    const o: ObjectValue = {};
    for (const [k, v] of Object.entries(x as Record<string, unknown>)) o[k] = fromJson(v);
    return o;
  }
  return null;
}

/** Text of a value for comparisons and messages: scalars as Terraform prints them, else "". */
export function text(v: Value | undefined): string {
  if (typeof v === "string") return v;
  if (typeof v === "number" || typeof v === "boolean") return String(v);
  if (v === null || v === undefined || v instanceof Unknown) return "";
  return JSON.stringify(v);
}
