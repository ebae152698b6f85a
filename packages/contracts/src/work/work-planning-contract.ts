import { z } from "zod";
import { route } from "../route";
import { usernameSchema } from "../users/users-contract";
import { healthSchema, isoDaySchema, userRefSchema, workItemSummarySchema } from "./work-schemas";

/** Epics' progress and status updates, quarterly milestones with burnup, OKRs, roadmap. */

const idParams = z.strictObject({ id: z.uuid() });

export const progressSchema = z.object({
  total: z.number(),
  closed: z.number(),
  totalWeight: z.number(),
  closedWeight: z.number(),
  /** 0–100, by weight when children carry weights, else by count. */
  percent: z.number(),
});

export const statusUpdateSchema = z.object({
  id: z.string(),
  itemId: z.string(),
  health: healthSchema,
  body: z.string(),
  author: userRefSchema.nullable(),
  createdAt: z.string(),
});

export const epicSchema = z.object({
  item: workItemSummarySchema,
  progress: progressSchema,
  children: z.array(workItemSummarySchema),
  updates: z.array(statusUpdateSchema),
  /** Health assessed from progress against dates and update freshness, with reasons. */
  assessed: z.object({ health: healthSchema, reasons: z.array(z.string()) }),
  startDate: z.string().nullable(),
  dueDate: z.string().nullable(),
  objectiveIds: z.array(z.string()),
});
export type EpicView = z.infer<typeof epicSchema>;

export const milestoneSchema = z.object({
  id: z.string(),
  title: z.string(),
  description: z.string(),
  startDate: z.string(),
  dueDate: z.string(),
  state: z.enum(["active", "closed"]),
  progress: progressSchema,
  createdAt: z.string(),
});
export type MilestoneView = z.infer<typeof milestoneSchema>;

export const milestoneBody = z.strictObject({
  title: z.string().trim().min(1).max(200),
  description: z.string().max(10_000).default(""),
  startDate: isoDaySchema,
  dueDate: isoDaySchema,
  state: z.enum(["active", "closed"]).default("active"),
});

export const burnupSchema = z.object({
  milestone: milestoneSchema,
  points: z.array(
    z.object({ day: z.string(), scope: z.number(), completed: z.number(), unit: z.string() }),
  ),
  items: z.array(workItemSummarySchema),
});

export const keyResultSchema = z.object({
  id: z.string(),
  objectiveId: z.string(),
  title: z.string(),
  owner: userRefSchema.nullable(),
  startValue: z.number(),
  target: z.number(),
  current: z.number(),
  unit: z.string(),
  /** 0–100 progress from start to target. */
  score: z.number(),
  /** on_target 85–100, off_target 70–84, at_risk 0–69. */
  band: z.enum(["on_target", "off_target", "at_risk"]),
  updatedAt: z.string(),
});

export const objectiveSchema = z.object({
  id: z.string(),
  title: z.string(),
  description: z.string(),
  quarter: z.string(),
  owner: userRefSchema.nullable(),
  keyResults: z.array(keyResultSchema),
  score: z.number(),
  band: z.enum(["on_target", "off_target", "at_risk"]),
  /** False while the objective has no key results: its score 0 means "not scored yet". */
  scored: z.boolean(),
  epics: z.array(workItemSummarySchema),
  createdAt: z.string(),
});
export type ObjectiveView = z.infer<typeof objectiveSchema>;

/** A quarter is written `2026-Q4`. */
export const quarterSchema = z.string().regex(/^\d{4}-Q[1-4]$/, "a quarter is written 2026-Q4");

export const objectiveBody = z.strictObject({
  title: z.string().trim().min(1).max(300),
  description: z.string().max(10_000).default(""),
  quarter: quarterSchema,
  owner: usernameSchema.nullable().default(null),
  epicIds: z.array(z.uuid()).max(50).default([]),
});

export const keyResultBody = z.strictObject({
  title: z.string().trim().min(1).max(300),
  owner: usernameSchema.nullable().default(null),
  startValue: z.number().default(0),
  target: z.number(),
  current: z.number().default(0),
  unit: z.string().max(30).default(""),
});

/**
 * A key-result change: only the fields sent change. (`keyResultBody.partial()` would still fill
 * the defaults of the fields left out, resetting them.)
 */
export const keyResultPatchBody = z.strictObject({
  title: z.string().trim().min(1).max(300).optional(),
  owner: usernameSchema.nullable().optional(),
  startValue: z.number().optional(),
  target: z.number().optional(),
  current: z.number().optional(),
  unit: z.string().max(30).optional(),
});

export const workPlanningRoutes = {
  epics: route({
    method: "GET",
    path: "/api/v1/work/epics",
    summary: "Epics with progress, health and latest status update",
    tag: "work",
    access: "work:read",
    query: z.strictObject({ state: z.enum(["open", "closed", "all"]).default("open") }),
    response: z.object({ items: z.array(epicSchema) }),
  }),
  epic: route({
    method: "GET",
    path: "/api/v1/work/epics/:id",
    summary: "One epic with children, progress and status updates",
    tag: "work",
    access: "work:read",
    params: idParams,
    response: epicSchema,
  }),
  addStatusUpdate: route({
    method: "POST",
    path: "/api/v1/work/items/:id/status-updates",
    summary: "Post a dated status update with a health (epics and items)",
    tag: "work",
    access: "work:create",
    params: idParams,
    body: z.strictObject({ health: healthSchema, body: z.string().trim().min(1).max(20_000) }),
    response: statusUpdateSchema,
    status: 201,
  }),
  roadmap: route({
    method: "GET",
    path: "/api/v1/work/roadmap",
    summary: "Epics placed on a quarter timeline",
    tag: "work",
    access: "work:read",
    query: z.strictObject({
      from: quarterSchema.optional(),
      quarters: z.coerce.number().int().min(1).max(8).default(4),
    }),
    response: z.object({
      quarters: z.array(z.object({ name: z.string(), start: z.string(), end: z.string() })),
      epics: z.array(epicSchema),
    }),
  }),
  listMilestones: route({
    method: "GET",
    path: "/api/v1/work/milestones",
    summary: "Milestones with progress",
    tag: "work",
    access: "work:read",
    query: z.strictObject({ state: z.enum(["active", "closed", "all"]).default("all") }),
    response: z.object({ items: z.array(milestoneSchema) }),
  }),
  createMilestone: route({
    method: "POST",
    path: "/api/v1/work/milestones",
    summary: "Create a milestone",
    tag: "work",
    access: "work:manage",
    body: milestoneBody,
    response: milestoneSchema,
    status: 201,
  }),
  updateMilestone: route({
    method: "PUT",
    path: "/api/v1/work/milestones/:id",
    summary: "Change a milestone",
    tag: "work",
    access: "work:manage",
    params: idParams,
    body: milestoneBody,
    response: milestoneSchema,
  }),
  burnup: route({
    method: "GET",
    path: "/api/v1/work/milestones/:id/burnup",
    summary: "Daily scope and completed series of a milestone",
    tag: "work",
    access: "work:read",
    params: idParams,
    query: z.strictObject({ unit: z.enum(["count", "weight"]).default("count") }),
    response: burnupSchema,
  }),
  listObjectives: route({
    method: "GET",
    path: "/api/v1/work/objectives",
    summary: "OKRs of a quarter",
    tag: "work",
    access: "work:read",
    query: z.strictObject({ quarter: quarterSchema.optional() }),
    response: z.object({ items: z.array(objectiveSchema) }),
  }),
  createObjective: route({
    method: "POST",
    path: "/api/v1/work/objectives",
    summary: "Create an objective",
    tag: "work",
    access: "work:manage",
    body: objectiveBody,
    response: objectiveSchema,
    status: 201,
  }),
  updateObjective: route({
    method: "PUT",
    path: "/api/v1/work/objectives/:id",
    summary: "Change an objective and its linked epics",
    tag: "work",
    access: "work:manage",
    params: idParams,
    body: objectiveBody,
    response: objectiveSchema,
  }),
  deleteObjective: route({
    method: "DELETE",
    path: "/api/v1/work/objectives/:id",
    summary: "Delete an objective and its key results",
    tag: "work",
    access: "work:manage",
    params: idParams,
    response: z.undefined(),
    status: 204,
  }),
  addKeyResult: route({
    method: "POST",
    path: "/api/v1/work/objectives/:id/key-results",
    summary: "Add a key result",
    tag: "work",
    access: "work:manage",
    params: idParams,
    body: keyResultBody,
    response: objectiveSchema,
    status: 201,
  }),
  updateKeyResult: route({
    method: "PUT",
    path: "/api/v1/work/key-results/:id",
    summary: "Change a key result (its owner may update the current value)",
    tag: "work",
    access: "work:create",
    params: idParams,
    body: keyResultPatchBody,
    response: objectiveSchema,
  }),
  deleteKeyResult: route({
    method: "DELETE",
    path: "/api/v1/work/key-results/:id",
    summary: "Delete a key result",
    tag: "work",
    access: "work:manage",
    params: idParams,
    response: objectiveSchema,
  }),
};
