import type { FieldValue, SigmaEvent } from "../detect-types";

/** A field's values as strings, raw and lower-cased, computed once per event. */
export interface FieldStrings {
  readonly raw: readonly string[];
  readonly folded: readonly string[];
  /** Original values (numbers, booleans, nulls kept) for numeric and null checks. */
  readonly values: readonly FieldValue[];
}

const ABSENT: FieldStrings = Object.freeze({ raw: [], folded: [], values: [] });

function lookup(
  fields: Readonly<Record<string, FieldValue>>,
  name: string,
): FieldValue | undefined {
  if (Object.hasOwn(fields, name)) return fields[name];
  // Nested generic JSON (ECS style `process.executable`): walk the dotted path.
  if (!name.includes(".")) return undefined;
  let cur: FieldValue | undefined = fields;
  for (const part of name.split(".")) {
    if (cur === null || typeof cur !== "object" || Array.isArray(cur)) return undefined;
    const obj = cur as Readonly<Record<string, FieldValue>>;
    if (!Object.hasOwn(obj, part)) return undefined;
    cur = obj[part];
  }
  return cur;
}

function scalarString(v: FieldValue): string | undefined {
  if (typeof v === "string") return v;
  if (typeof v === "number" || typeof v === "boolean") return String(v);
  return undefined;
}

/**
 * Per-event accessor shared by every rule tested on the event, so each field is read and
 * lower-cased once however many rules look at it.
 */
export class EventView {
  private readonly cache = new Map<string, FieldStrings | null>();
  private keywordCache: readonly { field: string; raw: string; folded: string }[] | undefined;
  private keywordStrings: FieldStrings | undefined;

  constructor(readonly event: SigmaEvent) {}

  /** True when the field is present (even with a null value). */
  has(field: string): boolean {
    return lookup(this.event.fields, field) !== undefined;
  }

  /** The field's values; absent fields give empty lists and `present` false. */
  get(field: string): FieldStrings | null {
    const hit = this.cache.get(field);
    if (hit !== undefined) return hit;
    const v = lookup(this.event.fields, field);
    let out: FieldStrings | null;
    if (v === undefined) out = null;
    else {
      const values: FieldValue[] = Array.isArray(v) ? [...(v as readonly FieldValue[])] : [v];
      const raw: string[] = [];
      for (const x of values) {
        const s = scalarString(x);
        if (s !== undefined) raw.push(s);
      }
      out = values.length === 0 ? ABSENT : { raw, folded: raw.map((s) => s.toLowerCase()), values };
    }
    this.cache.set(field, out);
    return out;
  }

  /** Keyword texts in the FieldStrings shape, built once per event. */
  keywordFieldStrings(): FieldStrings {
    if (this.keywordStrings) return this.keywordStrings;
    const texts = this.keywordTexts();
    const raw = texts.map((t) => t.raw);
    this.keywordStrings = { raw, folded: texts.map((t) => t.folded), values: raw };
    return this.keywordStrings;
  }

  /** Texts searched by keyword detections: the raw message if the source has one, else every string leaf. */
  keywordTexts(): readonly { field: string; raw: string; folded: string }[] {
    if (this.keywordCache) return this.keywordCache;
    const out: { field: string; raw: string; folded: string }[] = [];
    if (this.event.raw !== undefined)
      out.push({ field: "raw", raw: this.event.raw, folded: this.event.raw.toLowerCase() });
    else {
      const walk = (prefix: string, v: FieldValue, depth: number): void => {
        if (depth > 8 || out.length > 512) return;
        const s = scalarString(v);
        if (s !== undefined) out.push({ field: prefix, raw: s, folded: s.toLowerCase() });
        else if (Array.isArray(v))
          for (const x of v as readonly FieldValue[]) walk(prefix, x, depth + 1);
        else if (v !== null && typeof v === "object")
          for (const [k, x] of Object.entries(v)) walk(prefix ? `${prefix}.${k}` : k, x, depth + 1);
      };
      walk("", this.event.fields, 0);
    }
    this.keywordCache = out;
    return out;
  }
}
