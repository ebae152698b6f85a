import type { Finding } from "@infrasec/core";
import { AppError } from "@infrasec/core";
import type {
  AccessReport,
  AwsPrincipal,
  CredentialReportRow,
  K8sGrant,
  K8sRule,
  PolicyDoc,
} from "@infrasec/engines/access";
import {
  analyzeAwsAccount,
  analyzeGcpIam,
  analyzeKubernetesRbac,
  effectivePermissions,
  parseAuthorizationDetails,
  parseCredentialReport,
  parseGcpIam,
  parseKubernetesRbac,
  parseOrganizationPolicies,
  withOrganizationPolicies,
} from "@infrasec/engines/access";
import type {
  AccessFindingDto,
  EntitlementDto,
  PrincipalDetailJson,
} from "./access-analysis-types";
import { PERMISSION_ITEMS_MAX } from "./access-analysis-types";

/** An uploaded file with its kind resolved. */
export interface ClassifiedFile {
  name: string;
  kind:
    | "authorization-details"
    | "credential-report"
    | "organization-policies"
    | "gcp-iam"
    | "kubernetes-rbac";
  content: string;
}

/** What a provider analysis yields before the service shapes and stores it. */
export interface ProviderResult {
  report: AccessReport;
  perPrincipal: Map<
    string,
    {
      owner: string | null;
      lastUsed: string | null;
      permissions: PrincipalDetailJson["effectivePermissions"]["items"];
      entitlements: EntitlementDto[];
    }
  >;
}

export function findingDto(f: Finding): AccessFindingDto {
  return {
    ruleId: f.ruleId,
    severity: f.severity,
    principal: f.resource,
    title: f.title,
    evidence: f.message,
    fingerprint: f.fingerprint,
  };
}

/** AWS managed policies that make whoever holds them privileged on their own. */
const AWS_PRIVILEGED_POLICIES = new Set([
  "AdministratorAccess",
  "IAMFullAccess",
  "PowerUserAccess",
  "AWSOrganizationsFullAccess",
]);

/** A document that allows every action, every IAM action, or "everything but" (NotAction). */
function docIsPrivileged(doc: PolicyDoc | undefined): boolean {
  return (doc?.statements ?? []).some(
    (s) =>
      s.effect === "Allow" &&
      (s.notActions !== undefined ||
        (s.actions ?? []).some((a) => a === "*" || a === "*:*" || a.toLowerCase() === "iam:*")),
  );
}

function ownerTag(tags: Readonly<Record<string, string>>): string | null {
  for (const k of ["owner", "Owner", "team", "Team"]) {
    const v = tags[k];
    if (v !== undefined && v !== "") return v;
  }
  return null;
}

function latest(...dates: (string | undefined)[]): string | null {
  const ds = dates.filter((d): d is string => d !== undefined).sort();
  return ds.length > 0 ? (ds[ds.length - 1] ?? null) : null;
}

function awsEntitlements(
  p: AwsPrincipal,
  policies: ReadonlyMap<string, { name: string; document: PolicyDoc }>,
  groups: ReadonlyMap<string, AwsPrincipal>,
): EntitlementDto[] {
  const out: EntitlementDto[] = [];
  for (const arn of p.managedPolicyArns) {
    const m = policies.get(arn);
    const name = m?.name ?? arn.slice(arn.lastIndexOf("/") + 1);
    out.push({
      key: `managed:${arn}`,
      kind: "managed_policy",
      name,
      scope: null,
      privileged: AWS_PRIVILEGED_POLICIES.has(name) || docIsPrivileged(m?.document),
    });
  }
  for (const d of p.inlinePolicies) {
    out.push({
      key: `inline:${d.name}`,
      kind: "inline_policy",
      name: d.name,
      scope: null,
      privileged: docIsPrivileged(d),
    });
  }
  for (const g of p.groupNames) {
    const group = groups.get(g);
    const privileged =
      group !== undefined &&
      (group.inlinePolicies.some(docIsPrivileged) ||
        group.managedPolicyArns.some((a) => {
          const m = policies.get(a);
          return AWS_PRIVILEGED_POLICIES.has(m?.name ?? "") || docIsPrivileged(m?.document);
        }));
    out.push({ key: `group:${g}`, kind: "group", name: g, scope: null, privileged });
  }
  return out;
}

function analyzeAws(files: readonly ClassifiedFile[], now: string): ProviderResult {
  const gaad = files.filter((f) => f.kind === "authorization-details");
  if (gaad.length !== 1) {
    throw new AppError(
      "validation_failed",
      "an AWS snapshot needs exactly one authorization-details file",
      [{ path: "files", message: `found ${gaad.length} authorization-details files` }],
    );
  }
  const main = gaad[0] as ClassifiedFile;
  let account = parseAuthorizationDetails(main.name, main.content);
  for (const f of files.filter((x) => x.kind === "organization-policies"))
    account = withOrganizationPolicies(account, parseOrganizationPolicies(f.name, f.content));
  const credentialReport: CredentialReportRow[] = files
    .filter((f) => f.kind === "credential-report")
    .flatMap((f) => parseCredentialReport(f.name, f.content));
  const analysis = analyzeAwsAccount(account, {
    now,
    file: main.name,
    ...(credentialReport.length > 0 ? { credentialReport } : {}),
  });
  const creds = new Map(credentialReport.map((r) => [r.arn, r]));
  const groups = new Map(account.groups.map((g) => [g.name, g]));
  const perPrincipal: ProviderResult["perPrincipal"] = new Map();
  for (const p of [...account.users, ...account.roles]) {
    const c = creds.get(p.arn);
    perPrincipal.set(p.arn, {
      owner: ownerTag(p.tags),
      lastUsed: latest(p.lastUsed, c?.passwordLastUsed, ...(c?.keys ?? []).map((k) => k.lastUsed)),
      permissions: effectivePermissions(analysis.model, p.arn).map((e) => ({
        permission: e.action,
        scope: e.scope,
        level: e.level,
        verdict: e.verdict,
        via: null,
      })),
      entitlements: awsEntitlements(p, account.policies, groups),
    });
  }
  return { report: analysis.report, perPrincipal };
}

const K8S_PRIVILEGED_ROLES = new Set(["cluster-admin", "admin", "edit"]);
const K8S_PRIVILEGED_VERBS = new Set(["*", "escalate", "bind", "impersonate"]);

function k8sRulePrivileged(r: K8sRule): boolean {
  return (
    r.verbs.some((v) => K8S_PRIVILEGED_VERBS.has(v)) ||
    r.resources.some(
      (x) => x === "*" || x === "secrets" || x === "pods/exec" || x === "nodes/proxy",
    )
  );
}

function k8sEntitlement(g: K8sGrant): EntitlementDto {
  const b = g.binding;
  return {
    key: `${b.kind}:${b.namespace ?? ""}/${b.name}>${b.roleRef.kind}:${b.roleRef.name}`,
    kind: "role_binding",
    name: `${b.roleRef.kind}/${b.roleRef.name}`,
    scope: g.scope,
    privileged: K8S_PRIVILEGED_ROLES.has(g.role) || g.rules.some(k8sRulePrivileged),
  };
}

function analyzeK8s(files: readonly ClassifiedFile[]): ProviderResult {
  const inputs = files.filter((f) => f.kind === "kubernetes-rbac");
  if (inputs.length === 0) {
    throw new AppError("validation_failed", "a Kubernetes snapshot needs kubectl JSON files", [
      { path: "files", message: "no kubernetes-rbac file" },
    ]);
  }
  const cluster = parseKubernetesRbac(inputs.map((f) => ({ file: f.name, text: f.content })));
  const { report, index } = analyzeKubernetesRbac(cluster, {
    file: inputs[0]?.name ?? "rbac.json",
  });
  const perPrincipal: ProviderResult["perPrincipal"] = new Map();
  for (const [key, s] of index.subjects) {
    const own = index.grants.get(key) ?? [];
    const permissions = index.effectiveGrants(s).flatMap((g) =>
      g.rules.map((r) => ({
        permission: `${r.verbs.join(",")} ${
          r.nonResourceURLs.length > 0 ? r.nonResourceURLs.join(",") : r.resources.join(",")
        }${r.resourceNames.length > 0 ? ` (${r.resourceNames.join(",")})` : ""}`,
        scope: g.scope,
        level: null,
        verdict: "allowed" as const,
        via: `${g.binding.kind} ${g.binding.name} → ${g.role}`,
      })),
    );
    perPrincipal.set(key, {
      owner: s.kind === "ServiceAccount" ? (s.namespace ?? null) : null,
      lastUsed: null,
      permissions,
      entitlements: own.map(k8sEntitlement),
    });
  }
  return { report, perPrincipal };
}

const GCP_PRIVILEGED = /^roles\/(owner|editor|.*[aA]dmin)$/;

function analyzeGcp(files: readonly ClassifiedFile[], now: string): ProviderResult {
  const inputs = files.filter((f) => f.kind === "gcp-iam");
  if (inputs.length === 0) {
    throw new AppError("validation_failed", "a GCP snapshot needs IAM policy files", [
      { path: "files", message: "no gcp-iam file" },
    ]);
  }
  const snap = parseGcpIam(inputs.map((f) => ({ file: f.name, text: f.content })));
  const report = analyzeGcpIam(snap, { now, file: inputs[0]?.name ?? "gcp-iam.json" });
  const perPrincipal: ProviderResult["perPrincipal"] = new Map();
  const entry = (m: string) => {
    let e = perPrincipal.get(m);
    if (!e) {
      e = { owner: null, lastUsed: null, permissions: [], entitlements: [] };
      perPrincipal.set(m, e);
    }
    return e;
  };
  for (const b of snap.bindings) {
    for (const m of b.members) {
      const e = entry(m);
      const cond = b.condition ? ` if ${b.condition.title || b.condition.expression}` : "";
      e.entitlements.push({
        key: `${b.resource}|${b.role}${b.condition ? `|${b.condition.title}` : ""}`,
        kind: "iam_binding",
        name: b.role,
        scope: b.resource,
        privileged: GCP_PRIVILEGED.test(b.role),
      });
      e.permissions.push({
        permission: b.role,
        scope: b.resource,
        level: null,
        verdict: b.condition ? "conditional" : "allowed",
        via: `binding on ${b.resource}${cond}`,
      });
      const project = /^projects\/([^/]+)/.exec(b.resource)?.[1];
      if (e.owner === null && project !== undefined) e.owner = project;
    }
  }
  return { report, perPrincipal };
}

/** Runs the engine for one provider over the classified files. */
export function analyzeProvider(
  provider: "aws" | "gcp" | "kubernetes",
  files: readonly ClassifiedFile[],
  now: string,
): ProviderResult {
  if (provider === "aws") return analyzeAws(files, now);
  if (provider === "kubernetes") return analyzeK8s(files);
  return analyzeGcp(files, now);
}

/** Caps the item list and counts what it summarises. */
export function summarisePermissions(
  items: PrincipalDetailJson["effectivePermissions"]["items"],
): PrincipalDetailJson["effectivePermissions"] {
  const byLevel: Record<string, number> = {};
  let onAll = 0;
  let conditional = 0;
  for (const i of items) {
    const level = i.level ?? (i.permission.includes(" ") ? "rule" : "role");
    byLevel[level] = (byLevel[level] ?? 0) + 1;
    if (i.scope === "all" || i.scope === "*") onAll++;
    if (i.verdict === "conditional") conditional++;
  }
  return {
    total: items.length,
    byLevel,
    onAllResources: onAll,
    conditional,
    items: items.slice(0, PERMISSION_ITEMS_MAX),
    truncated: items.length > PERMISSION_ITEMS_MAX,
  };
}
