import { z } from "zod";
import { ENVIRONMENTS, EXPOSURES, SEVERITIES } from "@infrasec/core";
import { idParams, route } from "../route";

/**
 * The remediation (SLA) policy as data, and the recomputation of stored deadlines an edit
 * queues (issue 4, point 5). Behaviour: docs/vulns/sla-and-metrics.md, "When deadlines are
 * recomputed". Field meanings follow the engine's SlaPolicy (engines/src/vulns/sla-policy.ts).
 */

const days = z.number().int().min(1).max(3650);
const target = z.strictObject({
  remediateDays: days.nullable(),
  mitigateHours: z.number().int().min(1).max(8760).nullable().optional(),
});
const targets = z.strictObject({
  critical: target,
  high: target,
  medium: target,
  low: target,
  info: target,
});
const override = z.strictObject({
  when: z.strictObject({
    criticality: z.array(z.number().int().min(1).max(4)).max(4).optional(),
    environment: z.array(z.enum(ENVIRONMENTS)).max(5).optional(),
    exposure: z.array(z.enum(EXPOSURES)).max(3).optional(),
    severity: z.array(z.enum(SEVERITIES)).max(5).optional(),
  }),
  remediateDays: days.optional(),
  factor: z.number().positive().max(10).optional(),
  reason: z.string().min(1).max(200),
});
const exploitRule = z.strictObject({
  when: z.strictObject({
    exploitable: z.boolean().optional(),
    internetFacing: z.boolean().optional(),
  }),
  days,
  reason: z.string().min(1).max(200),
});

export const vulnSlaPolicySchema = z.object({
  id: z.string(),
  version: z.number(),
  name: z.string(),
  targets,
  thirdPartyClockStart: z.enum(["detection", "fix_available"]),
  kevCap: z.boolean(),
  epssThreshold: z.number().nullable(),
  exploitRules: z.array(exploitRule).readonly(),
  overrides: z.array(override).readonly(),
  exceptionEffect: z.enum(["pause", "restart", "none"]),
  restartOnReactivation: z.boolean(),
  dueSoonDays: z.number(),
  calendar: z.enum(["calendar", "business"]),
});
export type VulnSlaPolicy = z.infer<typeof vulnSlaPolicySchema>;

/** An edit: any policy field, on top of a preset (`preset`) or of the current policy. */
export const vulnSlaPolicyEditBody = z.strictObject({
  preset: z.string().min(1).max(64).optional(),
  name: z.string().min(1).max(200).optional(),
  targets: targets.optional(),
  thirdPartyClockStart: z.enum(["detection", "fix_available"]).optional(),
  kevCap: z.boolean().optional(),
  epssThreshold: z.number().min(0).max(1).nullable().optional(),
  exploitRules: z.array(exploitRule).max(20).optional(),
  overrides: z.array(override).max(50).optional(),
  exceptionEffect: z.enum(["pause", "restart", "none"]).optional(),
  restartOnReactivation: z.boolean().optional(),
  dueSoonDays: z.number().int().min(0).max(90).optional(),
  calendar: z.enum(["calendar", "business"]).optional(),
});
export type VulnSlaPolicyEdit = z.input<typeof vulnSlaPolicyEditBody>;

/** A recomputation of stored deadlines (a policy edit's, or an asset change's). */
export const vulnSlaRecomputeSchema = z.object({
  id: z.string(),
  scope: z.enum(["policy", "asset"]),
  assetId: z.string().nullable(),
  /** policy id@version the deadlines are computed with. */
  policy: z.string(),
  reason: z.string(),
  status: z.enum(["queued", "running", "done", "failed"]),
  /** Open findings to visit (counted when queued), visited, and whose deadline moved. */
  total: z.number(),
  done: z.number(),
  changed: z.number(),
  error: z.string().nullable(),
  createdAt: z.string(),
  finishedAt: z.string().nullable(),
});
export type VulnSlaRecompute = z.infer<typeof vulnSlaRecomputeSchema>;

export const vulnSlaPolicyViewSchema = z.object({
  policy: vulnSlaPolicySchema,
  /** What stored deadlines name: `id@version`. */
  stamp: z.string(),
  /** "stored": edited through the API; "configured": the server's preset. */
  source: z.enum(["stored", "configured"]),
  updatedAt: z.string().nullable(),
  updatedBy: z.string().nullable(),
  presets: z.array(z.string()),
  /** The last policy recomputation (the one this edit queued, in an edit's response). */
  recompute: vulnSlaRecomputeSchema.nullable(),
});
export type VulnSlaPolicyView = z.infer<typeof vulnSlaPolicyViewSchema>;

export const vulnSlaPolicyRoutes = {
  getSlaPolicy: route({
    method: "GET",
    path: "/api/v1/vulns/sla/policy",
    summary: "The remediation policy deadlines are computed with, and its last recomputation",
    tag: "vulns",
    access: "vulns:read",
    response: vulnSlaPolicyViewSchema,
  }),
  updateSlaPolicy: route({
    method: "PUT",
    path: "/api/v1/vulns/sla/policy",
    summary:
      "Edit the remediation policy (a new version); every open finding's deadline is recomputed in the background",
    tag: "vulns",
    access: "settings:manage",
    body: vulnSlaPolicyEditBody,
    response: vulnSlaPolicyViewSchema,
  }),
  getSlaRecompute: route({
    method: "GET",
    path: "/api/v1/vulns/sla/recomputes/:id",
    summary: "Progress of a deadline recomputation (policy edit or asset change)",
    tag: "vulns",
    access: "vulns:read",
    params: idParams,
    response: vulnSlaRecomputeSchema,
  }),
};
