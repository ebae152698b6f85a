import { z } from "zod";
import { route } from "../route";
import { usernameSchema } from "../users/users-contract";
import { labelNameSchema, workItemSchema, workItemSummarySchema } from "./work-schemas";
import { boardSchema } from "./work-catalog-contract";

/** Triage queue and report, bulk actions, the Decision Log and board views. */

export const triageQueueSchema = z.object({
  /** Items labelled for triage or without any workflow label yet. */
  untriaged: z.array(workItemSummarySchema),
  /** Items missing fields their template or stage requires, with the missing fields. */
  missingFields: z.array(
    z.object({
      item: workItemSummarySchema,
      missing: z.array(z.object({ field: z.string(), message: z.string() })),
    }),
  ),
  /** Open items without activity for the configured number of days. */
  stale: z.array(z.object({ item: workItemSummarySchema, idleDays: z.number() })),
  staleAfterDays: z.number(),
});
export type TriageQueueView = z.infer<typeof triageQueueSchema>;

export const bulkBody = z.strictObject({
  ids: z.array(z.uuid()).min(1).max(200),
  addLabels: z.array(labelNameSchema).max(20).default([]),
  removeLabels: z.array(labelNameSchema).max(20).default([]),
  /** Replace assignees with these people. */
  assignees: z.array(usernameSchema).max(20).optional(),
  /** Close the items (status done, or the kind's closing status). */
  close: z.boolean().default(false),
});

export const hygieneActionSchema = z.object({
  item: workItemSummarySchema,
  kind: z.enum(["ping_assignee", "add_label", "close"]),
  label: z.string().nullable(),
  reason: z.string(),
});

export const boardViewSchema = z.object({
  board: boardSchema,
  columns: z.array(
    z.object({
      value: z.string(),
      title: z.string(),
      wipLimit: z.number().nullable(),
      count: z.number(),
      overLimit: z.boolean(),
      items: z.array(workItemSummarySchema),
    }),
  ),
  /** Swimlane keys in display order (usernames, then "unassigned") when swimlanes are on. */
  lanes: z.array(z.object({ key: z.string(), title: z.string() })),
});
export type BoardContentView = z.infer<typeof boardViewSchema>;

export const workTriageRoutes = {
  queue: route({
    method: "GET",
    path: "/api/v1/work/triage",
    summary: "The triage queue: new, incomplete and stale items",
    tag: "work",
    access: "work:read",
    response: triageQueueSchema,
  }),
  report: route({
    method: "GET",
    path: "/api/v1/work/triage/report",
    summary: "The triage report as Markdown (for the sync meeting's notes)",
    tag: "work",
    access: "work:read",
    query: z.strictObject({ since: z.iso.date().optional() }),
    response: z.object({ markdown: z.string(), generatedAt: z.string() }),
  }),
  bulk: route({
    method: "POST",
    path: "/api/v1/work/triage/bulk",
    summary: "Label, assign or close many items at once (all or nothing)",
    tag: "work",
    access: "work:manage",
    body: bulkBody,
    response: z.object({ updated: z.number() }),
  }),
  hygiene: route({
    method: "POST",
    path: "/api/v1/work/triage/hygiene",
    summary: "Run the staleness rules (ping, mark stale, auto-close); dryRun lists only",
    tag: "work",
    access: "work:manage",
    body: z.strictObject({ dryRun: z.boolean().default(true) }),
    response: z.object({ actions: z.array(hygieneActionSchema), applied: z.boolean() }),
  }),
  decisions: route({
    method: "GET",
    path: "/api/v1/work/decisions",
    summary: "The Decision Log: items labelled InfraSec::decision, newest first",
    tag: "work",
    access: "work:read",
    query: z.strictObject({ q: z.string().max(200).optional() }),
    response: z.object({ items: z.array(workItemSchema) }),
  }),
  board: route({
    method: "GET",
    path: "/api/v1/work/boards/:id/items",
    summary: "A board's columns with their items and WIP load",
    tag: "work",
    access: "work:read",
    params: z.strictObject({ id: z.uuid() }),
    query: z.strictObject({
      assignee: z.string().max(64).optional(),
      label: z.string().max(500).optional(),
      q: z.string().max(200).optional(),
    }),
    response: boardViewSchema,
  }),
  move: route({
    method: "POST",
    path: "/api/v1/work/boards/:id/move",
    summary: "Move an item to a column: applies the label or status change the column means",
    tag: "work",
    access: "work:manage",
    params: z.strictObject({ id: z.uuid() }),
    body: z.strictObject({ itemId: z.uuid(), to: z.string().min(1).max(100) }),
    response: workItemSchema,
  }),
};
