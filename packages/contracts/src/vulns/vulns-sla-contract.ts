import { z } from "zod";
import { SEVERITIES } from "@infrasec/core";
import { route } from "../route";

/**
 * SLA sweeps, SLA events and the vulnerability dashboard (issue 4: "jobs emit due-soon and
 * breached events, visible in the API and UI"; "metrics computed from the status-event log").
 * Definitions of every number: docs/vulns/sla-and-metrics.md.
 */

/** Stored SLA state of a finding (vuln_findings.sla_state), written by the sweep. */
export const VULN_STORED_SLA_STATES = [
  "on_track",
  "due_soon",
  "breached",
  "met",
  "missed",
  "none",
] as const;
export type VulnStoredSlaState = (typeof VULN_STORED_SLA_STATES)[number];

/** Events the sweep records when a clock moves; due_soon and breached are also sent outbound. */
export const VULN_SLA_EVENT_KINDS = ["due_soon", "breached", "met", "missed"] as const;
export type VulnSlaEventKind = (typeof VULN_SLA_EVENT_KINDS)[number];

/** Age buckets of open findings, in whole days since first detection. */
export const VULN_AGE_BUCKETS = ["0-7", "8-30", "31-90", "91-180", "181+"] as const;
export type VulnAgeBucket = (typeof VULN_AGE_BUCKETS)[number];

export const vulnSlaEventSchema = z.object({
  id: z.string(),
  at: z.string(),
  kind: z.enum(VULN_SLA_EVENT_KINDS),
  findingId: z.string(),
  vulnId: z.string(),
  title: z.string().nullable(),
  package: z.string().nullable(),
  severity: z.enum(SEVERITIES),
  /** The finding's status now (it may have moved on since the event). */
  status: z.string(),
  assetId: z.string(),
  assetKey: z.string(),
  assetName: z.string(),
  /** The asset's owner team (assets inventory), null when unowned. */
  ownerTeam: z.string().nullable(),
  /** The due date the event was computed against. */
  slaDueAt: z.string().nullable(),
});
export type VulnSlaEvent = z.infer<typeof vulnSlaEventSchema>;

export const vulnSlaEventsQuery = z.strictObject({
  /** Default: due_soon and breached. */
  kind: z.enum(VULN_SLA_EVENT_KINDS).optional(),
  /** Asset key or id. */
  asset: z.string().min(1).max(512).optional(),
  /** Owner team of the asset (as written in the inventory). */
  team: z.string().min(1).max(100).optional(),
  severity: z.enum(SEVERITIES).optional(),
  /** Only events at or after this instant. */
  since: z.iso.datetime({ offset: true }).optional(),
  /** Keyset cursor: the `nextCursor` of the previous page. */
  cursor: z.string().min(1).max(200).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(50),
});
export type VulnSlaEventsQuery = z.input<typeof vulnSlaEventsQuery>;

const severityCounts = z.object({
  critical: z.number(),
  high: z.number(),
  medium: z.number(),
  low: z.number(),
  info: z.number(),
});
export type VulnSeverityCounts = z.infer<typeof severityCounts>;

export const vulnSlaSweepResultSchema = z.object({
  startedAt: z.string(),
  finishedAt: z.string(),
  /** Open and recently resolved findings examined. */
  examined: z.number(),
  /** Findings whose stored sla_state changed. */
  changed: z.number(),
  events: z.object({
    due_soon: z.number(),
    breached: z.number(),
    met: z.number(),
    missed: z.number(),
  }),
  batches: z.number(),
  /** Open findings whose deadline the sweep's drift repair moved (policy stamp not current). */
  deadlinesRecomputed: z.number().optional(),
});
export type VulnSlaSweepResult = z.infer<typeof vulnSlaSweepResultSchema>;

/** One compliance row: findings closed within SLA over (closed + still-open breached). */
const complianceRow = z.object({
  /** Severity, team name or asset kind; null = no owner team. */
  key: z.string().nullable(),
  met: z.number(),
  missed: z.number(),
  openBreached: z.number(),
  /** met / (met + missed + openBreached), 0–100 with one decimal; null without data. */
  compliancePct: z.number().nullable(),
});
export type VulnComplianceRow = z.infer<typeof complianceRow>;

export const vulnDashboardQuery = z.strictObject({
  /** Asset key or id. */
  asset: z.string().min(1).max(512).optional(),
  /** Owner team of the assets (as written in the inventory). */
  team: z.string().min(1).max(100).optional(),
  /** Burndown length and SLA-compliance window, in days. */
  days: z.coerce.number().int().min(7).max(365).default(90),
  /** Months of MTTR, the current month included. */
  months: z.coerce.number().int().min(1).max(24).default(6),
});
export type VulnDashboardQuery = z.input<typeof vulnDashboardQuery>;

export const vulnDashboardSchema = z.object({
  generatedAt: z.string(),
  scope: z.object({
    asset: z.object({ id: z.string(), key: z.string(), name: z.string() }).nullable(),
    team: z.string().nullable(),
    days: z.number(),
    months: z.number(),
    /** Start of the compliance window and of the burndown (UTC midnight). */
    since: z.string(),
    /**
     * When the numbers were computed: the fleet and team views read the daily summary the SLA
     * sweep refreshes (every 15 minutes, or POST /api/v1/vulns/sla/sweep); one asset is live.
     */
    asOf: z.string(),
  }),
  totals: z.object({
    open: z.number(),
    /** Open findings by current SLA state (computed from sla_due_at now). */
    breached: z.number(),
    dueSoon: z.number(),
    onTrack: z.number(),
    noSla: z.number(),
    /** Findings resolved (fixed) in the window. */
    resolvedInWindow: z.number(),
    /** Findings first detected in the window. */
    detectedInWindow: z.number(),
    openBySeverity: severityCounts,
  }),
  /** Open findings by severity × age bucket; `counts` follows `buckets`. */
  openByAge: z.object({
    buckets: z.array(z.enum(VULN_AGE_BUCKETS)),
    rows: z.array(
      z.object({ severity: z.enum(SEVERITIES), counts: z.array(z.number()), total: z.number() }),
    ),
  }),
  slaCompliance: z.object({
    windowDays: z.number(),
    overall: complianceRow,
    bySeverity: z.array(complianceRow),
    byTeam: z.array(complianceRow),
    byAssetKind: z.array(complianceRow),
  }),
  /** Mean time to remediate of findings resolved in each month, by severity. */
  mttr: z.array(
    z.object({
      /** YYYY-MM (UTC). */
      month: z.string(),
      severity: z.enum(SEVERITIES),
      resolved: z.number(),
      /** Mean days from first detection to resolution, one decimal; null when none resolved. */
      meanDays: z.number().nullable(),
    }),
  ),
  /** Open findings due within the next 7 days, by the asset's owner team, most first. */
  dueNext7Days: z.array(
    z.object({ ownerTeam: z.string().nullable(), total: z.number(), bySeverity: severityCounts }),
  ),
  /** Open findings at the end of each UTC day, oldest first; the last day is today (so far). */
  burndown: z.array(
    z.object({ day: z.string(), open: z.number(), detected: z.number(), closed: z.number() }),
  ),
});
export type VulnDashboard = z.infer<typeof vulnDashboardSchema>;

export const vulnSlaRoutes = {
  dashboard: route({
    method: "GET",
    path: "/api/v1/vulns/dashboard",
    summary:
      "Vulnerability metrics: open by severity and age, SLA compliance, MTTR, due soon by owner, burndown",
    tag: "vulns",
    access: "vulns:read",
    query: vulnDashboardQuery,
    response: vulnDashboardSchema,
  }),
  listSlaEvents: route({
    method: "GET",
    path: "/api/v1/vulns/sla/events",
    summary: "SLA events (due soon, breached; met and missed on request), newest first",
    tag: "vulns",
    access: "vulns:read",
    query: vulnSlaEventsQuery,
    response: z.object({ items: z.array(vulnSlaEventSchema), nextCursor: z.string().nullable() }),
  }),
  runSlaSweep: route({
    method: "POST",
    path: "/api/v1/vulns/sla/sweep",
    summary:
      "Recompute SLA states now and emit due-soon / breached events (also runs every 15 min)",
    tag: "vulns",
    access: "vulns:write",
    response: vulnSlaSweepResultSchema,
  }),
};
