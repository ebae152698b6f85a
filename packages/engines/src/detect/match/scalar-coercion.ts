import type { FieldValue } from "../detect-types";

/** Numeric value of a rule or event scalar; numeric strings coerce (osquery `numerics: false`). */
export function toNumber(v: FieldValue | undefined): number | undefined {
  if (typeof v === "number") return Number.isFinite(v) ? v : undefined;
  if (typeof v === "string" && v.trim() !== "") {
    const n = Number(v);
    return Number.isFinite(n) ? n : undefined;
  }
  return undefined;
}

/** ISO-8601 week number (1–53) of a UTC date. */
function isoWeek(d: Date): number {
  const t = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()));
  const day = t.getUTCDay() || 7;
  t.setUTCDate(t.getUTCDate() + 4 - day);
  const yearStart = Date.UTC(t.getUTCFullYear(), 0, 1);
  return Math.ceil(((t.getTime() - yearStart) / 86_400_000 + 1) / 7);
}

/**
 * Extracts a date part in UTC (the spec does no timezone conversion). Numbers are epoch
 * seconds below 1e11 and epoch milliseconds above; strings go through Date.parse.
 */
export function timePartOf(
  v: FieldValue,
  part: "minute" | "hour" | "day" | "week" | "month" | "year",
): number | undefined {
  let ms: number | undefined;
  if (typeof v === "number") ms = Math.abs(v) < 1e11 ? v * 1000 : v;
  else if (typeof v === "string") {
    const n = toNumber(v);
    ms = n !== undefined ? (Math.abs(n) < 1e11 ? n * 1000 : n) : Date.parse(v);
  }
  if (ms === undefined || !Number.isFinite(ms)) return undefined;
  const d = new Date(ms);
  switch (part) {
    case "minute":
      return d.getUTCMinutes();
    case "hour":
      return d.getUTCHours();
    case "day":
      return d.getUTCDate();
    case "week":
      return isoWeek(d);
    case "month":
      return d.getUTCMonth() + 1;
    case "year":
      return d.getUTCFullYear();
  }
}
