import { z } from "zod";

/**
 * Shapes shared by the work-item routes (issue 5): a work item as the API answers it, the
 * references to people it carries, and its history. Values of the item-kind vocabulary are
 * listed here as strings so that contracts need not depend on the workflow engine; the server
 * rejects values its engine does not know, naming the field.
 */

export const WORK_KINDS = [
  "security_review_request",
  "bau_request",
  "change_request",
  "task",
  "decision",
  "design_doc",
  "epic",
  "incident",
] as const;
export const workKindSchema = z.enum(WORK_KINDS);
export type WorkKind = z.infer<typeof workKindSchema>;

export const HEALTHS = ["on_track", "needs_attention", "at_risk"] as const;
export const healthSchema = z.enum(HEALTHS);

export const WORK_WEIGHTS = [1, 2, 3, 5, 13] as const;
export const weightSchema = z.union(WORK_WEIGHTS.map((w) => z.literal(w)));

export const WORK_LINK_TYPES = [
  "relates_to",
  "blocks",
  "blocked_by",
  "parent",
  "supersedes",
  "superseded_by",
  "implements",
  "follow_up_of",
] as const;

/** A calendar day, YYYY-MM-DD. */
export const isoDaySchema = z.iso.date();

/** A person as items refer to them. */
export const userRefSchema = z.object({
  id: z.string(),
  username: z.string(),
  displayName: z.string(),
});
export type UserRef = z.infer<typeof userRefSchema>;

/** A label name: `Scope::value` is scoped (values of one scope exclude one another). */
export const labelNameSchema = z
  .string()
  .trim()
  .min(1)
  .max(100)
  .refine((s) => !/[\n\r,]/.test(s), "a label name has no commas or line breaks");

export const workLinkSchema = z.object({
  id: z.string(),
  type: z.enum(WORK_LINK_TYPES),
  targetKind: z.enum(["item", "asset", "finding"]),
  targetId: z.string(),
  /** Title of the target when the reader may see it (item title, asset name). */
  title: z.string().nullable(),
  /** The item number when the target is an item. */
  number: z.number().nullable(),
});
export type WorkLinkView = z.infer<typeof workLinkSchema>;

export const verdictSchema = z.object({
  reviewer: userRefSchema,
  verdict: z.enum(["approved", "refused"]),
  level: z.string().nullable(),
  comment: z.string().nullable(),
  at: z.string(),
});

export const changeApprovalSchema = z.object({
  requirement: z.enum(["manager_approved", "eoc_approved", "dbre_review", "peer_review"]),
  by: userRefSchema,
  capacity: z.enum([
    "peer",
    "reliability",
    "manager",
    "senior_manager",
    "director",
    "vp",
    "eoc",
    "dbre",
  ]),
  at: z.string(),
});

/** Derived facts the server computes with the workflow engine, so every client agrees. */
export const workDerivedSchema = z.object({
  /** Security review requests: risk score, band and review priority, when answered. */
  risk: z
    .object({
      score: z.number(),
      band: z.string(),
      reviewPriority: z.string(),
      reviewPriorityLabel: z.string(),
    })
    .nullable(),
  /** Required-reviewer approval state (security reviews, design docs). */
  approval: z
    .object({
      approved: z.boolean(),
      pending: z.array(z.string()),
      refused: z.array(z.string()),
    })
    .nullable(),
  /** Change requests: approvals the criticality requires and which are still missing. */
  changeApproval: z
    .object({
      criticality: z.string().nullable(),
      missing: z.array(z.string()),
      satisfied: z.boolean(),
    })
    .nullable(),
  /** Required template fields without a value, by field path. */
  missingFields: z.array(z.object({ field: z.string(), message: z.string() })),
  /** Statuses the item may move to from its current status. */
  allowedStatuses: z.array(z.string()),
  closed: z.boolean(),
  overdue: z.boolean(),
});

export const workItemSchema = z.object({
  id: z.string(),
  /** Short sequential reference (#12). */
  number: z.number(),
  kind: workKindSchema,
  templateId: z.string().nullable(),
  title: z.string(),
  status: z.string(),
  description: z.string(),
  fields: z.record(z.string(), z.unknown()),
  labels: z.array(z.string()),
  assignees: z.array(userRefSchema),
  owner: userRefSchema.nullable(),
  createdBy: userRefSchema.nullable(),
  startDate: z.string().nullable(),
  dueDate: z.string().nullable(),
  weight: z.number().nullable(),
  health: healthSchema.nullable(),
  confidential: z.boolean(),
  milestoneId: z.string().nullable(),
  parentId: z.string().nullable(),
  requiredReviewers: z.array(userRefSchema),
  verdicts: z.array(verdictSchema),
  changeApprovals: z.array(changeApprovalSchema),
  links: z.array(workLinkSchema),
  createdAt: z.string(),
  updatedAt: z.string(),
  lastActivityAt: z.string(),
  closedAt: z.string().nullable(),
  derived: workDerivedSchema,
});
export type WorkItemView = z.infer<typeof workItemSchema>;

/** A row of item lists: the item without its heavy parts. */
export const workItemSummarySchema = workItemSchema.pick({
  id: true,
  number: true,
  kind: true,
  title: true,
  status: true,
  labels: true,
  assignees: true,
  owner: true,
  dueDate: true,
  weight: true,
  health: true,
  confidential: true,
  milestoneId: true,
  parentId: true,
  createdAt: true,
  updatedAt: true,
  lastActivityAt: true,
  closedAt: true,
});
export type WorkItemSummary = z.infer<typeof workItemSummarySchema>;

/** One entry of an item's history: who changed which fields, or commented. */
export const workHistoryEntrySchema = z.object({
  id: z.string(),
  at: z.string(),
  actor: userRefSchema.nullable(),
  /** created, updated, labels, status, assignees, comment, verdict, approval, link, … */
  action: z.string(),
  changes: z.array(z.object({ field: z.string(), from: z.unknown(), to: z.unknown() })),
  note: z.string().nullable(),
});
export type WorkHistoryEntry = z.infer<typeof workHistoryEntrySchema>;

export const workCommentSchema = z.object({
  id: z.string(),
  author: userRefSchema.nullable(),
  body: z.string(),
  mentions: z.array(z.string()),
  createdAt: z.string(),
});
export type WorkComment = z.infer<typeof workCommentSchema>;
