/**
 * Access analysis engine (issue 7): AWS IAM evaluation and escalation paths, Kubernetes RBAC,
 * GCP IAM. Pure: files' text in, typed results out; the analysis time is passed in.
 */

// Shared
export { INPUT_LIMITS, inputError } from "./shared/input-errors";
export type {
  AccessCliJson,
  AccessReport,
  ReportError,
  ReportEscalation,
  ReportPrincipal,
  ReportStep,
} from "./shared/report-types";
export { toCliJson } from "./shared/report-types";
export type { AccessDiff, AccessSnapshot } from "./shared/snapshot-diff";
export { diffSnapshots, snapshotOf } from "./shared/snapshot-diff";

// AWS: inputs
export type {
  AwsAccount,
  AwsPrincipal,
  ConditionTest,
  ManagedPolicy,
  PolicyDoc,
  PolicyKind,
  PrincipalSpec,
  Statement,
} from "./aws/aws-types";
export {
  parseAuthorizationDetails,
  parseOrganizationPolicies,
  withOrganizationPolicies,
} from "./aws/gaad-parser";
export { parsePolicyDocument } from "./aws/policy-parser";
export { parseSessionPolicy } from "./aws/session-policy";
export type { AccessKeyState, CredentialReportRow } from "./aws/credential-report-parser";
export { parseCredentialReport } from "./aws/credential-report-parser";

// AWS: evaluation
export type { RequestContext, Tri } from "./aws/condition-evaluator";
export { evaluateConditions, makeContext } from "./aws/condition-evaluator";
export type { Caller, ResourceQuery, StatementMatch } from "./aws/statement-matcher";
export type {
  Decision,
  PrincipalPolicies,
  ResourceSide,
  Verdict,
} from "./aws/authorization-evaluator";
export { ActionIndex, evaluateAccess } from "./aws/authorization-evaluator";
export { actionMatches, arnMatches } from "./aws/wildcard-matcher";
export type { AccessLevel, CatalogueAction } from "./aws/action-catalogue";
export { ACTION_CATALOGUE, catalogueAction, expandActionPattern } from "./aws/action-catalogue";
export { CATALOGUE_SOURCE } from "./aws/action-catalogue-data";
export type { AwsModelOptions, ResolvedPrincipal } from "./aws/access-model";
export { AwsAccessModel, resourcePolicyFor } from "./aws/access-model";

// AWS: analyses and queries
export type { AdminVerdict } from "./aws/admin-analyzer";
export { adminVerdict } from "./aws/admin-analyzer";
export type { EscalationPath, EscalationStep } from "./aws/escalation-types";
export {
  ACCESS_TECHNIQUES,
  MODIFY_TECHNIQUES,
  PASSROLE_TECHNIQUES,
} from "./aws/escalation-techniques";
export type { TrustOptions, TrustRisk } from "./aws/trust-analyzer";
export { analyzeTrust } from "./aws/trust-analyzer";
export type { AwsAnalysis, AwsAnalysisOptions } from "./aws/aws-analyzer";
export { analyzeAwsAccount } from "./aws/aws-analyzer";
export { AWS_ACCESS_RULES } from "./aws/aws-rules";
export type { EffectivePermission, ResourcePolicyGrantee, WhoCanEntry } from "./aws/access-queries";
export {
  awsGrants,
  effectivePermissions,
  explainAccess,
  resourcePolicyGrantees,
  whoCan,
} from "./aws/access-queries";
export {
  looksLikeResourcePolicies,
  parseResourcePolicies,
  withResourcePolicies,
} from "./aws/resource-policy-parser";
export type { PolicyLensOptions, PolicyLensResult } from "./aws/policy-lens";
export { analyzePolicyDocument, POLICY_LENS_METHODS } from "./aws/policy-lens";

// Kubernetes
export type {
  K8sBinding,
  K8sCluster,
  K8sPod,
  K8sRequest,
  K8sRole,
  K8sRule,
  K8sSubject,
} from "./k8s/rbac-types";
export { subjectKey } from "./k8s/rbac-types";
export { parseKubernetesRbac } from "./k8s/rbac-parser";
export type { Coverage, K8sGrant } from "./k8s/rbac-evaluator";
export { RbacIndex, resolveAggregation, ruleCovers } from "./k8s/rbac-evaluator";
export type { K8sAnalysisOptions } from "./k8s/rbac-analyzer";
export { analyzeKubernetesRbac, isDefaultBinding } from "./k8s/rbac-analyzer";
export { K8S_RISK_CHECKS, K8S_RULES } from "./k8s/rbac-rules";
export {
  coverageVerdict,
  describeGrant,
  k8sGrants,
  k8sRequest,
  parseSubject,
} from "./k8s/rbac-queries";

// GCP
export type { GcpBinding, GcpKey, GcpRole, GcpSnapshot } from "./gcp/gcp-parser";
export { parseGcpIam } from "./gcp/gcp-parser";
export { analyzeGcpIam, conditionState } from "./gcp/gcp-analyzer";
export { GCP_RULES } from "./gcp/gcp-rules";
export type { GcpAccessAnswer, GcpQueryBinding } from "./gcp/gcp-queries";
export { gcpCan, gcpGrants, gcpWhoCan } from "./gcp/gcp-queries";
export { isPredefinedRoleName, looksLikePredefinedRoles } from "./gcp/gcp-role-definitions";

// Whole snapshots: input detection, analysis of every provider, diffable snapshot
export type {
  AccessInputAnalysis,
  AccessInputFile,
  AccessInputKind,
  AccessInputOptions,
} from "./access-inputs";
export {
  ACCESS_INPUT_KINDS,
  accessSnapshotOf,
  analyzeAccessInputs,
  detectAccessInput,
} from "./access-inputs";

// Registry of every rule of the access engine, for listing and documentation.
export { ACCESS_RULES } from "./access-rules";
