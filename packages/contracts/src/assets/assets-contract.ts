import { z } from "zod";
import {
  ASSET_KINDS,
  DATA_CLASSIFICATIONS,
  ENVIRONMENTS,
  EXPOSURES,
  assetIdentifierSchema,
  assetInputSchema,
  identifierTypeSchema,
} from "@infrasec/core";
import { idParams, limitQuery, offsetQuery, route } from "../route";
import { auditEventSchema } from "../audit/audit-contract";

export const assetSchema = z.object({
  id: z.string(),
  key: z.string(),
  name: z.string(),
  kind: z.enum(ASSET_KINDS),
  description: z.string(),
  ownerTeam: z.string().nullable(),
  environment: z.enum(ENVIRONMENTS),
  criticality: z.number(),
  exposure: z.enum(EXPOSURES),
  dataClassification: z.enum(DATA_CLASSIFICATIONS),
  tags: z.array(z.string()),
  identifiers: z.array(assetIdentifierSchema),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Asset = z.infer<typeof assetSchema>;

export const ASSET_SORTS = [
  "name",
  "-name",
  "criticality",
  "-criticality",
  "updatedAt",
  "-updatedAt",
  "kind",
] as const;

export const assetListQuery = z.strictObject({
  q: z.string().max(200).optional(),
  kind: z.enum(ASSET_KINDS).optional(),
  ownerTeam: z.string().max(100).optional(),
  environment: z.enum(ENVIRONMENTS).optional(),
  criticality: z.coerce.number().int().min(1).max(4).optional(),
  exposure: z.enum(EXPOSURES).optional(),
  dataClassification: z.enum(DATA_CLASSIFICATIONS).optional(),
  tag: z.string().max(64).optional(),
  sort: z.enum(ASSET_SORTS).default("name"),
  limit: limitQuery,
  offset: offsetQuery,
});
export type AssetListQuery = z.input<typeof assetListQuery>;

export const assetPatchBody = assetInputSchema.omit({ key: true }).partial();

export const importFormatSchema = z.enum(["yaml", "json", "csv"]);
export type ImportFormat = z.infer<typeof importFormatSchema>;

export const importResultSchema = z.object({
  created: z.number(),
  updated: z.number(),
  unchanged: z.number(),
  total: z.number(),
});
export type ImportResult = z.infer<typeof importResultSchema>;

export const assetsRoutes = {
  list: route({
    method: "GET",
    path: "/api/v1/assets",
    summary: "Search and filter the asset inventory",
    tag: "assets",
    access: "assets:read",
    query: assetListQuery,
    response: z.object({ items: z.array(assetSchema), total: z.number() }),
  }),
  create: route({
    method: "POST",
    path: "/api/v1/assets",
    summary: "Create an asset",
    tag: "assets",
    access: "assets:write",
    body: assetInputSchema,
    status: 201,
    response: assetSchema,
  }),
  get: route({
    method: "GET",
    path: "/api/v1/assets/:id",
    summary: "Get an asset",
    tag: "assets",
    access: "assets:read",
    params: idParams,
    response: assetSchema,
  }),
  update: route({
    method: "PATCH",
    path: "/api/v1/assets/:id",
    summary: "Change an asset's fields (identifiers and tags are replaced when given)",
    tag: "assets",
    access: "assets:write",
    params: idParams,
    body: assetPatchBody,
    response: assetSchema,
  }),
  remove: route({
    method: "DELETE",
    path: "/api/v1/assets/:id",
    summary: "Delete an asset",
    tag: "assets",
    access: "assets:write",
    params: idParams,
    status: 204,
    response: z.undefined(),
  }),
  import: route({
    method: "POST",
    path: "/api/v1/assets/import",
    summary: "Bulk upsert by key from YAML, JSON or CSV; all or nothing",
    tag: "assets",
    access: "assets:write",
    body: z.strictObject({ format: importFormatSchema, content: z.string().max(10_000_000) }),
    response: importResultSchema,
  }),
  correlate: route({
    method: "GET",
    path: "/api/v1/assets/correlate",
    summary: "Find the asset that a scanner's or sensor's identifier belongs to",
    tag: "assets",
    access: "assets:read",
    query: z.strictObject({
      value: z.string().min(1).max(512),
      type: identifierTypeSchema.optional(),
    }),
    response: z.object({
      asset: assetSchema.nullable(),
      matchedBy: identifierTypeSchema.nullable(),
    }),
  }),
  history: route({
    method: "GET",
    path: "/api/v1/assets/:id/history",
    summary: "Audit events about this asset, newest first",
    tag: "assets",
    access: "assets:read",
    params: idParams,
    response: z.object({ items: z.array(auditEventSchema) }),
  }),
};
