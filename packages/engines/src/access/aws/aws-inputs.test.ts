import { readFileSync } from "node:fs";
import { join } from "node:path";
import { isAppError } from "@infrasec/core";
import { describe, expect, it } from "vitest";
import { explainAccess, whoCan } from "./access-queries";
import { analyzeAwsAccount } from "./aws-analyzer";
import { parseCredentialReport } from "./credential-report-parser";
import {
  parseAuthorizationDetails,
  parseOrganizationPolicies,
  withOrganizationPolicies,
} from "./gaad-parser";
import { ADMIN_ACCESS, allow, arn, doc, gaad, user } from "./gaad-test-factory";

const TD = join(import.meta.dirname, "..", "testdata");
const read = (f: string): string => readFileSync(join(TD, f), "utf8");
const NOW = "2026-11-25T00:00:00Z";

function errorOf(f: () => unknown): { message: string; path?: string; file?: string } {
  try {
    f();
  } catch (e) {
    if (isAppError(e))
      return { message: e.message, path: e.details[0]?.path, file: e.details[0]?.file };
    throw e;
  }
  throw new Error("expected an error");
}

describe("authorization-details parser", () => {
  it("reads URL-encoded inline policies and groups", () => {
    const a = parseAuthorizationDetails("gaad-trust.json", read("gaad-trust.json"));
    expect(a.accountId).toBe("111111111111");
    expect(a.groups[0]?.inlinePolicies[0]?.statements[0]?.actions).toEqual(["s3:*"]);
  });

  it("names the file and JSON path of malformed input", () => {
    const bad = JSON.stringify({
      UserDetailList: [
        {
          UserName: "x",
          Arn: "arn:aws:iam::1:user/x",
          UserPolicyList: [
            {
              PolicyName: "p",
              PolicyDocument: { Statement: [{ Effect: "Maybe", Action: "*", Resource: "*" }] },
            },
          ],
        },
      ],
    });
    const e = errorOf(() => parseAuthorizationDetails("acct.json", bad));
    expect(e.file).toBe("acct.json");
    expect(e.path).toBe("$.UserDetailList[0].UserPolicyList[0].PolicyDocument.Statement[0].Effect");
  });

  it("rejects non-JSON with the file name", () => {
    expect(errorOf(() => parseAuthorizationDetails("x.json", "{nope")).message).toMatch(
      /^x\.json: \$: malformed JSON/,
    );
  });

  it("requires exactly one of Action and NotAction", () => {
    const bad = gaad({ users: [user("a", { inline: [doc({ Effect: "Allow", Resource: "*" })] })] });
    expect(errorOf(() => parseAuthorizationDetails("a.json", bad)).path).toBe(
      "$.UserDetailList[0].UserPolicyList[0].PolicyDocument.Statement[0]",
    );
  });

  it("records attached policies missing from the document", () => {
    const a = parseAuthorizationDetails(
      "a.json",
      gaad({ users: [user("a", { managed: ["arn:aws:iam::aws:policy/Missing"] })] }),
    );
    expect(a.missingPolicyArns).toEqual(["arn:aws:iam::aws:policy/Missing"]);
  });
});

describe("organization policies", () => {
  it("applies SCP denies to escalation", () => {
    const account = parseAuthorizationDetails(
      "a.json",
      gaad({
        users: [
          user("alice", { inline: [doc(allow("iam:CreateAccessKey"))] }),
          user("admin", { managed: [ADMIN_ACCESS.Arn as string] }),
        ],
        policies: [ADMIN_ACCESS],
      }),
    );
    const org = parseOrganizationPolicies("scps.json", read("scps.json"));
    expect(org.scps).toHaveLength(2);
    expect(org.rcps).toHaveLength(1);
    const before = analyzeAwsAccount(account, { now: NOW }).report.principals.find(
      (p) => p.name === "alice",
    );
    const after = analyzeAwsAccount(withOrganizationPolicies(account, org), {
      now: NOW,
    }).report.principals.find((p) => p.name === "alice");
    expect(before?.escalations.map((e) => e.pathId)).toEqual(["iam-002"]);
    expect(after?.escalations.filter((e) => e.outcome === "admin")).toEqual([]);
  });
});

describe("trust analysis", () => {
  it("flags public, cross-account, unknown-account and unscoped federated trust", () => {
    const a = parseAuthorizationDetails("gaad-trust.json", read("gaad-trust.json"));
    const r = analyzeAwsAccount(a, {
      now: NOW,
      knownAccounts: { "888888888888": "vendor" },
    }).report;
    const trust = r.findings
      .filter((f) => f.ruleId.startsWith("IAM-TRUST"))
      .map((f) => `${f.ruleId} ${f.resource.split("/").pop() ?? ""} ${f.severity}`);
    expect(trust.sort()).toEqual(
      [
        "IAM-TRUST-001 public critical",
        "IAM-TRUST-001 org-only medium",
        "IAM-TRUST-002 vendor medium",
        "IAM-TRUST-004 vendor low",
        "IAM-TRUST-003 github high",
      ].sort(),
    );
  });
});

describe("credential hygiene", () => {
  it("flags key age, unused keys, MFA and root problems", () => {
    const rows = parseCredentialReport("report.csv", read("credential-report.csv"));
    const a = parseAuthorizationDetails("gaad-trust.json", read("gaad-trust.json"));
    const r = analyzeAwsAccount(a, { now: NOW, credentialReport: rows }).report;
    const got = r.findings
      .filter((f) => f.ruleId.startsWith("IAM-CRED"))
      .map((f) => `${f.ruleId} ${f.resource.split(/[/:]/).pop() ?? ""}`);
    expect(got.sort()).toEqual(
      [
        "IAM-CRED-004 root",
        "IAM-CRED-005 root",
        "IAM-CRED-001 alice",
        "IAM-CRED-003 alice",
        "IAM-CRED-001 ci-bot",
        "IAM-CRED-002 ci-bot",
        "IAM-CRED-006 admin",
      ].sort(),
    );
  });

  it("rejects a report with missing columns, naming the row", () => {
    expect(errorOf(() => parseCredentialReport("r.csv", "user,arn\nx,y")).path).toBe("row 1");
  });
});

describe("queries", () => {
  const account = parseAuthorizationDetails(
    "a.json",
    gaad({
      users: [
        user("alice", {
          inline: [doc({ Sid: "Read", ...allow("s3:GetObject", "arn:aws:s3:::data/*") })],
        }),
        user("bob"),
        user("admin", { managed: [ADMIN_ACCESS.Arn as string] }),
      ],
      policies: [ADMIN_ACCESS],
    }),
  );
  const { model } = analyzeAwsAccount(account, { now: NOW });

  it("who-can lists every principal allowed", () => {
    expect(
      whoCan(model, "s3:GetObject", "arn:aws:s3:::data/x")
        .map((w) => w.principal)
        .sort(),
    ).toEqual([arn.user("admin"), arn.user("alice")]);
  });

  it("can --explain names the statement", () => {
    const r = explainAccess(model, arn.user("alice"), "s3:GetObject", "arn:aws:s3:::data/x");
    expect(r?.decision.verdict).toBe("allowed");
    expect(r?.lines[1]).toContain("statement Read");
    expect(
      explainAccess(model, arn.user("bob"), "s3:GetObject", "arn:aws:s3:::data/x")?.lines[1],
    ).toContain("implicit deny");
  });
});
