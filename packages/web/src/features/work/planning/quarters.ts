import { quarterOf } from "@infrasec/engines/work";

/**
 * Quarter arithmetic for the planning screens. Quarters are calendar quarters in UTC, written
 * `2026-Q4` as the API writes them; the first and last days come from the engine's `quarterOf`
 * so the picker, the OKR list and the roadmap agree with the server.
 */

export interface Quarter {
  year: number;
  /** 1–4. */
  q: number;
}

const QUARTER_RE = /^(\d{4})-Q([1-4])$/;

/** `2026-Q4` → { year: 2026, q: 4 }; null for anything else. */
export function parseQuarter(name: string): Quarter | null {
  const m = QUARTER_RE.exec(name);
  return m ? { year: Number(m[1]), q: Number(m[2]) } : null;
}

export function formatQuarter({ year, q }: Quarter): string {
  return `${year}-Q${q}`;
}

/** The quarter `n` quarters after (negative: before) the given one. */
export function addQuarters(name: string, n: number): string {
  const p = parseQuarter(name);
  if (!p) throw new Error(`not a quarter: ${name}`);
  const index = p.year * 4 + (p.q - 1) + n;
  return formatQuarter({ year: Math.floor(index / 4), q: (index % 4) + 1 });
}

/** The quarter containing an instant (UTC). */
export function currentQuarter(now: Date = new Date()): string {
  return quarterOf(now).name;
}

/** First and last calendar day (YYYY-MM-DD) of a quarter. */
export function quarterBounds(name: string): { start: string; end: string } {
  const p = parseQuarter(name);
  if (!p) throw new Error(`not a quarter: ${name}`);
  const { start, end } = quarterOf(new Date(Date.UTC(p.year, (p.q - 1) * 3, 1)));
  return { start, end };
}

/** Quarters around `center` for a picker: `before` earlier ones, the quarter, `after` later ones. */
export function quarterOptions(center: string, before = 4, after = 4): string[] {
  const out: string[] = [];
  for (let i = -before; i <= after; i++) out.push(addQuarters(center, i));
  return out;
}

/** A quarter from the URL when valid, else the current one. */
export function quarterOrCurrent(value: string | null | undefined, now: Date = new Date()): string {
  return value && parseQuarter(value) ? value : currentQuarter(now);
}

/** The quarter of a YYYY-MM-DD day. */
export function quarterOfDay(day: string): string {
  return quarterOf(new Date(`${day.slice(0, 10)}T00:00:00Z`)).name;
}

/**
 * The distinct quarters touching any of the given days and every quarter between them, capped
 * at `max` (starting from the earliest), e.g. to find the OKRs an epic's dates span.
 */
export function quartersSpanning(days: readonly (string | null)[], max = 8): string[] {
  const names = days.filter((d): d is string => !!d).map(quarterOfDay);
  if (names.length === 0) return [];
  const sorted = [...names].sort();
  const first = sorted[0] ?? "";
  const last = sorted[sorted.length - 1] ?? first;
  const out: string[] = [];
  for (let q = first; out.length < max && q <= last; q = addQuarters(q, 1)) out.push(q);
  return out;
}
