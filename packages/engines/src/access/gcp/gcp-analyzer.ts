import type { Finding } from "@infrasec/core";
import { daysBetween, makeFinding } from "../shared/finding-builder";
import type { AccessReport, ReportEscalation, ReportPrincipal } from "../shared/report-types";
import type { GcpBinding, GcpSnapshot } from "./gcp-parser";
import { SET_IAM_POLICY_PERMISSIONS, rolePermissions } from "./gcp-role-definitions";
import { GCP_RULES as R } from "./gcp-rules";

/** Predefined roles that let a member act as a service account, with the permission that does it. */
const IMPERSONATION_ROLES: Readonly<Record<string, string>> = {
  "roles/iam.serviceAccountTokenCreator": "iam.serviceAccounts.getAccessToken",
  "roles/iam.serviceAccountUser": "iam.serviceAccounts.actAs",
  "roles/iam.workloadIdentityUser": "iam.serviceAccounts.getOpenIdToken",
  "roles/iam.serviceAccountKeyAdmin": "iam.serviceAccountKeys.create",
  "roles/owner": "iam.serviceAccountKeys.create",
  "roles/editor": "iam.serviceAccountKeys.create",
};
const IMPERSONATION_PERMS = [
  "iam.serviceAccounts.getAccessToken",
  "iam.serviceAccounts.signBlob",
  "iam.serviceAccounts.signJwt",
  "iam.serviceAccounts.implicitDelegation",
  "iam.serviceAccountKeys.create",
  "iam.serviceAccounts.actAs",
];
/** Roles that make a member privileged at the resource they are granted on. */
const PRIVILEGED_ROLES = new Set([
  "roles/owner",
  "roles/resourcemanager.organizationAdmin",
  "roles/resourcemanager.projectIamAdmin",
  "roles/resourcemanager.folderAdmin",
  "roles/iam.securityAdmin",
]);
const SET_IAM_ROLES = new Set([
  "roles/resourcemanager.organizationAdmin",
  "roles/resourcemanager.projectIamAdmin",
  "roles/resourcemanager.folderAdmin",
  "roles/iam.securityAdmin",
]);

/** Evaluates the time-bound CEL conditions infrasec understands; others stay undecided. */
export function conditionState(expr: string, now: string): "active" | "expired" | "conditional" {
  const m = /^\s*request\.time\s*<\s*timestamp\(\s*["']([^"']+)["']\s*\)\s*$/.exec(expr);
  if (m?.[1] !== undefined) return Date.parse(m[1]) <= Date.parse(now) ? "expired" : "active";
  return "conditional";
}

/** The project id of a service-account email or resource name, when it can be read. */
function saProject(sa: string): string | undefined {
  return /@([a-z0-9-]+)\.iam\.gserviceaccount\.com$/.exec(sa)?.[1];
}

interface Edge {
  from: string;
  to: string;
  via: string;
  conditional: boolean;
}

/**
 * Analyses GCP IAM: basic roles, public members, setIamPolicy holders, service-account
 * impersonation chains to privileged identities, old user-managed keys, expired bindings.
 */
export function analyzeGcpIam(
  snap: GcpSnapshot,
  options: { now: string; file?: string; maxKeyAgeDays?: number },
): AccessReport {
  const file = options.file ?? "gcp-iam.json";
  const findings: Finding[] = [];
  // Custom roles, plus predefined roles when the user supplied Google's definitions.
  const rolePerms = rolePermissions(snap);
  // Roles outside the curated lists that can rewrite an allow policy, read from their definition
  // (basic roles are already reported as such).
  const setsIamPolicy = (role: string): boolean =>
    SET_IAM_ROLES.has(role) ||
    (role !== "roles/owner" &&
      role !== "roles/editor" &&
      (rolePerms.get(role) ?? []).some((p) => SET_IAM_POLICY_PERMISSIONS.includes(p)));
  const active: (GcpBinding & { conditional: boolean })[] = [];
  for (const b of snap.bindings) {
    const state = b.condition ? conditionState(b.condition.expression, options.now) : "active";
    if (state === "expired") {
      findings.push(
        makeFinding(R.expiredBinding, {
          resource: b.resource,
          file,
          detailKey: `${b.role}|${b.condition?.title ?? ""}`,
          message: `${b.role} for ${b.members.join(", ")}: condition "${b.condition?.expression ?? ""}" has passed`,
        }),
      );
      continue;
    }
    active.push({ ...b, conditional: state === "conditional" });
  }
  const privileged = new Set<string>();
  const sas = new Set<string>();
  for (const b of active) {
    for (const m of b.members) {
      if (m.startsWith("serviceAccount:")) sas.add(m.slice("serviceAccount:".length));
      if (m === "allUsers" || m === "allAuthenticatedUsers") {
        findings.push(
          makeFinding(R.publicMember, {
            resource: b.resource,
            file,
            detailKey: `${b.role}|${m}`,
            message: `${m} has ${b.role}`,
          }),
        );
      }
      if (b.role === "roles/owner" || b.role === "roles/editor") {
        const sev = b.role === "roles/editor" ? { severity: "medium" as const } : {};
        findings.push(
          makeFinding(R.basicRole, {
            resource: m,
            file,
            detailKey: `${b.resource}|${b.role}`,
            message: `${b.role} on ${b.resource}`,
            ...sev,
          }),
        );
      }
      if (setsIamPolicy(b.role)) {
        findings.push(
          makeFinding(R.setIamPolicy, {
            resource: m,
            file,
            detailKey: `${b.resource}|${b.role}`,
            message: `${b.role} on ${b.resource}`,
          }),
        );
      }
      if (
        (PRIVILEGED_ROLES.has(b.role) || setsIamPolicy(b.role)) &&
        !b.resource.includes("/serviceAccounts/") &&
        !b.conditional
      )
        privileged.add(m);
    }
    const sa = /serviceAccounts\/([^/]+)$/.exec(b.resource)?.[1];
    if (sa) sas.add(sa);
  }
  // Impersonation edges: a grant on one service account, or on the project (or above) holding it.
  const edges = new Map<string, Edge[]>();
  for (const b of active) {
    const perms = rolePerms.get(b.role);
    const grants =
      IMPERSONATION_ROLES[b.role] ?? perms?.find((p) => IMPERSONATION_PERMS.includes(p));
    if (!grants) continue;
    const onSa = /serviceAccounts\/([^/]+)$/.exec(b.resource)?.[1];
    const project = /^projects\/([^/]+)$/.exec(b.resource)?.[1];
    const above = b.resource.startsWith("organizations/") || b.resource.startsWith("folders/");
    const targets = [...sas].filter(
      (s) => s === onSa || (project !== undefined && saProject(s) === project) || above,
    );
    for (const m of b.members) {
      for (const t of targets) {
        const to = `serviceAccount:${t}`;
        if (to === m) continue;
        const e: Edge = {
          from: m,
          to,
          via: `${b.role} (${grants}) on ${b.resource}`,
          conditional: b.conditional || b.resource.startsWith("folders/"),
        };
        edges.set(m, [...(edges.get(m) ?? []), e]);
      }
    }
  }
  const members = new Set(active.flatMap((b) => b.members));
  const principals: ReportPrincipal[] = [];
  for (const m of members) {
    const isAdmin = privileged.has(m);
    const esc = isAdmin ? [] : chain(m, edges, privileged);
    principals.push({
      id: m,
      type: m.split(":")[0] ?? "member",
      name: m.split(":").slice(1).join(":") || m,
      isAdmin,
      admin: isAdmin ? "yes" : "no",
      escalations: esc,
    });
    for (const e of esc) {
      findings.push(
        makeFinding(R.impersonation, {
          resource: m,
          file,
          detailKey: e.pathId,
          message: e.steps.map((s) => s.explanation).join("; then "),
          ...(e.conditional ? { severity: "medium" as const } : {}),
        }),
      );
    }
  }
  const maxAge = options.maxKeyAgeDays ?? 365;
  for (const k of snap.keys) {
    if (k.keyType !== "USER_MANAGED" || !k.validAfterTime) continue;
    const age = daysBetween(k.validAfterTime, options.now);
    if (age > maxAge)
      findings.push(
        makeFinding(R.keyAge, {
          resource: `serviceAccount:${k.serviceAccount}`,
          file,
          detailKey: k.name,
          message: `user-managed key ${k.name.split("/").pop() ?? ""} is ${age} days old`,
        }),
      );
  }
  return { schemaVersion: 1, provider: "gcp", principals, findings, errors: [] };
}

function chain(
  start: string,
  edges: ReadonlyMap<string, Edge[]>,
  privileged: ReadonlySet<string>,
): ReportEscalation[] {
  const parent = new Map<string, Edge | null>([[start, null]]);
  const queue = [start];
  for (let i = 0; i < queue.length && i < 10_000; i++) {
    const cur = queue[i] ?? "";
    for (const e of edges.get(cur) ?? []) {
      if (parent.has(e.to)) continue;
      parent.set(e.to, e);
      if (privileged.has(e.to)) {
        const steps: Edge[] = [];
        for (let s: Edge | null | undefined = e; s; s = parent.get(s.from)) steps.unshift(s);
        const conditional = steps.some((s) => s.conditional);
        return [
          {
            pathId: `gcp-impersonation-${steps.length}-hop`,
            outcome: "admin",
            conditional,
            needsExistingResource: false,
            steps: steps.map((s) => ({
              from: s.from,
              to: s.to,
              technique: "gcp-sa-impersonation",
              actions: [s.via.split(" ")[1]?.replace(/[()]/g, "") ?? ""],
              explanation: `${s.from} impersonates ${s.to} via ${s.via}`,
              conditional: s.conditional,
              needsExistingResource: false,
              statements: [],
            })),
          },
        ];
      }
      queue.push(e.to);
    }
  }
  return [];
}
