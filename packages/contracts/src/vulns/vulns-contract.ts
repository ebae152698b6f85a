import { z } from "zod";
import { SEVERITIES } from "@infrasec/core";
import { idParams, limitQuery, offsetQuery, route } from "../route";
import {
  vulnCvssSchema,
  vulnEpssSchema,
  vulnKevSchema,
  vulnPrioritySchema,
  vulnPrioritySummarySchema,
} from "./vulns-enrichment-contract";

/**
 * Vulnerability management API (issue 4, first platform increment): report imports as jobs,
 * findings with filters, detail with identity and history, status changes.
 */

/** Report formats the engine reads (mirrors VULN_REPORT_FORMATS of @infrasec/engines/vulns). */
export const VULN_IMPORT_FORMATS = [
  "trivy",
  "grype",
  "sarif",
  "cyclonedx-json",
  "cyclonedx-xml",
  "osv-scanner",
  "gitlab",
  "nessus",
] as const;

export const VULN_JOB_STATUSES = [
  "queued",
  "running",
  "waiting_confirmation",
  "done",
  "failed",
] as const;
export type VulnJobStatus = (typeof VULN_JOB_STATUSES)[number];

/** Finding lifecycle: detected → confirmed → in_progress → resolved, or dismissed with a reason. */
export const VULN_FINDING_STATUSES = [
  "detected",
  "confirmed",
  "in_progress",
  "resolved",
  "dismissed",
] as const;
export type VulnFindingStatus = (typeof VULN_FINDING_STATUSES)[number];
/** Statuses that count as open (SLA clocks run, reconciliation may close them). */
export const VULN_OPEN_STATUSES = ["detected", "confirmed", "in_progress"] as const;

/** Typed dismissal reasons (GitLab's and CycloneDX VEX's vocabularies map onto these). */
export const VULN_DISMISSAL_REASONS = [
  "risk_accepted",
  "false_positive",
  "not_affected",
  "mitigating_control",
  "out_of_scope",
] as const;
export type VulnDismissalReason = (typeof VULN_DISMISSAL_REASONS)[number];

export const VULN_SLA_STATES = ["breached", "due_soon", "on_track", "none"] as const;
export type VulnSlaState = (typeof VULN_SLA_STATES)[number];

export const VULN_FINDING_SORTS = [
  "-severity",
  "severity",
  "slaDue",
  "-slaDue",
  "firstSeen",
  "-firstSeen",
  "lastSeen",
  "-lastSeen",
  "vulnId",
  "-priority",
] as const;

/**
 * The largest report accepted in one request body, in characters. The server's body limit
 * (INFRASEC_BODY_LIMIT_BYTES, default 12 MiB, at most 100 MiB) applies first and is usually the
 * binding one; larger reports go through the CLI's local mode.
 */
export const VULN_IMPORT_MAX_CHARS = 100 * 1024 * 1024;

const countsSchema = z.object({
  created: z.number(),
  updated: z.number(),
  unchanged: z.number(),
  closed: z.number(),
  reactivated: z.number(),
  unknown: z.number(),
});

export const vulnImportJobSchema = z.object({
  id: z.string(),
  status: z.enum(VULN_JOB_STATUSES),
  assetId: z.string(),
  assetKey: z.string(),
  scanner: z.string().nullable(),
  scope: z.string(),
  format: z.string().nullable(),
  fileName: z.string().nullable(),
  /** 0–1. */
  progress: z.number(),
  counts: countsSchema,
  /** Open findings of this asset, scanner and scope before the import. */
  openInScope: z.number(),
  /** Findings the import closes (or would close, while waiting for confirmation). */
  toClose: z.number(),
  error: z.string().nullable(),
  errorDetails: z.array(
    z.object({
      path: z.string().optional(),
      file: z.string().optional(),
      line: z.number().optional(),
      message: z.string(),
    }),
  ),
  confirmed: z.boolean(),
  createdBy: z.string(),
  createdAt: z.string(),
  startedAt: z.string().nullable(),
  finishedAt: z.string().nullable(),
});
export type VulnImportJob = z.infer<typeof vulnImportJobSchema>;

const nameText = z
  .string()
  .min(1)
  .max(128)
  .regex(/^[\w.:@/+-]+$/, "letters, digits and . _ : @ / + - only");

export const vulnImportBody = z.strictObject({
  content: z.string().min(1, "the report is empty").max(VULN_IMPORT_MAX_CHARS),
  format: z.enum(VULN_IMPORT_FORMATS).optional(),
  /** Asset key or id; the asset must exist in the inventory. */
  asset: z.string().min(1).max(512),
  /** Reconciliation key; defaults to the scanner the report names (trivy, grype…). */
  scanner: nameText.optional(),
  /** Reconciliation key within the asset and scanner; defaults to "default". */
  scope: nameText.optional(),
  fileName: z.string().max(255).optional(),
});
export type VulnImportBody = z.input<typeof vulnImportBody>;

export const vulnFindingSchema = z.object({
  id: z.string(),
  assetId: z.string(),
  assetKey: z.string(),
  kind: z.string(),
  vulnId: z.string(),
  aliases: z.array(z.string()),
  title: z.string().nullable(),
  package: z.string().nullable(),
  purl: z.string().nullable(),
  version: z.string().nullable(),
  fixedVersion: z.string().nullable(),
  fixState: z.string(),
  severity: z.enum(SEVERITIES),
  severitySource: z.string(),
  scannerSeverity: z.string().nullable(),
  cvssScore: z.number().nullable(),
  cvssVector: z.string().nullable(),
  cwes: z.array(z.string()),
  status: z.enum(VULN_FINDING_STATUSES),
  dismissalReason: z.enum(VULN_DISMISSAL_REASONS).nullable(),
  /** "absent" (a covering re-scan no longer saw it) or "manual". */
  resolution: z.string().nullable(),
  resolvedAt: z.string().nullable(),
  scanner: z.string(),
  scope: z.string(),
  scanners: z.array(z.string()),
  firstSeenAt: z.string(),
  lastSeenAt: z.string(),
  slaPolicy: z.string().nullable(),
  slaDueAt: z.string().nullable(),
  slaState: z.enum(VULN_SLA_STATES),
  occurrenceCount: z.number(),
  /** Fields a person changed; imports never overwrite them. */
  editedFields: z.array(z.string()),
  createdAt: z.string(),
  updatedAt: z.string(),
  /** Stored priority (null until computed); the detail explains it. */
  priority: vulnPrioritySummarySchema.nullable(),
  /** true: any alias is in CISA KEV; false: checked, not listed; null: KEV not imported yet. */
  kev: z.boolean().nullable(),
  /** Highest EPSS over the alias group; null when no score is known. */
  epss: vulnEpssSchema.nullable(),
});
export type VulnFinding = z.infer<typeof vulnFindingSchema>;

export const vulnFindingEventSchema = z.object({
  id: z.string(),
  at: z.string(),
  /** detected | updated | status | closed | reactivated | edited */
  kind: z.string(),
  fromStatus: z.string().nullable(),
  toStatus: z.string().nullable(),
  reason: z.string().nullable(),
  note: z.string().nullable(),
  changes: z.record(z.string(), z.unknown()).nullable(),
  actorName: z.string(),
  jobId: z.string().nullable(),
});
export type VulnFindingEvent = z.infer<typeof vulnFindingEventSchema>;

export const vulnFindingDetailSchema = vulnFindingSchema.extend({
  occurrences: z.array(z.record(z.string(), z.unknown())),
  identity: z.object({
    version: z.string(),
    fn: z.string(),
    tuple: z.array(z.string()),
    hash: z.string(),
    /** Why records with this identity are the same finding. */
    basis: z.string(),
  }),
  coverageTarget: z.string().nullable(),
  history: z.array(vulnFindingEventSchema),
  /** Recomputed on read from the stored inputs, with each factor's points. */
  priority: vulnPrioritySchema,
  /** The KEV entry behind `kev: true` (earliest dateAdded over the alias group). */
  kevEntry: vulnKevSchema.nullable(),
  cvss: vulnCvssSchema,
  /**
   * The deadline as the current policy computes it now, with why: the policy rule, overrides,
   * clock start, exception pauses, KEV cap (the SLA engine's explanation). `matchesStored` is
   * false while a recomputation has not reached this finding yet.
   */
  deadline: z
    .object({
      policy: z.string(),
      dueAt: z.string().nullable(),
      startAt: z.string().nullable(),
      targetDays: z.number().nullable(),
      pausedMs: z.number(),
      explanation: z.array(z.string()),
      matchesStored: z.boolean(),
    })
    .nullable()
    .optional(),
});
export type VulnFindingDetail = z.infer<typeof vulnFindingDetailSchema>;

export const vulnFindingListQuery = z.strictObject({
  /** Asset key or id. */
  asset: z.string().min(1).max(512).optional(),
  severity: z.enum(SEVERITIES).optional(),
  /** A status, or "open" (detected, confirmed, in progress) / "closed" (resolved, dismissed). */
  status: z.enum([...VULN_FINDING_STATUSES, "open", "closed"]).optional(),
  vulnId: z.string().min(1).max(128).optional(),
  package: z.string().min(1).max(256).optional(),
  q: z.string().min(1).max(200).optional(),
  sla: z.enum(VULN_SLA_STATES).optional(),
  /** "true": only findings in CISA KEV; "false": only findings checked and not listed. */
  kev: z.enum(["true", "false"]).optional(),
  sort: z.enum(VULN_FINDING_SORTS).default("-severity"),
  limit: limitQuery,
  offset: offsetQuery,
});
export type VulnFindingListQuery = z.input<typeof vulnFindingListQuery>;

export const vulnStatusBody = z.strictObject({
  status: z.enum(VULN_FINDING_STATUSES),
  /** Required to dismiss. */
  reason: z.enum(VULN_DISMISSAL_REASONS).optional(),
  /** Required to dismiss and to resolve by hand. */
  comment: z.string().max(10_000).optional(),
});
export type VulnStatusBody = z.input<typeof vulnStatusBody>;

export const vulnEditBody = z.strictObject({
  /** Severity override; later imports keep it. */
  severity: z.enum(SEVERITIES).optional(),
  fixedVersion: z.string().max(256).nullable().optional(),
  /** Why the field was changed (kept in the history). */
  comment: z.string().min(1).max(10_000),
});
export type VulnEditBody = z.input<typeof vulnEditBody>;

export const vulnsRoutes = {
  importReport: route({
    method: "POST",
    path: "/api/v1/vulns/imports",
    summary:
      "Import a scanner report for an asset; answers 202 with a job that reconciles in the background",
    tag: "vulns",
    access: "vulns:write",
    body: vulnImportBody,
    status: 202,
    response: vulnImportJobSchema,
  }),
  listImports: route({
    method: "GET",
    path: "/api/v1/vulns/imports",
    summary: "Recent import jobs, newest first",
    tag: "vulns",
    access: "vulns:read",
    query: z.strictObject({
      asset: z.string().min(1).max(512).optional(),
      limit: limitQuery,
    }),
    response: z.object({ items: z.array(vulnImportJobSchema) }),
  }),
  getImport: route({
    method: "GET",
    path: "/api/v1/vulns/imports/:id",
    summary: "An import job with its progress and counts",
    tag: "vulns",
    access: "vulns:read",
    params: idParams,
    response: vulnImportJobSchema,
  }),
  confirmImport: route({
    method: "POST",
    path: "/api/v1/vulns/imports/:id/confirm",
    summary: "Apply an import that waits for confirmation because it would close many findings",
    tag: "vulns",
    access: "vulns:write",
    params: idParams,
    status: 202,
    response: vulnImportJobSchema,
  }),
  listFindings: route({
    method: "GET",
    path: "/api/v1/vulns/findings",
    summary: "Search, filter and sort findings",
    tag: "vulns",
    access: "vulns:read",
    query: vulnFindingListQuery,
    response: z.object({
      items: z.array(vulnFindingSchema),
      /** Exact up to 10,000 matches; beyond that 10,000 with totalIsEstimate (show "10,000+"). */
      total: z.number(),
      totalIsEstimate: z.boolean().optional(),
    }),
  }),
  getFinding: route({
    method: "GET",
    path: "/api/v1/vulns/findings/:id",
    summary: "A finding with its occurrences, identity explanation and history",
    tag: "vulns",
    access: "vulns:read",
    params: idParams,
    response: vulnFindingDetailSchema,
  }),
  changeStatus: route({
    method: "POST",
    path: "/api/v1/vulns/findings/:id/status",
    summary: "Confirm, start, resolve (with a note), dismiss (typed reason and comment) or reopen",
    tag: "vulns",
    access: "vulns:write",
    params: idParams,
    body: vulnStatusBody,
    response: vulnFindingDetailSchema,
  }),
  editFinding: route({
    method: "PATCH",
    path: "/api/v1/vulns/findings/:id",
    summary: "Override a finding's severity or fixed version; imports keep the override",
    tag: "vulns",
    access: "vulns:write",
    params: idParams,
    body: vulnEditBody,
    response: vulnFindingDetailSchema,
  }),
};
