import { z } from "zod";

/** Asset inventory vocabulary (docs/ARCHITECTURE.md: the spine every capability links to). */
export const ASSET_KINDS = [
  "service",
  "host",
  "container_image",
  "cloud_account",
  "k8s_cluster",
  "k8s_namespace",
  "repository",
  "database",
  "bucket",
  "network",
] as const;
export const assetKindSchema = z.enum(ASSET_KINDS);
export type AssetKind = z.infer<typeof assetKindSchema>;

export const ENVIRONMENTS = ["production", "staging", "development", "test", "other"] as const;
export const environmentSchema = z.enum(ENVIRONMENTS);
export type Environment = z.infer<typeof environmentSchema>;

export const EXPOSURES = ["internet_facing", "internal", "isolated"] as const;
export const exposureSchema = z.enum(EXPOSURES);
export type Exposure = z.infer<typeof exposureSchema>;

/** GitLab-style data classification: red (most sensitive) to green (public). */
export const DATA_CLASSIFICATIONS = ["red", "orange", "yellow", "green"] as const;
export const dataClassificationSchema = z.enum(DATA_CLASSIFICATIONS);
export type DataClassification = z.infer<typeof dataClassificationSchema>;

/** Criticality 1 (most critical) to 4 (least). */
export const criticalitySchema = z.number().int().min(1).max(4);

/**
 * Identifier types that scanners and sensors report. `correlate` finds an asset by any of them.
 * Values are normalized (see normalizeIdentifier) before storage and lookup.
 */
export const IDENTIFIER_TYPES = [
  "hostname",
  "ip",
  "fqdn",
  "cloud_resource_id",
  "image",
  "image_digest",
  "repository_url",
  "k8s",
  "name",
] as const;
export const identifierTypeSchema = z.enum(IDENTIFIER_TYPES);
export type IdentifierType = z.infer<typeof identifierTypeSchema>;

export const assetIdentifierSchema = z.strictObject({
  type: identifierTypeSchema,
  value: z.string().trim().min(1).max(512),
});
export type AssetIdentifier = z.infer<typeof assetIdentifierSchema>;

const tagSchema = z
  .string()
  .trim()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9_.:/=-]+$/, "tags use letters, digits and _ . : / = -");

/** What a client sends to create or upsert an asset. `key` is the idempotency key for imports. */
export const assetInputSchema = z.strictObject({
  key: z
    .string()
    .trim()
    .min(1)
    .max(200)
    .regex(/^[A-Za-z0-9_.:/@-]+$/, "key uses letters, digits and _ . : / @ -"),
  name: z.string().trim().min(1).max(200),
  kind: assetKindSchema,
  description: z.string().max(4000).optional(),
  ownerTeam: z.string().trim().min(1).max(100).nullable().optional(),
  environment: environmentSchema.default("production"),
  criticality: criticalitySchema.default(3),
  exposure: exposureSchema.default("internal"),
  dataClassification: dataClassificationSchema.default("yellow"),
  tags: z.array(tagSchema).max(50).default([]),
  identifiers: z.array(assetIdentifierSchema).max(100).default([]),
});
export type AssetInput = z.input<typeof assetInputSchema>;
export type AssetInputParsed = z.output<typeof assetInputSchema>;

/** Normalization applied to identifiers before storing and before looking them up. */
export function normalizeIdentifier(type: IdentifierType, raw: string): string {
  const v = raw.trim();
  switch (type) {
    case "hostname":
    case "fqdn":
      return v.toLowerCase().replace(/\.$/, "");
    case "ip":
      return v.toLowerCase().replace(/^\[|\]$/g, "");
    case "repository_url":
      return v
        .toLowerCase()
        .replace(/^(https?|ssh|git):\/\//, "")
        .replace(/^git@([^:]+):/, "$1/")
        .replace(/\.git$/, "")
        .replace(/\/+$/, "");
    case "image":
      return normalizeImageRef(v);
    case "image_digest":
      return v.toLowerCase();
    default:
      return v;
  }
}

/** `nginx` → `docker.io/library/nginx:latest`; keeps registry, path and tag otherwise. */
export function normalizeImageRef(ref: string): string {
  let rest = ref.trim();
  const at = rest.indexOf("@");
  if (at >= 0) rest = rest.slice(0, at);
  const parts = rest.split("/");
  const first = parts[0] ?? "";
  const hasRegistry =
    parts.length > 1 && (first.includes(".") || first.includes(":") || first === "localhost");
  let repoPath = hasRegistry ? parts.slice(1).join("/") : rest;
  const registry = hasRegistry ? first.toLowerCase() : "docker.io";
  const lastSlash = repoPath.lastIndexOf("/");
  const colon = repoPath.lastIndexOf(":");
  let tag = "latest";
  if (colon > lastSlash) {
    tag = repoPath.slice(colon + 1);
    repoPath = repoPath.slice(0, colon);
  }
  if (registry === "docker.io" && !repoPath.includes("/")) repoPath = `library/${repoPath}`;
  return `${registry}/${repoPath.toLowerCase()}:${tag}`;
}
