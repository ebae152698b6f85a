import { z } from "zod";
import { SEVERITIES } from "@infrasec/core";
import { idParams, limitQuery, offsetQuery, route } from "../route";
import { VULN_DISMISSAL_REASONS, VULN_FINDING_STATUSES, VULN_SLA_STATES } from "./vulns-contract";

/**
 * Vulnerability exceptions (issue 4): risk acceptances and deviation requests. An exception has
 * a scope (findings, assets, a vulnerability id, a package — all given parts must match), a
 * justification, a requester and an approver who is another person, and an expiry bounded by
 * the worst covered severity. Approval dismisses the covered open findings; expiry or
 * revocation reopens exactly those.
 */

/** risk_acceptance: the risk is accepted as is; deviation: a mitigating control or extended deadline. */
export const VULN_EXCEPTION_KINDS = ["risk_acceptance", "deviation"] as const;
export type VulnExceptionKind = (typeof VULN_EXCEPTION_KINDS)[number];

/** requested → approved | rejected; approved → revoked | expired. */
export const VULN_EXCEPTION_STATUSES = [
  "requested",
  "approved",
  "rejected",
  "revoked",
  "expired",
] as const;
export type VulnExceptionStatus = (typeof VULN_EXCEPTION_STATUSES)[number];

/** An approved exception ending within this many days is "expiring" (one notice is sent). */
export const VULN_EXCEPTION_EXPIRING_DAYS = 7;
/** Bounds of a scope's lists. */
export const VULN_EXCEPTION_MAX_SCOPE_FINDINGS = 500;
export const VULN_EXCEPTION_MAX_SCOPE_ASSETS = 200;
/** The longest any exception may run, whatever the severity (informational findings included). */
export const VULN_EXCEPTION_MAX_DAYS_ABSOLUTE = 3650;

const longText = z.string().max(10_000);

/** A scope as requested: assets by key or id. At least one part; all given parts must match. */
export const vulnExceptionScopeInput = z
  .strictObject({
    findingIds: z.array(z.uuid()).min(1).max(VULN_EXCEPTION_MAX_SCOPE_FINDINGS).optional(),
    /** Asset keys or ids. */
    assets: z
      .array(z.string().min(1).max(512))
      .min(1)
      .max(VULN_EXCEPTION_MAX_SCOPE_ASSETS)
      .optional(),
    /** Matches a finding's canonical id or any of its aliases (CVE, GHSA, …). */
    vulnId: z.string().min(1).max(128).optional(),
    /** Package name (or purl without version); any version. */
    package: z.string().min(1).max(256).optional(),
  })
  .refine(
    (s) => s.findingIds || s.assets || s.vulnId || s.package,
    "a scope needs at least one of findingIds, assets, vulnId or package",
  );
export type VulnExceptionScopeInput = z.input<typeof vulnExceptionScopeInput>;

/** A scope as stored: assets resolved to ids (with keys for display). */
export const vulnExceptionScopeSchema = z.object({
  findingIds: z.array(z.string()),
  assets: z.array(z.object({ id: z.string(), key: z.string() })),
  vulnId: z.string().nullable(),
  package: z.string().nullable(),
});
export type VulnExceptionScope = z.infer<typeof vulnExceptionScopeSchema>;

const userRef = z.object({ id: z.string(), name: z.string() });

export const vulnExceptionSchema = z.object({
  id: z.string(),
  kind: z.enum(VULN_EXCEPTION_KINDS),
  status: z.enum(VULN_EXCEPTION_STATUSES),
  scope: vulnExceptionScopeSchema,
  /** The worst severity covered when requested; it bounds the duration. */
  severity: z.enum(SEVERITIES),
  /** Longest allowed duration for that severity, in days; null: not limited by severity. */
  maxDays: z.number().nullable(),
  justification: z.string(),
  compensatingControls: z.string().nullable(),
  requestedBy: userRef,
  requestedAt: z.string(),
  decidedBy: userRef.nullable(),
  decidedAt: z.string().nullable(),
  decisionNote: z.string().nullable(),
  /** Requested window; approval starts it at the approval time and keeps its length. */
  startsAt: z.string(),
  expiresAt: z.string(),
  durationDays: z.number(),
  /** The decision-log work item that justified it. */
  decisionItem: z.object({ id: z.string(), number: z.number(), title: z.string() }).nullable(),
  /** Findings this exception dismissed (approved) or dismissed until it ended. */
  coveredCount: z.number(),
  /** Approved and ending within VULN_EXCEPTION_EXPIRING_DAYS. */
  expiringSoon: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type VulnException = z.infer<typeof vulnExceptionSchema>;

/** A finding an exception covers (or, while requested, would cover). */
export const vulnExceptionFindingSchema = z.object({
  id: z.string(),
  assetId: z.string(),
  assetKey: z.string(),
  vulnId: z.string(),
  package: z.string().nullable(),
  severity: z.enum(SEVERITIES),
  status: z.enum(VULN_FINDING_STATUSES),
  dismissalReason: z.enum(VULN_DISMISSAL_REASONS).nullable(),
  slaDueAt: z.string().nullable(),
  slaState: z.enum(VULN_SLA_STATES),
  /** Status and due date before the exception applied; null while requested. */
  priorStatus: z.string().nullable(),
  priorDueAt: z.string().nullable(),
  /** True once the exception applied to it (approved, or ended after applying). */
  covered: z.boolean(),
});
export type VulnExceptionFinding = z.infer<typeof vulnExceptionFindingSchema>;

export const vulnExceptionDetailSchema = vulnExceptionSchema.extend({
  findings: z.array(vulnExceptionFindingSchema),
});
export type VulnExceptionDetail = z.infer<typeof vulnExceptionDetailSchema>;

export const vulnExceptionRequestBody = z
  .strictObject({
    kind: z.enum(VULN_EXCEPTION_KINDS).default("risk_acceptance"),
    scope: vulnExceptionScopeInput,
    /** Length in days from approval; give this or expiresAt. */
    days: z.number().int().min(1).max(VULN_EXCEPTION_MAX_DAYS_ABSOLUTE).optional(),
    expiresAt: z.iso.datetime({ offset: true }).optional(),
    justification: z.string().trim().min(1, "a justification is required").max(10_000),
    compensatingControls: longText.optional(),
    /**
     * Severity to judge the duration by when no finding matches yet (a vulnerability id or
     * package expected later); the worst matched severity wins when higher. Default: critical.
     */
    severity: z.enum(SEVERITIES).optional(),
    /** Decision-log work item: id or number (`#12` / `12`). */
    decisionItem: z.string().min(1).max(64).optional(),
  })
  .refine((b) => (b.days === undefined) !== (b.expiresAt === undefined), {
    message: "give either days or expiresAt",
    path: ["days"],
  });
export type VulnExceptionRequestBody = z.input<typeof vulnExceptionRequestBody>;

export const vulnExceptionListQuery = z.strictObject({
  status: z.enum(VULN_EXCEPTION_STATUSES).optional(),
  kind: z.enum(VULN_EXCEPTION_KINDS).optional(),
  /** Asset key or id: exceptions whose scope names it or whose covered findings are on it. */
  asset: z.string().min(1).max(512).optional(),
  /** Canonical id or alias. */
  vulnId: z.string().min(1).max(128).optional(),
  /** Exceptions that covered this finding (the finding detail links the one covering it). */
  finding: z.uuid().optional(),
  /** Approved exceptions ending within this many days. */
  expiringWithinDays: z.coerce.number().int().min(0).max(3650).optional(),
  limit: limitQuery,
  offset: offsetQuery,
});
export type VulnExceptionListQuery = z.input<typeof vulnExceptionListQuery>;

export const vulnExceptionDecisionBody = z.strictObject({ note: longText.optional() });
export type VulnExceptionDecisionBody = z.input<typeof vulnExceptionDecisionBody>;

export const vulnExceptionRejectBody = z.strictObject({
  note: z.string().trim().min(1, "a note is required to reject").max(10_000),
});
export type VulnExceptionRejectBody = z.input<typeof vulnExceptionRejectBody>;

export const vulnExceptionsRoutes = {
  list: route({
    method: "GET",
    path: "/api/v1/vulns/exceptions",
    summary: "Risk acceptances and deviation requests, filtered; newest first",
    tag: "vulns",
    access: "vulns:read",
    query: vulnExceptionListQuery,
    response: z.object({ items: z.array(vulnExceptionSchema), total: z.number() }),
  }),
  get: route({
    method: "GET",
    path: "/api/v1/vulns/exceptions/:id",
    summary: "An exception with the findings it covers (or would cover while requested)",
    tag: "vulns",
    access: "vulns:read",
    params: idParams,
    response: vulnExceptionDetailSchema,
  }),
  request: route({
    method: "POST",
    path: "/api/v1/vulns/exceptions",
    summary: "Request an exception; its length is checked against the worst covered severity",
    tag: "vulns",
    access: "vulns:request_exception",
    body: vulnExceptionRequestBody,
    status: 201,
    response: vulnExceptionDetailSchema,
  }),
  approve: route({
    method: "POST",
    path: "/api/v1/vulns/exceptions/:id/approve",
    summary: "Approve a requested exception (another person than the requester)",
    tag: "vulns",
    access: "vulns:approve_exception",
    params: idParams,
    body: vulnExceptionDecisionBody,
    response: vulnExceptionDetailSchema,
  }),
  reject: route({
    method: "POST",
    path: "/api/v1/vulns/exceptions/:id/reject",
    summary: "Reject a requested exception with a note",
    tag: "vulns",
    access: "vulns:approve_exception",
    params: idParams,
    body: vulnExceptionRejectBody,
    response: vulnExceptionDetailSchema,
  }),
  revoke: route({
    method: "POST",
    path: "/api/v1/vulns/exceptions/:id/revoke",
    summary: "End an approved exception early; the findings it covered reopen",
    tag: "vulns",
    access: "vulns:approve_exception",
    params: idParams,
    body: vulnExceptionDecisionBody,
    response: vulnExceptionDetailSchema,
  }),
};
