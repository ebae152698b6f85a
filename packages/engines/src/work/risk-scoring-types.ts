/**
 * Published numbers of the Security Review Framework (docs/work/workflow-domain.md §Scoring):
 * the five InfraSec risk dimensions with their rubric anchors, the bands, the review-priority
 * matrix and the outputs per band. They are data so other teams (AppSec, SPA) can plug in their
 * own, and so the tests can compare them cell by cell with the published tables.
 */

/** Risk bands, most severe first. The AppSec (SD&D) score uses the same bands. */
export const RISK_BANDS = ["Critical", "High", "Medium", "Low"] as const;
export type RiskBand = (typeof RISK_BANDS)[number];

/** Roadmap priority of the feature being reviewed. */
export const ROADMAP_PRIORITIES = ["P1", "P2", "P3"] as const;
export type RoadmapPriority = (typeof ROADMAP_PRIORITIES)[number];

/** `Review-Priority:1..4`, or self-service guidelines. */
export type ReviewPriority = 1 | 2 | 3 | 4 | "self-service";

/** The five InfraSec risk dimensions. */
export const RISK_DIMENSION_KEYS = [
  "infrastructureScope",
  "environmentCriticality",
  "configurationComplexity",
  "automationLevel",
  "launchTierImpact",
] as const;
export type RiskDimensionKey = (typeof RISK_DIMENSION_KEYS)[number];

/** A published anchor of a rubric: what a value means. Values without an anchor are unlabelled. */
export interface RubricAnchor {
  value: number;
  meaning: string;
}

/** A counterpart review a dimension's value flags. */
export interface DimensionFlag {
  atLeast: number;
  team: string;
  note: string;
}

/** One risk dimension with its range and published rubric. */
export interface RiskDimension {
  key: RiskDimensionKey;
  label: string;
  min: number;
  max: number;
  help: string;
  anchors: readonly RubricAnchor[];
  flags: readonly DimensionFlag[];
}

/** The dimensions, range and anchors exactly as published; nothing unpublished is invented. */
export const RISK_DIMENSIONS: readonly RiskDimension[] = [
  {
    key: "infrastructureScope",
    label: "Infrastructure Scope",
    min: 1,
    max: 5,
    help: "How much infrastructure the change adds or touches.",
    anchors: [],
    flags: [
      { atLeast: 4, team: "SPA", note: "Security Platforms & Architecture review (best effort)" },
    ],
  },
  {
    key: "environmentCriticality",
    label: "Environment Criticality",
    min: 1,
    max: 5,
    help: "The most critical environment the change reaches.",
    anchors: [
      { value: 5, meaning: "Production with customer data" },
      { value: 1, meaning: "Development only" },
    ],
    flags: [{ atLeast: 4, team: "Data Security", note: "Data Security review" }],
  },
  {
    key: "configurationComplexity",
    label: "Configuration Complexity",
    min: 1,
    max: 4,
    help: "How complex the configuration of the new or changed infrastructure is.",
    anchors: [],
    flags: [],
  },
  {
    key: "automationLevel",
    label: "Automation Level",
    min: 1,
    max: 3,
    help: "How the infrastructure is provisioned and changed; manual work scores highest.",
    anchors: [{ value: 3, meaning: "Manual" }],
    flags: [],
  },
  {
    key: "launchTierImpact",
    label: "Launch Tier Impact",
    min: 0,
    max: 3,
    help: "The launch tier of the feature; Tier 0 scores highest.",
    anchors: [{ value: 3, meaning: "Tier 0" }],
    flags: [],
  },
];

/** Band thresholds: a score belongs to the first band whose `min` it reaches. */
export const RISK_BAND_THRESHOLDS: readonly { band: RiskBand; min: number }[] = [
  { band: "Critical", min: 15 },
  { band: "High", min: 12 },
  { band: "Medium", min: 8 },
  { band: "Low", min: Number.NEGATIVE_INFINITY },
];

/** Review priority = roadmap priority × risk band, the published matrix. */
export const REVIEW_PRIORITY_MATRIX: Readonly<
  Record<RoadmapPriority, Readonly<Record<RiskBand, ReviewPriority>>>
> = {
  P1: { Critical: 1, High: 2, Medium: 3, Low: "self-service" },
  P2: { Critical: 2, High: 3, Medium: 4, Low: "self-service" },
  P3: { Critical: 3, High: 4, Medium: 4, Low: "self-service" },
};

/** What each band produces, as published. `timeline` is null where it is not published (TBD). */
export interface BandOutput {
  creates: string;
  reviewContent: string;
  timeline: { minBusinessDays: number; maxBusinessDays: number } | null;
  timelineText: string;
  selfService: boolean;
}

/** The published outputs by band. */
export const BAND_OUTPUTS: Readonly<Record<RiskBand, BandOutput>> = {
  Critical: {
    creates: "A Security Review request issue in the ProdSec ingestion queue",
    reviewContent:
      "Joint architecture + infra review; cloud configuration audit; network, container and IaC analysis; several engineers; post-implementation validation",
    timeline: null,
    timelineText: "TBD (not published)",
    selfService: false,
  },
  High: {
    creates: "A Security Review request issue in the ProdSec ingestion queue",
    reviewContent:
      "Joint architecture review; key configuration validation; security-group analysis",
    timeline: null,
    timelineText: "TBD (not published)",
    selfService: false,
  },
  Medium: {
    creates: "An issue with self-service guidelines",
    reviewContent: "Infra security checklist + validation of key configuration",
    timeline: { minBusinessDays: 3, maxBusinessDays: 5 },
    timelineText: "3–5 business days",
    selfService: true,
  },
  Low: {
    creates: "An issue with self-service guidelines",
    reviewContent: "Self-assessment + automated IaC scanning (GitLab IaC scanning or Checkov)",
    timeline: null,
    timelineText: "–",
    selfService: true,
  },
};

/** The seven InfraSec trigger questions (yes/no); any "yes" engages the team. */
export const TRIGGER_QUESTIONS: readonly { key: string; text: string }[] = [
  { key: "newCloudComponents", text: "Does it add new cloud infrastructure components?" },
  {
    key: "containerOrchestrationChanges",
    text: "Does it change containerization or orchestration configuration?",
  },
  {
    key: "networkChanges",
    text: "Does it change the network architecture or security groups?",
  },
  { key: "iacChanges", text: "Does it change Infrastructure as Code (IaC)?" },
  { key: "deploymentProcessChanges", text: "Does it change the production deployment process?" },
  { key: "newDataStores", text: "Does it add new data stores (bucket, database, cache)?" },
  { key: "secretsHandlingChanges", text: "Does it change how secrets or credentials are handled?" },
];
