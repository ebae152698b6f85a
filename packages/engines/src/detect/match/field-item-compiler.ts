import type { EventView, FieldStrings } from "../runtime/event-view";
import { compileCidr } from "./cidr-matcher";
import { ItemError, parseModifiers, type ModifierSet } from "./modifier-spec";
import { RegexSyntaxError } from "./regex-ast";
import { compileSigmaRegex } from "./regex-matcher";
import { timePartOf, toNumber } from "./scalar-coercion";
import { compileStringValues, type StringValueTest } from "./string-value-compiler";
import type { StringTest } from "./wildcard-matcher";

/** A compiled test over one event. */
export type EventPredicate = (view: EventView) => boolean;

/** Options that change matching semantics where the specification is open. */
export interface MatchOptions {
  /** `search` (default) or `full` regex anchoring. */
  readonly regexAnchoring: "search" | "full";
  /** Values for `%placeholder%` under `expand`; an unresolved placeholder rejects the rule. */
  readonly placeholders: Readonly<Record<string, readonly string[]>>;
}

/** Default open-choice settings (documented in ADR 0301). */
export const DEFAULT_MATCH_OPTIONS: MatchOptions = { regexAnchoring: "search", placeholders: {} };

type Scalar = string | number | boolean | null;
type ValueTest = (fs: FieldStrings, view: EventView) => boolean;

function scalarList(value: unknown): Scalar[] {
  const list = Array.isArray(value) ? (value as unknown[]) : [value];
  if (list.length === 0) throw new ItemError("empty value list");
  for (const v of list) {
    if (v !== null && typeof v !== "string" && typeof v !== "number" && typeof v !== "boolean") {
      throw new ItemError("values must be strings, numbers, booleans or null");
    }
  }
  if (list.length > 1 && list.includes(null))
    throw new ItemError("null cannot be part of a value list");
  return list as Scalar[];
}

const someRaw = (fs: FieldStrings, test: (s: string) => boolean): boolean => fs.raw.some(test);

function numericTests(mods: ModifierSet, values: Scalar[]): ValueTest[] {
  const op = mods.numericOp;
  return values.map((v) => {
    const n = toNumber(v);
    if (n === undefined) throw new ItemError(`'${String(v)}' is not a number`);
    const cmp = (x: number): boolean =>
      op === "lt"
        ? x < n
        : op === "lte"
          ? x <= n
          : op === "gt"
            ? x > n
            : op === "gte"
              ? x >= n
              : x === n;
    if (mods.timePart) {
      const part = mods.timePart;
      return (fs) =>
        fs.values.some((ev) => {
          const p = timePartOf(ev, part);
          return p !== undefined && cmp(p);
        });
    }
    return (fs) =>
      fs.values.some((ev) => {
        const x = toNumber(ev);
        return x !== undefined && cmp(x);
      });
  });
}

function fieldrefTests(mods: ModifierSet, values: Scalar[]): ValueTest[] {
  const cased = mods.has("cased");
  const mode = mods.has("contains")
    ? "contains"
    : mods.has("startswith")
      ? "start"
      : mods.has("endswith")
        ? "end"
        : "eq";
  return values.map((ref) => {
    if (typeof ref !== "string" || ref === "")
      throw new ItemError("fieldref values must be field names");
    return (fs, view) => {
      const other = view.get(ref);
      if (!other) return false;
      const mine = cased ? fs.raw : fs.folded;
      const theirs = cased ? other.raw : other.folded;
      return mine.some((a) =>
        theirs.some((b) =>
          mode === "eq"
            ? a === b
            : mode === "contains"
              ? a.includes(b)
              : mode === "start"
                ? a.startsWith(b)
                : a.endsWith(b),
        ),
      );
    };
  });
}

function regexTests(mods: ModifierSet, values: Scalar[], opts: MatchOptions): ValueTest[] {
  return values.map((v) => {
    if (typeof v !== "string") throw new ItemError("'re' values must be strings");
    try {
      const re = compileSigmaRegex(v, {
        ignoreCase: mods.has("i"),
        multiline: mods.has("m"),
        dotAll: mods.has("s"),
        anchoring: opts.regexAnchoring,
        anchorStart: mods.has("startswith"),
        anchorEnd: mods.has("endswith"),
      });
      return (fs) => someRaw(fs, re.test);
    } catch (e) {
      if (e instanceof RegexSyntaxError || e instanceof SyntaxError)
        throw new ItemError(`invalid regex '${v}': ${e.message}`);
      throw e;
    }
  });
}

function valueTests(mods: ModifierSet, values: Scalar[], opts: MatchOptions): ValueTest[] {
  if (mods.numericOp || mods.timePart) return numericTests(mods, values);
  if (mods.has("fieldref")) return fieldrefTests(mods, values);
  if (mods.has("re")) return regexTests(mods, values, opts);
  if (mods.has("cidr")) {
    return values.map((v) => {
      if (typeof v !== "string") throw new ItemError("'cidr' values must be strings");
      try {
        const test = compileCidr(v);
        return (fs) => someRaw(fs, test);
      } catch (e) {
        throw new ItemError((e as Error).message);
      }
    });
  }
  const compileOne = (v: string | number): StringValueTest[] =>
    compileStringValues(typeof v === "number" ? String(v) : v, mods, opts.placeholders);
  const out: ValueTest[] = [];
  const merged: StringValueTest[] = [];
  for (const v of values) {
    if (v === null) out.push((fs) => fs.values.length === 0 || fs.values.includes(null));
    else if (typeof v === "boolean") {
      const s = String(v);
      out.push((fs) => fs.folded.includes(s));
    } else if (mods.has("all")) out.push(stringSetTest(compileOne(v)));
    else merged.push(...compileOne(v)); // OR of values: one Set lookup + one loop for all of them
  }
  if (merged.length > 0) out.push(stringSetTest(merged));
  return out;
}

/**
 * One test for many compiled string values: plain equalities become a Set lookup, the rest
 * run in a loop. Written with loops, not closures per call, because this is the hot path.
 */
function stringSetTest(tests: readonly StringValueTest[]): ValueTest {
  const foldedExact = new Set<string>();
  const rawExact = new Set<string>();
  const folded: StringTest[] = [];
  const raw: StringTest[] = [];
  for (const t of tests) {
    if (t.exact !== undefined) (t.cased ? rawExact : foldedExact).add(t.exact);
    else (t.cased ? raw : folded).push(t.test);
  }
  const scan = (
    values: readonly string[],
    exact: Set<string>,
    list: readonly StringTest[],
  ): boolean => {
    for (const s of values) {
      if (exact.size > 0 && exact.has(s)) return true;
      for (const t of list) if (t(s)) return true;
    }
    return false;
  };
  const useRaw = rawExact.size > 0 || raw.length > 0;
  const useFolded = foldedExact.size > 0 || folded.length > 0;
  if (!useRaw) return (fs) => scan(fs.folded, foldedExact, folded);
  if (!useFolded) return (fs) => scan(fs.raw, rawExact, raw);
  return (fs) => scan(fs.folded, foldedExact, folded) || scan(fs.raw, rawExact, raw);
}

/**
 * Compiles one `field|modifiers: value(s)` item. A field-less key (`'|all'`) applies to the
 * keyword texts. Throws ItemError with a message that the rule compiler prefixes with the path.
 */
export function compileFieldItem(key: string, value: unknown, opts: MatchOptions): EventPredicate {
  const mods = parseModifiers(key);
  const field = mods.field;
  if (mods.has("exists")) {
    if (typeof value !== "boolean") throw new ItemError("'exists' needs true or false");
    return (view) => view.has(field) === value;
  }
  const values = scalarList(value);
  if (mods.has("all") && values.length < 2)
    throw new ItemError("'all' needs a list of at least two values");
  const tests = valueTests(mods, values, opts);
  const isNullTest = values.length === 1 && values[0] === null && !mods.numericOp && !mods.timePart;
  const all = mods.has("all");
  const combine = (fs: FieldStrings, view: EventView): boolean => {
    if (all) {
      for (const t of tests) if (!t(fs, view)) return false;
      return true;
    }
    for (const t of tests) if (t(fs, view)) return true;
    return false;
  };
  let pred: EventPredicate;
  if (field === "") {
    pred = (view) => combine(view.keywordFieldStrings(), view);
  } else {
    const absent: FieldStrings = { raw: [], folded: [], values: [] };
    pred = (view) => {
      const fs = view.get(field);
      if (fs === null) return isNullTest ? combine(absent, view) : false;
      return combine(fs, view);
    };
  }
  if (mods.has("neq")) {
    const inner = pred;
    pred = (view) => !inner(view);
  }
  return pred;
}
