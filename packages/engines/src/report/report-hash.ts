/**
 * 128-bit non-cryptographic hash as 32 hex characters, stable across platforms. Used where a
 * format wants an opaque id (Code Quality fingerprint, GitLab vulnerability id). Pure JS so the
 * writers also run in the browser; not for security.
 */
export function stableHash(text: string): string {
  const seeds = [0x811c9dc5, 0x01000193, 0x9e3779b9, 0x85ebca6b];
  return seeds
    .map((seed, n) => {
      let h = (seed ^ n) >>> 0;
      for (let i = 0; i < text.length; i++) {
        h ^= text.charCodeAt(i);
        h = Math.imul(h, 0x01000193 + n * 2) >>> 0;
        h ^= h >>> 13;
      }
      h = Math.imul(h ^ (h >>> 16), 0x85ebca6b) >>> 0;
      h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35) >>> 0;
      return ((h ^ (h >>> 16)) >>> 0).toString(16).padStart(8, "0");
    })
    .join("");
}

/** The hash shaped as a UUID (8-4-4-4-12), for formats that expect one. */
export function stableUuid(text: string): string {
  const h = stableHash(text);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
}
