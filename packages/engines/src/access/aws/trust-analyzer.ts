import type { AwsPrincipal, Statement } from "./aws-types";

/** One risky trust relationship of a role. */
export interface TrustRisk {
  kind:
    | "public"
    | "public-conditional"
    | "cross-account-no-external-id"
    | "unknown-account"
    | "federated-unconditioned";
  roleArn: string;
  statement: string;
  principal: string;
  detail: string;
}

/** Options: accounts the organization knows (own org, vendors) by id → name. */
export interface TrustOptions {
  knownAccounts?: Readonly<Record<string, string>>;
}

const RESTRICTING_KEYS = [
  "aws:principalorgid",
  "aws:principalaccount",
  "aws:principalarn",
  "aws:sourceaccount",
  "aws:sourcearn",
  "aws:principalorgpaths",
];

function hasKey(s: Statement, pred: (k: string) => boolean): boolean {
  return s.conditions.some((c) => pred(c.key.toLowerCase()));
}

function accountOf(p: string): string | undefined {
  if (/^\d{12}$/.test(p)) return p;
  const m = /^arn:aws[\w-]*:(?:iam|sts)::(\d{12}):/.exec(p);
  return m?.[1];
}

/**
 * Flags risky trust policies: `Principal: *` (with or without restricting conditions),
 * cross-account principals without `sts:ExternalId` or an organization condition, accounts that
 * are neither the role's own nor known, and web-identity/SAML federation without conditions.
 */
export function analyzeTrust(role: AwsPrincipal, options: TrustOptions = {}): TrustRisk[] {
  const out: TrustRisk[] = [];
  const known = options.knownAccounts ?? {};
  for (const s of role.trustPolicy?.statements ?? []) {
    if (s.effect !== "Allow" || !s.principal) continue;
    const where = `${role.arn}#trust/${s.sid ?? s.index}`;
    const restricted = hasKey(s, (k) => RESTRICTING_KEYS.includes(k));
    if (s.principal.wildcard) {
      out.push({
        kind: restricted ? "public-conditional" : "public",
        roleArn: role.arn,
        statement: where,
        principal: "*",
        detail: restricted
          ? "any AWS principal, narrowed only by conditions"
          : "any AWS principal in any account can assume this role",
      });
    }
    for (const p of s.principal.aws) {
      const acct = accountOf(p);
      if (acct === undefined || acct === role.accountId) continue;
      const externalId = hasKey(s, (k) => k === "sts:externalid");
      if (!externalId && !restricted) {
        out.push({
          kind: "cross-account-no-external-id",
          roleArn: role.arn,
          statement: where,
          principal: p,
          detail: `account ${acct} can assume the role without sts:ExternalId (confused deputy)`,
        });
      }
      if (known[acct] === undefined) {
        out.push({
          kind: "unknown-account",
          roleArn: role.arn,
          statement: where,
          principal: p,
          detail: `account ${acct} is not a known account`,
        });
      }
    }
    for (const f of s.principal.federated) {
      const isOidc = !f.includes(":saml-provider/");
      const scoped = isOidc ? hasKey(s, (k) => k.endsWith(":sub")) : s.conditions.length > 0;
      if (!scoped) {
        out.push({
          kind: "federated-unconditioned",
          roleArn: role.arn,
          statement: where,
          principal: f,
          detail: isOidc
            ? "web-identity federation without a condition on the token subject: any identity of the provider can assume the role"
            : "SAML federation without conditions",
        });
      }
    }
  }
  return out;
}
