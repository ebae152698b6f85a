import { z } from "zod";
import { route } from "../route";
import { labelNameSchema, workKindSchema } from "./work-schemas";

/** Labels, templates, boards and workflow settings: the team's configuration as data. */

const color = z.string().regex(/^#[0-9a-fA-F]{6}$/, "a colour is #rrggbb");

export const labelSchema = z.object({
  name: z.string(),
  /** The part before the last `::`, or null for an unscoped label. */
  scope: z.string().nullable(),
  color: z.string(),
  description: z.string(),
  /** How many items carry the label. */
  usage: z.number(),
  createdAt: z.string(),
});
export type LabelView = z.infer<typeof labelSchema>;

export const labelBody = z.strictObject({
  name: labelNameSchema,
  color,
  description: z.string().max(500).default(""),
});

/** No defaults here: zod's `.partial()` would still fill `description` and wipe it on rename. */
export const labelPatchBody = z.strictObject({
  name: labelNameSchema.optional(),
  color: color.optional(),
  description: z.string().max(500).optional(),
});

const labelParams = z.strictObject({ name: z.string().min(1).max(100) });

export const workTemplateSummarySchema = z.object({
  id: z.string(),
  kind: workKindSchema,
  name: z.string(),
  description: z.string(),
  version: z.number(),
  /** True when an admin changed the shipped definition. */
  customized: z.boolean(),
  updatedAt: z.string(),
});

/** The full definition is the workflow engine's template document (sections and fields). */
export const workTemplateSchema = workTemplateSummarySchema.extend({
  definition: z.record(z.string(), z.unknown()),
});
export type TemplateView = z.infer<typeof workTemplateSchema>;

const templateParams = z.strictObject({
  id: z
    .string()
    .regex(/^[a-z][a-z0-9-]*$/)
    .max(100),
});

export const boardColumnSchema = z.object({
  /** Label name (scope mode) or status (status mode). */
  value: z.string(),
  title: z.string(),
  wipLimit: z.number().int().positive().nullable(),
});

export const boardSchema = z.object({
  id: z.string(),
  name: z.string(),
  mode: z.enum(["scope", "status"]),
  /** Label scope the columns are values of, in scope mode (`InfraSec`). */
  scope: z.string().nullable(),
  columns: z.array(boardColumnSchema),
  swimlanes: z.enum(["none", "assignee"]),
  /** Only items with every one of these labels appear on the board. */
  filterLabels: z.array(z.string()),
  kind: workKindSchema.nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type BoardView = z.infer<typeof boardSchema>;

export const boardBody = z.strictObject({
  name: z.string().trim().min(1).max(100),
  mode: z.enum(["scope", "status"]),
  scope: z.string().max(100).nullable().default(null),
  columns: z
    .array(
      z.strictObject({
        value: z.string().min(1).max(100),
        title: z.string().max(100).optional(),
        wipLimit: z.number().int().positive().max(1000).nullable().default(null),
      }),
    )
    .min(1)
    .max(20),
  swimlanes: z.enum(["none", "assignee"]).default("none"),
  filterLabels: z.array(labelNameSchema).max(10).default([]),
  kind: workKindSchema.nullable().default(null),
});

export const workSettingsSchema = z.object({
  /** Open items without activity for this many days are listed as stale in triage. */
  staleAfterDays: z.number().int().min(1).max(3650),
  /** Close items labelled stale after this many months without activity. */
  autoCloseEnabled: z.boolean(),
  autoCloseAfterMonths: z.number().int().min(1).max(120),
  /** Team label every new item gets. */
  teamLabel: z.string(),
  cadence: z.enum(["weekly", "fortnightly"]),
});
export type WorkSettings = z.infer<typeof workSettingsSchema>;

const boardParams = z.strictObject({ id: z.uuid() });

export const workCatalogRoutes = {
  listLabels: route({
    method: "GET",
    path: "/api/v1/work/labels",
    summary: "The label catalogue with usage counts",
    tag: "work",
    access: "work:read",
    query: z.strictObject({ q: z.string().max(100).optional() }),
    response: z.object({ items: z.array(labelSchema) }),
  }),
  createLabel: route({
    method: "POST",
    path: "/api/v1/work/labels",
    summary: "Add a label to the catalogue",
    tag: "work",
    access: "work:manage",
    body: labelBody,
    response: labelSchema,
    status: 201,
  }),
  updateLabel: route({
    method: "PATCH",
    path: "/api/v1/work/labels/:name",
    summary: "Rename, recolour or describe a label (renames apply to every item)",
    tag: "work",
    access: "work:manage",
    params: labelParams,
    body: labelPatchBody,
    response: labelSchema,
  }),
  deleteLabel: route({
    method: "DELETE",
    path: "/api/v1/work/labels/:name",
    summary: "Delete a label and remove it from every item",
    tag: "work",
    access: "work:manage",
    params: labelParams,
    response: z.undefined(),
    status: 204,
  }),
  listTemplates: route({
    method: "GET",
    path: "/api/v1/work/templates",
    summary: "Work-item templates",
    tag: "work",
    access: "work:read",
    response: z.object({ items: z.array(workTemplateSchema) }),
  }),
  getTemplate: route({
    method: "GET",
    path: "/api/v1/work/templates/:id",
    summary: "One template with its sections and fields",
    tag: "work",
    access: "work:read",
    params: templateParams,
    response: workTemplateSchema,
  }),
  updateTemplate: route({
    method: "PUT",
    path: "/api/v1/work/templates/:id",
    summary: "Replace a template's definition (validated; the version goes up)",
    tag: "work",
    access: "settings:manage",
    params: templateParams,
    body: z.strictObject({ definition: z.record(z.string(), z.unknown()) }),
    response: workTemplateSchema,
  }),
  resetTemplate: route({
    method: "POST",
    path: "/api/v1/work/templates/:id/reset",
    summary: "Restore the shipped definition of a template",
    tag: "work",
    access: "settings:manage",
    params: templateParams,
    response: workTemplateSchema,
  }),
  listBoards: route({
    method: "GET",
    path: "/api/v1/work/boards",
    summary: "Boards",
    tag: "work",
    access: "work:read",
    response: z.object({ items: z.array(boardSchema) }),
  }),
  createBoard: route({
    method: "POST",
    path: "/api/v1/work/boards",
    summary: "Create a board",
    tag: "work",
    access: "work:manage",
    body: boardBody,
    response: boardSchema,
    status: 201,
  }),
  updateBoard: route({
    method: "PUT",
    path: "/api/v1/work/boards/:id",
    summary: "Replace a board's configuration",
    tag: "work",
    access: "work:manage",
    params: boardParams,
    body: boardBody,
    response: boardSchema,
  }),
  deleteBoard: route({
    method: "DELETE",
    path: "/api/v1/work/boards/:id",
    summary: "Delete a board (items are untouched)",
    tag: "work",
    access: "work:manage",
    params: boardParams,
    response: z.undefined(),
    status: 204,
  }),
  getSettings: route({
    method: "GET",
    path: "/api/v1/work/settings",
    summary: "Workflow settings (staleness, auto-close, team label, cadence)",
    tag: "work",
    access: "work:read",
    response: workSettingsSchema,
  }),
  updateSettings: route({
    method: "PUT",
    path: "/api/v1/work/settings",
    summary: "Change workflow settings",
    tag: "work",
    access: "settings:manage",
    body: workSettingsSchema.partial().strict(),
    response: workSettingsSchema,
  }),
};
