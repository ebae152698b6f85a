import { z } from "zod";
import { SEVERITIES } from "@infrasec/core";
import { limitQuery, offsetQuery, route } from "../route";

/**
 * Exploitation enrichment (EPSS, CISA KEV), the stored priority and fix actions (issue 4,
 * second platform increment). Feeds are imported from files, so air-gapped installations
 * refresh them by copying two files; see docs/vulns/enrichment.md.
 */

export const VULN_ENRICHMENT_SOURCES = ["epss", "kev"] as const;
export type VulnEnrichmentSource = (typeof VULN_ENRICHMENT_SOURCES)[number];

/**
 * Largest EPSS CSV accepted in one request body, in characters (the daily file is about 10 MB
 * uncompressed). The server's body limit applies first; the CLI's local mode has no HTTP limit.
 */
export const VULN_EPSS_MAX_CHARS = 64 * 1024 * 1024;
/** Largest KEV catalog accepted, in characters (the catalog is about 1.5 MB). */
export const VULN_KEV_MAX_CHARS = 32 * 1024 * 1024;

export const VULN_PRIORITY_BANDS = ["P1", "P2", "P3", "P4"] as const;
export type VulnPriorityBand = (typeof VULN_PRIORITY_BANDS)[number];

/** One additive contribution to a priority score, shown as-is. */
export const vulnPriorityFactorSchema = z.object({
  factor: z.enum(["severity", "exploitation", "exposure", "criticality"]),
  /** What the factor was computed from, e.g. "CVSS 9.8", "in CISA KEV", "internet_facing". */
  input: z.string(),
  points: z.number(),
  max: z.number(),
  note: z.string().optional(),
});
export type VulnPriorityFactor = z.infer<typeof vulnPriorityFactorSchema>;

/** Priority as list rows carry it: 0–100 and its band (P1 most urgent). */
export const vulnPrioritySummarySchema = z.object({
  score: z.number(),
  band: z.enum(VULN_PRIORITY_BANDS),
});
export type VulnPrioritySummary = z.infer<typeof vulnPrioritySummarySchema>;

/** Priority on the finding detail: recomputed on read from the stored inputs, with its arithmetic. */
export const vulnPrioritySchema = vulnPrioritySummarySchema.extend({
  model: z.string(),
  factors: z.array(vulnPriorityFactorSchema),
  explanation: z.string(),
});
export type VulnPriority = z.infer<typeof vulnPrioritySchema>;

/** EPSS of a finding: the maximum over its alias group, with that CVE's own percentile. */
export const vulnEpssSchema = z.object({
  score: z.number(),
  percentile: z.number().nullable(),
});
export type VulnEpss = z.infer<typeof vulnEpssSchema>;

/** The KEV entry of a finding (earliest dateAdded over its alias group). */
export const vulnKevSchema = z.object({
  cve: z.string(),
  dateAdded: z.string(),
  /** CISA's remediation due date for US federal agencies; caps the deadline when the policy says so. */
  dueDate: z.string().nullable(),
  /** knownRansomwareCampaignUse = "Known". */
  ransomware: z.boolean(),
});
export type VulnKev = z.infer<typeof vulnKevSchema>;

export const vulnCvssSchema = z.object({
  /** "2.0", "3.0", "3.1" or "4.0"; null when no vector is known. */
  version: z.string().nullable(),
  score: z.number().nullable(),
  vector: z.string().nullable(),
});
export type VulnCvss = z.infer<typeof vulnCvssSchema>;

/** A feed as last imported. */
export const vulnEnrichmentSourceSchema = z.object({
  source: z.enum(VULN_ENRICHMENT_SOURCES),
  /** EPSS model_version (v2025.03.14) or KEV catalogVersion. */
  version: z.string().nullable(),
  /** EPSS score_date or KEV dateReleased. */
  date: z.string().nullable(),
  recordCount: z.number(),
  importedAt: z.string(),
  importedBy: z.string(),
});
export type VulnEnrichmentSourceInfo = z.infer<typeof vulnEnrichmentSourceSchema>;

export const vulnEnrichmentStatusSchema = z.object({
  epss: vulnEnrichmentSourceSchema.nullable(),
  kev: vulnEnrichmentSourceSchema.nullable(),
  /** Id of the priority model stored scores were computed with. */
  priorityModel: z.string(),
  /** Open findings, and how many of them have an EPSS score / are in KEV. */
  openFindings: z.number(),
  withEpss: z.number(),
  inKev: z.number(),
});
export type VulnEnrichmentStatus = z.infer<typeof vulnEnrichmentStatusSchema>;

export const vulnEnrichmentImportResultSchema = z.object({
  source: vulnEnrichmentSourceSchema,
  /** Findings whose EPSS, KEV flag, priority or deadline was rewritten. */
  findingsUpdated: z.number(),
  /** Open findings whose deadline the KEV due date now caps. */
  deadlinesCapped: z.number(),
});
export type VulnEnrichmentImportResult = z.infer<typeof vulnEnrichmentImportResultSchema>;

export const vulnEpssImportBody = z.strictObject({
  /** The EPSS CSV: `#model_version:…,score_date:…`, then `cve,epss,percentile` rows. */
  content: z.string().min(1, "the EPSS file is empty").max(VULN_EPSS_MAX_CHARS),
  fileName: z.string().max(255).optional(),
});
export type VulnEpssImportBody = z.input<typeof vulnEpssImportBody>;

export const vulnKevImportBody = z.strictObject({
  /** The CISA KEV catalog JSON. */
  content: z.string().min(1, "the KEV file is empty").max(VULN_KEV_MAX_CHARS),
  fileName: z.string().max(255).optional(),
});
export type VulnKevImportBody = z.input<typeof vulnKevImportBody>;

export const vulnFixActionQuery = z.strictObject({
  /** Asset key or id. */
  asset: z.string().min(1).max(512).optional(),
  /** Only findings of this severity. */
  severity: z.enum(SEVERITIES).optional(),
  package: z.string().min(1).max(256).optional(),
  limit: limitQuery,
  offset: offsetQuery,
});
export type VulnFixActionQuery = z.input<typeof vulnFixActionQuery>;

/** "upgrade openssl to 3.0.13 fixes 42 findings on 17 assets": one action, one ticket. */
export const vulnFixActionSchema = z.object({
  package: z.string(),
  /** The highest fixed version any grouped finding needs. */
  fixedVersion: z.string(),
  /** Installed versions the upgrade replaces. */
  installedVersions: z.array(z.string()),
  findingCount: z.number(),
  assetCount: z.number(),
  /** Distinct vulnerability ids fixed (at most 20 listed; vulnCount has the total). */
  vulnIds: z.array(z.string()),
  vulnCount: z.number(),
  severityCounts: z.record(z.enum(SEVERITIES), z.number()),
  maxSeverity: z.enum(SEVERITIES),
  kevCount: z.number(),
  maxPriority: z.number().nullable(),
  /** Sort key: the sum of the grouped findings' priority scores (severity-weighted when absent). */
  impact: z.number(),
  summary: z.string(),
});
export type VulnFixAction = z.infer<typeof vulnFixActionSchema>;

export const vulnEnrichmentRoutes = {
  importEpss: route({
    method: "POST",
    path: "/api/v1/vulns/enrichment/epss",
    summary: "Replace the EPSS scores with a FIRST EPSS CSV and recompute priorities",
    tag: "vulns",
    access: "vulns:write",
    body: vulnEpssImportBody,
    response: vulnEnrichmentImportResultSchema,
  }),
  importKev: route({
    method: "POST",
    path: "/api/v1/vulns/enrichment/kev",
    summary:
      "Replace the CISA KEV catalog, recompute priorities and cap deadlines by KEV due dates",
    tag: "vulns",
    access: "vulns:write",
    body: vulnKevImportBody,
    response: vulnEnrichmentImportResultSchema,
  }),
  status: route({
    method: "GET",
    path: "/api/v1/vulns/enrichment",
    summary: "The EPSS and KEV feeds as last imported and how many open findings they cover",
    tag: "vulns",
    access: "vulns:read",
    response: vulnEnrichmentStatusSchema,
  }),
  fixActions: route({
    method: "GET",
    path: "/api/v1/vulns/fix-actions",
    summary: "Open findings grouped into upgrades (package → fixed version), most impact first",
    tag: "vulns",
    access: "vulns:read",
    query: vulnFixActionQuery,
    response: z.object({ items: z.array(vulnFixActionSchema), total: z.number() }),
  }),
};
