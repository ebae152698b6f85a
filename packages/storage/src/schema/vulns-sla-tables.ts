/**
 * Remediation policy and deadline recomputations (migration 2026_11_28_002100). Same conventions
 * as the rest of the schema: ISO 8601 UTC text timestamps, JSON as text.
 */

/** The edited SLA policy: one row, id `default`; absent = the configured preset. */
export interface VulnSlaPolicyTable {
  id: string;
  /** The engine's SlaPolicy as JSON (its `version` equals the column). */
  policy: string;
  version: number;
  updated_at: string;
  updated_by: string;
}

/** One recomputation of stored deadlines, resumable from `cursor` (the last finding id done). */
export interface VulnSlaRecomputesTable {
  id: string;
  /** "policy": open findings not stamped with `policy`; "asset": open findings of `asset_id`. */
  scope: string;
  asset_id: string | null;
  /** policy id@version the deadlines are computed with. */
  policy: string;
  /** Why, in words, written into each moved finding's history. */
  reason: string;
  /** queued | running | done | failed */
  status: string;
  cursor: string | null;
  total: number;
  done: number;
  changed: number;
  error: string | null;
  actor_name: string;
  created_at: string;
  heartbeat_at: string | null;
  finished_at: string | null;
}
