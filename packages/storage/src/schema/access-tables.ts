import type { ColumnType } from "kysely";

/**
 * Access review tables (issue 7). Same conventions as the rest of the schema: ISO 8601 UTC text
 * timestamps, JSON as text, booleans as 0/1, UUIDv7 text ids.
 */

/** An uploaded, analysed snapshot of one account, organization or cluster. */
export interface AccessSnapshotsTable {
  id: string;
  name: string;
  provider: string;
  /** JSON array of { name, kind, bytes, sha256 }. */
  files: string;
  /** JSON summary counts. */
  summary: string;
  /** JSON array of { file, path, message }. */
  errors: string;
  /** JSON analysis (findings, admin state, paths, grants, entitlements), bounded by the service. */
  analysis: string;
  created_by: string;
  created_at: string;
  /** The inventory asset of the account/project/cluster (migration 001900); set after insert. */
  asset_id: ColumnType<string | null, string | null | undefined, string | null>;
}

/** One principal of a snapshot, indexed for listing; `detail` is its JSON view. */
export interface AccessPrincipalsTable {
  id: string;
  snapshot_id: string;
  principal_id: string;
  type: string;
  name: string;
  is_admin: number;
  admin: string;
  has_escalation: number;
  escalation_count: number;
  finding_count: number;
  entitlement_count: number;
  owner: string | null;
  last_used: string | null;
  sort_rank: number;
  detail: string;
}

/** An access review campaign created from a snapshot. */
export interface AccessCampaignsTable {
  id: string;
  name: string;
  kind: string;
  status: string;
  snapshot_id: string;
  snapshot_name: string;
  provider: string;
  due_date: string;
  baseline_campaign_id: string | null;
  created_by: string;
  created_at: string;
  closed_by: string | null;
  closed_at: string | null;
  /** JSON verification summary, null until verified. */
  verification: string | null;
}

/** One identity × entitlement to review. */
export interface AccessReviewItemsTable {
  id: string;
  campaign_id: string;
  position: number;
  principal_id: string;
  principal_name: string;
  principal_type: string;
  owner: string | null;
  entitlement_key: string;
  /** JSON entitlement. */
  entitlement: string;
  privileged: number;
  /** JSON array of flags. */
  flags: string;
  last_used: string | null;
  change: string | null;
  reviewer: string;
  decision: string | null;
  justification: string | null;
  follow_up_ticket: string | null;
  decided_by: string | null;
  decided_at: string | null;
  verification: string | null;
}

/** Reminders and escalations a campaign already sent (migration 001400): sent once each. */
export interface AccessCampaignSignalsTable {
  campaign_id: string;
  signal: string;
  sent_at: string;
}

/** A finding of a snapshot, stored against the asset of its account/project/cluster (001900). */
export interface AccessFindingsTable {
  id: string;
  snapshot_id: string;
  asset_id: string;
  rule_id: string;
  severity: string;
  severity_rank: number;
  principal: string;
  title: string;
  evidence: string;
  fingerprint: string;
  created_at: string;
}
