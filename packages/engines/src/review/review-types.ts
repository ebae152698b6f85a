import type { Finding, RuleMeta, RuleOutcome, ErrorDetail, Severity } from "@infrasec/core";

/** Input families the review engine understands; also the `framework` of a review rule. */
export type ReviewFramework = "terraform" | "plan" | "kubernetes" | "dockerfile";

/** Cloud or platform a rule is about. */
export type ReviewProvider = "aws" | "gcp" | "azure" | "kubernetes" | "docker" | "generic";

/** Review rules carry the framework and provider besides the common metadata. */
export interface ReviewRuleMeta extends RuleMeta {
  provider: ReviewProvider;
  framework: ReviewFramework;
  equivalents: { checkov: readonly string[]; trivy: readonly string[] };
}

/** Metadata a rule file writes; the rule builder fills in provider and framework. */
export interface ReviewRuleInput {
  id: string;
  title: string;
  severity: Severity;
  description: string;
  remediation: string;
  references: readonly string[];
  frameworks: readonly string[];
  checkov?: readonly string[];
  trivy?: readonly string[];
}

/**
 * A review rule: metadata plus a check over the framework's subject (a Terraform resource,
 * a plan resource change, a Kubernetes object, a Dockerfile stage). A check may return several
 * outcomes (one per offending attribute or container).
 */
export interface ReviewRule<TSubject> {
  meta: ReviewRuleMeta;
  /** Which subjects the rule looks at (resource types or Kubernetes kinds); empty = all. */
  appliesTo: readonly string[];
  check(subject: TSubject): RuleOutcome | readonly RuleOutcome[];
}

/** What one framework scanner returns for one file or one directory. */
export interface FrameworkScanResult {
  findings: Finding[];
  errors: ErrorDetail[];
  /** How many subjects (resources, objects, stages) were evaluated. */
  subjects: number;
}
