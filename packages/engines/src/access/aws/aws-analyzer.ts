import type { Finding } from "@infrasec/core";
import { makeFinding } from "../shared/finding-builder";
import type { AccessReport, ReportEscalation, ReportPrincipal } from "../shared/report-types";
import { AwsAccessModel } from "./access-model";
import { AWS_ACCESS_RULES as R } from "./aws-rules";
import type { AwsAccount } from "./aws-types";
import {
  credentialFindings,
  dormantRoleFindings,
  riskyActionFindings,
  trustFindings,
  wildcardFindings,
} from "./aws-findings";
import type { CredentialReportRow } from "./credential-report-parser";
import type { UserCredentialState } from "./escalation-edges";
import { AccessEdgeBuilder } from "./escalation-edges";
import type { SearchLimits } from "./escalation-search";
import {
  DEFAULT_SEARCH_LIMITS,
  principalsReachingGoals,
  searchEscalations,
} from "./escalation-search";
import type { EscalationPath } from "./escalation-types";
import { ModifyStepFinder } from "./modify-steps";
import type { AwsAccountGraph, CrossAccountGraph } from "./cross-account";

/** Options of an AWS analysis. `now` is required: engines read no clock. */
export interface AwsAnalysisOptions {
  now: string;
  /** File name used in findings' locations. */
  file?: string;
  credentialReport?: readonly CredentialReportRow[];
  knownAccounts?: Readonly<Record<string, string>>;
  limits?: Partial<SearchLimits>;
  /** Skip the per-principal risky-action scan (faster on very large accounts). */
  skipRiskyActions?: boolean;
}

/** An AWS analysis: the contract report plus the model for follow-up queries. */
export interface AwsAnalysis {
  report: AccessReport;
  model: AwsAccessModel;
  paths: ReadonlyMap<string, readonly EscalationPath[]>;
}

function toReportEscalation(p: EscalationPath): ReportEscalation {
  return {
    pathId: p.pathId,
    outcome: p.outcome,
    conditional: p.conditional,
    needsExistingResource: p.needsExistingResource,
    steps: p.steps.map((s) => ({
      from: s.from,
      to: s.to,
      technique: s.pathfindingId ?? s.techniqueId,
      actions: s.actions,
      explanation: s.explanation,
      conditional: s.verdict === "conditional",
      needsExistingResource: s.needsExistingResource,
      statements: s.statements,
    })),
  };
}

/** Credential state per user ARN, for login-profile and two-key preconditions. */
function credentialStates(
  rows: readonly CredentialReportRow[] | undefined,
): Map<string, UserCredentialState> {
  const m = new Map<string, UserCredentialState>();
  for (const r of rows ?? []) {
    m.set(r.arn, {
      ...(r.passwordEnabled !== undefined ? { passwordEnabled: r.passwordEnabled } : {}),
      activeKeys: r.keys.filter((k) => k.active).length,
    });
  }
  return m;
}

/** Builds one account's evaluation model, edges and rewrite finder. */
export function buildAwsAccountGraph(
  account: AwsAccount,
  options: Pick<AwsAnalysisOptions, "now" | "credentialReport">,
): AwsAccountGraph {
  const model = new AwsAccessModel(account, { now: options.now });
  return {
    model,
    modify: new ModifyStepFinder(model),
    edges: new AccessEdgeBuilder(model, credentialStates(options.credentialReport)),
  };
}

/** Several accounts analysed together: the account's own graph and the joined one. */
export interface JoinedAccounts {
  self: AwsAccountGraph;
  joined: CrossAccountGraph;
  /** `principalsReachingGoals` over the joined graph, computed once for all accounts. */
  candidates: ReadonlySet<string>;
}

/**
 * Analyses one AWS account: admin equivalence, multi-hop escalation paths, trust risks, risky
 * actions, wildcards, credential hygiene and dormant roles. With `joined`, escalation paths may
 * continue into the other accounts of the input (cross-account.ts).
 */
export function analyzeAwsAccount(
  account: AwsAccount,
  options: AwsAnalysisOptions,
  joined?: JoinedAccounts,
): AwsAnalysis {
  const file = options.file ?? "authorization-details.json";
  const { model, modify, edges } = joined?.self ?? buildAwsAccountGraph(account, options);
  const limits = { ...DEFAULT_SEARCH_LIMITS, ...options.limits };
  const principals: ReportPrincipal[] = [];
  const findings: Finding[] = [];
  const paths = new Map<string, readonly EscalationPath[]>();
  const adminCapable = new Set<string>();
  const g = joined?.joined;
  const candidates = joined?.candidates ?? principalsReachingGoals(model, edges, modify);
  for (const rp of model.principals) {
    const p = rp.principal;
    const admin = modify.admin(rp);
    const found =
      admin === "yes"
        ? []
        : g
          ? searchEscalations(g, rp, g, g, limits, candidates)
          : searchEscalations(model, rp, edges, modify, limits, candidates);
    paths.set(p.arn, found);
    principals.push({
      id: p.arn,
      type: p.type,
      name: p.name,
      isAdmin: admin === "yes",
      admin,
      escalations: found.map(toReportEscalation),
    });
    if (admin !== "no") {
      adminCapable.add(p.arn);
      findings.push(
        makeFinding(R.admin, {
          resource: p.arn,
          file,
          message:
            admin === "yes"
              ? "allowed every probed action on every resource"
              : "admin-equivalent if undecided conditions hold",
          ...(admin === "conditional" ? { severity: "medium" as const } : {}),
        }),
      );
    }
    for (const e of found) {
      if (e.outcome !== "admin") continue;
      adminCapable.add(p.arn);
      const rule =
        e.conditional || e.needsExistingResource ? R.escalationConditional : R.escalation;
      const how = e.steps.map((s) => s.explanation).join("; then ");
      findings.push(
        makeFinding(rule, {
          resource: p.arn,
          file,
          detailKey: e.pathId,
          message: `${e.pathId}: ${how}`,
        }),
      );
    }
    if (!options.skipRiskyActions && admin === "no")
      findings.push(...riskyActionFindings(model, rp, file));
  }
  findings.push(
    ...trustFindings(account.roles, file, { knownAccounts: { ...(options.knownAccounts ?? {}) } }),
  );
  const ownDocs = [
    ...[...account.users, ...account.groups, ...account.roles].flatMap((p) => p.inlinePolicies),
    ...[...account.policies.values()].filter((m) => !m.isAwsManaged).map((m) => m.document),
  ];
  findings.push(...wildcardFindings(ownDocs, file));
  if (options.credentialReport) {
    findings.push(...credentialFindings(options.credentialReport, options.now, file, adminCapable));
  }
  findings.push(...dormantRoleFindings(account.roles, options.now, file));
  for (const arn of account.missingPolicyArns) {
    findings.push(
      makeFinding(R.missingPolicy, {
        resource: arn,
        file,
        message: `${arn} is attached but not in the input`,
      }),
    );
  }
  return {
    report: { schemaVersion: 1, provider: "aws", principals, findings, errors: [] },
    model,
    paths,
  };
}
