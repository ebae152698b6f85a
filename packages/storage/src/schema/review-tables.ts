/**
 * Change review tables (issue 3). Same conventions as the rest of the schema: ISO 8601 UTC text
 * timestamps, JSON as text, UUIDv7 text ids.
 */

/** A project that uploaded runs; remembers its default branch (the comparison base). */
export interface ReviewProjectsTable {
  project: string;
  default_branch: string;
  created_at: string;
  updated_at: string;
}

/** One uploaded review run with its classification and gate outcome. */
export interface ReviewRunsTable {
  id: string;
  project: string;
  ref: string;
  commit_sha: string;
  mr_iid: number | null;
  mr_url: string | null;
  pipeline_url: string | null;
  base_ref: string | null;
  default_branch: string;
  /** change | classified | full */
  mode: string;
  base_run_id: string | null;
  fail_on: string;
  /** passed | failed */
  outcome: string;
  failing: number;
  total: number;
  open_count: number;
  new_count: number;
  fixed_count: number;
  error_count: number;
  /** JSON { byStatus, bySeverity, matrix, suppressions }. */
  counts: string;
  /** JSON array of { file, line, message }. */
  errors: string;
  tool_name: string | null;
  tool_version: string | null;
  uploaded_by: string | null;
  created_at: string;
}

/** One finding of a run, as classified (fixed findings of the base run are copied in). */
export interface ReviewRunFindingsTable {
  id: string;
  run_id: string;
  seq: number;
  rule_id: string;
  severity: string;
  /** critical 4 … info 0. */
  severity_rank: number;
  title: string;
  message: string;
  file: string;
  start_line: number;
  end_line: number;
  resource: string;
  status: string;
  fingerprint: string;
  attribute_path: string | null;
  needs: string | null;
  /** JSON { source, reason, until?, owner? } or null. */
  suppression: string | null;
  /** JSON { checkov: [], trivy: [] }. */
  equivalents: string;
}

/** A suppression a run saw: active (suppressed something), expired or stale. */
export interface ReviewRunSuppressionsTable {
  id: string;
  run_id: string;
  source: string;
  /** JSON array of rule ids. */
  rules: string;
  file: string;
  line: number;
  resource: string | null;
  attribute: string | null;
  reason: string;
  owner: string | null;
  until: string | null;
  state: string;
  matched: number;
}
