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
}
