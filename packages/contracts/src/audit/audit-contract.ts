import { z } from "zod";
import { isoDate, limitQuery, route } from "../route";

export const auditEventSchema = z.object({
  seq: z.number(),
  id: z.string(),
  at: z.string(),
  actorId: z.string().nullable(),
  actorName: z.string(),
  action: z.string(),
  targetType: z.string(),
  targetId: z.string().nullable(),
  requestId: z.string().nullable(),
  summary: z.string(),
  changes: z.record(z.string(), z.unknown()).nullable(),
  hash: z.string(),
});
export type AuditEvent = z.infer<typeof auditEventSchema>;

export const auditFilterQuery = z.strictObject({
  actor: z.string().max(100).optional(),
  action: z.string().max(100).optional(),
  targetType: z.string().max(50).optional(),
  targetId: z.string().max(100).optional(),
  since: isoDate.optional(),
  until: isoDate.optional(),
  q: z.string().max(200).optional(),
});
export type AuditFilter = z.infer<typeof auditFilterQuery>;

export const auditVerifySchema = z.object({
  ok: z.boolean(),
  checked: z.number(),
  firstBroken: z.object({ seq: z.number(), id: z.string(), reason: z.string() }).nullable(),
});
export type AuditVerifyResult = z.infer<typeof auditVerifySchema>;

export const auditRoutes = {
  list: route({
    method: "GET",
    path: "/api/v1/audit",
    summary: "Audit events, newest first, with filters and a cursor",
    tag: "audit",
    access: "audit:read",
    query: auditFilterQuery.extend({
      limit: limitQuery,
      before: z.coerce.number().int().min(1).optional(),
    }),
    response: z.object({ items: z.array(auditEventSchema), nextBefore: z.number().nullable() }),
  }),
  export: route({
    method: "GET",
    path: "/api/v1/audit/export",
    summary: "Export the filtered audit log as NDJSON or CSV",
    tag: "audit",
    access: "audit:export",
    query: auditFilterQuery.extend({ format: z.enum(["ndjson", "csv"]).default("ndjson") }),
    response: z.string(),
    produces: "text/plain",
  }),
  verify: route({
    method: "GET",
    path: "/api/v1/audit/verify",
    summary: "Verify the hash chain of the whole audit log",
    tag: "audit",
    access: "audit:read",
    response: auditVerifySchema,
  }),
};
