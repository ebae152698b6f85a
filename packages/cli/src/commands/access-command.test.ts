import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { cli } from "../testing-capture";

// Small fixtures written here (never the shared bench data): one account in two snapshots.
const dir = mkdtempSync(join(tmpdir(), "infrasec-access-cli-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const A = "111111111111";
const NOW = ["--now", "2026-11-26T00:00:00Z"];
const write = (name: string, value: unknown): string => {
  const p = join(dir, name);
  writeFileSync(p, typeof value === "string" ? value : JSON.stringify(value));
  return p;
};
type Json = Record<string, unknown>;
const doc = (...s: Json[]): Json => ({ Version: "2012-10-17", Statement: s });
const allow = (a: string | string[], r = "*"): Json => ({
  Effect: "Allow",
  Action: a,
  Resource: r,
});
const ADMIN = "arn:aws:iam::aws:policy/AdministratorAccess";
const user = (n: string, inline: Json[] = [], managed: string[] = []): Json => ({
  Path: "/",
  UserName: n,
  Arn: `arn:aws:iam::${A}:user/${n}`,
  GroupList: [],
  UserPolicyList: inline.map((d, i) => ({ PolicyName: `${n}-${i}`, PolicyDocument: d })),
  AttachedManagedPolicies: managed.map((a) => ({
    PolicyName: "AdministratorAccess",
    PolicyArn: a,
  })),
});
const gaad = (users: Json[]): Json => ({
  UserDetailList: [user("admin", [], [ADMIN]), ...users],
  GroupDetailList: [],
  RoleDetailList: [
    {
      Path: "/",
      RoleName: "deploy",
      Arn: `arn:aws:iam::${A}:role/deploy`,
      AssumeRolePolicyDocument: doc({
        Effect: "Allow",
        Principal: { AWS: `arn:aws:iam::${A}:user/alice` },
        Action: "sts:AssumeRole",
      }),
      InstanceProfileList: [],
      RolePolicyList: [],
      AttachedManagedPolicies: [],
      RoleLastUsed: { LastUsedDate: "2026-11-20T00:00:00Z" },
    },
  ],
  Policies: [
    {
      PolicyName: "AdministratorAccess",
      Arn: ADMIN,
      DefaultVersionId: "v1",
      AttachmentCount: 1,
      PolicyVersionList: [{ Document: doc(allow("*")), VersionId: "v1", IsDefaultVersion: true }],
    },
  ],
});
const carol = user("carol", [doc(allow(["sts:AssumeRole", "kms:Decrypt"]))]);
const oldAws = write(
  "old.json",
  gaad([user("alice", [doc(allow("s3:GetObject"))]), user("bob"), carol]),
);
const newAws = write(
  "new.json",
  gaad([
    user("alice", [doc(allow(["s3:GetObject", "iam:PutUserPolicy"]))]),
    user("bob", [], [ADMIN]),
    carol,
  ]),
);
const resources = write("resource-policies.json", {
  ResourcePolicies: [
    {
      Arn: "arn:aws:s3:::data",
      Policy: JSON.stringify(
        doc(
          {
            Sid: "BobReads",
            Effect: "Allow",
            Principal: { AWS: `arn:aws:iam::${A}:user/bob` },
            Action: "s3:GetObject",
            Resource: "arn:aws:s3:::data/*",
          },
          {
            Sid: "Partner",
            Effect: "Allow",
            Principal: { AWS: "arn:aws:iam::222222222222:root" },
            Action: "s3:GetObject",
            Resource: "arn:aws:s3:::data/*",
          },
        ),
      ),
    },
    {
      Arn: `arn:aws:kms:us-east-1:${A}:key/closed`,
      Policy: doc({
        Effect: "Allow",
        Principal: { AWS: `arn:aws:iam::${A}:user/admin` },
        Action: "kms:*",
        Resource: "*",
      }),
    },
  ],
});
const credentials = write(
  "credential-report.csv",
  [
    "user,arn,user_creation_time,password_enabled,password_last_used,mfa_active,access_key_1_active,access_key_1_last_rotated,access_key_1_last_used_date,access_key_2_active,access_key_2_last_rotated,access_key_2_last_used_date",
    `alice,arn:aws:iam::${A}:user/alice,2020-01-01T00:00:00+00:00,true,2026-11-20T00:00:00+00:00,false,true,2025-01-01T00:00:00+00:00,2026-11-20T00:00:00+00:00,false,N/A,N/A`,
  ].join("\n"),
);
const rbac = (kind: string, name: string, extra: Json): Json => ({
  apiVersion: "rbac.authorization.k8s.io/v1",
  kind,
  metadata: { name, ...(kind.startsWith("Cluster") ? {} : { namespace: "app" }) },
  ...extra,
});
const k8s = write("rbac.json", {
  apiVersion: "v1",
  kind: "List",
  items: [
    rbac("ClusterRole", "cluster-admin", {
      rules: [{ apiGroups: ["*"], resources: ["*"], verbs: ["*"] }],
    }),
    rbac("Role", "secrets", {
      rules: [{ apiGroups: [""], resources: ["secrets"], verbs: ["get"] }],
    }),
    rbac("RoleBinding", "reader", {
      roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: "Role", name: "secrets" },
      subjects: [{ kind: "User", name: "reader" }],
    }),
    rbac("ClusterRoleBinding", "deployer", {
      roleRef: {
        apiGroup: "rbac.authorization.k8s.io",
        kind: "ClusterRole",
        name: "cluster-admin",
      },
      subjects: [{ kind: "ServiceAccount", name: "deployer", namespace: "app" }],
    }),
  ],
});
const gcp = write("gcp.json", [
  {
    resource: "//cloudresourcemanager.googleapis.com/projects/prod",
    policy: { bindings: [{ role: "roles/owner", members: ["user:owner@example.com"] }] },
  },
]);

const parse = <T>(s: string): T => JSON.parse(s) as T;
interface CliJson {
  schemaVersion: number;
  principals: { id: string; isAdmin: boolean; escalations: { pathId: string }[] }[];
  findings: Json[];
  errors: unknown[];
}

describe("infrasec access analyze", () => {
  it("prints the documented JSON contract", async () => {
    const r = await cli([
      "access",
      "analyze",
      newAws,
      resources,
      credentials,
      k8s,
      gcp,
      "--format",
      "json",
      ...NOW,
    ]);
    expect(r.code).toBe(0);
    const j = parse<CliJson>(r.out);
    expect(Object.keys(j)).toEqual(["schemaVersion", "principals", "findings", "errors"]);
    expect(j.schemaVersion).toBe(1);
    expect(j.errors).toEqual([]);
    for (const p of j.principals)
      expect(Object.keys(p)).toEqual(["id", "type", "name", "isAdmin", "escalations"]);
    for (const f of j.findings)
      expect(Object.keys(f)).toEqual(["ruleId", "severity", "principal", "title", "evidence"]);
    const alice = j.principals.find((p) => p.id === `arn:aws:iam::${A}:user/alice`);
    expect(alice?.escalations.map((e) => e.pathId)).toEqual(["iam-007"]);
    expect(j.principals.find((p) => p.id === "ServiceAccount:app/deployer")?.isAdmin).toBe(true);
    expect(j.principals.find((p) => p.id === "user:owner@example.com")?.isAdmin).toBe(true);
    const rules = j.findings.map((f) => f.ruleId);
    expect(rules).toEqual(
      expect.arrayContaining(["IAM-ESC-001", "IAM-CRED-006", "K8S-SECRETS-001", "GCP-BASIC-001"]),
    );
  });

  it("prints a readable text report with paths step by step", async () => {
    const r = await cli(["access", "analyze", newAws, ...NOW]);
    expect(r.code).toBe(0);
    expect(r.out).toContain("Admin-equivalent principals (2):");
    expect(r.out).toContain(`arn:aws:iam::${A}:user/alice via iam-007`);
    expect(r.out).toMatch(/1\. iam-007 \(iam:PutUserPolicy\): .* writes an admin inline policy/);
    expect(r.out).toContain(`allowed by arn:aws:iam::${A}:user/alice#inline/alice-0#0`);
    expect(r.out).toMatch(/CRITICAL \(\d+\)\n\s+IAM-ESC-001/);
  });

  it("prints SARIF 2.1.0 with every result tied to a driver rule", async () => {
    const r = await cli(["access", "analyze", newAws, k8s, "--format", "sarif", ...NOW]);
    expect(r.code).toBe(0);
    const s = parse<{
      version: string;
      runs: {
        tool: { driver: { name: string; rules: { id: string }[] } };
        results: {
          ruleId: string;
          ruleIndex: number;
          level: string;
          locations: { physicalLocation: { artifactLocation: { uri: string } } }[];
        }[];
      }[];
    }>(r.out);
    expect(s.version).toBe("2.1.0");
    const run = s.runs[0]!;
    expect(run.tool.driver.name).toBe("infrasec-access");
    expect(run.results.length).toBeGreaterThan(0);
    for (const res of run.results) {
      expect(run.tool.driver.rules[res.ruleIndex]?.id).toBe(res.ruleId);
      expect(["error", "warning", "note"]).toContain(res.level);
    }
    const esc = run.results.find((x) => x.ruleId === "IAM-ESC-001");
    expect(esc?.locations[0]?.physicalLocation.artifactLocation.uri).toContain("new.json");
  });

  it("gates with --fail-on", async () => {
    expect((await cli(["access", "analyze", newAws, "--fail-on", "critical", ...NOW])).code).toBe(
      1,
    );
    expect((await cli(["access", "analyze", oldAws, "--fail-on", "critical", ...NOW])).code).toBe(
      0,
    );
    expect((await cli(["access", "analyze", newAws, "--fail-on", "severe", ...NOW])).code).toBe(2);
  });

  it("rejects malformed input naming the file and JSON path (exit 2)", async () => {
    const broken = write("broken.json", "{ not json");
    let r = await cli(["access", "analyze", broken, ...NOW]);
    expect(r.code).toBe(2);
    expect(r.err).toContain(`${broken}: $: malformed JSON`);
    const badField = write("bad-field.json", { UserDetailList: [{ UserName: "x", Arn: 7 }] });
    r = await cli(["access", "analyze", badField, ...NOW]);
    expect(r.code).toBe(2);
    expect(r.err).toContain("$.UserDetailList[0].Arn: expected a string");
    const unknown = write("unknown.json", { hello: "world" });
    r = await cli(["access", "analyze", unknown, ...NOW]);
    expect(r.code).toBe(2);
    expect(r.err).toContain("unrecognised access input");
    r = await cli(["access", "analyze", join(dir, "missing.json"), ...NOW]);
    expect(r.code).toBe(2);
    r = await cli(["access", "analyze", resources, ...NOW]);
    expect(r.code).toBe(2);
    expect(r.err).toContain("need an authorization-details file");
  });
});

describe("infrasec access who-can / can", () => {
  it("who-can lists identity and resource-policy grants, including other accounts", async () => {
    const r = await cli([
      "access",
      "who-can",
      "s3:GetObject",
      "arn:aws:s3:::data/k",
      newAws,
      resources,
      "--json",
      ...NOW,
    ]);
    expect(r.code).toBe(0);
    const j = parse<{ provider: string; principals: { principal: string; verdict: string }[] }>(
      r.out,
    );
    expect(j.provider).toBe("aws");
    expect(
      j.principals.map((p) => `${p.verdict} ${p.principal.split(/[:/]/).pop() ?? ""}`).sort(),
    ).toEqual(["allowed admin", "allowed alice", "allowed bob", "conditional root"]);
  });

  it("who-can on Kubernetes and GCP", async () => {
    let r = await cli(["access", "who-can", "get", "secrets", k8s, "--json", ...NOW]);
    const k = parse<{ provider: string; principals: { principal: string; verdict: string }[] }>(
      r.out,
    );
    expect(k.provider).toBe("kubernetes");
    expect(k.principals.map((p) => p.principal)).toEqual([
      "ServiceAccount:app/deployer",
      "User:reader",
    ]);
    r = await cli(["access", "who-can", "roles/owner", "projects/prod", gcp, ...NOW]);
    expect(r.out).toContain("allowed     user:owner@example.com");
  });

  it("can --explain names the statements that decided", async () => {
    let r = await cli([
      "access",
      "can",
      "bob",
      "s3:GetObject",
      "arn:aws:s3:::data/k",
      oldAws,
      resources,
      "--explain",
      ...NOW,
    ]);
    expect(r.code).toBe(0);
    expect(r.out).toContain(`arn:aws:iam::${A}:user/bob s3:GetObject arn:aws:s3:::data/k: allowed`);
    expect(r.out).toContain(
      "Allow by resource arn:aws:s3:::data#resource-policy statement BobReads",
    );
    r = await cli([
      "access",
      "can",
      "bob",
      "s3:PutObject",
      "arn:aws:s3:::data/k",
      oldAws,
      resources,
      "--explain",
      ...NOW,
    ]);
    expect(r.out).toContain("implicit-deny");
    expect(r.out).toContain("no statement or binding applies: implicit deny");
  });

  it("can --session-policy limits the principal to what the session policy allows", async () => {
    const session = write("session.json", doc(allow("s3:GetObject")));
    const ask = async (action: string, extra: string[] = []) =>
      cli(["access", "can", "admin", action, "*", oldAws, ...extra, ...NOW]);
    let r = await ask("iam:CreateUser", ["--session-policy", session, "--explain"]);
    expect(r.code).toBe(0);
    expect(r.out).toContain("implicit-deny (blocked by session)");
    r = await ask("iam:CreateUser");
    expect(r.out).toContain(": allowed");
    r = await ask("s3:GetObject", ["--session-policy", session, "--explain"]);
    expect(r.out).toContain(": allowed");
    expect(r.out).toContain("Allow by session session:session.json statement #0");
    const bad = write("bad-session.json", { Version: "2012-10-17" });
    r = await ask("s3:GetObject", ["--session-policy", bad]);
    expect(r.code).not.toBe(0);
    expect(r.err).toContain("bad-session.json: $: policy has no Statement");
  });

  it("can: trust and key policies must allow even in the same account", async () => {
    const ask = async (
      who: string,
      action: string,
      arn: string,
    ): Promise<{ verdict: string; blockedBy?: string }> =>
      parse(
        (await cli(["access", "can", who, action, arn, newAws, resources, "--json", ...NOW])).out,
      );
    expect((await ask("alice", "sts:AssumeRole", `arn:aws:iam::${A}:role/deploy`)).verdict).toBe(
      "allowed",
    );
    expect(await ask("carol", "sts:AssumeRole", `arn:aws:iam::${A}:role/deploy`)).toMatchObject({
      verdict: "implicit-deny",
      blockedBy: "resource",
    });
    expect(
      (await ask("carol", "kms:Decrypt", `arn:aws:kms:us-east-1:${A}:key/closed`)).verdict,
    ).toBe("implicit-deny");
    // A key without a known key policy: identity policies decide.
    expect(
      (await ask("carol", "kms:Decrypt", `arn:aws:kms:us-east-1:${A}:key/other`)).verdict,
    ).toBe("allowed");
  });

  it("can on Kubernetes subjects, and usage errors", async () => {
    let r = await cli([
      "access",
      "can",
      "User:reader",
      "get",
      "secrets",
      k8s,
      "-n",
      "app",
      "--explain",
      ...NOW,
    ]);
    expect(r.out).toContain("User:reader get secrets: allowed");
    expect(r.out).toContain("RoleBinding app/reader → secrets (in namespace app)");
    r = await cli(["access", "can", "User:reader", "get", "secrets", k8s, "-n", "other", ...NOW]);
    expect(r.out).toContain(": denied");
    r = await cli(["access", "can", "reader", "get", "secrets", k8s, ...NOW]);
    expect(r.code).toBe(2);
    r = await cli(["access", "can", "nobody", "s3:GetObject", "*", newAws, ...NOW]);
    expect(r.code).toBe(2);
    expect(r.err).toContain("no user or role nobody");
  });
});

describe("infrasec access diff", () => {
  interface DiffJson {
    newAdmins: string[];
    newEscalations: { principal: string; pathId: string }[];
    widened: { principal: string; grants: string[] }[];
  }
  it("reports new admins, new escalation paths and widened permissions (OLD -- NEW)", async () => {
    // Options go before `--`: everything after it is a NEW file.
    const r = await cli(["access", "diff", "--format", "json", ...NOW, oldAws, "--", newAws]);
    expect(r.code).toBe(0);
    const d = parse<DiffJson>(r.out);
    expect(d.newAdmins).toEqual([`arn:aws:iam::${A}:user/bob`]);
    expect(d.newEscalations).toEqual([
      { principal: `arn:aws:iam::${A}:user/alice`, pathId: "iam-007" },
    ]);
    const alice = d.widened.find((w) => w.principal.endsWith("user/alice"));
    expect(alice?.grants).toContain("iam:PutUserPolicy@all");
  });

  it("accepts --old/--new and prints text", async () => {
    const r = await cli(["access", "diff", "--old", oldAws, "--new", newAws, ...NOW]);
    expect(r.code).toBe(0);
    expect(r.out).toContain(`New admins (1):\n  arn:aws:iam::${A}:user/bob`);
    expect(r.out).toContain(
      `New escalation paths (1):\n  arn:aws:iam::${A}:user/alice via iam-007`,
    );
    expect(r.out).toContain("Removed admins (0):");
    expect((await cli(["access", "diff", oldAws, newAws, ...NOW])).code).toBe(2);
  });
});
