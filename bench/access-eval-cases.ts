/**
 * Case builders for `bench/access-eval.ts`: pathfinding.cloud iam-* paths turned into accounts
 * (positive, and negatives: one required action dropped, a Deny in another policy, a boundary),
 * and the Kubernetes default RBAC objects.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import {
  analyzeAwsAccount,
  analyzeKubernetesRbac,
  parseAuthorizationDetails,
  parseKubernetesRbac,
  RbacIndex,
  type CredentialReportRow,
} from "@infrasec/engines/access";
import {
  ADMIN_ACCESS,
  allow,
  arn,
  deny,
  doc,
  gaad,
  group,
  managed,
  role,
  trustService,
  user,
} from "../packages/engines/src/access/aws/gaad-test-factory";

/** Pass/fail/not-comparable counters shared with the main script. */
export interface Tally {
  pass: number;
  fail: number;
  na: number;
}
type Report = (id: string, ok: boolean | "n/a", detail: string) => void;

interface PathEntry {
  id: string;
  name: string;
  parent: { id: string } | null;
  required_permissions: string[];
}

const MODIFY = [
  "iam:AttachUserPolicy",
  "iam:PutUserPolicy",
  "iam:AttachRolePolicy",
  "iam:PutRolePolicy",
  "iam:CreatePolicyVersion",
];

/**
 * Combination paths (a modification plus an access step, e.g. iam-015) are scoped to their
 * victims as pathfinding.cloud's resource constraints describe; on `*` the attacker could modify
 * itself and the combination would reduce to its single-step parent.
 */
function scopeOf(p: PathEntry, perm: string): string {
  if (!p.parent || !p.required_permissions.some((x) => MODIFY.includes(x))) return "*";
  if (perm === "iam:CreatePolicyVersion") return VICTIM_POLICY;
  if (/User|AccessKey/.test(perm)) return arn.user("plain-user");
  return arn.role("victim-role");
}

const ATTACKER_POLICY = arn.policy("attacker");
const VICTIM_POLICY = arn.policy("victim-role-policy");
const ADMIN = "arn:aws:iam::aws:policy/AdministratorAccess";

/** Builds the account a path needs: attacker permissions in a customer-managed policy. */
function accountFor(
  p: PathEntry,
  perms: string[],
  variant: "positive" | "drop" | "deny" | "boundary",
) {
  const needs = (a: string) => p.required_permissions.includes(a);
  const roleSelf =
    (needs("iam:PutRolePolicy") || needs("iam:AttachRolePolicy")) &&
    !needs("sts:AssumeRole") &&
    !needs("iam:UpdateAssumeRolePolicy");
  const attackerDoc = doc(...perms.map((a) => allow(a, scopeOf(p, a))));
  const extraInline =
    variant === "deny" && perms[0] ? [doc(deny(p.required_permissions[0] ?? "iam:*"))] : [];
  const boundary = variant === "boundary" ? arn.policy("boundary") : undefined;
  const attackerOpts = {
    managed: [ATTACKER_POLICY],
    inline: extraInline,
    groups: ["attacker-group"],
    ...(boundary ? { boundary } : {}),
  };
  const users = [
    user("victim-user", { managed: [ADMIN] }),
    user("plain-user"),
    ...(roleSelf ? [] : [user("attacker", attackerOpts)]),
  ];
  const roles = [
    // An admin role only a trust-policy rewrite reaches (iam-012).
    role("victim-admin-role", { managed: [ADMIN], trust: trustService("ec2.amazonaws.com") }),
    role("victim-role", {
      managed: [VICTIM_POLICY],
      trust: needs("iam:UpdateAssumeRolePolicy") ? trustService("ec2.amazonaws.com") : undefined,
    }),
    ...(roleSelf ? [role("attacker", attackerOpts)] : []),
  ];
  const policies = [
    ADMIN_ACCESS,
    managed(ATTACKER_POLICY, attackerDoc),
    managed(VICTIM_POLICY, doc(allow("s3:ListBucket"))),
    managed(arn.policy("boundary"), doc(allow("s3:*"))),
  ];
  const groups = [group("attacker-group"), group("admins", { managed: [ADMIN] })];
  const text = gaad({ users, roles, groups, policies });
  const start = roleSelf ? arn.role("attacker") : arn.user("attacker");
  // Login-profile paths need the victim's password state, which a credential report gives.
  const row: CredentialReportRow = {
    user: "victim-user",
    arn: arn.user("victim-user"),
    isRoot: false,
    userCreationTime: undefined,
    passwordEnabled: needs("iam:UpdateLoginProfile"),
    passwordLastUsed: undefined,
    mfaActive: true,
    keys: [1, 2].map((slot) => ({
      slot: slot as 1 | 2,
      active: needs("iam:DeleteAccessKey"),
      lastRotated: undefined,
      lastUsed: undefined,
    })),
  };
  return { text, start, credentialReport: [row] };
}

function escalations(
  p: PathEntry,
  perms: string[],
  variant: "positive" | "drop" | "deny" | "boundary",
  now: string,
) {
  const { text, start, credentialReport } = accountFor(p, perms, variant);
  const a = analyzeAwsAccount(parseAuthorizationDetails(`${p.id}.json`, text), {
    now,
    credentialReport,
  });
  return (
    a.report.principals
      .find((x) => x.id === start)
      ?.escalations.filter((e) => e.outcome === "admin") ?? []
  );
}

/** pathfinding.cloud iam-* paths: each as a positive and several negatives. */
export function evalPathfinding(dir: string, now: string, report: Report): void {
  console.log("\n== pathfinding.cloud iam-* paths (generated positives and negatives) ==");
  const index = JSON.parse(readFileSync(join(dir, "index.json"), "utf8")) as { paths: PathEntry[] };
  for (const p of index.paths) {
    const pos = escalations(p, p.required_permissions, "positive", now);
    const ids = pos.map((e) => e.pathId);
    const exact = ids.includes(p.id);
    report(
      `${p.id} positive (${p.name})`,
      pos.length > 0,
      pos.length === 0
        ? "no path found"
        : `found ${ids.join(",")}${exact ? "" : ` (shorter path than ${p.id})`}${pos.some((e) => e.conditional) ? " conditional" : ""}`,
    );
    const negatives: [string, boolean][] = [];
    for (const drop of p.required_permissions) {
      const rest = p.required_permissions.filter((x) => x !== drop);
      negatives.push([
        `drop ${drop}`,
        escalations(p, rest.length > 0 ? rest : ["s3:ListBucket"], "drop", now).length === 0,
      ]);
    }
    negatives.push([
      "deny in another policy",
      escalations(p, p.required_permissions, "deny", now).length === 0,
    ]);
    negatives.push([
      "boundary s3:* only",
      escalations(p, p.required_permissions, "boundary", now).length === 0,
    ]);
    const bad = negatives.filter(([, ok]) => !ok).map(([n]) => n);
    report(
      `${p.id} negatives (${negatives.length})`,
      bad.length === 0,
      bad.length === 0 ? "no escalation in any" : `escalates in: ${bad.join("; ")}`,
    );
  }
}

/** Kubernetes default RBAC: admin subjects, noise control, aggregation containment. */
export function evalKubernetes(dir: string, report: Report): void {
  console.log("\n== Kubernetes default RBAC (bootstrap policy) ==");
  const files = [
    "cluster-roles.yaml",
    "cluster-role-bindings.yaml",
    "namespace-roles.yaml",
    "namespace-role-bindings.yaml",
  ].map((f) => ({ file: f, text: readFileSync(join(dir, f), "utf8") }));
  const cluster = parseKubernetesRbac(files);
  report(
    "parse default RBAC",
    cluster.roles.length === 38 && cluster.bindings.length === 17,
    `${cluster.roles.length} roles, ${cluster.bindings.length} bindings`,
  );
  const quiet = analyzeKubernetesRbac(cluster).report;
  const admins = quiet.principals.filter((p) => p.isAdmin).map((p) => p.id);
  report(
    "cluster-admin equivalents",
    admins.length === 1 && admins[0] === "Group:system:masters",
    admins.join(","),
  );
  report(
    "noise control: no findings on defaults",
    quiet.findings.length === 0,
    `${quiet.findings.length} findings`,
  );
  const loud = analyzeKubernetesRbac(cluster, { includeDefaults: true }).report;
  const byRule = new Map<string, string[]>();
  for (const f of loud.findings)
    byRule.set(f.ruleId, [...(byRule.get(f.ruleId) ?? []), f.resource]);
  report(
    "defaults included (informational)",
    "n/a",
    [...byRule].map(([r, s]) => `${r}: ${[...new Set(s)].join(",")}`).join(" | "),
  );
  const index = new RbacIndex(cluster);
  const rules = (n: string) => index.roles.get(`ClusterRole:${n}`)?.rules ?? [];
  const contains = (big: string, small: string) =>
    rules(small).every((r) => rules(big).includes(r));
  report(
    "aggregation view ⊂ edit ⊂ admin",
    contains("edit", "view") && contains("admin", "edit") && rules("view").length > 0,
    `view ${rules("view").length}, edit ${rules("edit").length}, admin ${rules("admin").length} rules`,
  );
  const secrets = index
    .whoCan({ verb: "get", apiGroup: "", resource: "secrets" })
    .map((w) => `${w.subject.kind}:${w.subject.name}`);
  report("who-can get secrets (cluster-wide)", "n/a", secrets.join(", "));
}
