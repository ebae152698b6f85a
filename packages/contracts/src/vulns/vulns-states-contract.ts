import { z } from "zod";
import { SEVERITIES } from "@infrasec/core";
import { route } from "../route";
import {
  VULN_DISMISSAL_REASONS,
  VULN_FINDING_STATUSES,
  VULN_IMPORT_MAX_CHARS,
  VULN_SLA_STATES,
} from "./vulns-contract";

/**
 * Finding states in bulk, and the two outside vocabularies for them: CycloneDX VEX and GitLab's
 * vulnerability states. Import applies a VEX document or a GitLab Vulnerability Report CSV to the
 * stored findings of an asset; export writes findings as CycloneDX VEX, a GitLab security report,
 * CSV or SARIF. The mapping tables are in docs/vulns/states-and-exports.md.
 */

/** CycloneDX VEX `analysis.justification` values (mirrors VEX_JUSTIFICATIONS of @infrasec/engines/vulns). */
export const VULN_VEX_JUSTIFICATIONS = [
  "code_not_present",
  "code_not_reachable",
  "requires_configuration",
  "requires_dependency",
  "requires_environment",
  "protected_by_compiler",
  "protected_at_runtime",
  "protected_at_perimeter",
  "protected_by_mitigating_control",
] as const;
export type VulnVexJustification = (typeof VULN_VEX_JUSTIFICATIONS)[number];

/** Most findings one bulk status change accepts. */
export const VULN_BULK_STATUS_MAX_IDS = 1000;

export const vulnBulkStatusBody = z.strictObject({
  ids: z
    .array(z.uuid())
    .min(1, "name at least one finding")
    .max(VULN_BULK_STATUS_MAX_IDS, `at most ${VULN_BULK_STATUS_MAX_IDS} findings per request`),
  status: z.enum(VULN_FINDING_STATUSES),
  /** Required to dismiss. */
  reason: z.enum(VULN_DISMISSAL_REASONS).optional(),
  /** Required to dismiss and to resolve by hand. */
  comment: z.string().max(10_000).optional(),
  /** VEX justification of a dismissal (typically with reason not_affected); kept for VEX export. */
  justification: z.enum(VULN_VEX_JUSTIFICATIONS).optional(),
});
export type VulnBulkStatusBody = z.input<typeof vulnBulkStatusBody>;

export const vulnBulkStatusResultSchema = z.object({
  /** One entry per requested id, in request order. */
  results: z.array(z.object({ id: z.string(), result: z.enum(["changed", "unchanged"]) })),
  changed: z.number(),
  unchanged: z.number(),
});
export type VulnBulkStatusResult = z.infer<typeof vulnBulkStatusResultSchema>;

export const vulnStatesImportBody = z.strictObject({
  /** Asset key or id: the document is applied to this asset's stored findings. */
  asset: z.string().min(1).max(512),
  content: z.string().min(1, "the document is empty").max(VULN_IMPORT_MAX_CHARS),
  /** Recorded in the findings' status source ("vex:<fileName>"). */
  fileName: z.string().max(255).optional(),
});
export type VulnStatesImportBody = z.input<typeof vulnStatesImportBody>;

export const VULN_STATE_ROW_OUTCOMES = ["changed", "skipped", "unmatched"] as const;

export const vulnStatesImportResultSchema = z.object({
  /** Rows (VEX vulnerability × affected component, or CSV line) that found a stored finding. */
  matched: z.number(),
  changed: z.number(),
  skipped: z.number(),
  unmatched: z.number(),
  rows: z.array(
    z.object({
      /** "vulnerabilities[3].affects[0]" or "line 12". */
      where: z.string(),
      vulnId: z.string().nullable(),
      component: z.string().nullable(),
      findingId: z.string().nullable(),
      outcome: z.enum(VULN_STATE_ROW_OUTCOMES),
      /** Why: the change made, or why nothing was changed. */
      reason: z.string(),
    }),
  ),
  /** True when `rows` was cut at its bound (the counts still cover every row). */
  rowsTruncated: z.boolean(),
});
export type VulnStatesImportResult = z.infer<typeof vulnStatesImportResultSchema>;

export const VULN_EXPORT_FORMATS = ["cyclonedx-vex", "gitlab", "csv", "sarif"] as const;
export type VulnExportFormat = (typeof VULN_EXPORT_FORMATS)[number];

/** The findings filters of the list route, without paging: an export covers every match. */
export const vulnExportQuery = z.strictObject({
  format: z.enum(VULN_EXPORT_FORMATS),
  asset: z.string().min(1).max(512).optional(),
  severity: z.enum(SEVERITIES).optional(),
  status: z.enum([...VULN_FINDING_STATUSES, "open", "closed"]).optional(),
  vulnId: z.string().min(1).max(128).optional(),
  package: z.string().min(1).max(256).optional(),
  q: z.string().min(1).max(200).optional(),
  sla: z.enum(VULN_SLA_STATES).optional(),
});
export type VulnExportQuery = z.input<typeof vulnExportQuery>;

export const vulnStatesRoutes = {
  bulkStatus: route({
    method: "POST",
    path: "/api/v1/vulns/findings/bulk-status",
    summary:
      "Change the status of up to 1000 findings at once, all or nothing, with the single-finding rules",
    tag: "vulns",
    access: "vulns:write",
    body: vulnBulkStatusBody,
    response: vulnBulkStatusResultSchema,
  }),
  applyVex: route({
    method: "POST",
    path: "/api/v1/vulns/vex",
    summary:
      "Apply a CycloneDX VEX document (or an SBOM's vulnerabilities[].analysis) to an asset's findings",
    tag: "vulns",
    access: "vulns:write",
    body: vulnStatesImportBody,
    response: vulnStatesImportResultSchema,
  }),
  applyGitlabStates: route({
    method: "POST",
    path: "/api/v1/vulns/gitlab-states",
    summary: "Apply the states of a GitLab Vulnerability Report CSV export to an asset's findings",
    tag: "vulns",
    access: "vulns:write",
    body: vulnStatesImportBody,
    response: vulnStatesImportResultSchema,
  }),
  exportFindings: route({
    method: "GET",
    path: "/api/v1/vulns/export",
    summary:
      "Export the filtered findings as CycloneDX 1.6 VEX, a GitLab security report, CSV or SARIF",
    tag: "vulns",
    access: "vulns:read",
    query: vulnExportQuery,
    response: z.string(),
    produces: "text/plain",
  }),
};
