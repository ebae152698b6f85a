/** Shared helpers of the escalation tests: build an account, run the analysis, read the paths. */
import { analyzeAwsAccount } from "./aws-analyzer";
import type { CredentialReportRow } from "./credential-report-parser";
import { parseAuthorizationDetails } from "./gaad-parser";
import { ADMIN_ACCESS, arn, type doc, gaad, role, trustAws, user } from "./gaad-test-factory";

export const NOW = "2026-11-25T00:00:00Z";
export const ADMIN = "arn:aws:iam::aws:policy/AdministratorAccess";
export const APP = arn.policy("app");

export type Parts = Parameters<typeof gaad>[0];

export function paths(parts: Parts, start: string, credentialReport?: CredentialReportRow[]) {
  const account = parseAuthorizationDetails(
    "t.json",
    gaad({ ...parts, policies: [ADMIN_ACCESS, ...(parts.policies ?? [])] }),
  );
  const a = analyzeAwsAccount(account, {
    now: NOW,
    ...(credentialReport ? { credentialReport } : {}),
  });
  const p = a.report.principals.find((x) => x.id === start);
  if (!p) throw new Error(`no principal ${start}`);
  return p.escalations.filter((e) => e.outcome === "admin");
}

export const adminUser = user("root-like", { managed: [ADMIN] });
export const adminRole = (trust = trustAws(arn.user("alice"))) =>
  role("admin-role", { managed: [ADMIN], trust });
export const alice = (...inline: ReturnType<typeof doc>[]) => user("alice", { inline });
export const credRow = (
  name: string,
  o: { password?: boolean; keys?: number },
): CredentialReportRow => ({
  user: name,
  arn: arn.user(name),
  isRoot: false,
  userCreationTime: undefined,
  passwordEnabled: o.password,
  passwordLastUsed: undefined,
  mfaActive: true,
  keys: [1, 2].map((slot) => ({
    slot: slot as 1 | 2,
    active: slot <= (o.keys ?? 0),
    lastRotated: undefined,
    lastUsed: undefined,
  })),
});

export interface Case {
  name: string;
  parts: Parts;
  start?: string;
  want?: string;
  conditional?: boolean;
  report?: CredentialReportRow[];
}
