import type { Severity } from "./severity";

/** A place in a source file; lines are 1-based and inclusive. */
export interface Location {
  file: string;
  startLine: number;
  endLine: number;
  startColumn?: number;
}

/**
 * Metadata of a rule of any engine. `id` is stable forever once released. `frameworks` holds
 * compliance tags (e.g. "CIS AWS 1.5 2.1.1", "PSS restricted"); `equivalents` maps a peer tool's
 * name to its rule ids that this rule corresponds to (e.g. { checkov: ["CKV_AWS_18"] }).
 */
export interface RuleMeta {
  id: string;
  title: string;
  severity: Severity;
  description: string;
  remediation: string;
  references: readonly string[];
  frameworks: readonly string[];
  equivalents: Readonly<Record<string, readonly string[]>>;
}

/** Outcome of one rule on one subject; `unknown` carries what value would decide it. */
export type RuleOutcome =
  | { kind: "pass" }
  | { kind: "fail"; message?: string; attributePath?: string; location?: Location }
  | { kind: "unknown"; needs: string; attributePath?: string };

/** Status of a finding in a report: change mode classifies; suppression and unknown annotate. */
export const FINDING_STATUSES = ["new", "existing", "fixed", "suppressed", "unknown"] as const;
export type FindingStatus = (typeof FINDING_STATUSES)[number];

/** A finding produced by an engine: one rule failing (or undecidable) on one resource. */
export interface Finding {
  ruleId: string;
  severity: Severity;
  title: string;
  message: string;
  resource: string;
  location: Location;
  attributePath?: string;
  status: FindingStatus;
  /** Stable across line shifts and file moves: resource + rule + attribute path. */
  fingerprint: string;
  /** For status "unknown": the value the engine would need, e.g. "var.bucket_acl". */
  needs?: string;
  suppression?: { source: string; reason: string; until?: string; owner?: string };
}
