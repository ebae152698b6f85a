/**
 * Vulnerability exceptions (issue 4, migration 001000): risk acceptances and deviation
 * requests, the assets their scope names, and the findings an approved one dismissed.
 */

export interface VulnExceptionsTable {
  id: string;
  /** risk_acceptance | deviation */
  kind: string;
  /** requested | approved | rejected | revoked | expired */
  status: string;
  /** JSON `{ findingIds?, assetIds?, vulnId?, package? }`. */
  scope: string;
  scope_vuln_id: string | null;
  scope_package: string | null;
  /** Worst covered severity when requested (raised at approval if worse by then). */
  severity: string;
  justification: string;
  compensating_controls: string | null;
  requested_by: string;
  requested_at: string;
  decided_by: string | null;
  decided_at: string | null;
  decision_note: string | null;
  starts_at: string;
  expires_at: string;
  /** Length in days counted from approval; null when a fixed end date was requested. */
  requested_days: number | null;
  decision_item_id: string | null;
  expiring_notified_at: string | null;
  /** When it was revoked or expired. */
  ended_at: string | null;
  created_at: string;
  updated_at: string;
}

export interface VulnExceptionAssetsTable {
  exception_id: string;
  asset_id: string;
}

export interface VulnExceptionFindingsTable {
  exception_id: string;
  finding_id: string;
  prior_status: string;
  prior_due_at: string | null;
  covered_at: string;
  released_at: string | null;
}
