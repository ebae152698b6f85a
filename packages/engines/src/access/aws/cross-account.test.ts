import { describe, expect, it } from "vitest";
import { analyzeAccessInputs } from "../access-inputs";
import {
  ADMIN_ACCESS,
  TEST_ACCOUNT,
  allow,
  deny,
  doc,
  gaad,
  role,
  trustAws,
  user,
} from "./gaad-test-factory";

/**
 * Cross-account escalation (issue 7): two accounts' authorization details in one run. Account A
 * (dev, the factory's account) and account B (prod) are written here; B's documents are built with
 * the factory and moved to B's id, with `A:` standing for account A where B names it.
 */
const NOW = "2026-11-25T00:00:00Z";
const A = TEST_ACCOUNT;
const B = "222222222222";
const ADMIN = "arn:aws:iam::aws:policy/AdministratorAccess";
const aArn = (kind: "user" | "role", n: string) => `arn:aws:iam::${A}:${kind}/${n}`;
const bArn = (n: string) => `arn:aws:iam::${B}:role/${n}`;

/** Builds account B's file: the factory's account id becomes B, then `A:` placeholders become A. */
function accountB(parts: Parameters<typeof gaad>[0]): string {
  return gaad({ ...parts, policies: [ADMIN_ACCESS] })
    .replaceAll(A, B)
    .replaceAll("A:", `arn:aws:iam::${A}:`);
}
function accountA(parts: Parameters<typeof gaad>[0]): string {
  return gaad({ ...parts, policies: [ADMIN_ACCESS] });
}

function adminPaths(files: string[], principal: string) {
  const a = analyzeAccessInputs(
    files.map((text, i) => ({ file: `gaad-${i}.json`, text })),
    { now: NOW },
  );
  const p = a.reports.flatMap((r) => r.principals).find((x) => x.id === principal);
  if (!p) throw new Error(`no principal ${principal}`);
  return { analysis: a, paths: p.escalations.filter((e) => e.outcome === "admin") };
}

/** Prod admin role trusting account A as a whole (delegation to A's identity policies). */
const prodDeploy = role("deploy", { managed: [ADMIN], trust: trustAws("A:root") });

describe("cross-account escalation", () => {
  it("follows role assumption into another account when trust and identity both allow", () => {
    const dev = accountA({
      users: [user("alice", { inline: [doc(allow("sts:AssumeRole", bArn("deploy")))] })],
    });
    const { analysis, paths } = adminPaths(
      [dev, accountB({ roles: [prodDeploy] })],
      aArn("user", "alice"),
    );
    expect(analysis.reports).toHaveLength(2);
    expect(paths).toHaveLength(1);
    const [step] = paths[0]?.steps ?? [];
    expect(step).toMatchObject({
      from: aArn("user", "alice"),
      to: bArn("deploy"),
      technique: "cross-account-assume-role",
      conditional: false,
    });
    expect(step?.explanation).toContain(`(account ${A})`);
    expect(step?.explanation).toContain(`in account ${B}`);
    // The finding is reported in account A's report, against alice.
    const aReport = analysis.reports[0];
    expect(
      aReport?.findings.some(
        (f) => f.ruleId === "IAM-ESC-001" && f.resource === aArn("user", "alice"),
      ),
    ).toBe(true);
    // Accounts of the same input are known to each other: no "unknown account" trust finding.
    const bReport = analysis.reports[1];
    expect(bReport?.findings.map((f) => f.ruleId)).not.toContain("IAM-TRUST-004");
    expect(bReport?.findings.map((f) => f.ruleId)).toContain("IAM-TRUST-002");
  });

  it("finds multi-hop paths: a role in the same account, then a role in the other account", () => {
    const dev = accountA({
      users: [user("alice", { inline: [doc(allow("sts:AssumeRole", aArn("role", "ci")))] })],
      roles: [
        role("ci", {
          trust: trustAws(aArn("user", "alice")),
          inline: [doc(allow("sts:AssumeRole", `arn:aws:iam::${B}:role/*`))],
        }),
      ],
    });
    const prod = accountB({
      roles: [role("release", { managed: [ADMIN], trust: trustAws("A:role/ci") })],
    });
    const { paths } = adminPaths([dev, prod], aArn("user", "alice"));
    expect(paths[0]?.steps.map((s) => [s.technique, s.to])).toEqual([
      ["sts-001", aArn("role", "ci")],
      ["cross-account-assume-role", bArn("release")],
    ]);
  });

  it("needs both sides: no edge when only the trust policy or only the identity policy allows", () => {
    const noIdentity = accountA({
      users: [user("alice", { inline: [doc(allow("s3:GetObject"))] })],
    });
    expect(
      adminPaths([noIdentity, accountB({ roles: [prodDeploy] })], aArn("user", "alice")).paths,
    ).toEqual([]);

    const identityOnly = accountA({
      users: [user("alice", { inline: [doc(allow("sts:AssumeRole", "*"))] })],
    });
    const otherTrust = accountB({
      roles: [
        role("deploy", { managed: [ADMIN], trust: trustAws("arn:aws:iam::333333333333:root") }),
      ],
    });
    expect(adminPaths([identityOnly, otherTrust], aArn("user", "alice")).paths).toEqual([]);

    // An explicit Deny in the caller's identity policy blocks the hop.
    const denied = accountA({
      users: [
        user("alice", {
          inline: [doc(allow("sts:AssumeRole", "*"), deny("sts:AssumeRole", bArn("deploy")))],
        }),
      ],
    });
    expect(
      adminPaths([denied, accountB({ roles: [prodDeploy] })], aArn("user", "alice")).paths,
    ).toEqual([]);
  });

  it("keeps today's answer when the other account is not in the input", () => {
    const dev = accountA({
      users: [user("alice", { inline: [doc(allow("sts:AssumeRole", bArn("deploy")))] })],
    });
    const { analysis, paths } = adminPaths([dev], aArn("user", "alice"));
    expect(analysis.reports).toHaveLength(1);
    expect(paths).toEqual([]);
  });

  it("does not let IAM credential or policy changes cross accounts", () => {
    // alice may mint keys for and write policies on prod users, but IAM acts in her own account.
    const dev = accountA({
      users: [
        user("alice", {
          inline: [
            doc(allow(["iam:CreateAccessKey", "iam:PutUserPolicy"], `arn:aws:iam::${B}:user/*`)),
          ],
        }),
      ],
    });
    const prod = accountB({ users: [user("bob", { managed: [ADMIN] })] });
    expect(adminPaths([dev, prod], aArn("user", "alice")).paths).toEqual([]);
  });
});
