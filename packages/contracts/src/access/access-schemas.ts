import { z } from "zod";
import { SEVERITIES } from "@infrasec/core";
import { limitQuery, offsetQuery } from "../route";

/**
 * Access reviews on the platform (issue 7, items 5–7): uploaded snapshots of an AWS account, GCP
 * organization or Kubernetes cluster analysed by the pure engine of @infrasec/engines/access,
 * their principals, escalation paths and findings, diffs between two snapshots, and access review
 * campaigns (one item per identity × entitlement, decisions, evidence, verification).
 * Guide: docs/access/platform.md.
 */

export const ACCESS_PROVIDERS = ["aws", "gcp", "kubernetes"] as const;
export type AccessProvider = (typeof ACCESS_PROVIDERS)[number];

/**
 * What an uploaded file is. "auto" recognises it by content: GAAD JSON (UserDetailList…),
 * credential report CSV (header `user,arn,…`), Organizations policies (SCP/RCP JSON), GCP
 * policies / custom roles / key listings, kubectl List JSON.
 */
export const ACCESS_FILE_KINDS = [
  "auto",
  "authorization-details",
  "credential-report",
  "organization-policies",
  "gcp-iam",
  "kubernetes-rbac",
] as const;
export type AccessFileKind = (typeof ACCESS_FILE_KINDS)[number];

/** Files in one upload. */
export const ACCESS_MAX_FILES = 20;
/** Characters of one file's content (the server's body limit may be lower). */
export const ACCESS_MAX_FILE_CHARS = 50_000_000;

export const accessFileInput = z.strictObject({
  name: z.string().trim().min(1).max(255),
  content: z.string().max(ACCESS_MAX_FILE_CHARS),
  kind: z.enum(ACCESS_FILE_KINDS).default("auto"),
});

export const createSnapshotBody = z.strictObject({
  /** Account, organization or cluster label; snapshots with the same name are diffed and reviewed together. */
  name: z.string().trim().min(1).max(200),
  provider: z.enum(ACCESS_PROVIDERS),
  files: z.array(accessFileInput).min(1).max(ACCESS_MAX_FILES),
});
export type CreateSnapshotBody = z.input<typeof createSnapshotBody>;

export const accessSeverityCountsSchema = z.object({
  critical: z.number(),
  high: z.number(),
  medium: z.number(),
  low: z.number(),
  info: z.number(),
});
export type AccessSeverityCounts = z.infer<typeof accessSeverityCountsSchema>;

export const snapshotSummarySchema = z.object({
  principals: z.number(),
  /** Admin-equivalent principals (isAdmin). */
  admins: z.number(),
  /** Principals whose admin equivalence depends on undecided conditions. */
  conditionalAdmins: z.number(),
  /** Escalation paths found (admin and lateral outcomes). */
  escalationPaths: z.number(),
  /** Principals with at least one escalation path to admin. */
  principalsWithEscalation: z.number(),
  findings: z.number(),
  findingsBySeverity: accessSeverityCountsSchema,
});
export type SnapshotSummary = z.infer<typeof snapshotSummarySchema>;

/** An input problem named by file and JSON path (same shape as an error detail). */
export const accessInputErrorSchema = z.object({
  file: z.string(),
  path: z.string(),
  message: z.string(),
});

export const snapshotFileSchema = z.object({
  name: z.string(),
  kind: z.enum(ACCESS_FILE_KINDS),
  bytes: z.number(),
  sha256: z.string(),
});

export const accessSnapshotSchema = z.object({
  id: z.string(),
  name: z.string(),
  provider: z.enum(ACCESS_PROVIDERS),
  files: z.array(snapshotFileSchema),
  summary: snapshotSummarySchema,
  /** Non-fatal input problems the engine reported. */
  errors: z.array(accessInputErrorSchema),
  createdBy: z.string(),
  createdAt: z.string(),
});
export type AccessSnapshotDto = z.infer<typeof accessSnapshotSchema>;

export const snapshotListQuery = z.strictObject({
  provider: z.enum(ACCESS_PROVIDERS).optional(),
  /** Exact snapshot name (account/cluster label). */
  name: z.string().max(200).optional(),
  limit: limitQuery,
  offset: offsetQuery,
});
export type SnapshotListQuery = z.input<typeof snapshotListQuery>;

// ---------------------------------------------------------------------------------------------
// Principals

export const principalRowSchema = z.object({
  /** Row id (UUID), usable in URLs. */
  id: z.string(),
  /** Engine id: AWS ARN, Kubernetes `User:name` / `ServiceAccount:ns/name`, GCP member. */
  principalId: z.string(),
  type: z.string(),
  name: z.string(),
  isAdmin: z.boolean(),
  admin: z.enum(["yes", "conditional", "no"]),
  /** Has at least one escalation path with outcome admin. */
  hasEscalation: z.boolean(),
  escalationCount: z.number(),
  findingCount: z.number(),
  entitlementCount: z.number(),
  /** Owner used for reviewer assignment (AWS tag owner/team, Kubernetes namespace, GCP project). */
  owner: z.string().nullable(),
  /** Last use when the input tells (AWS RoleLastUsed, credential report). */
  lastUsed: z.string().nullable(),
});
export type PrincipalRow = z.infer<typeof principalRowSchema>;

export const principalListQuery = z.strictObject({
  q: z.string().max(200).optional(),
  type: z.string().max(50).optional(),
  admin: z.enum(["true", "false"]).optional(),
  hasEscalation: z.enum(["true", "false"]).optional(),
  limit: limitQuery,
  offset: offsetQuery,
});
export type PrincipalListQuery = z.input<typeof principalListQuery>;

export const escalationStepSchema = z.object({
  from: z.string(),
  to: z.string(),
  /** pathfinding.cloud id or infrasec technique id. */
  technique: z.string(),
  actions: z.array(z.string()),
  explanation: z.string(),
  conditional: z.boolean(),
  needsExistingResource: z.boolean(),
  statements: z.array(z.string()),
});

/** A path drawn as a graph: nodes are principals (and the admin goal), edges are steps. */
export const escalationGraphSchema = z.object({
  nodes: z.array(
    z.object({
      id: z.string(),
      label: z.string(),
      /** start: the principal itself; hop: an intermediate identity; goal: admin or the last target. */
      role: z.enum(["start", "hop", "goal"]),
    }),
  ),
  edges: z.array(
    z.object({
      from: z.string(),
      to: z.string(),
      technique: z.string(),
      actions: z.array(z.string()),
      explanation: z.string(),
      conditional: z.boolean(),
      needsExistingResource: z.boolean(),
    }),
  ),
});

export const escalationSchema = z.object({
  pathId: z.string(),
  outcome: z.enum(["admin", "lateral"]),
  conditional: z.boolean(),
  needsExistingResource: z.boolean(),
  steps: z.array(escalationStepSchema),
  graph: escalationGraphSchema,
});
export type EscalationDto = z.infer<typeof escalationSchema>;

export const effectivePermissionSchema = z.object({
  /** AWS action, Kubernetes `verb resource`, GCP role. */
  permission: z.string(),
  /** AWS `all`|`some` resources, Kubernetes namespace or `*`, GCP resource. */
  scope: z.string(),
  /** AWS access level (Read, Write, Permissions management…); null elsewhere. */
  level: z.string().nullable(),
  verdict: z.enum(["allowed", "conditional"]),
  /** Where it comes from (binding, role) when known. */
  via: z.string().nullable(),
});

export const entitlementSchema = z.object({
  /** Stable key within a snapshot name, the unit of review and of revocation checks. */
  key: z.string(),
  /** AWS managed/inline/group, Kubernetes role binding, GCP role binding. */
  kind: z.enum(["managed_policy", "inline_policy", "group", "role_binding", "iam_binding"]),
  name: z.string(),
  scope: z.string().nullable(),
  privileged: z.boolean(),
});
export type EntitlementDto = z.infer<typeof entitlementSchema>;

export const accessFindingSchema = z.object({
  ruleId: z.string(),
  severity: z.enum(SEVERITIES),
  principal: z.string(),
  title: z.string(),
  evidence: z.string(),
  fingerprint: z.string(),
});
export type AccessFindingDto = z.infer<typeof accessFindingSchema>;

export const principalDetailSchema = principalRowSchema.extend({
  snapshotId: z.string(),
  effectivePermissions: z.object({
    total: z.number(),
    /** Counts per AWS access level (or per verb for Kubernetes, "role" for GCP). */
    byLevel: z.record(z.string(), z.number()),
    onAllResources: z.number(),
    conditional: z.number(),
    /** At most 500 items; `truncated` says when more exist. */
    items: z.array(effectivePermissionSchema),
    truncated: z.boolean(),
  }),
  entitlements: z.array(entitlementSchema),
  escalations: z.array(escalationSchema),
  findings: z.array(accessFindingSchema),
});
export type PrincipalDetail = z.infer<typeof principalDetailSchema>;

export const snapshotPrincipalParams = z.strictObject({
  id: z.uuid(),
  /** Row id (UUID) or the URL-encoded engine principal id. */
  principalId: z.string().min(1).max(2048),
});

export const findingListQuery = z.strictObject({
  severity: z.enum(SEVERITIES).optional(),
  rule: z.string().max(100).optional(),
  /** Engine principal id (exact). */
  principal: z.string().max(2048).optional(),
  limit: limitQuery,
  offset: offsetQuery,
});
export type FindingListQuery = z.input<typeof findingListQuery>;

// ---------------------------------------------------------------------------------------------
// Diff

export const snapshotRefSchema = z.object({
  id: z.string(),
  name: z.string(),
  provider: z.enum(ACCESS_PROVIDERS),
  createdAt: z.string(),
});

const principalPath = z.object({ principal: z.string(), pathId: z.string() });
const principalGrants = z.object({ principal: z.string(), grants: z.array(z.string()) });

/** The engine's `diffSnapshots` result. */
export const accessDiffSchema = z.object({
  addedPrincipals: z.array(z.string()),
  removedPrincipals: z.array(z.string()),
  newAdmins: z.array(z.string()),
  removedAdmins: z.array(z.string()),
  newEscalations: z.array(principalPath),
  removedEscalations: z.array(principalPath),
  widened: z.array(principalGrants),
  narrowed: z.array(principalGrants),
});
export type AccessDiffDto = z.infer<typeof accessDiffSchema>;

export const diffResultSchema = z.object({
  old: snapshotRefSchema,
  new: snapshotRefSchema,
  /** False when the two snapshots carry different names (allowed, but probably a mistake). */
  sameName: z.boolean(),
  diff: accessDiffSchema,
});
export type DiffResult = z.infer<typeof diffResultSchema>;

// ---------------------------------------------------------------------------------------------
// Campaigns

export const CAMPAIGN_KINDS = ["privileged", "terminated_users"] as const;
export type CampaignKind = (typeof CAMPAIGN_KINDS)[number];
export const CAMPAIGN_STATUSES = ["open", "closed"] as const;
export const REVIEW_DECISIONS = ["keep", "revoke", "modify"] as const;
export type ReviewDecision = (typeof REVIEW_DECISIONS)[number];
/** Default deadline: this many business days (Mon–Fri) after creation. */
export const CAMPAIGN_DEFAULT_BUSINESS_DAYS = 10;
/** Review item flags. */
export const REVIEW_FLAGS = [
  "admin",
  "escalates",
  "privileged_entitlement",
  "dormant",
  "terminated",
  "new_since_certification",
] as const;

const dateOnly = z.iso.date();

export const createCampaignBody = z.strictObject({
  name: z.string().trim().min(1).max(200),
  kind: z.enum(CAMPAIGN_KINDS),
  snapshotId: z.uuid(),
  /** YYYY-MM-DD; default: 10 business days from today. */
  dueDate: dateOnly.optional(),
  reviewers: z.strictObject({
    /** Username reviewing items whose owner has no entry in byOwner. */
    default: z.string().min(1).max(100).optional(),
    /** Owner (or principal id, or principal name) → username. */
    byOwner: z.record(z.string().max(2048), z.string().min(1).max(100)).optional(),
  }),
  /** terminated_users: identity names (or principal ids) of people who left. */
  terminatedUsers: z.array(z.string().min(1).max(2048)).max(5_000).optional(),
});
export type CreateCampaignBody = z.input<typeof createCampaignBody>;

export const campaignProgressSchema = z.object({
  total: z.number(),
  decided: z.number(),
  pending: z.number(),
  keep: z.number(),
  revoke: z.number(),
  modify: z.number(),
  /** 0–100, rounded down. */
  percent: z.number(),
});

export const campaignVerificationSchema = z.object({
  snapshotId: z.string(),
  verifiedAt: z.string(),
  verifiedBy: z.string(),
  revoked: z.number(),
  stillPresent: z.number(),
});

export const campaignSchema = z.object({
  id: z.string(),
  name: z.string(),
  kind: z.enum(CAMPAIGN_KINDS),
  status: z.enum(CAMPAIGN_STATUSES),
  snapshotId: z.string(),
  snapshotName: z.string(),
  provider: z.enum(ACCESS_PROVIDERS),
  dueDate: z.string(),
  overdue: z.boolean(),
  /** The last closed (certified) campaign of the same snapshot name, the diff baseline. */
  baselineCampaignId: z.string().nullable(),
  progress: campaignProgressSchema,
  reviewers: z.array(z.object({ username: z.string(), total: z.number(), decided: z.number() })),
  createdBy: z.string(),
  createdAt: z.string(),
  closedBy: z.string().nullable(),
  closedAt: z.string().nullable(),
  verification: campaignVerificationSchema.nullable(),
});
export type Campaign = z.infer<typeof campaignSchema>;

export const campaignListQuery = z.strictObject({
  status: z.enum(CAMPAIGN_STATUSES).optional(),
  kind: z.enum(CAMPAIGN_KINDS).optional(),
  limit: limitQuery,
  offset: offsetQuery,
});
export type CampaignListQuery = z.input<typeof campaignListQuery>;

export const reviewItemSchema = z.object({
  id: z.string(),
  campaignId: z.string(),
  principalId: z.string(),
  principalName: z.string(),
  principalType: z.string(),
  owner: z.string().nullable(),
  entitlement: entitlementSchema,
  privileged: z.boolean(),
  flags: z.array(z.enum(REVIEW_FLAGS)),
  lastUsed: z.string().nullable(),
  /** Since the baseline campaign: added (not certified before) or unchanged; null without baseline. */
  change: z.enum(["added", "unchanged"]).nullable(),
  reviewer: z.string(),
  decision: z.enum(REVIEW_DECISIONS).nullable(),
  justification: z.string().nullable(),
  followUpTicket: z.string().nullable(),
  decidedBy: z.string().nullable(),
  decidedAt: z.string().nullable(),
  /** After verify: did a revoked entitlement disappear from the later snapshot? */
  verification: z.enum(["revoked", "still_present"]).nullable(),
});
export type ReviewItem = z.infer<typeof reviewItemSchema>;

export const reviewItemListQuery = z.strictObject({
  /** A username, or "me". */
  reviewer: z.string().max(100).optional(),
  /** "pending" lists undecided items. */
  decision: z.enum([...REVIEW_DECISIONS, "pending"]).optional(),
  privileged: z.enum(["true", "false"]).optional(),
  q: z.string().max(200).optional(),
  limit: limitQuery,
  offset: offsetQuery,
});
export type ReviewItemListQuery = z.input<typeof reviewItemListQuery>;

export const campaignItemParams = z.strictObject({ id: z.uuid(), itemId: z.uuid() });

export const decideBody = z.strictObject({
  decision: z.enum(REVIEW_DECISIONS),
  justification: z.string().trim().min(1).max(4000),
  followUpTicket: z.string().trim().min(1).max(500).optional(),
});
export type DecideBody = z.input<typeof decideBody>;

export const closeCampaignBody = z.strictObject({
  /** Close although items are still pending (they stay undecided in the evidence). */
  force: z.boolean().optional(),
});

export const evidenceItemSchema = z.object({
  itemId: z.string(),
  principalId: z.string(),
  principalName: z.string(),
  principalType: z.string(),
  entitlement: z.string(),
  entitlementKind: z.string(),
  scope: z.string().nullable(),
  privileged: z.boolean(),
  flags: z.array(z.string()),
  lastUsed: z.string().nullable(),
  change: z.string().nullable(),
  reviewer: z.string(),
  decision: z.string().nullable(),
  decidedBy: z.string().nullable(),
  decidedAt: z.string().nullable(),
  justification: z.string().nullable(),
  followUpTicket: z.string().nullable(),
  verification: z.string().nullable(),
});

export const evidenceBundleSchema = z.object({
  schemaVersion: z.literal(1),
  generatedAt: z.string(),
  generatedBy: z.string(),
  campaign: campaignSchema,
  snapshot: z.object({
    id: z.string(),
    name: z.string(),
    provider: z.enum(ACCESS_PROVIDERS),
    createdAt: z.string(),
    createdBy: z.string(),
    files: z.array(snapshotFileSchema),
  }),
  /** How the population was generated, and its hash (sha256 over the item lines). */
  population: z.object({ method: z.string(), count: z.number(), sha256: z.string() }),
  items: z.array(evidenceItemSchema),
});
export type EvidenceBundle = z.infer<typeof evidenceBundleSchema>;

export const verifyQuery = z.strictObject({ snapshotId: z.uuid() });

export const verifyResultSchema = z.object({
  campaignId: z.string(),
  snapshotId: z.string(),
  verifiedAt: z.string(),
  revoked: z.number(),
  stillPresent: z.number(),
  items: z.array(
    z.object({
      itemId: z.string(),
      principalId: z.string(),
      entitlement: z.string(),
      result: z.enum(["revoked", "still_present"]),
    }),
  ),
});
export type VerifyResult = z.infer<typeof verifyResultSchema>;
