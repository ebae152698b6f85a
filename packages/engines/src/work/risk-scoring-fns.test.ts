import { describe, expect, it } from "vitest";
import {
  addBusinessDays,
  assessSecurityReview,
  assessSecurityReviewValues,
  reviewDueWindow,
  reviewPriority,
  reviewPriorityLabel,
  riskAnswersFrom,
  riskBand,
  scoreRisk,
} from "./risk-scoring-fns";
import type { RiskAnswers } from "./risk-scoring-fns";
import type { RiskBand, RoadmapPriority } from "./risk-scoring-types";
import {
  BAND_OUTPUTS,
  RISK_DIMENSIONS,
  REVIEW_PRIORITY_MATRIX,
  TRIGGER_QUESTIONS,
} from "./risk-scoring-types";

// The published review-priority matrix, transcribed row by row from the domain brief §2.
const PUBLISHED_MATRIX: [RoadmapPriority, string, string, string, string][] = [
  ["P1", "Review-Priority:1", "Review-Priority:2", "Review-Priority:3", "Self-Service"],
  ["P2", "Review-Priority:2", "Review-Priority:3", "Review-Priority:4", "Self-Service"],
  ["P3", "Review-Priority:3", "Review-Priority:4", "Review-Priority:4", "Self-Service"],
];
const BAND_COLUMNS: RiskBand[] = ["Critical", "High", "Medium", "Low"];

describe("review priority matrix", () => {
  const cells = PUBLISHED_MATRIX.flatMap(([p, ...labels]) =>
    labels.map((label, i) => ({ p, band: BAND_COLUMNS[i]!, label })),
  );
  it("has exactly 12 cells", () => expect(cells).toHaveLength(12));
  it.each(cells)("$p × $band → $label", ({ p, band, label }) => {
    expect(reviewPriorityLabel(reviewPriority(p, band))).toBe(label);
  });
  it("holds no other rows or columns", () => {
    expect(Object.keys(REVIEW_PRIORITY_MATRIX)).toEqual(["P1", "P2", "P3"]);
    for (const row of Object.values(REVIEW_PRIORITY_MATRIX)) {
      expect(Object.keys(row)).toEqual(BAND_COLUMNS);
    }
  });
});

describe("risk bands", () => {
  // Every reachable score (4–20) and the boundaries on both sides of each threshold.
  const expected: [number, RiskBand][] = [
    [4, "Low"],
    [5, "Low"],
    [6, "Low"],
    [7, "Low"],
    [8, "Medium"],
    [9, "Medium"],
    [10, "Medium"],
    [11, "Medium"],
    [12, "High"],
    [13, "High"],
    [14, "High"],
    [15, "Critical"],
    [16, "Critical"],
    [17, "Critical"],
    [18, "Critical"],
    [19, "Critical"],
    [20, "Critical"],
  ];
  it.each(expected)("score %i → %s", (score, band) => expect(riskBand(score)).toBe(band));
  it("bands scores outside the reachable range sensibly", () => {
    expect(riskBand(0)).toBe("Low");
    expect(riskBand(25)).toBe("Critical");
  });
});

describe("risk dimensions", () => {
  it("match the published ranges, giving a total range of 4–20", () => {
    expect(RISK_DIMENSIONS.map((d) => [d.label, d.min, d.max])).toEqual([
      ["Infrastructure Scope", 1, 5],
      ["Environment Criticality", 1, 5],
      ["Configuration Complexity", 1, 4],
      ["Automation Level", 1, 3],
      ["Launch Tier Impact", 0, 3],
    ]);
    expect(RISK_DIMENSIONS.reduce((s, d) => s + d.min, 0)).toBe(4);
    expect(RISK_DIMENSIONS.reduce((s, d) => s + d.max, 0)).toBe(20);
  });
  it("carry the published anchors", () => {
    const anchors = Object.fromEntries(RISK_DIMENSIONS.map((d) => [d.key, d.anchors]));
    expect(anchors.environmentCriticality).toEqual([
      { value: 5, meaning: "Production with customer data" },
      { value: 1, meaning: "Development only" },
    ]);
    expect(anchors.automationLevel).toEqual([{ value: 3, meaning: "Manual" }]);
    expect(anchors.launchTierImpact).toEqual([{ value: 3, meaning: "Tier 0" }]);
  });
  it("has seven trigger questions", () => expect(TRIGGER_QUESTIONS).toHaveLength(7));
});

const all = (v: [number, number, number, number, number]): RiskAnswers => ({
  infrastructureScope: v[0],
  environmentCriticality: v[1],
  configurationComplexity: v[2],
  automationLevel: v[3],
  launchTierImpact: v[4],
});

describe("scoreRisk", () => {
  it("reads answers from template values, reporting non-numbers", () => {
    const a = riskAnswersFrom({ infrastructureScope: 3, automationLevel: "3", other: 1 });
    expect(a).toEqual({ infrastructureScope: 3, automationLevel: Number.NaN });
    const r = scoreRisk({ ...all([1, 1, 1, 1, 0]), ...a });
    expect(r.complete ? [] : r.errors.map((e) => e.field)).toEqual(["automationLevel"]);
  });

  it.each([
    [[1, 1, 1, 1, 0], 4, "Low"],
    [[2, 2, 2, 1, 0], 7, "Low"],
    [[2, 2, 2, 1, 1], 8, "Medium"],
    [[3, 3, 2, 2, 1], 11, "Medium"],
    [[3, 3, 3, 2, 1], 12, "High"],
    [[3, 3, 3, 3, 2], 14, "High"],
    [[3, 4, 3, 3, 2], 15, "Critical"],
    [[5, 5, 4, 3, 3], 20, "Critical"],
  ] as const)("%j sums to %i (%s)", (v, score, band) => {
    const r = scoreRisk(all([...v]));
    expect(r).toMatchObject({ complete: true, score, band });
  });

  it("explains the sum and the band", () => {
    const r = scoreRisk(all([3, 4, 3, 3, 2]));
    expect(r.explanation[0]).toBe(
      "Risk score = Infrastructure Scope 3 + Environment Criticality 4 + Configuration Complexity 3 + Automation Level 3 + Launch Tier Impact 2 = 15",
    );
    expect(r.explanation[1]).toBe("15 is in the Critical band (≥ 15)");
    expect(scoreRisk(all([3, 3, 3, 2, 1])).explanation[1]).toBe("12 is in the High band (12–14)");
    expect(scoreRisk(all([1, 1, 1, 1, 0])).explanation[1]).toBe("4 is in the Low band (< 8)");
    expect(scoreRisk(all([2, 2, 2, 1, 1])).explanation[1]).toBe("8 is in the Medium band (8–11)");
  });

  it("flags SPA at Infrastructure Scope ≥ 4 and Data Security at Environment Criticality ≥ 4", () => {
    expect(scoreRisk(all([3, 3, 1, 1, 0]))).toMatchObject({ flags: [] });
    const r = scoreRisk(all([4, 4, 1, 1, 0]));
    if (!r.complete) throw new Error("expected complete");
    expect(r.flags.map((f) => f.team)).toEqual(["SPA", "Data Security"]);
    expect(r.flags[0]?.because).toBe("Infrastructure Scope is 4 (≥ 4)");
  });

  it("reports progress on partial answers", () => {
    const r = scoreRisk({ infrastructureScope: 3, automationLevel: 2 });
    expect(r).toMatchObject({
      complete: false,
      partialSum: 5,
      missing: ["environmentCriticality", "configurationComplexity", "launchTierImpact"],
    });
    expect(r.explanation).toContain(
      "Waiting for: Environment Criticality, Configuration Complexity, Launch Tier Impact",
    );
  });

  it("names the dimension of an out-of-range or fractional answer", () => {
    const r = scoreRisk(all([6, 1, 1, 1, -1]));
    expect(r.complete).toBe(false);
    if (r.complete) return;
    expect(r.errors).toEqual([
      { field: "infrastructureScope", message: "Infrastructure Scope must be between 1 and 5" },
      { field: "launchTierImpact", message: "Launch Tier Impact must be between 0 and 3" },
    ]);
    const f = scoreRisk(all([1.5, 1, 1, 1, 0]));
    expect(f.complete ? [] : f.errors[0]?.message).toBe(
      "Infrastructure Scope must be a whole number",
    );
  });
});

const yesToIaC = Object.fromEntries(TRIGGER_QUESTIONS.map((q) => [q.key, q.key === "iacChanges"]));
const allNo = Object.fromEntries(TRIGGER_QUESTIONS.map((q) => [q.key, false]));

describe("assessSecurityReview", () => {
  it("computes score → band → priority → outputs with an explanation", () => {
    const a = assessSecurityReview({
      triggers: yesToIaC,
      risk: all([3, 3, 3, 2, 1]),
      roadmapPriority: "P2",
    });
    expect(a).toMatchObject({
      engaged: true,
      yesTriggers: ["iacChanges"],
      priority: 3,
      priorityLabel: "Review-Priority:3",
      output: BAND_OUTPUTS.High,
    });
    expect(a.explanation).toContain("Roadmap P2 × High → Review-Priority:3");
  });

  it("does not engage InfraSec when every trigger is no", () => {
    const a = assessSecurityReview({ triggers: allNo, risk: all([5, 5, 4, 3, 3]) });
    expect(a).toMatchObject({ engaged: false, priority: null, output: null });
  });

  it("is engaged by one yes even while other triggers are unanswered", () => {
    expect(assessSecurityReview({ triggers: { iacChanges: true }, risk: {} }).engaged).toBe(true);
    expect(assessSecurityReview({ triggers: { iacChanges: false }, risk: {} }).engaged).toBe(null);
  });

  it("reads the template's values as the form holds them", () => {
    const a = assessSecurityReviewValues({
      ...yesToIaC,
      ...all([3, 4, 3, 3, 2]),
      roadmapPriority: "P3",
      serviceOrFeature: "x",
    });
    expect(a).toMatchObject({ engaged: true, priorityLabel: "Review-Priority:3" });
    expect(assessSecurityReviewValues({ roadmapPriority: "P9" })).toMatchObject({
      engaged: null,
      priority: null,
    });
  });

  it("waits for the roadmap priority", () => {
    const a = assessSecurityReview({ triggers: yesToIaC, risk: all([1, 1, 1, 1, 0]) });
    expect(a.priority).toBeNull();
    expect(a.explanation).toContain("Waiting for the roadmap priority (P1–P3)");
  });
});

describe("business-day timelines", () => {
  it("skips weekends", () => {
    // 2026-11-27 is a Friday.
    expect(addBusinessDays(new Date("2026-11-27T15:00:00Z"), 1).toISOString()).toBe(
      "2026-11-30T00:00:00.000Z",
    );
    expect(addBusinessDays(new Date("2026-11-23T00:00:00Z"), 5).toISOString().slice(0, 10)).toBe(
      "2026-11-30",
    );
  });
  it("gives Medium its published 3–5 business days and nothing for the other bands", () => {
    expect(reviewDueWindow("Medium", new Date("2026-11-25T10:00:00Z"))).toEqual({
      earliest: "2026-11-30",
      latest: "2026-12-02",
    });
    expect(reviewDueWindow("Critical", new Date())).toBeNull();
    expect(reviewDueWindow("High", new Date())).toBeNull();
    expect(reviewDueWindow("Low", new Date())).toBeNull();
  });
});
