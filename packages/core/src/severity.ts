import { z } from "zod";

/** Severity scale shared by every engine, finding and UI badge, most severe first. */
export const SEVERITIES = ["critical", "high", "medium", "low", "info"] as const;
export const severitySchema = z.enum(SEVERITIES);
export type Severity = z.infer<typeof severitySchema>;

const rank: Record<Severity, number> = { critical: 4, high: 3, medium: 2, low: 1, info: 0 };

/** Numeric rank: critical 4 … info 0. */
export function severityRank(s: Severity): number {
  return rank[s];
}

/** True when `s` is at least as severe as `threshold`. */
export function atLeast(s: Severity, threshold: Severity): boolean {
  return rank[s] >= rank[threshold];
}

/** Sort comparator: most severe first. */
export function bySeverityDesc(a: Severity, b: Severity): number {
  return rank[b] - rank[a];
}
