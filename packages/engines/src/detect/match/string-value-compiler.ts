import { ItemError, type ModifierSet } from "./modifier-spec";
import {
  base64Of,
  base64OffsetOf,
  escapeWildcards,
  unescapeSigma,
  utf16Bytes,
  utf8Bytes,
  windashVariants,
} from "./value-encoders";
import { compileWildcard, type StringTest } from "./wildcard-matcher";

/** A compiled string test; `cased` tells whether to run it on raw or lower-cased values. */
export interface StringValueTest {
  readonly test: StringTest;
  readonly cased: boolean;
  /** Set when the value has no wildcard: the test is plain equality with this text. */
  readonly exact?: string;
}

const PLACEHOLDER = /(?<!\\)%([A-Za-z0-9_.-]+)%/g;
const MAX_VARIANTS = 4096;

function expandPlaceholders(
  value: string,
  placeholders: Readonly<Record<string, readonly string[]>>,
): string[] {
  let out = [value];
  const names = [...value.matchAll(PLACEHOLDER)].map((m) => m[1]!);
  for (const name of new Set(names)) {
    const subs = placeholders[name];
    if (!subs || subs.length === 0)
      throw new ItemError(`placeholder '%${name}%' has no value (expand)`);
    const next: string[] = [];
    for (const v of out) for (const s of subs) next.push(v.split(`%${name}%`).join(s));
    if (next.length > MAX_VARIANTS)
      throw new ItemError("placeholder expansion gives too many values");
    out = next;
  }
  return out.map((v) => v.replace(/\\%/g, "%"));
}

/** Doubles a trailing run of backslashes so appending `*` keeps them literal (spec escaping table). */
function beforeStar(p: string): string {
  const m = /\\+$/.exec(p);
  if (!m) return p;
  const literal = Math.ceil(m[0].length / 2);
  return p.slice(0, p.length - m[0].length) + "\\".repeat(literal * 2);
}

/**
 * Compiles one string (or number-as-string) value: `expand`, then encoding and `windash`
 * transforms in the written order, then the `contains`/`startswith`/`endswith` wrapping.
 * Encoded values match case-sensitively because base64 text is case-significant.
 */
export function compileStringValues(
  value: string,
  mods: ModifierSet,
  placeholders: Readonly<Record<string, readonly string[]>>,
): StringValueTest[] {
  let patterns = mods.has("expand") ? expandPlaceholders(value, placeholders) : [value];
  // `bytes` holds a binary string once an encoding has run; wildcards are then literal.
  let encoded = false;
  let bytes: string[] | undefined;
  for (const t of mods.transforms) {
    if (t === "windash") {
      if (bytes) throw new ItemError("'windash' must come before encoding modifiers");
      patterns = patterns.flatMap((p) => {
        try {
          return windashVariants(p);
        } catch (e) {
          throw new ItemError((e as Error).message);
        }
      });
      continue;
    }
    const src = bytes ?? patterns.map((p) => unescapeSigma(p));
    if (t === "utf16le" || t === "wide" || t === "utf16be" || t === "utf16") {
      if (encoded) throw new ItemError(`'${t}' must come before base64 modifiers`);
      bytes = src.map((s) => utf16Bytes(s, t === "utf16be" ? "be" : t === "utf16" ? "bom" : "le"));
      continue;
    }
    const input = bytes ?? src.map(utf8Bytes);
    bytes = t === "base64" ? input.map(base64Of) : input.flatMap(base64OffsetOf);
    encoded = true;
  }
  if (bytes) patterns = bytes.map(escapeWildcards);
  if (patterns.length > MAX_VARIANTS) throw new ItemError("value expands to too many variants");
  const wrap = (p: string): string =>
    mods.has("contains")
      ? `*${beforeStar(p)}*`
      : mods.has("startswith")
        ? `${beforeStar(p)}*`
        : mods.has("endswith")
          ? `*${p}`
          : p;
  const cased = mods.has("cased") || encoded;
  return patterns.map((p) => {
    const pattern = wrap(p);
    const exact = /[*?]/.test(pattern)
      ? undefined
      : unescapeSigma(cased ? pattern : pattern.toLowerCase());
    return { test: compileWildcard(pattern, !cased), cased, exact };
  });
}
