/**
 * OKR scoring. Published bands: on target 85–100 %, off target 70–84 %, at risk 0–69 %. Scores
 * are whole percents, rounded down, so the number shown always matches its band (84.9 % shows
 * as 84, off target, never as an "85" that is off target).
 */

/** The OKR score bands. */
export const OKR_BANDS = ["on_target", "off_target", "at_risk"] as const;
export type OkrBand = (typeof OKR_BANDS)[number];

/** Band thresholds, highest first: a score belongs to the first band whose `min` it reaches. */
export const OKR_BAND_THRESHOLDS: readonly { band: OkrBand; min: number; label: string }[] = [
  { band: "on_target", min: 85, label: "On target (85–100%)" },
  { band: "off_target", min: 70, label: "Off target (70–84%)" },
  { band: "at_risk", min: 0, label: "At risk (0–69%)" },
];

/** The band of a whole-percent score (0–100). */
export function okrBand(score: number): OkrBand {
  for (const t of OKR_BAND_THRESHOLDS) if (score >= t.min) return t.band;
  return "at_risk";
}

/** A key result: a measurable target with one DRI. */
export interface KeyResult {
  id: string;
  title: string;
  /** Exactly one directly responsible individual. */
  dri: string;
  /** Where the measure started; 0 when omitted. */
  baseline?: number;
  target: number;
  current: number;
}

/** A scored key result, with how the score was computed. */
export interface KeyResultScore {
  id: string;
  score: number;
  band: OkrBand;
  explanation: string;
}

/**
 * Scores a key result as progress from baseline to target, in whole percents clamped to 0–100.
 * Works for "decrease" targets too (baseline 40 incidents, target 10): progress is measured in
 * the direction of the target. A target equal to its baseline is met when current reaches it.
 */
export function scoreKeyResult(kr: KeyResult): KeyResultScore {
  const baseline = kr.baseline ?? 0;
  const span = kr.target - baseline;
  let raw: number;
  if (span === 0)
    raw = (kr.target >= baseline ? kr.current >= kr.target : kr.current <= kr.target) ? 100 : 0;
  else raw = ((kr.current - baseline) / span) * 100;
  const score = Math.max(0, Math.min(100, Math.floor(raw + 1e-9)));
  const band = okrBand(score);
  const label = OKR_BAND_THRESHOLDS.find((t) => t.band === band)?.label ?? band;
  const explanation =
    span === 0
      ? `target ${kr.target} equals the baseline; current ${kr.current} → ${score}% – ${label}`
      : `(${kr.current} − ${baseline}) / (${kr.target} − ${baseline}) = ${score}% – ${label}`;
  return { id: kr.id, score, band, explanation };
}

/**
 * An objective's score: the mean of its key results' scores, rounded down. An objective without
 * key results has no score (null), not a zero that would read as "at risk".
 */
export function scoreObjective(krs: readonly KeyResult[]): {
  score: number | null;
  band: OkrBand | null;
  keyResults: KeyResultScore[];
} {
  const keyResults = krs.map(scoreKeyResult);
  if (keyResults.length === 0) return { score: null, band: null, keyResults };
  const score = Math.floor(keyResults.reduce((s, k) => s + k.score, 0) / keyResults.length);
  return { score, band: okrBand(score), keyResults };
}

/** Checks the published OKR rules: exactly one DRI per key result, dates inside the quarter. */
export function checkKeyResult(
  kr: KeyResult & { startDate?: string; dueDate?: string },
  quarter?: { start: string; end: string },
): string[] {
  const problems: string[] = [];
  if (!kr.dri.trim()) problems.push("a key result needs exactly one DRI");
  if (!Number.isFinite(kr.target) || !Number.isFinite(kr.current)) {
    problems.push("target and current value must be numbers");
  }
  if (quarter) {
    if (kr.startDate && kr.startDate !== quarter.start) {
      problems.push(`the start date should be the first day of the quarter (${quarter.start})`);
    }
    if (kr.dueDate && kr.dueDate !== quarter.end) {
      problems.push(`the due date should be the last day of the quarter (${quarter.end})`);
    }
  }
  return problems;
}

/** The first and last day of the calendar quarter containing a date (UTC, YYYY-MM-DD). */
export function quarterOf(d: Date): { name: string; start: string; end: string } {
  const y = d.getUTCFullYear();
  const q = Math.floor(d.getUTCMonth() / 3);
  const start = new Date(Date.UTC(y, q * 3, 1)).toISOString().slice(0, 10);
  const end = new Date(Date.UTC(y, q * 3 + 3, 0)).toISOString().slice(0, 10);
  return { name: `${y}-Q${q + 1}`, start, end };
}
