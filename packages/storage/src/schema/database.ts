import type {
  VulnFindingEventsTable,
  VulnFindingSeenTable,
  VulnDailyCountsTable,
  VulnFindingsTable,
  VulnImportJobsTable,
  VulnOccurrencesTable,
} from "./vulns-tables";
import type {
  VulnEnrichmentSourcesTable,
  VulnEpssTable,
  VulnKevTable,
} from "./vulns-enrichment-tables";
import type {
  VulnExceptionAssetsTable,
  VulnExceptionFindingsTable,
  VulnExceptionsTable,
} from "./vulns-exceptions-tables";
import type { VulnSlaPolicyTable, VulnSlaRecomputesTable } from "./vulns-sla-tables";
import type {
  ReviewProjectsTable,
  ReviewRunFindingsTable,
  ReviewRunSuppressionsTable,
  ReviewRunsTable,
} from "./review-tables";
import type {
  MonitoringAlertEventsTable,
  MonitoringAlertsTable,
  MonitoringRulesTable,
  MonitoringSuppressionsTable,
  MonitoringPartitionMarksTable,
  MonitoringSettingsTable,
} from "./monitoring-tables";
import type {
  AccessCampaignsTable,
  AccessPrincipalsTable,
  AccessCampaignSignalsTable,
  AccessFindingsTable,
  AccessReviewItemsTable,
  AccessSnapshotsTable,
} from "./access-tables";

/**
 * Table types. Both dialects store timestamps as ISO 8601 UTC text (sortable as text), booleans
 * as 0/1 integers and JSON as text, so one set of queries and one mapping serves SQLite and
 * PostgreSQL alike.
 */
export interface UsersTable {
  id: string;
  username: string;
  display_name: string;
  email: string | null;
  role: string;
  kind: string;
  password_hash: string | null;
  must_change_password: number;
  disabled: number;
  failed_logins: number;
  locked_until: string | null;
  last_login_at: string | null;
  created_at: string;
  updated_at: string;
}

export interface TeamsTable {
  id: string;
  name: string;
  description: string;
  created_at: string;
  updated_at: string;
}

export interface TeamMembersTable {
  team_id: string;
  user_id: string;
}

export interface SessionsTable {
  /** sha256 of the cookie secret: a stolen database does not yield live sessions. */
  id_hash: string;
  user_id: string;
  csrf_token: string;
  created_at: string;
  expires_at: string;
  last_seen_at: string;
}

export interface ApiTokensTable {
  id: string;
  user_id: string;
  name: string;
  prefix: string;
  secret_hash: string;
  scopes: string;
  expires_at: string | null;
  last_used_at: string | null;
  revoked_at: string | null;
  created_at: string;
  created_by: string | null;
}

export interface AuditEventsTable {
  seq: number;
  id: string;
  at: string;
  actor_id: string | null;
  actor_name: string;
  action: string;
  target_type: string;
  target_id: string | null;
  request_id: string | null;
  summary: string;
  changes: string | null;
  prev_hash: string;
  hash: string;
}

/** One row: the newest event's seq and hash. Appends lock it, so the chain stays linear. */
export interface AuditHeadTable {
  id: number;
  seq: number;
  hash: string;
}

export interface AssetsTable {
  id: string;
  key: string;
  name: string;
  kind: string;
  description: string;
  owner_team: string | null;
  environment: string;
  criticality: number;
  exposure: string;
  data_classification: string;
  tags: string;
  created_at: string;
  updated_at: string;
}

export interface AssetIdentifiersTable {
  asset_id: string;
  type: string;
  value: string;
}

export interface AssetTagsTable {
  asset_id: string;
  tag: string;
}

/** Work items (issue 5). `fields` is JSON text; dates are YYYY-MM-DD; booleans 0/1. */
export interface WorkItemsTable {
  id: string;
  number: number;
  kind: string;
  template_id: string | null;
  title: string;
  status: string;
  description: string;
  fields: string;
  owner_id: string | null;
  created_by: string | null;
  start_date: string | null;
  due_date: string | null;
  weight: number | null;
  health: string | null;
  confidential: number;
  milestone_id: string | null;
  parent_id: string | null;
  search_text: string;
  created_at: string;
  updated_at: string;
  last_activity_at: string;
  closed_at: string | null;
}

export interface WorkCountersTable {
  name: string;
  value: number;
}

export interface WorkItemUserTable {
  item_id: string;
  user_id: string;
}

export interface WorkItemLabelsTable {
  item_id: string;
  label: string;
}

export interface WorkItemVerdictsTable {
  id: string;
  item_id: string;
  reviewer_id: string;
  verdict: string;
  level: string | null;
  comment: string | null;
  at: string;
}

export interface WorkChangeApprovalsTable {
  id: string;
  item_id: string;
  requirement: string;
  by_id: string;
  capacity: string;
  at: string;
}

export interface WorkItemLinksTable {
  id: string;
  item_id: string;
  type: string;
  target_kind: string;
  target_id: string;
  created_at: string;
}

export interface WorkCommentsTable {
  id: string;
  item_id: string;
  author_id: string | null;
  body: string;
  /** JSON array of usernames. */
  mentions: string;
  created_at: string;
}

export interface WorkHistoryTable {
  id: string;
  item_id: string;
  actor_id: string | null;
  at: string;
  action: string;
  /** JSON array of { field, from, to }. */
  changes: string;
  note: string | null;
}

export interface WorkStatusUpdatesTable {
  id: string;
  item_id: string;
  health: string;
  body: string;
  author_id: string | null;
  created_at: string;
}

export interface WorkLabelsTable {
  name: string;
  color: string;
  description: string;
  created_at: string;
  updated_at: string;
}

export interface WorkTemplatesTable {
  id: string;
  kind: string;
  /** JSON of the workflow engine's template document. */
  definition: string;
  version: number;
  customized: number;
  updated_at: string;
  updated_by: string | null;
}

export interface WorkBoardsTable {
  id: string;
  name: string;
  mode: string;
  scope: string | null;
  /** JSON array of { value, title, wipLimit }. */
  columns: string;
  swimlanes: string;
  filter_labels: string;
  kind: string | null;
  created_at: string;
  updated_at: string;
}

export interface WorkSettingsTable {
  key: string;
  /** JSON value. */
  value: string;
}

export interface WorkMilestonesTable {
  id: string;
  title: string;
  description: string;
  start_date: string;
  due_date: string;
  state: string;
  created_at: string;
  updated_at: string;
}

export interface WorkObjectivesTable {
  id: string;
  title: string;
  description: string;
  quarter: string;
  owner_id: string | null;
  created_at: string;
  updated_at: string;
}

export interface WorkKeyResultsTable {
  id: string;
  objective_id: string;
  title: string;
  owner_id: string | null;
  start_value: number;
  target: number;
  current: number;
  unit: string;
  created_at: string;
  updated_at: string;
}

export interface WorkObjectiveEpicsTable {
  objective_id: string;
  item_id: string;
}

export interface NotificationsTable {
  id: string;
  user_id: string;
  kind: string;
  item_id: string | null;
  actor_id: string | null;
  title: string;
  dedupe_key: string | null;
  created_at: string;
  read_at: string | null;
  /** In-app path for notifications that are not about a work item (migration 001400). */
  link: string | null;
}

export interface OutboundEventsTable {
  seq: number;
  id: string;
  type: string;
  recipient_id: string | null;
  /** JSON object. */
  payload: string;
  created_at: string;
}

export interface Database {
  users: UsersTable;
  teams: TeamsTable;
  team_members: TeamMembersTable;
  sessions: SessionsTable;
  api_tokens: ApiTokensTable;
  audit_events: AuditEventsTable;
  audit_head: AuditHeadTable;
  assets: AssetsTable;
  asset_identifiers: AssetIdentifiersTable;
  asset_tags: AssetTagsTable;
  work_counters: WorkCountersTable;
  work_items: WorkItemsTable;
  work_item_assignees: WorkItemUserTable;
  work_item_labels: WorkItemLabelsTable;
  work_item_reviewers: WorkItemUserTable;
  work_item_verdicts: WorkItemVerdictsTable;
  work_change_approvals: WorkChangeApprovalsTable;
  work_item_links: WorkItemLinksTable;
  work_comments: WorkCommentsTable;
  work_history: WorkHistoryTable;
  work_status_updates: WorkStatusUpdatesTable;
  work_labels: WorkLabelsTable;
  work_templates: WorkTemplatesTable;
  work_boards: WorkBoardsTable;
  work_settings: WorkSettingsTable;
  work_milestones: WorkMilestonesTable;
  work_objectives: WorkObjectivesTable;
  work_key_results: WorkKeyResultsTable;
  work_objective_epics: WorkObjectiveEpicsTable;
  notifications: NotificationsTable;
  outbound_events: OutboundEventsTable;
  vuln_findings: VulnFindingsTable;
  vuln_occurrences: VulnOccurrencesTable;
  vuln_finding_events: VulnFindingEventsTable;
  vuln_import_jobs: VulnImportJobsTable;
  vuln_finding_seen: VulnFindingSeenTable;
  vuln_daily_counts: VulnDailyCountsTable;
  vuln_epss: VulnEpssTable;
  vuln_kev: VulnKevTable;
  vuln_enrichment_sources: VulnEnrichmentSourcesTable;
  vuln_exceptions: VulnExceptionsTable;
  vuln_exception_assets: VulnExceptionAssetsTable;
  vuln_exception_findings: VulnExceptionFindingsTable;
  vuln_sla_policy: VulnSlaPolicyTable;
  vuln_sla_recomputes: VulnSlaRecomputesTable;
  review_projects: ReviewProjectsTable;
  review_runs: ReviewRunsTable;
  review_run_findings: ReviewRunFindingsTable;
  review_run_suppressions: ReviewRunSuppressionsTable;
  monitoring_rules: MonitoringRulesTable;
  monitoring_alerts: MonitoringAlertsTable;
  monitoring_alert_events: MonitoringAlertEventsTable;
  monitoring_suppressions: MonitoringSuppressionsTable;
  monitoring_partition_marks: MonitoringPartitionMarksTable;
  monitoring_settings: MonitoringSettingsTable;
  access_snapshots: AccessSnapshotsTable;
  access_principals: AccessPrincipalsTable;
  access_campaigns: AccessCampaignsTable;
  access_review_items: AccessReviewItemsTable;
  access_campaign_signals: AccessCampaignSignalsTable;
  access_findings: AccessFindingsTable;
}
