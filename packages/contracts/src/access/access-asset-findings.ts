import { z } from "zod";
import { SEVERITIES } from "@infrasec/core";
import { limitQuery, offsetQuery } from "../route";
import { ACCESS_PROVIDERS, accessSeverityCountsSchema } from "./access-schemas";

/**
 * Access findings in the shared asset model: every snapshot is linked to the inventory asset of
 * its AWS account, GCP organization/project or Kubernetes cluster, and its findings are stored
 * against that asset. The asset's open access findings are those of its latest snapshot.
 * Guide: docs/access/platform.md ("Findings on assets").
 */

export const assetAccessFindingsQuery = z.strictObject({
  severity: z.enum(SEVERITIES).optional(),
  limit: limitQuery,
  offset: offsetQuery,
});
export type AssetAccessFindingsQuery = z.input<typeof assetAccessFindingsQuery>;

export const assetAccessFindingSchema = z.object({
  id: z.string(),
  snapshotId: z.string(),
  ruleId: z.string(),
  severity: z.enum(SEVERITIES),
  principal: z.string(),
  title: z.string(),
  evidence: z.string(),
});
export type AssetAccessFinding = z.infer<typeof assetAccessFindingSchema>;

export const assetAccessFindingsSchema = z.object({
  /** The latest snapshot linked to the asset; null when none is. */
  snapshot: z
    .object({
      id: z.string(),
      name: z.string(),
      provider: z.enum(ACCESS_PROVIDERS),
      createdAt: z.string(),
    })
    .nullable(),
  /** Open findings per severity (all of them, whatever the filter). */
  bySeverity: accessSeverityCountsSchema,
  items: z.array(assetAccessFindingSchema),
  /** Findings matching the filter. */
  total: z.number(),
});
export type AssetAccessFindings = z.infer<typeof assetAccessFindingsSchema>;
