import type { Exposure, Severity } from "@infrasec/core";

/** Inputs of priority. `null` means "not known / not enriched yet", which is not the same as 0. */
export interface PriorityInput {
  severity: Severity;
  /** CVSS base score (v3 preferred) when known. */
  cvssScore?: number | null;
  /** EPSS probability 0–1 (max over the alias group) and its percentile. */
  epss?: { score: number; percentile?: number | null } | null;
  /** true: in CISA KEV; false: checked, not listed; null/undefined: not enriched. */
  kev?: boolean | null;
  exposure?: Exposure | null;
  /** Asset criticality 1 (most critical) to 4. */
  criticality?: number | null;
}

/** Weights of the model, as data so a team can tune and document its own. */
export interface PriorityModel {
  id: string;
  /** Points for technical severity: CVSS × this (10 → max). */
  cvssWeight: number;
  /** Score assumed per severity when there is no CVSS score. */
  severityScore: Readonly<Record<Severity, number>>;
  /** Points when in KEV; EPSS earns up to `epssMax` points linearly otherwise. */
  kevPoints: number;
  epssMax: number;
  exposurePoints: Readonly<Record<Exposure, number>>;
  /** Points by criticality 1..4. */
  criticalityPoints: readonly [number, number, number, number];
  /** Lower bounds of the bands P1, P2, P3 (below P3 = P4). */
  bands: readonly [number, number, number];
}

/** Default model: 50 severity + 25 exploitation + 10 exposure + 15 criticality = 100. */
export const DEFAULT_PRIORITY_MODEL: PriorityModel = {
  id: "infrasec-priority@1",
  cvssWeight: 5,
  severityScore: { critical: 9.5, high: 8, medium: 5.5, low: 2.5, info: 0 },
  kevPoints: 25,
  epssMax: 25,
  exposurePoints: { internet_facing: 10, internal: 4, isolated: 0 },
  criticalityPoints: [15, 10, 5, 0],
  bands: [75, 55, 35],
};

/** One contribution to the score, shown to people as-is. */
export interface PriorityFactor {
  factor: "severity" | "exploitation" | "exposure" | "criticality";
  input: string;
  points: number;
  max: number;
  note?: string;
}

/** A priority with the arithmetic that produced it. */
export interface Priority {
  model: string;
  score: number;
  band: "P1" | "P2" | "P3" | "P4";
  factors: PriorityFactor[];
  explanation: string;
}

/**
 * Additive, explainable priority: severity (CVSS or the severity's typical score), exploitation
 * (KEV, else EPSS), internet exposure and asset criticality. Unknown inputs earn no points and
 * say so, so a not-yet-enriched finding is visibly "at least" its score.
 */
export function computePriority(
  input: PriorityInput,
  model: PriorityModel = DEFAULT_PRIORITY_MODEL,
): Priority {
  const factors: PriorityFactor[] = [];
  const cvss = input.cvssScore ?? null;
  const base = cvss ?? model.severityScore[input.severity];
  factors.push({
    factor: "severity",
    input: cvss !== null ? `CVSS ${cvss}` : `${input.severity} (no CVSS score)`,
    points: round(base * model.cvssWeight),
    max: 10 * model.cvssWeight,
  });
  if (input.kev === true) {
    factors.push({
      factor: "exploitation",
      input: "in CISA KEV",
      points: model.kevPoints,
      max: Math.max(model.kevPoints, model.epssMax),
    });
  } else if (input.epss) {
    const pct =
      input.epss.percentile != null ? `, percentile ${round(input.epss.percentile * 100)}` : "";
    factors.push({
      factor: "exploitation",
      input: `EPSS ${input.epss.score}${pct}`,
      points: round(Math.min(1, Math.max(0, input.epss.score)) * model.epssMax),
      max: Math.max(model.kevPoints, model.epssMax),
      ...(input.kev == null ? { note: "KEV not checked yet" } : {}),
    });
  } else {
    factors.push({
      factor: "exploitation",
      input: input.kev === false ? "not in KEV, no EPSS" : "not enriched",
      points: 0,
      max: Math.max(model.kevPoints, model.epssMax),
      note: "exploitation data missing: the score may rise after enrichment",
    });
  }
  const exp = input.exposure ?? null;
  factors.push({
    factor: "exposure",
    input: exp ?? "unknown",
    points: exp ? model.exposurePoints[exp] : 0,
    max: Math.max(...Object.values(model.exposurePoints)),
  });
  const crit = input.criticality ?? null;
  factors.push({
    factor: "criticality",
    input: crit !== null ? `criticality ${crit}` : "unknown",
    points: crit !== null ? (model.criticalityPoints[Math.min(4, Math.max(1, crit)) - 1] ?? 0) : 0,
    max: model.criticalityPoints[0],
  });
  const score = Math.min(100, round(factors.reduce((s, f) => s + f.points, 0)));
  const [p1, p2, p3] = model.bands;
  const band = score >= p1 ? "P1" : score >= p2 ? "P2" : score >= p3 ? "P3" : "P4";
  const explanation = `${band} (${score}/100) = ${factors.map((f) => `${f.factor} ${f.points} [${f.input}]`).join(" + ")}`;
  return { model: model.id, score, band, factors, explanation };
}

function round(n: number): number {
  return Math.round(n * 10) / 10;
}
