import type {
  BandOutput,
  RiskBand,
  RiskDimension,
  RiskDimensionKey,
  RoadmapPriority,
  ReviewPriority,
} from "./risk-scoring-types";
import {
  BAND_OUTPUTS,
  REVIEW_PRIORITY_MATRIX,
  RISK_BAND_THRESHOLDS,
  RISK_DIMENSIONS,
  TRIGGER_QUESTIONS,
} from "./risk-scoring-types";

/** Answers to the risk questionnaire; missing answers are allowed while the form is filled in. */
export type RiskAnswers = Partial<Record<RiskDimensionKey, number | null>>;

/** A problem with one answer, naming the dimension. */
export interface RiskAnswerError {
  field: RiskDimensionKey;
  message: string;
}

/** The outcome of scoring: complete (with a band) or still waiting for answers. */
export type RiskScore =
  | {
      complete: true;
      score: number;
      band: RiskBand;
      flags: { team: string; note: string; because: string }[];
      explanation: string[];
    }
  | {
      complete: false;
      partialSum: number;
      missing: RiskDimensionKey[];
      errors: RiskAnswerError[];
      explanation: string[];
    };

/**
 * Picks the risk answers out of template values. A non-numeric answer becomes NaN so that
 * scoring reports it ("must be a whole number") instead of treating it as unanswered.
 */
export function riskAnswersFrom(values: Readonly<Record<string, unknown>>): RiskAnswers {
  const out: RiskAnswers = {};
  for (const d of RISK_DIMENSIONS) {
    const v = values[d.key];
    if (v === undefined || v === null) continue;
    out[d.key] = typeof v === "number" ? v : Number.NaN;
  }
  return out;
}

/** The band of a total risk score: ≥ 15 Critical, 12–14 High, 8–11 Medium, < 8 Low. */
export function riskBand(score: number): RiskBand {
  for (const t of RISK_BAND_THRESHOLDS) if (score >= t.min) return t.band;
  // Unreachable: the last threshold is -Infinity. Kept so the return type stays exact.
  return "Low";
}

function bandRangeText(band: RiskBand): string {
  const i = RISK_BAND_THRESHOLDS.findIndex((t) => t.band === band);
  const t = RISK_BAND_THRESHOLDS[i];
  const above = RISK_BAND_THRESHOLDS[i - 1];
  if (!t) return band;
  if (!above) return `≥ ${t.min}`;
  if (!Number.isFinite(t.min)) return `< ${above.min}`;
  return `${t.min}–${above.min - 1}`;
}

function checkAnswer(d: RiskDimension, v: number): string | null {
  if (!Number.isInteger(v)) return `${d.label} must be a whole number`;
  if (v < d.min || v > d.max) return `${d.label} must be between ${d.min} and ${d.max}`;
  return null;
}

/**
 * Scores the five InfraSec risk dimensions: score = their sum (range 4–20), then the band.
 * Works on partial answers so the request form can show progress live; `explanation` lists each
 * step in words the UI can show as is.
 */
export function scoreRisk(
  answers: RiskAnswers,
  dimensions: readonly RiskDimension[] = RISK_DIMENSIONS,
): RiskScore {
  const missing: RiskDimensionKey[] = [];
  const errors: RiskAnswerError[] = [];
  const parts: string[] = [];
  const flags: { team: string; note: string; because: string }[] = [];
  let sum = 0;
  for (const d of dimensions) {
    const v = answers[d.key];
    if (v === undefined || v === null) {
      missing.push(d.key);
      continue;
    }
    const problem = checkAnswer(d, v);
    if (problem) {
      errors.push({ field: d.key, message: problem });
      continue;
    }
    sum += v;
    parts.push(`${d.label} ${v}`);
    for (const f of d.flags) {
      if (v >= f.atLeast) {
        flags.push({
          team: f.team,
          note: f.note,
          because: `${d.label} is ${v} (≥ ${f.atLeast})`,
        });
      }
    }
  }
  if (missing.length > 0 || errors.length > 0) {
    const labels = missing.map((k) => dimensions.find((d) => d.key === k)?.label ?? k);
    const explanation = [
      parts.length > 0 ? `So far: ${parts.join(" + ")} = ${sum}` : "No dimension answered yet",
    ];
    if (labels.length > 0) explanation.push(`Waiting for: ${labels.join(", ")}`);
    for (const e of errors) explanation.push(e.message);
    return { complete: false, partialSum: sum, missing, errors, explanation };
  }
  const band = riskBand(sum);
  const explanation = [
    `Risk score = ${parts.join(" + ")} = ${sum}`,
    `${sum} is in the ${band} band (${bandRangeText(band)})`,
    ...flags.map((f) => `${f.because}: flags a ${f.note}`),
  ];
  return { complete: true, score: sum, band, flags, explanation };
}

/** Review priority from the published matrix (roadmap priority × band). */
export function reviewPriority(roadmap: RoadmapPriority, band: RiskBand): ReviewPriority {
  return REVIEW_PRIORITY_MATRIX[roadmap][band];
}

/**
 * The label for a review priority: `Review-Priority:N` (single colon, so deliberately not a
 * scoped label) or `Self-Service`.
 */
export function reviewPriorityLabel(p: ReviewPriority): string {
  return p === "self-service" ? "Self-Service" : `Review-Priority:${p}`;
}

/** Inputs of a full assessment; every part may be partial while the form is being filled in. */
export interface ReviewAssessmentInput {
  triggers: Partial<Record<string, boolean | null>>;
  risk: RiskAnswers;
  roadmapPriority?: RoadmapPriority | null;
}

/** The full assessment of a security review request, with an explanation line per step. */
export interface ReviewAssessment {
  /** True when any trigger is "yes"; null while trigger answers are missing and none is "yes". */
  engaged: boolean | null;
  yesTriggers: string[];
  missingTriggers: string[];
  risk: RiskScore;
  priority: ReviewPriority | null;
  priorityLabel: string | null;
  output: BandOutput | null;
  explanation: string[];
}

/**
 * Triggers → risk score → band → review priority → outputs, the way the Security Review
 * Framework routes a request. A "yes" to any trigger engages InfraSec even before the others are
 * answered; all "no" means InfraSec is not engaged and no priority is computed.
 */
export function assessSecurityReview(input: ReviewAssessmentInput): ReviewAssessment {
  const yesTriggers = TRIGGER_QUESTIONS.filter((q) => input.triggers[q.key] === true).map(
    (q) => q.key,
  );
  const missingTriggers = TRIGGER_QUESTIONS.filter(
    (q) => typeof input.triggers[q.key] !== "boolean",
  ).map((q) => q.key);
  const engaged = yesTriggers.length > 0 ? true : missingTriggers.length > 0 ? null : false;
  const risk = scoreRisk(input.risk);
  const explanation: string[] = [];
  if (engaged === true) {
    explanation.push(`InfraSec is engaged: ${yesTriggers.length} trigger question(s) answered yes`);
  } else if (engaged === false) {
    explanation.push("InfraSec is not engaged: every trigger question was answered no");
  } else {
    explanation.push(`Waiting for ${missingTriggers.length} trigger answer(s)`);
  }
  let priority: ReviewPriority | null = null;
  let output: BandOutput | null = null;
  if (engaged !== false) {
    explanation.push(...risk.explanation);
    if (risk.complete) {
      output = BAND_OUTPUTS[risk.band];
      if (input.roadmapPriority) {
        priority = reviewPriority(input.roadmapPriority, risk.band);
        explanation.push(
          `Roadmap ${input.roadmapPriority} × ${risk.band} → ${reviewPriorityLabel(priority)}`,
        );
      } else {
        explanation.push("Waiting for the roadmap priority (P1–P3)");
      }
      explanation.push(
        `${risk.band}: ${output.creates}; review: ${output.reviewContent}; timeline: ${output.timelineText}`,
      );
    }
  }
  return {
    engaged,
    yesTriggers,
    missingTriggers,
    risk,
    priority,
    priorityLabel: priority === null ? null : reviewPriorityLabel(priority),
    output,
    explanation,
  };
}

/**
 * Adds business days (Monday to Friday, UTC) to a date; used for the published 3–5 business-day
 * timeline of Medium reviews. Public holidays are not known here and are not skipped.
 */
export function addBusinessDays(from: Date, days: number): Date {
  const d = new Date(Date.UTC(from.getUTCFullYear(), from.getUTCMonth(), from.getUTCDate()));
  let left = days;
  while (left > 0) {
    d.setUTCDate(d.getUTCDate() + 1);
    const wd = d.getUTCDay();
    if (wd !== 0 && wd !== 6) left--;
  }
  return d;
}

/**
 * The review due window of a band counted from submission, or null when the band has no
 * published timeline (Critical and High are "TBD", Low is self-assessment).
 */
export function reviewDueWindow(
  band: RiskBand,
  submittedAt: Date,
): { earliest: string; latest: string } | null {
  const t = BAND_OUTPUTS[band].timeline;
  if (!t) return null;
  const iso = (d: Date): string => d.toISOString().slice(0, 10);
  return {
    earliest: iso(addBusinessDays(submittedAt, t.minBusinessDays)),
    latest: iso(addBusinessDays(submittedAt, t.maxBusinessDays)),
  };
}

/**
 * `assessSecurityReview` over the values of the security review template, as the request form
 * holds them while it is filled in (the UI shows the result live).
 */
export function assessSecurityReviewValues(
  values: Readonly<Record<string, unknown>>,
): ReviewAssessment {
  const triggers: Record<string, boolean | null> = {};
  for (const q of TRIGGER_QUESTIONS) {
    const v = values[q.key];
    triggers[q.key] = typeof v === "boolean" ? v : null;
  }
  const p = values.roadmapPriority;
  const roadmapPriority = p === "P1" || p === "P2" || p === "P3" ? p : null;
  return assessSecurityReview({ triggers, risk: riskAnswersFrom(values), roadmapPriority });
}
