import type { SigmaEvent } from "../detect-types";

/** Outcome of normalizing one input record: events (possibly none) or a rejection reason. */
export type NormalizeResult =
  | { readonly ok: true; readonly events: readonly SigmaEvent[]; readonly skipped?: string }
  | { readonly ok: false; readonly reason: string };

/** Largest input line accepted by the normalizers (oversized events are rejected, not parsed). */
export const MAX_EVENT_BYTES = 1024 * 1024;

/** Parses a JSON line or passes an object through; rejects oversized or non-object input. */
export function asObject(
  input: unknown,
): { ok: true; value: Record<string, unknown> } | { ok: false; reason: string } {
  let v = input;
  if (typeof input === "string") {
    if (input.length > MAX_EVENT_BYTES) return { ok: false, reason: "event larger than 1 MiB" };
    try {
      v = JSON.parse(input);
    } catch {
      return { ok: false, reason: "malformed JSON" };
    }
  }
  if (v === null || typeof v !== "object" || Array.isArray(v))
    return { ok: false, reason: "event is not a JSON object" };
  return { ok: true, value: v as Record<string, unknown> };
}

/** A field mapping: Sigma name ← source names, first present wins. */
export type FieldMap = readonly (readonly [sigma: string, ...sources: string[]])[];

/** Sigma fields a source can never fill, per category: the declared losses used by coverage reports. */
export type DeclaredLosses = Readonly<Record<string, readonly string[]>>;
