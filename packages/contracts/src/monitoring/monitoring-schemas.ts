import { z } from "zod";
import { isoDate, limitQuery, offsetQuery } from "../route";
import { auditEventSchema } from "../audit/audit-contract";

/**
 * Security monitoring API (issue 6, items 5–7): NDJSON event ingestion with API tokens, alerts
 * grouped by (rule, entity) with statuses and SIRT escalation, the rule catalogue (built-in pack
 * plus uploaded Sigma YAML) and suppressions. The detection itself is the pure engine of
 * @infrasec/engines/detect; this contract is its platform face.
 */

/** Event sources of the ingestion endpoint; "auto" recognises each line on its own. */
export const MONITORING_SOURCES = ["auto", "falco", "osquery", "auditd", "json"] as const;
export type MonitoringSource = (typeof MONITORING_SOURCES)[number];

/** Sigma levels, lowest first. */
export const ALERT_LEVELS = ["informational", "low", "medium", "high", "critical"] as const;
export type AlertLevel = (typeof ALERT_LEVELS)[number];

/**
 * Alert lifecycle: new → acknowledged → resolved | false_positive. new may go straight to
 * resolved or false_positive; a closed alert may be reopened to acknowledged.
 */
export const ALERT_STATUSES = ["new", "acknowledged", "resolved", "false_positive"] as const;
export type AlertStatus = (typeof ALERT_STATUSES)[number];
/** Statuses that still group repeats; a repeat of a closed alert opens a new one. */
export const ALERT_OPEN_STATUSES = ["new", "acknowledged"] as const;
/** Status filter of the alert list: one status, or "open" for new + acknowledged. */
export const ALERT_STATUS_FILTERS = [...ALERT_STATUSES, "open"] as const;

export const ALERT_SORTS = [
  "-lastSeen",
  "lastSeen",
  "-firstSeen",
  "firstSeen",
  "-level",
  "level",
  "-count",
  "count",
] as const;

/** Most events (lines) one ingestion request may carry; larger batches are refused with 413. */
export const MONITORING_MAX_EVENTS_PER_REQUEST = 5_000;
/** Rejected lines listed in an ingestion answer; `rejectedCount` always has the full number. */
export const MONITORING_MAX_REJECTIONS_LISTED = 100;
/** Events kept per alert (the first N); repeats beyond it only bump count and lastSeen. */
export const ALERT_EVENTS_KEPT = 20;
/** Media type of the NDJSON ingestion body. */
export const NDJSON_MEDIA_TYPE = "application/x-ndjson";
/** Largest Sigma rule YAML accepted by upload and test, in characters. */
export const RULE_YAML_MAX_CHARS = 256 * 1024;

/** Keys of suppression conditions that read the event's host/container context. */
export const SUPPRESSION_CONTEXT_KEYS = [
  "host",
  "containerId",
  "image",
  "namespace",
  "pod",
] as const;

const jsonValue = z.unknown();
const fieldsSchema = z.record(z.string(), jsonValue);

// ---------------------------------------------------------------------------------------------
// Ingestion

export const ingestQuery = z.strictObject({
  source: z.enum(MONITORING_SOURCES).default("auto"),
  /** Host name given to events that carry none (raw auditd lines, osquery without hostIdentifier). */
  host: z.string().min(1).max(255).optional(),
});

/**
 * The body is NDJSON (Content-Type: application/x-ndjson, one event per line; raw auditd lines
 * for source=auditd) — the server hands it over as text. JSON clients (the typed client, the UI)
 * may send { lines: [...] } instead, each entry a line of text or an already-parsed object.
 */
export const ingestBody = z.union([
  z.string(),
  z.strictObject({
    lines: z
      .array(z.union([z.string(), z.record(z.string(), jsonValue)]))
      .max(MONITORING_MAX_EVENTS_PER_REQUEST),
  }),
]);
export type IngestBody = z.input<typeof ingestBody>;

export const ingestResultSchema = z.object({
  /** Lines that were read and normalized (a line may yield zero or several events). */
  accepted: z.number(),
  /** Normalized events run through the detector. */
  events: z.number(),
  /** 1-based line numbers with the reason, at most MONITORING_MAX_REJECTIONS_LISTED. */
  rejected: z.array(z.object({ line: z.number(), reason: z.string() })),
  rejectedCount: z.number(),
  /** Rule matches before suppression and grouping. */
  matches: z.number(),
  alerts: z.object({
    /** New alerts opened. */
    created: z.number(),
    /** Repeats folded into an open alert of the same rule and entity. */
    grouped: z.number(),
    /** Matches dropped by a suppression (its hit counter grows). */
    suppressed: z.number(),
    /** Ids of the alerts created or bumped by this request. */
    ids: z.array(z.string()),
  }),
  /**
   * NATS mode: events published to the JetStream stream (detection runs in the workers, so
   * matches and alerts are 0 here). Absent in embedded mode.
   */
  published: z.number().optional(),
});
export type IngestResult = z.infer<typeof ingestResultSchema>;

// ---------------------------------------------------------------------------------------------
// Alerts

export const alertSchema = z.object({
  id: z.string(),
  ruleId: z.string(),
  ruleTitle: z.string(),
  level: z.enum(ALERT_LEVELS),
  /** Shown wherever the alert is: the Detection Rule Licence requires the author. */
  ruleAuthor: z.string().nullable(),
  ruleOrigin: z.enum(["builtin", "user"]).nullable(),
  /** All rule tags (attack.t1059, attack.execution, cve…). */
  tags: z.array(z.string()),
  /** The ATT&CK subset of `tags` (attack.*). */
  attackTags: z.array(z.string()),
  status: z.enum(ALERT_STATUSES),
  /** Grouping key: host/container/asset plus the rule's group fields. */
  entityKey: z.string(),
  source: z.string(),
  host: z.string().nullable(),
  containerId: z.string().nullable(),
  containerName: z.string().nullable(),
  image: z.string().nullable(),
  namespace: z.string().nullable(),
  pod: z.string().nullable(),
  assetId: z.string().nullable(),
  assetKey: z.string().nullable(),
  assetName: z.string().nullable(),
  /** How the asset was found (hostname, container_id, ip…), null when none matched. */
  assetMatchedBy: z.string().nullable(),
  /** Matches folded into this alert (1 for a fresh alert). */
  count: z.number(),
  firstSeen: z.string(),
  lastSeen: z.string(),
  /** Field values the rule read, from the first match. */
  matchedFields: fieldsSchema,
  /** Correlation rules only: { type, group, count }. */
  correlation: z
    .object({ type: z.string(), group: z.record(z.string(), z.string()), count: z.number() })
    .nullable(),
  statusComment: z.string().nullable(),
  statusChangedBy: z.string().nullable(),
  statusChangedAt: z.string().nullable(),
  /** Set once escalated to SIRT. */
  incidentId: z.string().nullable(),
  incidentNumber: z.number().nullable(),
  escalatedAt: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Alert = z.infer<typeof alertSchema>;

export const alertEventSchema = z.object({
  /** Position among the kept events (0 = first). */
  seq: z.number(),
  timestamp: z.string(),
  source: z.string(),
  logsource: z.object({
    product: z.string().nullable(),
    category: z.string().nullable(),
    service: z.string().nullable(),
  }),
  /** The normalized (Sigma taxonomy) fields. */
  fields: fieldsSchema,
  /** Values the rule read, with the sensor field each came from. */
  matchedFields: fieldsSchema,
  provenance: z.record(z.string(), z.string()),
  selections: z.array(z.string()),
  context: z.record(z.string(), z.string()),
  /** The event as the sensor wrote it, when it was kept. */
  original: jsonValue,
});
export type AlertEvent = z.infer<typeof alertEventSchema>;

export const monitoringRuleSchema = z.object({
  /** Sigma id (or name, for rules without one). */
  id: z.string(),
  title: z.string(),
  level: z.enum(ALERT_LEVELS),
  author: z.string().nullable(),
  description: z.string().nullable(),
  status: z.string().nullable(),
  tags: z.array(z.string()),
  attackTags: z.array(z.string()),
  kind: z.enum(["rule", "correlation"]),
  logsource: z.object({
    product: z.string().nullable(),
    category: z.string().nullable(),
    service: z.string().nullable(),
  }),
  origin: z.enum(["builtin", "user"]),
  enabled: z.boolean(),
  references: z.array(z.string()),
  falsepositives: z.array(z.string()),
  /** Fields a repeat must share to be grouped into the same alert (the rule's `fields`/group-by). */
  groupFields: z.array(z.string()),
  updatedAt: z.string().nullable(),
  updatedBy: z.string().nullable(),
});
export type MonitoringRule = z.infer<typeof monitoringRuleSchema>;

export const monitoringRuleDetailSchema = monitoringRuleSchema.extend({
  /** Source YAML: uploaded text for user rules, the pack's text for built-in ones when known. */
  yaml: z.string().nullable(),
});
export type MonitoringRuleDetail = z.infer<typeof monitoringRuleDetailSchema>;

export const alertDetailSchema = alertSchema.extend({
  /** The first ALERT_EVENTS_KEPT matched events. */
  events: z.array(alertEventSchema),
  /** The rule as it is now (null when it was deleted since). */
  rule: monitoringRuleSchema.nullable(),
  /** Audit events about this alert (status changes, escalation), newest first. */
  history: z.array(auditEventSchema),
});
export type AlertDetail = z.infer<typeof alertDetailSchema>;

export const alertListQuery = z.strictObject({
  status: z.enum(ALERT_STATUS_FILTERS).optional(),
  level: z.enum(ALERT_LEVELS).optional(),
  /** Lowest level shown (e.g. high → high and critical). */
  minLevel: z.enum(ALERT_LEVELS).optional(),
  ruleId: z.string().max(200).optional(),
  assetId: z.uuid().optional(),
  host: z.string().max(255).optional(),
  /** Text search over rule title, rule id, host, container, image and asset key. */
  q: z.string().max(200).optional(),
  /** lastSeen ≥ from. */
  from: isoDate.optional(),
  /** firstSeen ≤ to. */
  to: isoDate.optional(),
  escalated: z.enum(["true", "false"]).optional(),
  sort: z.enum(ALERT_SORTS).default("-lastSeen"),
  limit: limitQuery,
  offset: offsetQuery,
});
export type AlertListQuery = z.input<typeof alertListQuery>;

const statusComment = z.string().max(2000).optional();

export const alertStatusBody = z.strictObject({
  status: z.enum(ALERT_STATUSES),
  comment: statusComment,
});

export const alertBulkStatusBody = z.strictObject({
  ids: z.array(z.uuid()).min(1).max(500),
  status: z.enum(ALERT_STATUSES),
  comment: statusComment,
});

export const alertBulkStatusResult = z.object({
  updated: z.array(z.string()),
  /** Alerts left unchanged, with why (not_found, invalid_transition…). */
  failed: z.array(z.object({ id: z.string(), code: z.string(), message: z.string() })),
});

export const alertEscalateBody = z.strictObject({
  /** Incident title; defaults to "<level> alert: <rule title> on <entity>". */
  title: z.string().min(1).max(200).optional(),
  /** Added to the incident description, above the alert summary. */
  note: z.string().max(10_000).optional(),
});

export const alertEscalateResult = z.object({
  alert: alertSchema,
  incident: z.object({ id: z.string(), number: z.number() }),
});

// ---------------------------------------------------------------------------------------------
// Rules

export const monitoringRuleIdParams = z.strictObject({ id: z.string().min(1).max(200) });

export const monitoringRuleListQuery = z.strictObject({
  q: z.string().max(200).optional(),
  origin: z.enum(["builtin", "user"]).optional(),
  enabled: z.enum(["true", "false"]).optional(),
  level: z.enum(ALERT_LEVELS).optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(200),
  offset: offsetQuery,
});

export const monitoringRuleIssueSchema = z.object({
  ruleId: z.string().nullable(),
  /** Dotted path inside the rule (detection.selection.Image|re…). */
  field: z.string(),
  message: z.string(),
  severity: z.enum(["error", "warning"]),
});

export const monitoringRuleUploadBody = z.strictObject({
  /** One Sigma document (rule or correlation); a correlation references stored rules by id or name. */
  yaml: z.string().min(1, "the rule is empty").max(RULE_YAML_MAX_CHARS),
  enabled: z.boolean().default(true),
});

export const monitoringRuleUploadResult = z.object({
  rule: monitoringRuleDetailSchema,
  /** False when an existing user rule with the same id was replaced. */
  created: z.boolean(),
  /** Warnings only; errors fail the upload with 400 and details naming the field. */
  warnings: z.array(monitoringRuleIssueSchema),
});

export const monitoringRulePatchBody = z.strictObject({ enabled: z.boolean() });

export const monitoringRuleTestBody = z.strictObject({
  /** One event: a JSON line, a raw auditd line or an object. */
  event: z.union([
    z
      .string()
      .min(1)
      .max(1024 * 1024),
    z.record(z.string(), jsonValue),
  ]),
  source: z.enum(MONITORING_SOURCES).default("auto"),
  /** Test only this stored rule (enabled or not); without it every enabled rule runs. */
  ruleId: z.string().max(200).optional(),
  /** Test a draft rule that is not stored; wins over ruleId. */
  yaml: z.string().max(RULE_YAML_MAX_CHARS).optional(),
});

export const monitoringRuleTestResult = z.object({
  /** The normalized events the input produced (usually one). */
  events: z.array(
    z.object({
      source: z.string(),
      logsource: z.object({
        product: z.string().nullable(),
        category: z.string().nullable(),
        service: z.string().nullable(),
      }),
      fields: fieldsSchema,
      context: z.record(z.string(), z.string()),
    }),
  ),
  matches: z.array(
    z.object({
      ruleId: z.string(),
      title: z.string(),
      level: z.enum(ALERT_LEVELS),
      author: z.string().nullable(),
      tags: z.array(z.string()),
      selections: z.array(z.string()),
      matchedFields: fieldsSchema,
      provenance: z.record(z.string(), z.string()),
      /** True when a stored suppression would have dropped this match. */
      suppressed: z.boolean(),
    }),
  ),
  /** Set when the event could not be read; matches is then empty. */
  rejected: z.string().nullable(),
  /** Issues of a draft rule (yaml); errors mean it did not run. */
  issues: z.array(monitoringRuleIssueSchema),
});
export type MonitoringRuleTestResult = z.infer<typeof monitoringRuleTestResult>;

// ---------------------------------------------------------------------------------------------
// Suppressions

/**
 * Conditions are ANDed: context keys (SUPPRESSION_CONTEXT_KEYS) read the event's host/container
 * context; any other key is an event field in Sigma taxonomy (User, Image, CommandLine…).
 * Values compare case-insensitively; `*` is a wildcard.
 */
export const suppressionConditionsSchema = z
  .record(
    z
      .string()
      .min(1)
      .max(100)
      .regex(/^[A-Za-z][\w.]*$/, "a field name"),
    z.string().min(1).max(512),
  )
  .refine((r) => Object.keys(r).length <= 10, "at most 10 conditions");

export const suppressionSchema = z.object({
  id: z.string(),
  /** Null: any rule (then at least one condition is set). */
  ruleId: z.string().nullable(),
  conditions: z.record(z.string(), z.string()),
  reason: z.string(),
  expiresAt: z.string().nullable(),
  active: z.boolean(),
  /** Matches this suppression dropped. */
  hits: z.number(),
  lastHitAt: z.string().nullable(),
  createdBy: z.string(),
  createdAt: z.string(),
});
export type Suppression = z.infer<typeof suppressionSchema>;

export const suppressionCreateBody = z
  .strictObject({
    ruleId: z.string().min(1).max(200).optional(),
    conditions: suppressionConditionsSchema.default({}),
    reason: z.string().trim().min(3, "a reason is required").max(2000),
    expiresAt: isoDate.optional(),
  })
  .refine((b) => b.ruleId !== undefined || Object.keys(b.conditions).length > 0, {
    message: "a suppression needs a rule id, conditions or both",
    path: ["conditions"],
  });
export type SuppressionCreateBody = z.input<typeof suppressionCreateBody>;

// ---------------------------------------------------------------------------------------------
// Status of the pipeline

export const monitoringStatusSchema = z.object({
  /** "embedded": detection runs inside the API process; "nats": JetStream workers detect. */
  mode: z.enum(["embedded", "nats"]),
  /** NATS mode: the server, stream and partition count events are published to. */
  nats: z.object({ url: z.string(), stream: z.string(), partitions: z.number() }).nullable(),
  /** Correlation windows close by timer once now minus this has passed their end. */
  allowedLatenessMs: z.number(),
  queue: z.object({ depth: z.number(), capacity: z.number() }),
  rules: z.object({
    enabled: z.number(),
    total: z.number(),
    /** Problems found when the detector was last built (a bad rule is skipped). */
    issues: z.array(monitoringRuleIssueSchema),
  }),
  /** Counters since this process started. */
  counters: z.object({
    lines: z.number(),
    events: z.number(),
    rejected: z.number(),
    matches: z.number(),
    alertsCreated: z.number(),
    alertsGrouped: z.number(),
    suppressed: z.number(),
    throttled: z.number(),
    /** NATS mode: events handed to JetStream. */
    published: z.number(),
    /** Correlation matches emitted by the timer-driven window close. */
    timerMatches: z.number(),
  }),
  groupWindowMinutes: z.number(),
});
export type MonitoringStatus = z.infer<typeof monitoringStatusSchema>;

// ---------------------------------------------------------------------------------------------

// ---------------------------------------------------------------------------------------------
// Retention

/** Bounds of the retention settings, in days. */
export const MONITORING_RETENTION_MAX_DAYS = 3650;

export const monitoringRetentionSchema = z.object({
  /** Resolved and false-positive alerts are deleted this many days after their status change. */
  closedAlertDays: z.number(),
  /** Kept alert events older than this many days are deleted (the alert stays). */
  eventDays: z.number(),
  /** null while the defaults apply. */
  updatedAt: z.string().nullable(),
  updatedBy: z.string().nullable(),
});
export type MonitoringRetention = z.infer<typeof monitoringRetentionSchema>;

export const monitoringRetentionBody = z.strictObject({
  closedAlertDays: z.number().int().min(1).max(MONITORING_RETENTION_MAX_DAYS),
  eventDays: z.number().int().min(1).max(MONITORING_RETENTION_MAX_DAYS),
});
export type MonitoringRetentionBody = z.input<typeof monitoringRetentionBody>;
