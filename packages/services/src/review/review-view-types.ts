import type { FindingStatus, Severity } from "@infrasec/core";
import type { RunCounts, SeverityCounts, StatusCounts } from "./review-report-fns";

/** Answers of the review service; they match the HTTP contract (packages/contracts/src/review). */

export interface ReviewRunView {
  id: string;
  project: string;
  ref: string;
  commit: string;
  mergeRequest: { iid: number; url: string | null } | null;
  pipelineUrl: string | null;
  baseRef: string | null;
  defaultBranch: string;
  mode: "change" | "classified" | "full";
  baseRunId: string | null;
  gate: { failOn: Severity; outcome: "passed" | "failed"; failing: number };
  counts: {
    total: number;
    byStatus: StatusCounts;
    bySeverity: SeverityCounts;
    open: number;
    errors: number;
  };
  tool: { name: string; version: string } | null;
  uploadedBy: string | null;
  createdAt: string;
}

export interface ReviewRunDetailView extends ReviewRunView {
  matrix: RunCounts["matrix"];
  errors: { file: string; line: number | null; message: string }[];
  suppressions: RunCounts["suppressions"];
}

export interface ReviewFindingView {
  id: string;
  runId: string;
  ruleId: string;
  severity: Severity;
  title: string;
  message: string;
  file: string;
  startLine: number;
  endLine: number;
  resource: string;
  status: FindingStatus;
  fingerprint: string;
  attributePath: string | null;
  needs: string | null;
  suppression: {
    source: string;
    reason: string;
    until: string | null;
    owner: string | null;
  } | null;
  equivalents: { checkov: string[]; trivy: string[] };
}

export interface ReviewProjectView {
  project: string;
  defaultBranch: string;
  runs: number;
  latestRun: ReviewRunView | null;
  lastUploadAt: string;
  trend: {
    runId: string;
    commit: string;
    createdAt: string;
    open: number;
    new: number;
    fixed: number;
    outcome: "passed" | "failed";
  }[];
}

export interface ReviewRuleView {
  id: string;
  title: string;
  severity: Severity;
  framework: "terraform" | "plan" | "kubernetes" | "dockerfile";
  provider: "aws" | "gcp" | "azure" | "kubernetes" | "docker" | "generic";
  description: string;
  remediation: string;
  references: string[];
  tags: string[];
  equivalents: { checkov: string[]; trivy: string[] };
}

export interface ReviewRuleDetailView extends ReviewRuleView {
  docs: string;
  openFindings: number;
  projects: { project: string; runId: string; open: number }[];
}

export interface ReviewSuppressionView {
  id: string;
  project: string;
  runId: string;
  ref: string;
  commit: string;
  source: "infrasec" | "checkov" | "trivy" | "config";
  rules: string[];
  file: string;
  line: number;
  resource: string | null;
  attribute: string | null;
  reason: string;
  owner: string | null;
  until: string | null;
  state: "active" | "expired" | "stale";
  expiresInDays: number | null;
  matched: number;
}
