import type { Finding } from "@infrasec/core";
import { daysBetween, makeFinding } from "../shared/finding-builder";
import type { AwsAccessModel, ResolvedPrincipal } from "./access-model";
import { ACTION_CATALOGUE, actionRiskCategories } from "./action-catalogue";
import { AWS_ACCESS_RULES as R } from "./aws-rules";
import type { AwsPrincipal, PolicyDoc } from "./aws-types";
import type { CredentialReportRow } from "./credential-report-parser";
import type { TrustOptions } from "./trust-analyzer";
import { analyzeTrust } from "./trust-analyzer";
import { isFullWildcard } from "./wildcard-matcher";

const TRUST_RULE = {
  public: R.trustPublic,
  "public-conditional": R.trustPublic,
  "cross-account-no-external-id": R.trustCrossAccount,
  "unknown-account": R.trustUnknownAccount,
  "federated-unconditioned": R.trustFederated,
} as const;

/** Trust-policy findings for every role. */
export function trustFindings(
  roles: readonly AwsPrincipal[],
  file: string,
  opts: TrustOptions,
): Finding[] {
  return roles.flatMap((role) =>
    analyzeTrust(role, opts).map((t) =>
      makeFinding(TRUST_RULE[t.kind], {
        resource: role.arn,
        file,
        detailKey: `${t.statement}|${t.principal}`,
        message: `${t.detail} (${t.statement})`,
        ...(t.kind === "public-conditional" ? { severity: "medium" as const } : {}),
      }),
    ),
  );
}

/**
 * Risky-action findings per principal (data access, credential-returning, permissions management),
 * decided on effective permissions over all resources, not per policy document.
 */
export function riskyActionFindings(
  model: AwsAccessModel,
  p: ResolvedPrincipal,
  file: string,
): Finding[] {
  const byCat = new Map<string, string[]>();
  for (const a of ACTION_CATALOGUE) {
    const cats = actionRiskCategories(a.action);
    if (cats.length === 0) continue;
    if (model.can(p.policies, a.action, { kind: "all" }).verdict !== "allowed") continue;
    for (const c of cats) byCat.set(c, [...(byCat.get(c) ?? []), a.action]);
  }
  const rules = {
    DataExfiltration: R.dataExfiltration,
    CredentialsExposure: R.credentialsExposure,
    ResourceExposure: R.resourceExposure,
  } as const;
  const out: Finding[] = [];
  for (const [cat, rule] of Object.entries(rules)) {
    const actions = byCat.get(cat);
    if (!actions) continue;
    out.push(
      makeFinding(rule, {
        resource: p.principal.arn,
        file,
        message: `allowed on all resources: ${actions.join(", ")}`,
      }),
    );
  }
  return out;
}

/** Service-wide wildcards in customer-managed and inline policies (AWS-managed ones are not yours to fix). */
export function wildcardFindings(docs: readonly PolicyDoc[], file: string): Finding[] {
  const out: Finding[] = [];
  for (const d of docs) {
    const wild = new Set<string>();
    for (const s of d.statements) {
      if (s.effect !== "Allow") continue;
      for (const a of s.actions ?? []) if (isFullWildcard(a) || /^[\w-]+:\*$/.test(a)) wild.add(a);
      if (s.notActions) wild.add(`NotAction(${s.notActions.join(",")})`);
    }
    if (wild.size > 0) {
      out.push(
        makeFinding(R.serviceWildcard, {
          resource: d.id,
          file,
          message: `grants ${[...wild].sort().join(", ")}`,
        }),
      );
    }
  }
  return out;
}

/** Credential-report hygiene: key age and use, MFA, root keys. Thresholds in days. */
export function credentialFindings(
  rows: readonly CredentialReportRow[],
  now: string,
  file: string,
  adminCapable: ReadonlySet<string>,
  maxKeyAgeDays = 90,
  maxUnusedDays = 90,
): Finding[] {
  const out: Finding[] = [];
  for (const r of rows) {
    const who = r.arn || r.user;
    if (r.isRoot) {
      if (r.keys.some((k) => k.active))
        out.push(
          makeFinding(R.rootKeys, {
            resource: who,
            file,
            message: "root user has an active access key",
          }),
        );
      if (!r.mfaActive)
        out.push(
          makeFinding(R.rootNoMfa, { resource: who, file, message: "root user has no MFA" }),
        );
      continue;
    }
    for (const k of r.keys) {
      if (!k.active) continue;
      const age = k.lastRotated ? daysBetween(k.lastRotated, now) : undefined;
      if (age !== undefined && age > maxKeyAgeDays) {
        out.push(
          makeFinding(R.keyAge, {
            resource: who,
            file,
            detailKey: `key${k.slot}`,
            message: `access key ${k.slot} last rotated ${age} days ago`,
          }),
        );
      }
      const ref = k.lastUsed ?? k.lastRotated;
      const idle = ref ? daysBetween(ref, now) : undefined;
      if (idle !== undefined && idle > maxUnusedDays) {
        const msg = k.lastUsed
          ? `access key ${k.slot} last used ${idle} days ago`
          : `access key ${k.slot} never used (created ${idle} days ago)`;
        out.push(
          makeFinding(R.keyUnused, {
            resource: who,
            file,
            detailKey: `key${k.slot}`,
            message: msg,
          }),
        );
      }
    }
    if (r.passwordEnabled === true && !r.mfaActive) {
      const admin = adminCapable.has(r.arn);
      out.push(
        makeFinding(admin ? R.adminNoMfa : R.consoleNoMfa, {
          resource: who,
          file,
          message: admin
            ? "console user without MFA is or can become admin"
            : "console password without MFA",
        }),
      );
    }
  }
  return out;
}

/** Roles without recorded use in the last `days` days (service-linked roles excluded). */
export function dormantRoleFindings(
  roles: readonly AwsPrincipal[],
  now: string,
  file: string,
  days = 90,
): Finding[] {
  const out: Finding[] = [];
  for (const r of roles) {
    if (r.path.startsWith("/aws-service-role/")) continue;
    const idle = r.lastUsed ? daysBetween(r.lastUsed, now) : undefined;
    if (idle === undefined) {
      out.push(
        makeFinding(R.dormantRole, {
          resource: r.arn,
          file,
          severity: "info",
          message: "no recorded use",
        }),
      );
    } else if (idle > days) {
      out.push(
        makeFinding(R.dormantRole, {
          resource: r.arn,
          file,
          message: `last used ${idle} days ago`,
        }),
      );
    }
  }
  return out;
}
