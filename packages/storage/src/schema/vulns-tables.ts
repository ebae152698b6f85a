/**
 * Vulnerability management tables (issue 4). Same conventions as the rest of the schema: ISO
 * 8601 UTC text timestamps, JSON as text, 0/1 booleans, UUIDv7 text ids.
 */

/** One deduplicated finding: asset × identity tuple. Unique per (asset_id, identity_hash). */
export interface VulnFindingsTable {
  id: string;
  asset_id: string;
  identity_hash: string;
  identity_version: string;
  identity_fn: string;
  /** JSON array of strings: the hashed tuple, kept so "matched because …" can be shown. */
  identity_tuple: string;
  identity_basis: string;
  kind: string;
  /** Canonical vulnerability or rule id (CVE preferred). */
  vuln_id: string;
  /** JSON array of alias ids. */
  aliases: string;
  title: string | null;
  package: string | null;
  purl: string | null;
  version: string | null;
  fixed_version: string | null;
  fix_state: string;
  severity: string;
  /** critical 4 … info 0, for sorting and filters without a CASE expression. */
  severity_rank: number;
  severity_source: string;
  scanner_severity: string | null;
  cvss_score: number | null;
  cvss_vector: string | null;
  /** JSON array of CWE ids. */
  cwes: string;
  status: string;
  dismissal_reason: string | null;
  /** CycloneDX VEX justification of a dismissal (migration 001300), e.g. code_not_reachable. */
  dismissal_justification: string | null;
  /** Who set the status (migration 001300): "user", "gitlab", "vex:<file>"; null for scans. */
  status_source: string | null;
  /** How a resolved finding was resolved: "absent" (covering re-scan) or "manual". */
  resolution: string | null;
  resolved_at: string | null;
  /** Scanner and scope of the import that last saw it: its reconciliation key with the asset. */
  scanner: string;
  scope: string;
  /** The report target (lockfile, OS, file) it was seen in, and that target's class. */
  coverage_target: string | null;
  coverage_class: string | null;
  /** JSON array: every scanner that reported it (provenance). */
  scanners: string;
  first_seen_at: string;
  last_seen_at: string;
  first_job_id: string | null;
  last_job_id: string | null;
  sla_policy: string | null;
  sla_due_at: string | null;
  /**
   * SLA state stored by the last sweep (migration 001200): on_track | due_soon | breached | met |
   * missed | none; null until the first sweep. The list's `sla` filter computes from sla_due_at.
   */
  sla_state: string | null;
  /**
   * Stored priority (migration 001100): 0–100 and P1–P4 from computePriority, recomputed at
   * import and when EPSS or KEV is imported; null until first computed.
   */
  priority_score: number | null;
  priority_band: string | null;
  /** 1 in CISA KEV (any alias), 0 checked and not listed, null KEV not imported yet. */
  kev: number | null;
  /** Highest EPSS over the alias group, with that CVE's percentile. */
  epss_score: number | null;
  epss_percentile: number | null;
  /** "2.0" | "3.0" | "3.1" | "4.0" from the CVSS vector; null without one. */
  cvss_version: string | null;
  /** sha256 of the sorted occurrence list, so unchanged occurrences are not rewritten. */
  occurrences_hash: string;
  /**
   * sha256 of the values an import compares (vulns-content-hash.ts, migration 002200), written
   * with every row; null for rows written before it. Equal to the incoming finding's: unchanged.
   */
  content_hash: string | null;
  occurrence_count: number;
  /** JSON array of field names a person edited; imports never overwrite them. */
  edited_fields: string;
  /** Lower-cased vuln id, aliases, package and title for `q`. */
  search_text: string;
  created_at: string;
  updated_at: string;
}

/**
 * The last sighting of a finding by an import that left it unchanged (migration 000900). When
 * present it overrides vuln_findings.last_seen_at and last_job_id; a rewrite of the finding row
 * deletes it. Only the findings repository reads it: read last-seen data through it.
 */
export interface VulnFindingSeenTable {
  finding_id: string;
  last_seen_at: string;
  last_job_id: string | null;
}

/** Places a finding was seen (paths, layers, ports). `data` is the engine's Occurrence as JSON. */
export interface VulnOccurrencesTable {
  finding_id: string;
  idx: number;
  data: string;
}

/** Status history and field changes of a finding. */
export interface VulnFindingEventsTable {
  id: string;
  finding_id: string;
  at: string;
  /** updated | status | closed | reactivated | edited */
  kind: string;
  from_status: string | null;
  to_status: string | null;
  reason: string | null;
  note: string | null;
  /** JSON `{ field: [before, after] }` or null. */
  changes: string | null;
  actor_name: string;
  job_id: string | null;
}

/** One report import, run as an in-process job; the row outlives the process. */
export interface VulnImportJobsTable {
  id: string;
  status: string;
  asset_id: string;
  asset_key: string;
  scanner: string | null;
  scope: string;
  format: string | null;
  file_name: string | null;
  /** 0–1 as persisted; a running job's live progress is kept in memory. */
  progress: number;
  /** JSON counts: created, updated, unchanged, closed, reactivated, unknown. */
  counts: string;
  /** Open in-scope findings before the import, and how many it would close. */
  open_in_scope: number;
  to_close: number;
  error: string | null;
  /** JSON array of error details (path, line, message). */
  error_details: string | null;
  /** The report, kept only while the job waits for confirmation. */
  content: string | null;
  confirmed: number;
  created_by: string;
  runner_id: string | null;
  heartbeat_at: string | null;
  created_at: string;
  started_at: string | null;
  finished_at: string | null;
  updated_at: string;
}

/**
 * Daily vulnerability counts per (day, owner team — "" when none —, asset kind, severity rank),
 * maintained by the SLA sweep (migration 001200). Flow columns count what happened that day;
 * the open-state columns hold the last sweep's snapshot on the newest day (null on other days).
 */
export interface VulnDailyCountsTable {
  day: string;
  owner_team: string;
  asset_kind: string;
  severity_rank: number;
  detected: number;
  closed: number;
  reopened: number;
  resolved: number;
  met: number;
  missed: number;
  resolve_days: number;
  open: number | null;
  breached: number | null;
  due_soon: number | null;
  no_sla: number | null;
  age0: number | null;
  age1: number | null;
  age2: number | null;
  age3: number | null;
  age4: number | null;
  due7: number | null;
  computed_at: string;
}
