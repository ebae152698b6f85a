/**
 * UTC calendar helpers for the workflow maths. Days are calendar days in UTC, matching how the
 * rest of the product stores time (ISO 8601 UTC).
 */

const DAY_MS = 86_400_000;

/** The UTC calendar date (YYYY-MM-DD) of an instant. */
export function isoDay(d: Date | string): string {
  return new Date(d).toISOString().slice(0, 10);
}

/** Whole days from `from` to `to` (negative when `to` is earlier), by elapsed time. */
export function daysBetween(from: Date | string, to: Date | string): number {
  return Math.floor((new Date(to).getTime() - new Date(from).getTime()) / DAY_MS);
}

/**
 * Adds calendar months in UTC, clamping to the end of a shorter month (31 Aug + 6 months =
 * 28/29 Feb), so "six months" means the same day six months later.
 */
export function addMonths(d: Date | string, months: number): Date {
  const src = new Date(d);
  const y = src.getUTCFullYear();
  const m = src.getUTCMonth() + months;
  const lastDay = new Date(Date.UTC(y, m + 1, 0)).getUTCDate();
  const out = new Date(src);
  out.setUTCFullYear(y, m, Math.min(src.getUTCDate(), lastDay));
  return out;
}

/** Adds whole days. */
export function addDays(d: Date | string, days: number): Date {
  return new Date(new Date(d).getTime() + days * DAY_MS);
}

/** Every UTC date from `start` to `end` inclusive (YYYY-MM-DD). */
export function eachDay(start: string, end: string): string[] {
  const out: string[] = [];
  for (let t = Date.parse(`${start}T00:00:00Z`); t <= Date.parse(`${end}T00:00:00Z`); t += DAY_MS) {
    out.push(new Date(t).toISOString().slice(0, 10));
  }
  return out;
}
