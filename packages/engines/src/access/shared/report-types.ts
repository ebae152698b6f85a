import type { Finding } from "@infrasec/core";

/** One step of an escalation path in the stable output contract. */
export interface ReportStep {
  from: string;
  to: string;
  technique: string;
  actions: readonly string[];
  explanation: string;
  conditional: boolean;
  needsExistingResource: boolean;
  statements: readonly string[];
}

/** One escalation of a principal in the stable output contract. */
export interface ReportEscalation {
  pathId: string;
  outcome: "admin" | "lateral";
  steps: readonly ReportStep[];
  conditional: boolean;
  needsExistingResource: boolean;
}

/** A principal (AWS user/role, Kubernetes subject, GCP member) in the output contract. */
export interface ReportPrincipal {
  id: string;
  type: string;
  name: string;
  isAdmin: boolean;
  /** `conditional` when admin equivalence depends on undecided conditions. */
  admin: "yes" | "conditional" | "no";
  escalations: readonly ReportEscalation[];
}

/** An input problem that did not stop the analysis. */
export interface ReportError {
  file: string;
  path: string;
  message: string;
}

/** Result of an analysis of one account, cluster or GCP organization. */
export interface AccessReport {
  schemaVersion: 1;
  provider: "aws" | "gcp" | "kubernetes";
  principals: ReportPrincipal[];
  findings: Finding[];
  errors: ReportError[];
}

/** The documented CLI JSON shape (`infrasec access analyze --format json`, schemaVersion 1). */
export interface AccessCliJson {
  schemaVersion: 1;
  principals: {
    id: string;
    type: string;
    name: string;
    isAdmin: boolean;
    escalations: { pathId: string; steps: readonly ReportStep[]; conditional: boolean }[];
  }[];
  findings: {
    ruleId: string;
    severity: string;
    principal: string;
    title: string;
    evidence: string;
  }[];
  errors: ReportError[];
}

/** Maps reports to the CLI's stable JSON contract (merging several providers). */
export function toCliJson(reports: readonly AccessReport[]): AccessCliJson {
  return {
    schemaVersion: 1,
    principals: reports.flatMap((r) =>
      r.principals.map((p) => ({
        id: p.id,
        type: p.type,
        name: p.name,
        isAdmin: p.isAdmin,
        escalations: p.escalations.map((e) => ({
          pathId: e.pathId,
          steps: e.steps,
          conditional: e.conditional || e.needsExistingResource,
        })),
      })),
    ),
    findings: reports.flatMap((r) =>
      r.findings.map((f) => ({
        ruleId: f.ruleId,
        severity: f.severity,
        principal: f.resource,
        title: f.title,
        evidence: f.message,
      })),
    ),
    errors: reports.flatMap((r) => r.errors),
  };
}
