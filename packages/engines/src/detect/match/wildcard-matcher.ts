/**
 * Sigma wildcard strings: `*` any run, `?` one character, backslash escapes only `*`, `?` and
 * itself (spec §Escape Character). Matching never uses a backtracking regex: plain fast paths
 * (equality, prefix, suffix, substring) and a segment scan for the general case, O(n·m) worst.
 */

/** A parsed wildcard pattern: literal pieces separated by `*`; `?` inside a piece is `null`. */
export interface WildcardPattern {
  /** Segments between `*`; each char is a literal string or null for `?`. */
  readonly segments: readonly (readonly (string | null)[])[];
  readonly leadingStar: boolean;
  readonly trailingStar: boolean;
}

/** Parses Sigma wildcard text applying the escaping table of the specification. */
export function parseWildcard(text: string): WildcardPattern {
  const segments: (string | null)[][] = [[]];
  let leadingStar = false;
  let trailingStar = false;
  let i = 0;
  while (i < text.length) {
    const c = text[i]!;
    if (c === "\\") {
      const n = text[i + 1];
      if (n === "*" || n === "?" || n === "\\") {
        segments[segments.length - 1]!.push(n);
        i += 2;
      } else {
        segments[segments.length - 1]!.push("\\");
        i += 1;
      }
      continue;
    }
    if (c === "*") {
      if (i === 0) leadingStar = true;
      if (i === text.length - 1) trailingStar = true;
      segments.push([]);
      i++;
      continue;
    }
    segments[segments.length - 1]!.push(c === "?" ? null : c);
    i++;
  }
  const nonEmpty = segments.filter((s) => s.length > 0);
  return { segments: nonEmpty, leadingStar, trailingStar };
}

/** Builds the literal text back from a pattern known to have no wildcards. */
function literalOf(seg: readonly (string | null)[]): string | undefined {
  if (seg.includes(null)) return undefined;
  return seg.join("");
}

function segmentAt(value: string, pos: number, seg: readonly (string | null)[]): boolean {
  if (pos + seg.length > value.length) return false;
  for (let k = 0; k < seg.length; k++) {
    const c = seg[k];
    if (c !== null && value[pos + k] !== c) return false;
  }
  return true;
}

function findSegment(
  value: string,
  from: number,
  seg: readonly (string | null)[],
  lit: string | undefined,
): number {
  if (lit !== undefined) return value.indexOf(lit, from);
  for (let p = from; p + seg.length <= value.length; p++) if (segmentAt(value, p, seg)) return p;
  return -1;
}

/** A compiled matcher over an already case-folded value. */
export type StringTest = (value: string) => boolean;

/**
 * Compiles a wildcard pattern to a test. `fold` lower-cases the pattern (the caller folds the
 * value) so case-insensitive matching costs one `toLowerCase` per event field, not per rule.
 */
export function compileWildcard(text: string, fold: boolean): StringTest {
  const pattern = parseWildcard(fold ? text.toLowerCase() : text);
  const { segments, leadingStar, trailingStar } = pattern;
  const hasStar = leadingStar || trailingStar || segments.length > 1;
  if (segments.length === 0) return hasStar ? () => true : (v) => v.length === 0;
  if (segments.length === 1) {
    const seg = segments[0]!;
    const lit = literalOf(seg);
    if (lit !== undefined) {
      if (leadingStar && trailingStar) return (v) => v.includes(lit);
      if (leadingStar) return (v) => v.endsWith(lit);
      if (trailingStar) return (v) => v.startsWith(lit);
      return (v) => v === lit;
    }
  }
  // Literal text of each segment, computed once: the hot path must not allocate.
  const literals = segments.map(literalOf);
  return (v) => {
    let pos = 0;
    let first = 0;
    if (!leadingStar) {
      const seg = segments[0]!;
      if (!segmentAt(v, 0, seg)) return false;
      pos = seg.length;
      first = 1;
      if (segments.length === 1) return trailingStar || pos === v.length;
    }
    const lastIdx = segments.length - 1;
    // Middle segments: leftmost placement is optimal for `*`-separated pieces.
    for (let s = first; s < lastIdx; s++) {
      const seg = segments[s]!;
      const at = findSegment(v, pos, seg, literals[s]);
      if (at < 0) return false;
      pos = at + seg.length;
    }
    const last = segments[lastIdx]!;
    if (first > lastIdx) return true;
    if (trailingStar) return findSegment(v, pos, last, literals[lastIdx]) >= 0;
    const start = v.length - last.length;
    return start >= pos && segmentAt(v, start, last);
  };
}
