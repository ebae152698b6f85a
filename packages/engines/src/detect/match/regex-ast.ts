/**
 * Parser for the regular-expression subset Sigma specifies (PCRE metacharacters `.`, `^`, `$`,
 * `* + ? {n,m}`, classes, `|`, groups) plus the escapes real rules use (`\s \d \w \b`, escaped
 * punctuation, `\xHH`) and non-capturing groups. Anything else (look-around, back-references,
 * named groups, inline flags other than a leading `(?i)`, `(?s)`, `(?m)`) is rejected: these
 * need a backtracking engine and are outside the specification.
 */

/** A character class: ranges of code units plus shorthand classes, optionally negated. */
export interface CharSet {
  readonly negated: boolean;
  readonly ranges: readonly (readonly [number, number])[];
  readonly shorthands: readonly string[];
}

/** Regex AST node. `max` is Infinity for unbounded repetition. */
export type RegexNode =
  | { readonly t: "set"; readonly set: CharSet }
  | { readonly t: "any" }
  | { readonly t: "bol" }
  | { readonly t: "eol" }
  | { readonly t: "wordb"; readonly negated: boolean }
  | { readonly t: "seq"; readonly items: readonly RegexNode[] }
  | { readonly t: "alt"; readonly alts: readonly RegexNode[] }
  | { readonly t: "rep"; readonly body: RegexNode; readonly min: number; readonly max: number };

/** Thrown for a pattern outside the supported subset. */
export class RegexSyntaxError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "RegexSyntaxError";
  }
}

/** Result of parsing: the AST, flags found in a leading inline group, and the JS-ready source. */
export interface ParsedRegex {
  readonly ast: RegexNode;
  readonly inlineFlags: string;
  readonly source: string;
}

const MAX_PATTERN = 4096;
const MAX_COUNT = 1000;
const SHORTHAND = new Set(["d", "D", "w", "W", "s", "S"]);
const CONTROL: Record<string, number> = { t: 9, n: 10, r: 13, f: 12, v: 11, "0": 0 };

/** Parses a Sigma `re` value. Throws RegexSyntaxError naming the offending construct. */
export function parseRegex(pattern: string): ParsedRegex {
  if (pattern.length > MAX_PATTERN)
    throw new RegexSyntaxError(`pattern longer than ${MAX_PATTERN} characters`);
  let inlineFlags = "";
  let src = pattern;
  const lead = /^\(\?([ims]+)\)/.exec(src);
  if (lead) {
    inlineFlags = lead[1]!;
    src = src.slice(lead[0].length);
  }
  let i = 0;
  const peek = (): string | undefined => src[i];

  const parseEscape = (inClass: boolean): RegexNode => {
    const c = src[i + 1];
    if (c === undefined) throw new RegexSyntaxError("pattern ends with a lone backslash");
    i += 2;
    if (SHORTHAND.has(c)) return { t: "set", set: { negated: false, ranges: [], shorthands: [c] } };
    if (!inClass && (c === "b" || c === "B")) return { t: "wordb", negated: c === "B" };
    if (c in CONTROL) return single(CONTROL[c]!);
    if (c === "x") {
      const hex = src.slice(i, i + 2);
      if (!/^[0-9a-fA-F]{2}$/.test(hex)) throw new RegexSyntaxError("\\x needs two hex digits");
      i += 2;
      return single(parseInt(hex, 16));
    }
    if (/[A-Za-z0-9]/.test(c)) throw new RegexSyntaxError(`unsupported escape '\\${c}'`);
    return single(c.charCodeAt(0));
  };

  const parseClass = (): RegexNode => {
    i++; // [
    let negated = false;
    if (peek() === "^") {
      negated = true;
      i++;
    }
    const ranges: [number, number][] = [];
    const shorthands: string[] = [];
    let first = true;
    for (;;) {
      const c = peek();
      if (c === undefined) throw new RegexSyntaxError("unterminated character class");
      if (c === "]" && !first) {
        i++;
        break;
      }
      first = false;
      let lo: number;
      if (c === "\\") {
        const e = parseEscape(true);
        if (e.t !== "set") throw new RegexSyntaxError("unsupported escape in class");
        if (e.set.shorthands.length > 0) {
          shorthands.push(...e.set.shorthands);
          continue;
        }
        lo = e.set.ranges[0]![0];
      } else {
        lo = c.charCodeAt(0);
        i++;
      }
      if (peek() === "-" && src[i + 1] !== "]" && src[i + 1] !== undefined) {
        i++;
        let hi: number;
        if (peek() === "\\") {
          const e = parseEscape(true);
          if (e.t !== "set" || e.set.shorthands.length > 0)
            throw new RegexSyntaxError("invalid class range");
          hi = e.set.ranges[0]![0];
        } else {
          hi = src.charCodeAt(i);
          i++;
        }
        if (hi < lo) throw new RegexSyntaxError("class range out of order");
        ranges.push([lo, hi]);
      } else ranges.push([lo, lo]);
    }
    return { t: "set", set: { negated, ranges, shorthands } };
  };

  const parseAtom = (): RegexNode => {
    const c = peek()!;
    if (c === "(") {
      i++;
      if (peek() === "?") {
        if (src[i + 1] !== ":")
          throw new RegexSyntaxError("only '(?:' groups and a leading '(?i)' are supported");
        i += 2;
      }
      const body = parseAlt();
      if (peek() !== ")") throw new RegexSyntaxError("missing ')'");
      i++;
      return body;
    }
    if (c === "[") return parseClass();
    if (c === "\\") return parseEscape(false);
    i++;
    if (c === ".") return { t: "any" };
    if (c === "^") return { t: "bol" };
    if (c === "$") return { t: "eol" };
    if (c === "*" || c === "+" || c === "?")
      throw new RegexSyntaxError(`nothing to repeat before '${c}'`);
    return single(c.charCodeAt(0));
  };

  const parseQuantified = (): RegexNode => {
    let atom = parseAtom();
    for (;;) {
      const c = peek();
      let min: number;
      let max: number;
      if (c === "*") [min, max] = [0, Infinity];
      else if (c === "+") [min, max] = [1, Infinity];
      else if (c === "?") [min, max] = [0, 1];
      else if (c === "{") {
        const m = /^\{(\d+)(,(\d*))?\}/.exec(src.slice(i));
        if (!m) return atom; // a literal '{' as in PCRE
        min = Number(m[1]);
        max = m[2] === undefined ? min : m[3] === "" ? Infinity : Number(m[3]);
        if (min > MAX_COUNT || (max !== Infinity && max > MAX_COUNT))
          throw new RegexSyntaxError("repetition count above 1000");
        if (max < min) throw new RegexSyntaxError("repetition {n,m} with m < n");
        i += m[0].length - 1;
      } else return atom;
      i++;
      if (peek() === "?")
        i++; // lazy: same language, irrelevant for a yes/no match
      else if (peek() === "+")
        throw new RegexSyntaxError("possessive quantifiers are not supported");
      if (atom.t === "bol" || atom.t === "eol" || atom.t === "wordb")
        throw new RegexSyntaxError("cannot repeat an anchor");
      atom = { t: "rep", body: atom, min, max };
    }
  };

  const parseSeq = (): RegexNode => {
    const items: RegexNode[] = [];
    while (i < src.length && peek() !== "|" && peek() !== ")") items.push(parseQuantified());
    return items.length === 1 ? items[0]! : { t: "seq", items };
  };

  const parseAlt = (): RegexNode => {
    const alts = [parseSeq()];
    while (peek() === "|") {
      i++;
      alts.push(parseSeq());
    }
    return alts.length === 1 ? alts[0]! : { t: "alt", alts };
  };

  const ast = parseAlt();
  if (i < src.length)
    throw new RegexSyntaxError(`unbalanced ')' at ${i + (pattern.length - src.length)}`);
  return { ast, inlineFlags, source: src };
}

function single(code: number): RegexNode {
  return { t: "set", set: { negated: false, ranges: [[code, code]], shorthands: [] } };
}

/**
 * True when V8's backtracking engine is provably cheap on this pattern: no repetition over a
 * sub-pattern that itself repeats or alternates (the source of exponential blow-up), and at most
 * one unbounded repetition (so the polynomial degree stays ≤ 2 with the unanchored scan).
 */
export function isBacktrackingSafe(ast: RegexNode): boolean {
  let unbounded = 0;
  const ambiguous = (n: RegexNode): boolean => {
    switch (n.t) {
      case "rep":
        return n.max > 1 || ambiguous(n.body);
      case "alt":
        return true;
      case "seq":
        return n.items.some(ambiguous);
      default:
        return false;
    }
  };
  const walk = (n: RegexNode): boolean => {
    switch (n.t) {
      case "rep":
        if (n.max === Infinity) unbounded++;
        if (n.max > 1 && ambiguous(n.body)) return false;
        return walk(n.body);
      case "alt":
        return n.alts.every(walk);
      case "seq":
        return n.items.every(walk);
      default:
        return true;
    }
  };
  return walk(ast) && unbounded <= 1;
}
