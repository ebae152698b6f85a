import { analyzeAwsAccount, buildAwsAccountGraph } from "./aws/aws-analyzer";
import type { AwsAnalysis, JoinedAccounts } from "./aws/aws-analyzer";
import { CrossAccountGraph } from "./aws/cross-account";
import { principalsReachingGoals } from "./aws/escalation-search";
import type { AwsAccount, PolicyDoc } from "./aws/aws-types";
import { awsGrants } from "./aws/access-queries";
import { parseCredentialReport } from "./aws/credential-report-parser";
import type { CredentialReportRow } from "./aws/credential-report-parser";
import {
  parseAuthorizationDetails,
  parseOrganizationPolicies,
  withOrganizationPolicies,
} from "./aws/gaad-parser";
import {
  looksLikeResourcePolicies,
  parseResourcePolicies,
  withResourcePolicies,
} from "./aws/resource-policy-parser";
import { analyzeGcpIam } from "./gcp/gcp-analyzer";
import type { GcpSnapshot } from "./gcp/gcp-parser";
import { parseGcpIam } from "./gcp/gcp-parser";
import { gcpGrants } from "./gcp/gcp-queries";
import { looksLikePredefinedRoles } from "./gcp/gcp-role-definitions";
import { analyzeKubernetesRbac } from "./k8s/rbac-analyzer";
import type { RbacIndex } from "./k8s/rbac-evaluator";
import { k8sGrants } from "./k8s/rbac-queries";
import { parseKubernetesRbac } from "./k8s/rbac-parser";
import { inputError, parseJsonText } from "./shared/input-errors";
import type { AccessReport } from "./shared/report-types";
import type { AccessSnapshot } from "./shared/snapshot-diff";
import { snapshotOf } from "./shared/snapshot-diff";

/** The kinds of offline file the access engine reads. */
export const ACCESS_INPUT_KINDS = [
  "aws-authorization-details",
  "aws-credential-report",
  "aws-organization-policies",
  "aws-resource-policies",
  "gcp-iam",
  "gcp-predefined-roles",
  "kubernetes-rbac",
] as const;
export type AccessInputKind = (typeof ACCESS_INPUT_KINDS)[number];

/** One input file: its name (for errors and finding locations) and its text. */
export interface AccessInputFile {
  file: string;
  text: string;
}

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json =>
  v !== null && typeof v === "object" && !Array.isArray(v);

function jsonKind(v: unknown): AccessInputKind | undefined {
  // Before the generic GCP shapes: role definitions also carry `includedPermissions`.
  if (looksLikePredefinedRoles(v)) return "gcp-predefined-roles";
  if (isObject(v)) {
    if ("UserDetailList" in v || "RoleDetailList" in v || "GroupDetailList" in v)
      return "aws-authorization-details";
    if (v.kind === "List" || (typeof v.apiVersion === "string" && typeof v.kind === "string"))
      return "kubernetes-rbac";
    if (Array.isArray(v.items) && v.items.every((i) => isObject(i) && "apiVersion" in i))
      return "kubernetes-rbac";
    if (Array.isArray(v.Policies)) return "aws-organization-policies";
    if (isObject(v.Policy) && "PolicySummary" in v.Policy) return "aws-organization-policies";
    if (looksLikeResourcePolicies(v)) return "aws-resource-policies";
    if (
      "bindings" in v ||
      "policy" in v ||
      "includedPermissions" in v ||
      "keyType" in v ||
      ("resource" in v && "policy" in v)
    )
      return "gcp-iam";
    return undefined;
  }
  if (!Array.isArray(v) || v.length === 0) return undefined;
  const first: unknown = v[0];
  if (!isObject(first)) return undefined;
  if ("PolicySummary" in first || (isObject(first.Policy) && "PolicySummary" in first.Policy))
    return "aws-organization-policies";
  if ("apiVersion" in first && "kind" in first) return "kubernetes-rbac";
  if (looksLikeResourcePolicies(v)) return "aws-resource-policies";
  if (
    "policy" in first ||
    "bindings" in first ||
    "includedPermissions" in first ||
    "keyType" in first
  )
    return "gcp-iam";
  return undefined;
}

/**
 * Tells what an input file is from its content (not its name): AWS authorization details,
 * credential report CSV, Organizations SCP/RCP documents, resource policies, GCP IAM policies /
 * custom roles / key listings, or Kubernetes RBAC (JSON List or YAML).
 */
export function detectAccessInput(f: AccessInputFile): AccessInputKind {
  const t = f.text.trimStart();
  if (t.startsWith("{") || t.startsWith("[")) {
    const kind = jsonKind(parseJsonText(f.file, f.text));
    if (kind) return kind;
    throw inputError(
      f.file,
      "$",
      "unrecognised access input: expected AWS authorization details, Organizations policies, resource policies, GCP IAM JSON or a Kubernetes List",
    );
  }
  const header = (t.split(/\r?\n/, 1)[0] ?? "").replace(/^\uFEFF/, "");
  if (/^user,arn,/.test(header)) return "aws-credential-report";
  if (/^\s*(apiVersion|kind|items)\s*:/m.test(t)) return "kubernetes-rbac";
  throw inputError(
    f.file,
    "$",
    "unrecognised access input: neither JSON, a credential report CSV nor Kubernetes YAML",
  );
}

/** Options of a whole-snapshot analysis. `now` is required: engines read no clock. */
export interface AccessInputOptions {
  now: string;
  /** Kubernetes: report findings from default/system bindings too. */
  includeDefaults?: boolean;
  /** AWS: known vendor accounts (id → name) trusted without a finding. */
  knownAccounts?: Readonly<Record<string, string>>;
}

/** Everything analysed from one set of files: per provider, plus the contract reports. */
export interface AccessInputAnalysis {
  /** The analysis time the caller passed. */
  now: string;
  inputs: { file: string; kind: AccessInputKind }[];
  /** One per provider (AWS: one per account), in the order aws, gcp, kubernetes. */
  reports: AccessReport[];
  aws: AwsAnalysis[];
  gcp: { report: AccessReport; snapshot: GcpSnapshot } | undefined;
  kubernetes: { report: AccessReport; index: RbacIndex } | undefined;
}

function mergeAccounts(a: AwsAccount, b: AwsAccount): AwsAccount {
  const policies = new Map([...a.policies, ...b.policies]);
  const all = [...a.users, ...b.users, ...a.groups, ...b.groups, ...a.roles, ...b.roles];
  const missing = new Set<string>();
  for (const p of all)
    for (const arn of p.managedPolicyArns) if (!policies.has(arn)) missing.add(arn);
  return {
    ...a,
    users: [...a.users, ...b.users],
    groups: [...a.groups, ...b.groups],
    roles: [...a.roles, ...b.roles],
    policies,
    missingPolicyArns: [...missing].sort(),
  };
}

/**
 * Detects and parses every file, then analyses each provider found. Authorization-details files
 * of the same account are merged (pages); other accounts are analysed separately. Organization
 * policies and resource policies apply to every account; credential report rows to the account
 * in their ARN. Malformed input throws an error naming the file and JSON path.
 */
export function analyzeAccessInputs(
  files: readonly AccessInputFile[],
  options: AccessInputOptions,
): AccessInputAnalysis {
  const inputs: { file: string; kind: AccessInputKind }[] = [];
  const accounts = new Map<string, { account: AwsAccount; file: string }>();
  const rows: CredentialReportRow[] = [];
  const scps: PolicyDoc[] = [];
  const rcps: PolicyDoc[] = [];
  const resourcePolicies = new Map<string, PolicyDoc>();
  const gcpFiles: AccessInputFile[] = [];
  const k8sFiles: AccessInputFile[] = [];
  for (const f of files) {
    const kind = detectAccessInput(f);
    inputs.push({ file: f.file, kind });
    switch (kind) {
      case "aws-authorization-details": {
        const acc = parseAuthorizationDetails(f.file, f.text);
        const prev = accounts.get(acc.accountId);
        accounts.set(
          acc.accountId,
          prev
            ? { account: mergeAccounts(prev.account, acc), file: prev.file }
            : { account: acc, file: f.file },
        );
        break;
      }
      case "aws-credential-report":
        rows.push(...parseCredentialReport(f.file, f.text));
        break;
      case "aws-organization-policies": {
        const org = parseOrganizationPolicies(f.file, f.text);
        scps.push(...org.scps);
        rcps.push(...org.rcps);
        break;
      }
      case "aws-resource-policies":
        for (const [arn, p] of parseResourcePolicies(f.file, f.text)) resourcePolicies.set(arn, p);
        break;
      case "gcp-iam":
      case "gcp-predefined-roles":
        gcpFiles.push(f);
        break;
      case "kubernetes-rbac":
        k8sFiles.push(f);
        break;
    }
  }
  const onlyAwsExtras =
    accounts.size === 0 &&
    (rows.length > 0 || scps.length + rcps.length > 0 || resourcePolicies.size > 0);
  if (onlyAwsExtras) {
    const extra = inputs.find((i) => i.kind.startsWith("aws-"));
    throw inputError(
      extra?.file ?? "?",
      "$",
      "credential reports, Organizations and resource policies need an authorization-details file (aws iam get-account-authorization-details) in the same run",
    );
  }
  const aws: AwsAnalysis[] = [];
  // Accounts analysed together are the user's own: trusting one another is not "unknown".
  const inputAccounts =
    accounts.size > 1
      ? Object.fromEntries([...accounts.keys()].map((id) => [id, "in this input"]))
      : {};
  const known = { ...inputAccounts, ...(options.knownAccounts ?? {}) };
  const prepared = [...accounts].map(([accountId, { account, file }]) => {
    const withOrg = withOrganizationPolicies(account, { scps, rcps });
    const full = withResourcePolicies(withOrg, resourcePolicies);
    const own = rows.filter((r) => r.arn.split(":")[4] === accountId);
    const opts = {
      now: options.now,
      file,
      ...(own.length > 0 ? { credentialReport: own } : {}),
      ...(Object.keys(known).length > 0 ? { knownAccounts: known } : {}),
    };
    return { full, opts };
  });
  // Several accounts: join them so role assumption across accounts extends escalation paths.
  const graphs =
    prepared.length > 1 ? prepared.map((p) => buildAwsAccountGraph(p.full, p.opts)) : [];
  const joined = graphs.length > 1 ? new CrossAccountGraph(graphs) : undefined;
  const candidates = joined ? principalsReachingGoals(joined, joined, joined) : undefined;
  prepared.forEach(({ full, opts }, i) => {
    const self = graphs[i];
    const shared: JoinedAccounts | undefined =
      joined && self && candidates ? { self, joined, candidates } : undefined;
    aws.push(analyzeAwsAccount(full, opts, shared));
  });
  let gcp: AccessInputAnalysis["gcp"];
  if (gcpFiles.length > 0) {
    const snapshot = parseGcpIam(gcpFiles);
    const report = analyzeGcpIam(snapshot, {
      now: options.now,
      file: gcpFiles.map((f) => f.file).join(","),
    });
    gcp = { report, snapshot };
  }
  let kubernetes: AccessInputAnalysis["kubernetes"];
  if (k8sFiles.length > 0) {
    kubernetes = analyzeKubernetesRbac(parseKubernetesRbac(k8sFiles), {
      file: k8sFiles.map((f) => f.file).join(","),
      ...(options.includeDefaults ? { includeDefaults: true } : {}),
    });
  }
  return {
    now: options.now,
    inputs,
    reports: [
      ...aws.map((a) => a.report),
      ...(gcp ? [gcp.report] : []),
      ...(kubernetes ? [kubernetes.report] : []),
    ],
    aws,
    gcp,
    kubernetes,
  };
}

/**
 * The diffable snapshot of an analysis: per principal, admin state, admin paths and grants
 * (AWS catalogued actions `action@all|some`, GCP `role@resource`, Kubernetes `verb resource@scope`).
 */
export function accessSnapshotOf(a: AccessInputAnalysis): AccessSnapshot {
  const principals = new Map<
    string,
    { isAdmin: boolean; pathIds: readonly string[]; grants: readonly string[] }
  >();
  const add = (s: AccessSnapshot): void => {
    for (const [k, v] of s.principals) principals.set(k, v);
  };
  for (const x of a.aws) add(snapshotOf(x.report, awsGrants(x.model)));
  if (a.gcp) add(snapshotOf(a.gcp.report, gcpGrants(a.gcp.snapshot, a.now)));
  if (a.kubernetes) add(snapshotOf(a.kubernetes.report, k8sGrants(a.kubernetes.index)));
  return { principals };
}
