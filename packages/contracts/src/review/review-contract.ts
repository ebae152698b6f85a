import { z } from "zod";
import { FINDING_STATUSES, SEVERITIES, severitySchema } from "@infrasec/core";
import { idParams, limitQuery, offsetQuery, route } from "../route";

/**
 * Change review on the platform (issue 3): CI uploads the engine's native JSON report
 * (`infrasec review --format json`, schemaVersion 1, docs/review/json-report.md) with metadata
 * about the pipeline; the platform stores the run, classifies it against the project's base run
 * when the report carries no change-mode statuses, and serves runs, findings, the rule catalogue
 * and the suppressions seen in the latest runs. docs/review/platform.md describes the flow.
 */

export const REVIEW_STATUSES = FINDING_STATUSES;
export const reviewStatusSchema = z.enum(FINDING_STATUSES);
export type ReviewStatus = z.infer<typeof reviewStatusSchema>;

export const REVIEW_FRAMEWORKS = ["terraform", "plan", "kubernetes", "dockerfile"] as const;
export const reviewFrameworkSchema = z.enum(REVIEW_FRAMEWORKS);

export const REVIEW_PROVIDERS = ["aws", "gcp", "azure", "kubernetes", "docker", "generic"] as const;
export const reviewProviderSchema = z.enum(REVIEW_PROVIDERS);

export const REVIEW_OUTCOMES = ["passed", "failed"] as const;
export const reviewOutcomeSchema = z.enum(REVIEW_OUTCOMES);

/**
 * How the statuses of a run came about: `change` = the CI job ran in change mode (--base or
 * --baseline) and the report's statuses are kept; `classified` = the platform classified the
 * findings against `baseRunId` by fingerprint; `full` = no base run existed, every open finding
 * stays `new`.
 */
export const REVIEW_RUN_MODES = ["change", "classified", "full"] as const;
export const reviewRunModeSchema = z.enum(REVIEW_RUN_MODES);

export const SUPPRESSION_STATES = ["active", "expired", "stale"] as const;
export const suppressionStateSchema = z.enum(SUPPRESSION_STATES);

export const SUPPRESSION_SOURCES = ["infrasec", "checkov", "trivy", "config"] as const;
export const suppressionSourceSchema = z.enum(SUPPRESSION_SOURCES);

const countsBy = <T extends readonly [string, ...string[]]>(keys: T) =>
  z.object(Object.fromEntries(keys.map((k) => [k, z.number()])) as Record<T[number], z.ZodNumber>);

export const statusCountsSchema = countsBy(FINDING_STATUSES);
export const severityCountsSchema = countsBy(SEVERITIES);

// ---------------------------------------------------------------------------------------------
// Upload: the engine's JSON report, validated (unknown fields are ignored, as the JSON format's
// stability rules require of consumers), plus metadata.
// ---------------------------------------------------------------------------------------------

const shortText = (max: number) => z.string().max(max);

export const uploadedFindingSchema = z.object({
  ruleId: z.string().min(1).max(100),
  severity: severitySchema,
  title: shortText(500),
  file: shortText(1000),
  startLine: z.number().int().min(0),
  endLine: z.number().int().min(0),
  resource: shortText(1000),
  status: reviewStatusSchema,
  equivalents: z
    .object({
      checkov: z.array(shortText(100)).max(50),
      trivy: z.array(shortText(100)).max(50),
    })
    .optional(),
  message: shortText(4000).optional(),
  /** Missing in hand-made reports: the platform computes it as the engine does. */
  fingerprint: shortText(200).optional(),
  attributePath: shortText(1000).optional(),
  needs: shortText(500).optional(),
  suppression: z
    .object({
      source: shortText(1000),
      reason: shortText(2000),
      until: shortText(20).optional(),
      owner: shortText(200).optional(),
    })
    .optional(),
});
export type UploadedFinding = z.infer<typeof uploadedFindingSchema>;

/** One suppression as the JSON report lists it (additive field `suppressions`, engine ≥ 0.1.1). */
export const uploadedSuppressionSchema = z.object({
  state: suppressionStateSchema,
  source: suppressionSourceSchema,
  rules: z.array(shortText(100)).min(1).max(50),
  reason: shortText(2000),
  until: shortText(20).optional(),
  owner: shortText(200).optional(),
  file: shortText(1000),
  line: z.number().int().min(0),
  resource: shortText(1000).optional(),
  attribute: shortText(1000).optional(),
  /** Findings it suppressed in this run (0 for stale and expired ones). */
  matched: z.number().int().min(0).optional(),
});
export type UploadedSuppression = z.infer<typeof uploadedSuppressionSchema>;

/** The engine's native JSON report (schemaVersion 1). Bounded: at most 50 000 findings. */
export const uploadedReportSchema = z.object({
  schemaVersion: z.literal(1),
  tool: z.object({ name: shortText(100), version: shortText(50) }).optional(),
  /** `change` when the CI job ran with --base/--baseline (additive field). */
  mode: z.enum(["full", "change"]).optional(),
  findings: z.array(uploadedFindingSchema).max(50_000),
  errors: z
    .array(
      z.object({
        file: shortText(1000),
        line: z.number().int().nullable().optional(),
        message: shortText(4000),
      }),
    )
    .max(10_000),
  summary: z.object({ total: z.number().int().min(0) }).loose(),
  suppressions: z.array(uploadedSuppressionSchema).max(10_000).optional(),
  gate: z.object({ failOn: severitySchema }).loose().optional(),
});
export type UploadedReport = z.infer<typeof uploadedReportSchema>;

/** Where the run comes from; the CLI fills these from GitLab CI variables. */
export const reviewRunMetadataSchema = z.strictObject({
  /** Project path, e.g. `group/repo` (CI_PROJECT_PATH). */
  project: z
    .string()
    .trim()
    .min(1)
    .max(255)
    .regex(/^[\w.\-/]+$/, "letters, digits, . - _ and / only"),
  /** Branch or tag (CI_COMMIT_REF_NAME). */
  ref: z.string().trim().min(1).max(255),
  /** Commit SHA (CI_COMMIT_SHA). */
  commit: z.string().trim().min(1).max(64),
  mergeRequest: z
    .strictObject({
      iid: z.number().int().min(1),
      url: z.url().max(2000).optional(),
    })
    .optional(),
  pipelineUrl: z.url().max(2000).optional(),
  /** Ref to classify against (CI_MERGE_REQUEST_TARGET_BRANCH_NAME); defaults to defaultBranch. */
  baseRef: z.string().trim().min(1).max(255).optional(),
  /** The project's default branch (CI_DEFAULT_BRANCH); remembered per project, `main` if never given. */
  defaultBranch: z.string().trim().min(1).max(255).optional(),
  /** Lowest severity that fails the gate; default: the report's `gate.failOn`, else `info`. */
  failOn: severitySchema.optional(),
});
export type ReviewRunMetadata = z.infer<typeof reviewRunMetadataSchema>;

export const reviewUploadBody = z.strictObject({
  metadata: reviewRunMetadataSchema,
  report: uploadedReportSchema,
});
export type ReviewUploadBody = z.input<typeof reviewUploadBody>;

// ---------------------------------------------------------------------------------------------
// Answers
// ---------------------------------------------------------------------------------------------

export const reviewRunSchema = z.object({
  id: z.string(),
  project: z.string(),
  ref: z.string(),
  commit: z.string(),
  mergeRequest: z.object({ iid: z.number(), url: z.string().nullable() }).nullable(),
  pipelineUrl: z.string().nullable(),
  baseRef: z.string().nullable(),
  defaultBranch: z.string(),
  mode: reviewRunModeSchema,
  /** The stored run the platform classified against (mode `classified`). */
  baseRunId: z.string().nullable(),
  gate: z.object({
    failOn: severitySchema,
    outcome: reviewOutcomeSchema,
    /** Findings that fail the gate: status `new` at or above failOn. */
    failing: z.number(),
  }),
  counts: z.object({
    total: z.number(),
    byStatus: statusCountsSchema,
    bySeverity: severityCountsSchema,
    /** Open = new + existing + unknown. */
    open: z.number(),
    errors: z.number(),
  }),
  tool: z.object({ name: z.string(), version: z.string() }).nullable(),
  uploadedBy: z.string().nullable(),
  createdAt: z.string(),
});
export type ReviewRun = z.infer<typeof reviewRunSchema>;

export const reviewRunDetailSchema = reviewRunSchema.extend({
  /** severity → status → count. */
  matrix: z.object(
    Object.fromEntries(SEVERITIES.map((s) => [s, statusCountsSchema])) as Record<
      (typeof SEVERITIES)[number],
      typeof statusCountsSchema
    >,
  ),
  errors: z.array(z.object({ file: z.string(), line: z.number().nullable(), message: z.string() })),
  suppressions: countsBy(SUPPRESSION_STATES),
});
export type ReviewRunDetail = z.infer<typeof reviewRunDetailSchema>;

export const reviewFindingSchema = z.object({
  id: z.string(),
  runId: z.string(),
  ruleId: z.string(),
  severity: severitySchema,
  title: z.string(),
  message: z.string(),
  file: z.string(),
  startLine: z.number(),
  endLine: z.number(),
  resource: z.string(),
  status: reviewStatusSchema,
  fingerprint: z.string(),
  attributePath: z.string().nullable(),
  needs: z.string().nullable(),
  suppression: z
    .object({
      source: z.string(),
      reason: z.string(),
      until: z.string().nullable(),
      owner: z.string().nullable(),
    })
    .nullable(),
  equivalents: z.object({ checkov: z.array(z.string()), trivy: z.array(z.string()) }),
});
export type ReviewFinding = z.infer<typeof reviewFindingSchema>;

export const reviewProjectSchema = z.object({
  project: z.string(),
  defaultBranch: z.string(),
  runs: z.number(),
  /** Latest run on the default branch (null when only branches/MRs were uploaded). */
  latestRun: reviewRunSchema.nullable(),
  /** Latest run on any ref. */
  lastUploadAt: z.string(),
  /** Up to 10 latest default-branch runs, oldest first. */
  trend: z.array(
    z.object({
      runId: z.string(),
      commit: z.string(),
      createdAt: z.string(),
      open: z.number(),
      new: z.number(),
      fixed: z.number(),
      outcome: reviewOutcomeSchema,
    }),
  ),
});
export type ReviewProject = z.infer<typeof reviewProjectSchema>;

export const reviewRuleSchema = z.object({
  id: z.string(),
  title: z.string(),
  severity: severitySchema,
  framework: reviewFrameworkSchema,
  provider: reviewProviderSchema,
  description: z.string(),
  remediation: z.string(),
  references: z.array(z.string()),
  /** Compliance frameworks (CIS, Pod Security Standards, NSA hardening guide…). */
  tags: z.array(z.string()),
  equivalents: z.object({ checkov: z.array(z.string()), trivy: z.array(z.string()) }),
});
export type ReviewRule = z.infer<typeof reviewRuleSchema>;

export const reviewRuleDetailSchema = reviewRuleSchema.extend({
  /** Markdown documentation of the rule (same text as docs/rules). */
  docs: z.string(),
  /** Open findings of this rule in the latest run of each project (default branch). */
  openFindings: z.number(),
  projects: z.array(z.object({ project: z.string(), runId: z.string(), open: z.number() })),
});
export type ReviewRuleDetail = z.infer<typeof reviewRuleDetailSchema>;

export const reviewSuppressionSchema = z.object({
  id: z.string(),
  project: z.string(),
  runId: z.string(),
  ref: z.string(),
  commit: z.string(),
  source: suppressionSourceSchema,
  rules: z.array(z.string()),
  /** File of the comment or config file; line of the comment or of the config entry. */
  file: z.string(),
  line: z.number(),
  resource: z.string().nullable(),
  attribute: z.string().nullable(),
  reason: z.string(),
  owner: z.string().nullable(),
  until: z.string().nullable(),
  /** State now: an active suppression whose `until` has passed since the run is `expired`. */
  state: suppressionStateSchema,
  /** Days until `until` (negative once past); null without expiry. */
  expiresInDays: z.number().nullable(),
  matched: z.number(),
});
export type ReviewSuppression = z.infer<typeof reviewSuppressionSchema>;

export const reviewRunListQuery = z.strictObject({
  project: z.string().max(255).optional(),
  ref: z.string().max(255).optional(),
  mergeRequest: z.coerce.number().int().min(1).optional(),
  outcome: reviewOutcomeSchema.optional(),
  limit: limitQuery,
  offset: offsetQuery,
});
export type ReviewRunListQuery = z.input<typeof reviewRunListQuery>;

export const reviewFindingListQuery = z.strictObject({
  status: reviewStatusSchema.optional(),
  severity: severitySchema.optional(),
  ruleId: z.string().max(100).optional(),
  /** Substring of the file path. */
  file: z.string().max(1000).optional(),
  limit: limitQuery,
  offset: offsetQuery,
});
export type ReviewFindingListQuery = z.input<typeof reviewFindingListQuery>;

export const reviewRuleListQuery = z.strictObject({
  /** Substring of id, title or description (case-insensitive). */
  q: z.string().max(200).optional(),
  framework: reviewFrameworkSchema.optional(),
  severity: severitySchema.optional(),
  provider: reviewProviderSchema.optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(500),
  offset: offsetQuery,
});
export type ReviewRuleListQuery = z.input<typeof reviewRuleListQuery>;

export const reviewSuppressionListQuery = z.strictObject({
  project: z.string().max(255).optional(),
  state: suppressionStateSchema.optional(),
  ruleId: z.string().max(100).optional(),
  /** Only suppressions whose expiry is within this many days (expired ones included). */
  expiringWithinDays: z.coerce.number().int().min(0).max(3650).optional(),
  limit: limitQuery,
  offset: offsetQuery,
});
export type ReviewSuppressionListQuery = z.input<typeof reviewSuppressionListQuery>;

export const ruleIdParams = z.strictObject({ id: z.string().min(1).max(100) });

export const reviewRoutes = {
  uploadRun: route({
    method: "POST",
    path: "/api/v1/review/runs",
    summary: "Upload one review run: the engine's JSON report plus CI metadata",
    tag: "review",
    access: "review:run",
    body: reviewUploadBody,
    status: 201,
    response: reviewRunDetailSchema,
  }),
  listRuns: route({
    method: "GET",
    path: "/api/v1/review/runs",
    summary: "Review runs, newest first",
    tag: "review",
    access: "review:read",
    query: reviewRunListQuery,
    response: z.object({ items: z.array(reviewRunSchema), total: z.number() }),
  }),
  getRun: route({
    method: "GET",
    path: "/api/v1/review/runs/:id",
    summary: "A review run with counts by status and severity, gate outcome and input errors",
    tag: "review",
    access: "review:read",
    params: idParams,
    response: reviewRunDetailSchema,
  }),
  runFindings: route({
    method: "GET",
    path: "/api/v1/review/runs/:id/findings",
    summary: "Findings of a run (most severe first)",
    tag: "review",
    access: "review:read",
    params: idParams,
    query: reviewFindingListQuery,
    response: z.object({ items: z.array(reviewFindingSchema), total: z.number() }),
  }),
  projects: route({
    method: "GET",
    path: "/api/v1/review/projects",
    summary: "Projects with their latest default-branch run and trend",
    tag: "review",
    access: "review:read",
    response: z.object({ items: z.array(reviewProjectSchema) }),
  }),
  listRules: route({
    method: "GET",
    path: "/api/v1/review/rules",
    summary: "The rule catalogue",
    tag: "review",
    access: "review:read",
    query: reviewRuleListQuery,
    response: z.object({ items: z.array(reviewRuleSchema), total: z.number() }),
  }),
  getRule: route({
    method: "GET",
    path: "/api/v1/review/rules/:id",
    summary: "A rule with its documentation and open findings in the latest runs",
    tag: "review",
    access: "review:read",
    params: ruleIdParams,
    response: reviewRuleDetailSchema,
  }),
  listSuppressions: route({
    method: "GET",
    path: "/api/v1/review/suppressions",
    summary: "Suppressions seen in the latest run of each project, soonest expiry first",
    tag: "review",
    access: "review:read",
    query: reviewSuppressionListQuery,
    response: z.object({ items: z.array(reviewSuppressionSchema), total: z.number() }),
  }),
};
