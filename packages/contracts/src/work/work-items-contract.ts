import { z } from "zod";
import { limitQuery, offsetQuery, route } from "../route";
import { usernameSchema } from "../users/users-contract";
import {
  WORK_LINK_TYPES,
  healthSchema,
  isoDaySchema,
  labelNameSchema,
  weightSchema,
  workCommentSchema,
  workHistoryEntrySchema,
  workItemSchema,
  workItemSummarySchema,
  workKindSchema,
} from "./work-schemas";

const title = z.string().trim().min(1).max(300);
const markdown = z.string().max(200_000);
/** Template values; the server validates them against the item's template, naming fields. */
const fields = z.record(z.string().max(100), z.unknown());

export const createWorkItemBody = z.strictObject({
  kind: workKindSchema,
  /** Template to validate `fields` against; defaults to the kind's template. */
  templateId: z.string().max(100).optional(),
  title,
  description: markdown.default(""),
  fields: fields.default({}),
  labels: z.array(labelNameSchema).max(50).default([]),
  assignees: z.array(usernameSchema).max(20).default([]),
  owner: usernameSchema.nullable().optional(),
  requiredReviewers: z.array(usernameSchema).max(20).default([]),
  startDate: isoDaySchema.nullable().optional(),
  dueDate: isoDaySchema.nullable().optional(),
  weight: weightSchema.nullable().optional(),
  health: healthSchema.nullable().optional(),
  confidential: z.boolean().default(false),
  milestoneId: z.uuid().nullable().optional(),
  parentId: z.uuid().nullable().optional(),
  /** Save as a draft: required template fields are not enforced yet. */
  draft: z.boolean().default(false),
});
export type CreateWorkItemBody = z.input<typeof createWorkItemBody>;

export const patchWorkItemBody = z.strictObject({
  title: title.optional(),
  description: markdown.optional(),
  /** Merged into the existing values (a key set to null clears it). */
  fields: fields.optional(),
  owner: usernameSchema.nullable().optional(),
  assignees: z.array(usernameSchema).max(20).optional(),
  requiredReviewers: z.array(usernameSchema).max(20).optional(),
  startDate: isoDaySchema.nullable().optional(),
  dueDate: isoDaySchema.nullable().optional(),
  weight: weightSchema.nullable().optional(),
  health: healthSchema.nullable().optional(),
  confidential: z.boolean().optional(),
  milestoneId: z.uuid().nullable().optional(),
  parentId: z.uuid().nullable().optional(),
  status: z.string().min(1).max(50).optional(),
  /** Why the status changes (abort reason, rejection reason), kept in the history. */
  statusNote: z.string().max(2000).optional(),
});
export type PatchWorkItemBody = z.input<typeof patchWorkItemBody>;

/** Label changes apply scoped semantics: adding `Scope::b` removes `Scope::a`. */
export const labelChangeBody = z.strictObject({
  add: z.array(labelNameSchema).max(50).default([]),
  remove: z.array(labelNameSchema).max(50).default([]),
});

export const WORK_SORTS = [
  "-updatedAt",
  "updatedAt",
  "-createdAt",
  "createdAt",
  "dueDate",
  "-number",
  "number",
  "title",
] as const;

export const workListQuery = z.strictObject({
  /** Full-text search over title, description and comments. */
  q: z.string().max(200).optional(),
  kind: workKindSchema.optional(),
  /** Items carrying every given label (comma-separated). */
  label: z.string().max(500).optional(),
  status: z.string().max(50).optional(),
  state: z.enum(["open", "closed", "all"]).default("open"),
  assignee: z.string().max(64).optional(),
  owner: z.string().max(64).optional(),
  milestoneId: z.uuid().optional(),
  parentId: z.uuid().optional(),
  confidential: z.enum(["true", "false"]).optional(),
  /** Only items linked to this asset or finding id. */
  linkedTo: z.string().max(100).optional(),
  sort: z.enum(WORK_SORTS).default("-updatedAt"),
  limit: limitQuery,
  offset: offsetQuery,
});
export type WorkListQuery = z.input<typeof workListQuery>;

export const verdictBody = z.strictObject({
  verdict: z.enum(["approved", "refused"]),
  /** PRR maturity level (Experiment / Beta / GA) the verdict is for. */
  level: z.string().max(50).optional(),
  comment: z.string().max(10_000).optional(),
});

export const changeApprovalBody = z.strictObject({
  requirement: z.enum(["manager_approved", "eoc_approved", "dbre_review", "peer_review"]),
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
});

export const addLinkBody = z.strictObject({
  type: z.enum(WORK_LINK_TYPES),
  targetKind: z.enum(["item", "asset", "finding"]).default("item"),
  /** Item id or number (`#12` / `12`), asset id or key, finding id. */
  target: z.string().trim().min(1).max(200),
});

const itemParams = z.strictObject({ id: z.uuid() });
const linkParams = z.strictObject({ id: z.uuid(), linkId: z.uuid() });

export const workItemsRoutes = {
  list: route({
    method: "GET",
    path: "/api/v1/work/items",
    summary: "Search and filter work items the caller may see",
    tag: "work",
    access: "work:read",
    query: workListQuery,
    response: z.object({ items: z.array(workItemSummarySchema), total: z.number() }),
  }),
  create: route({
    method: "POST",
    path: "/api/v1/work/items",
    summary: "Create a work item from a template",
    tag: "work",
    access: "work:create",
    body: createWorkItemBody,
    response: workItemSchema,
    status: 201,
  }),
  get: route({
    method: "GET",
    path: "/api/v1/work/items/:id",
    summary: "One work item with its derived state",
    tag: "work",
    access: "work:read",
    params: itemParams,
    response: workItemSchema,
  }),
  byNumber: route({
    method: "GET",
    path: "/api/v1/work/items/by-number/:number",
    summary: "One work item by its number",
    tag: "work",
    access: "work:read",
    params: z.strictObject({ number: z.coerce.number().int().positive() }),
    response: workItemSchema,
  }),
  update: route({
    method: "PATCH",
    path: "/api/v1/work/items/:id",
    summary: "Change fields, people, dates or status of a work item",
    tag: "work",
    access: "work:create",
    params: itemParams,
    body: patchWorkItemBody,
    response: workItemSchema,
  }),
  labels: route({
    method: "POST",
    path: "/api/v1/work/items/:id/labels",
    summary: "Add and remove labels (scoped labels replace their scope's value)",
    tag: "work",
    access: "work:create",
    params: itemParams,
    body: labelChangeBody,
    response: workItemSchema,
  }),
  history: route({
    method: "GET",
    path: "/api/v1/work/items/:id/history",
    summary: "Every change of a work item, oldest first",
    tag: "work",
    access: "work:read",
    params: itemParams,
    response: z.object({ items: z.array(workHistoryEntrySchema) }),
  }),
  comments: route({
    method: "GET",
    path: "/api/v1/work/items/:id/comments",
    summary: "Comments on a work item, oldest first",
    tag: "work",
    access: "work:read",
    params: itemParams,
    response: z.object({ items: z.array(workCommentSchema) }),
  }),
  addComment: route({
    method: "POST",
    path: "/api/v1/work/items/:id/comments",
    summary: "Comment on a work item; @username mentions notify the person",
    tag: "work",
    access: "work:create",
    params: itemParams,
    body: z.strictObject({ body: z.string().trim().min(1).max(50_000) }),
    response: workCommentSchema,
    status: 201,
  }),
  verdict: route({
    method: "POST",
    path: "/api/v1/work/items/:id/verdicts",
    summary: "Approve or refuse as one of the item's required reviewers",
    tag: "work",
    access: "work:create",
    params: itemParams,
    body: verdictBody,
    response: workItemSchema,
  }),
  changeApproval: route({
    method: "POST",
    path: "/api/v1/work/items/:id/change-approvals",
    summary: "Record an approval a change request's criticality requires",
    tag: "work",
    access: "work:manage",
    params: itemParams,
    body: changeApprovalBody,
    response: workItemSchema,
  }),
  addLink: route({
    method: "POST",
    path: "/api/v1/work/items/:id/links",
    summary: "Link the item to another item, an asset or a finding",
    tag: "work",
    access: "work:create",
    params: itemParams,
    body: addLinkBody,
    response: workItemSchema,
    status: 201,
  }),
  removeLink: route({
    method: "DELETE",
    path: "/api/v1/work/items/:id/links/:linkId",
    summary: "Remove a link",
    tag: "work",
    access: "work:create",
    params: linkParams,
    response: workItemSchema,
  }),
  /** Used by the guided form to show band and priority before the request is filed. */
  assess: route({
    method: "POST",
    path: "/api/v1/work/assess",
    summary: "Score a security review request's risk answers without saving anything",
    tag: "work",
    access: "work:read",
    body: z.strictObject({ fields }),
    response: z.object({
      score: z.number().nullable(),
      band: z.string().nullable(),
      reviewPriority: z.string().nullable(),
      reviewPriorityLabel: z.string().nullable(),
      errors: z.array(z.object({ field: z.string(), message: z.string() })),
    }),
  }),
};
