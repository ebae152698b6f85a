/**
 * Security monitoring tables (issue 6). Same conventions as the rest of the schema: ISO 8601 UTC
 * text timestamps, JSON as text, booleans as 0/1, UUIDv7 text ids.
 */

/** An uploaded rule (origin user, with its YAML) or the enabled flag of a built-in rule. */
export interface MonitoringRulesTable {
  id: string;
  /** builtin | user */
  origin: string;
  yaml: string | null;
  title: string;
  level: string;
  enabled: number;
  created_at: string;
  updated_at: string;
  updated_by: string | null;
}

/** An alert: the matches of one rule on one entity within the grouping window. */
export interface MonitoringAlertsTable {
  id: string;
  rule_id: string;
  rule_title: string;
  rule_author: string | null;
  rule_origin: string | null;
  level: string;
  level_rank: number;
  /** JSON array of strings. */
  tags: string;
  status: string;
  entity_key: string;
  source: string;
  host: string | null;
  container_id: string | null;
  container_name: string | null;
  image: string | null;
  namespace: string | null;
  pod: string | null;
  asset_id: string | null;
  asset_key: string | null;
  asset_name: string | null;
  asset_matched_by: string | null;
  count: number;
  events_kept: number;
  first_seen: string;
  last_seen: string;
  /** JSON object. */
  matched_fields: string;
  /** JSON { type, group, count } or null. */
  correlation: string | null;
  status_comment: string | null;
  status_changed_by: string | null;
  status_changed_at: string | null;
  incident_id: string | null;
  incident_number: number | null;
  escalated_at: string | null;
  created_at: string;
  updated_at: string;
}

/** One of the first N events of an alert. */
export interface MonitoringAlertEventsTable {
  id: string;
  alert_id: string;
  seq: number;
  ts: string;
  source: string;
  logsource: string;
  fields: string;
  matched_fields: string;
  provenance: string;
  selections: string;
  context: string;
  original: string | null;
}

/** A suppression: matches of its rule (or any rule) meeting its conditions create no alert. */
export interface MonitoringSuppressionsTable {
  id: string;
  rule_id: string | null;
  /** JSON object. */
  conditions: string;
  reason: string;
  expires_at: string | null;
  hits: number;
  last_hit_at: string | null;
  created_by: string;
  created_at: string;
}

/** The last JetStream sequence of a detection partition whose alerts are committed. */
export interface MonitoringPartitionMarksTable {
  stream: string;
  partition: number;
  /** bigint: PostgreSQL returns it as a string. */
  last_seq: number | string;
  updated_at: string;
}

/** Retention settings of monitoring (one row, id `default`). */
export interface MonitoringSettingsTable {
  id: string;
  closed_alert_days: number;
  event_days: number;
  updated_at: string;
  updated_by: string | null;
}
