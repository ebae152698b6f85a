/**
 * Small validators that record an issue naming the field instead of throwing, so one pass
 * reports every problem of a rule.
 */
export class FieldErrors {
  readonly errors: { field: string; message: string }[] = [];
  readonly warnings: { field: string; message: string }[] = [];

  add(field: string, message: string): void {
    this.errors.push({ field, message });
  }

  warn(field: string, message: string): void {
    this.warnings.push({ field, message });
  }

  /** Required non-empty string of at most `max` characters. */
  requiredString(obj: Record<string, unknown>, key: string, path: string, max = 256): string {
    const v = obj[key];
    if (typeof v !== "string" || v.trim() === "") {
      this.add(path, v === undefined ? "is required" : "must be a non-empty string");
      return "";
    }
    if (v.length > max) this.add(path, `is longer than ${max} characters`);
    return v;
  }

  /** Optional string (numbers and dates written unquoted are accepted as text). */
  optionalString(
    obj: Record<string, unknown>,
    key: string,
    path: string,
    max = 65_535,
  ): string | undefined {
    const v = obj[key];
    if (v === undefined || v === null) return undefined;
    if (typeof v === "number") return String(v);
    if (typeof v !== "string") {
      this.add(path, "must be a string");
      return undefined;
    }
    if (v.length > max) this.add(path, `is longer than ${max} characters`);
    return v;
  }

  /** Optional list of strings; a single string is accepted as a one-item list. */
  stringList(obj: Record<string, unknown>, key: string, path: string): string[] {
    const v = obj[key];
    if (v === undefined || v === null) return [];
    const list = Array.isArray(v) ? (v as unknown[]) : [v];
    const out: string[] = [];
    list.forEach((x, i) => {
      if (typeof x === "string") out.push(x);
      else if (typeof x === "number") out.push(String(x));
      else this.add(`${path}[${i}]`, "must be a string");
    });
    return out;
  }

  /** Optional value from a fixed set. */
  oneOf<T extends string>(
    obj: Record<string, unknown>,
    key: string,
    path: string,
    allowed: readonly T[],
  ): T | undefined {
    const v = obj[key];
    if (v === undefined || v === null) return undefined;
    if (typeof v !== "string" || !(allowed as readonly string[]).includes(v)) {
      this.add(path, `must be one of ${allowed.join(", ")}`);
      return undefined;
    }
    return v as T;
  }
}

/** True for a plain YAML mapping. */
export function isRecord(x: unknown): x is Record<string, unknown> {
  return x !== null && typeof x === "object" && !Array.isArray(x);
}
