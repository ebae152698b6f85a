/**
 * Value transformations of the encoding modifiers (`base64`, `base64offset`, `utf16le`/`wide`,
 * `utf16be`, `utf16`) and `windash`. Values are carried as "binary strings" (one char per
 * byte) between encoders, as pySigma carries bytes.
 */

// Web-standard APIs only (TextEncoder, btoa), no Node Buffer: the web app runs engines for previews.

/** Bytes as a binary string (one char per byte). */
export function binaryString(bytes: Uint8Array): string {
  let out = "";
  for (let i = 0; i < bytes.length; i++) out += String.fromCharCode(bytes[i]!);
  return out;
}

/** UTF-8 bytes of a string as a binary string. */
export function utf8Bytes(s: string): string {
  return binaryString(new TextEncoder().encode(s));
}

/** UTF-16 encodings; `utf16` prepends the little-endian byte order mark. */
export function utf16Bytes(s: string, variant: "le" | "be" | "bom"): string {
  let out = variant === "bom" ? "\xff\xfe" : "";
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    const lo = String.fromCharCode(c & 0xff);
    const hi = String.fromCharCode(c >> 8);
    out += variant === "be" ? hi + lo : lo + hi;
  }
  return out;
}

/** Base64 of a binary string. */
export function base64Of(bytes: string): string {
  return btoa(bytes);
}

/** Decodes hex text to bytes; undefined when it is not an even run of hex digits. */
export function hexBytes(hex: string): Uint8Array | undefined {
  if (hex.length % 2 !== 0 || !/^[0-9A-Fa-f]*$/.test(hex)) return undefined;
  const out = new Uint8Array(hex.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(hex.slice(i * 2, i * 2 + 2), 16);
  return out;
}

/**
 * The three `base64offset` variants: the value shifted by 0, 1 and 2 bytes inside a base64
 * stream, with the characters that depend on neighbouring bytes cut off.
 */
export function base64OffsetOf(bytes: string): string[] {
  const startCut = [0, 2, 3];
  const endCut = [0, 3, 2];
  const out: string[] = [];
  for (let shift = 0; shift < 3; shift++) {
    const enc = base64Of(" ".repeat(shift) + bytes);
    const cut = endCut[(bytes.length + shift) % 3]!;
    out.push(enc.slice(startCut[shift], enc.length - cut));
  }
  return out;
}

/** Dash characters `windash` treats as interchangeable: -, /, en dash, em dash, horizontal bar. */
export const WINDASH_CHARS = ["-", "/", "\u2013", "\u2014", "\u2015"] as const;
const MAX_WINDASH_VARIANTS = 3125;

/**
 * All permutations of dash characters in a value (spec semantics). Throws when a value has so
 * many dashes that the expansion would exceed 3,125 variants (five dashes).
 */
export function windashVariants(value: string): string[] {
  const positions: number[] = [];
  for (let i = 0; i < value.length; i++)
    if ((WINDASH_CHARS as readonly string[]).includes(value[i]!)) positions.push(i);
  if (Math.pow(WINDASH_CHARS.length, positions.length) > MAX_WINDASH_VARIANTS) {
    throw new Error(
      `windash on a value with ${positions.length} dashes exceeds ${MAX_WINDASH_VARIANTS} variants`,
    );
  }
  let variants = [value];
  for (const p of positions) {
    const next: string[] = [];
    for (const v of variants)
      for (const d of WINDASH_CHARS) next.push(v.slice(0, p) + d + v.slice(p + 1));
    variants = next;
  }
  return variants;
}

/** Escapes Sigma wildcard characters so an encoded value is matched literally. */
export function escapeWildcards(s: string): string {
  return s.replace(/[\\*?]/g, (c) => `\\${c}`);
}

/** Removes Sigma escaping, giving the literal text of a value with no live wildcards. */
export function unescapeSigma(s: string): string {
  return s.replace(/\\([\\*?])/g, "$1");
}
