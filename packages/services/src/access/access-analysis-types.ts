import type { Severity } from "@infrasec/core";

/** One step of an escalation path (the engine's ReportStep, with mutable arrays). */
export interface StepDto {
  from: string;
  to: string;
  technique: string;
  actions: string[];
  explanation: string;
  conditional: boolean;
  needsExistingResource: boolean;
  statements: string[];
}

// Services do not import contracts (dependency rule); these types mirror the access contract's
// schemas, and the routes serialize them through those schemas.

export type AccessProvider = "aws" | "gcp" | "kubernetes";

export type SeverityCounts = Record<Severity, number>;

export interface SnapshotSummary {
  principals: number;
  admins: number;
  conditionalAdmins: number;
  escalationPaths: number;
  principalsWithEscalation: number;
  findings: number;
  findingsBySeverity: SeverityCounts;
}

export type EntitlementKind =
  "managed_policy" | "inline_policy" | "group" | "role_binding" | "iam_binding";

export interface EntitlementDto {
  key: string;
  kind: EntitlementKind;
  name: string;
  scope: string | null;
  privileged: boolean;
}

export interface AccessFindingDto {
  ruleId: string;
  severity: Severity;
  principal: string;
  title: string;
  evidence: string;
  fingerprint: string;
}

export interface EscalationDto {
  pathId: string;
  outcome: "admin" | "lateral";
  conditional: boolean;
  needsExistingResource: boolean;
  steps: StepDto[];
  graph: {
    nodes: { id: string; label: string; role: "start" | "hop" | "goal" }[];
    edges: {
      from: string;
      to: string;
      technique: string;
      actions: string[];
      explanation: string;
      conditional: boolean;
      needsExistingResource: boolean;
    }[];
  };
}

/**
 * What a snapshot stores as its analysis JSON (bounded, see ANALYSIS_MAX_CHARS): enough to diff
 * two snapshots with the engine's `diffSnapshots`, create review items and verify revocations
 * without re-running the analysis.
 */
export interface StoredAnalysis {
  schemaVersion: 1;
  provider: AccessProvider;
  principals: { id: string; isAdmin: boolean; adminPathIds: string[] }[];
  /** Effective permissions as `permission@scope` strings, the unit the diff compares. */
  grants: Record<string, string[]>;
  entitlements: Record<string, EntitlementDto[]>;
  findings: AccessFindingDto[];
}

/** Per-principal JSON view stored in the principal row. */
export interface PrincipalDetailJson {
  effectivePermissions: {
    total: number;
    byLevel: Record<string, number>;
    onAllResources: number;
    conditional: number;
    items: {
      permission: string;
      scope: string;
      level: string | null;
      verdict: "allowed" | "conditional";
      via: string | null;
    }[];
    truncated: boolean;
  };
  entitlements: EntitlementDto[];
  escalations: EscalationDto[];
  findings: AccessFindingDto[];
}

/** One analysed principal, before storage. */
export interface AnalysedPrincipal {
  principalId: string;
  type: string;
  name: string;
  isAdmin: boolean;
  admin: "yes" | "conditional" | "no";
  owner: string | null;
  lastUsed: string | null;
  detail: PrincipalDetailJson;
  grants: string[];
}

/** The result of analysing one upload. */
export interface SnapshotAnalysis {
  summary: SnapshotSummary;
  errors: { file: string; path: string; message: string }[];
  principals: AnalysedPrincipal[];
  findings: AccessFindingDto[];
}

/** Largest analysis JSON stored per snapshot, in characters. */
export const ANALYSIS_MAX_CHARS = 64 * 1024 * 1024;
/** Effective-permission items kept per principal (the summary counts them all). */
export const PERMISSION_ITEMS_MAX = 500;
/** Days without use after which an identity is flagged dormant. */
export const DORMANT_DAYS = 90;
