import { newId } from "@infrasec/core";

let last = 0;

/**
 * A UUIDv7 that sorts after every id this process made before. History, comments and
 * notifications are ordered by time, then id; several rows written in the same millisecond (one
 * request, or a frozen test clock) would otherwise come back in random order. The id's time may
 * run a few milliseconds ahead under bursts; the rows' own timestamps stay exact.
 */
export function orderedId(nowMs: number): string {
  last = Math.max(nowMs, last + 1);
  return newId(last);
}
