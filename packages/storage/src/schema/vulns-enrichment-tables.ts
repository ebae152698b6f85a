/**
 * Exploitation enrichment tables (migration 2026_11_27_001100): the EPSS and CISA KEV feeds as
 * last imported (each import replaces its whole set) and one row per feed saying where it came
 * from. Same conventions as the rest of the schema (ISO text dates, 0/1 booleans).
 */

/** One EPSS score per CVE. */
export interface VulnEpssTable {
  cve: string;
  /** Probability 0–1. */
  score: number;
  percentile: number;
}

/** One CISA KEV entry per CVE. */
export interface VulnKevTable {
  cve: string;
  /** YYYY-MM-DD. */
  date_added: string;
  /** YYYY-MM-DD or null. */
  due_date: string | null;
  /** 1 when knownRansomwareCampaignUse is "Known". */
  ransomware: number;
  vendor: string | null;
  product: string | null;
  name: string | null;
}

/** The last import of each feed ("epss", "kev"). */
export interface VulnEnrichmentSourcesTable {
  source: string;
  /** EPSS model_version or KEV catalogVersion. */
  version: string | null;
  /** EPSS score_date or KEV dateReleased (ISO). */
  source_date: string | null;
  record_count: number;
  imported_at: string;
  /** Username of who imported it. */
  imported_by: string;
}
