import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { forEachDialect, type TestDatabase } from "@infrasec/storage/testing";
import { bearer, createTestServer, type TestServer } from "../testing/test-server";

/**
 * Access findings in the shared asset model, through the real server: a snapshot upload links the
 * account/project/cluster to its inventory asset (matched by identifier, or registered), stores
 * the findings against it, and GET /api/v1/assets/:id/access-findings lists the open ones (the
 * latest snapshot's) with counts per severity. Also: GCP predefined role definitions upload.
 */

const ACCOUNT = "222222222222";
const ADMIN_ARN = "arn:aws:iam::aws:policy/AdministratorAccess";
const doc = (...Statement: unknown[]) => ({ Version: "2012-10-17", Statement });

function gaad(users: { name: string; admin?: boolean; inline?: unknown[] }[]): string {
  return JSON.stringify({
    UserDetailList: users.map((u) => ({
      Path: "/",
      UserName: u.name,
      Arn: `arn:aws:iam::${ACCOUNT}:user/${u.name}`,
      GroupList: [],
      UserPolicyList: (u.inline ?? []).map((d, i) => ({ PolicyName: `p${i}`, PolicyDocument: d })),
      AttachedManagedPolicies: u.admin
        ? [{ PolicyArn: ADMIN_ARN, PolicyName: "AdministratorAccess" }]
        : [],
    })),
    GroupDetailList: [],
    RoleDetailList: [],
    Policies: [
      {
        PolicyName: "AdministratorAccess",
        Arn: ADMIN_ARN,
        DefaultVersionId: "v1",
        AttachmentCount: 1,
        PolicyVersionList: [
          {
            Document: doc({ Effect: "Allow", Action: "*", Resource: "*" }),
            VersionId: "v1",
            IsDefaultVersion: true,
          },
        ],
      },
    ],
  });
}

/** dave can escalate (critical), alice is admin (high). */
const RISKY = gaad([
  { name: "alice", admin: true },
  { name: "dave", inline: [doc({ Effect: "Allow", Action: "iam:PutUserPolicy", Resource: "*" })] },
]);
/** dave's escalation removed. */
const FIXED = gaad([{ name: "alice", admin: true }, { name: "dave" }]);

interface Findings {
  snapshot: { id: string; name: string; provider: string } | null;
  bySeverity: Record<"critical" | "high" | "medium" | "low" | "info", number>;
  items: { severity: string; ruleId: string; principal: string; snapshotId: string }[];
  total: number;
}

forEachDialect(({ open }) => {
  let db: TestDatabase;
  let s: TestServer;
  let sec: string;
  beforeEach(async () => {
    db = await open();
    s = await createTestServer(db);
    sec = await s.tokenFor("security_engineer");
  });
  afterEach(async () => {
    await s.close();
    await db.cleanup();
  });

  const post = (url: string, token: string, payload: unknown) =>
    s.app.inject({ method: "POST", url, headers: bearer(token), payload: payload as object });
  const get = (url: string, token: string) =>
    s.app.inject({ method: "GET", url, headers: bearer(token) });
  type Files = { name: string; content: string }[];
  async function upload(content: string | Files, provider = "aws", name = "prod") {
    const files = typeof content === "string" ? [{ name: "in.json", content }] : content;
    const res = await post("/api/v1/access/snapshots", sec, { name, provider, files });
    expect(res.statusCode, res.body).toBe(201);
    return res.json<{ id: string }>().id;
  }
  async function assetByKey(key: string) {
    const res = await get(`/api/v1/assets?q=${encodeURIComponent(key)}`, sec);
    expect(res.statusCode, res.body).toBe(200);
    return res.json<{ items: { id: string; key: string; kind: string }[] }>().items;
  }

  describe("access findings on assets", () => {
    it("registers the account as an asset and lists the latest snapshot's findings", async () => {
      const first = await upload(RISKY);
      const [asset] = await assetByKey(`aws:${ACCOUNT}`);
      expect(asset).toMatchObject({ key: `aws:${ACCOUNT}`, kind: "cloud_account" });
      const url = `/api/v1/assets/${asset?.id}/access-findings`;

      const viewer = await s.tokenFor("viewer");
      const res = await get(url, viewer);
      expect(res.statusCode, res.body).toBe(200);
      const body = res.json<Findings>();
      expect(body.snapshot).toMatchObject({ id: first, name: "prod", provider: "aws" });
      expect(body.items.length).toBe(body.total);
      expect(body.items.every((f) => f.snapshotId === first)).toBe(true);
      const esc = body.items.find((f) => f.ruleId === "IAM-ESC-001");
      expect(esc).toMatchObject({
        severity: "critical",
        principal: `arn:aws:iam::${ACCOUNT}:user/dave`,
      });
      // Most severe first, and the counts add up.
      expect(body.items[0]?.severity).toBe("critical");
      const sum = Object.values(body.bySeverity).reduce((a, b) => a + b, 0);
      expect(sum).toBe(body.total);

      const critical = await get(`${url}?severity=critical`, sec);
      const c = critical.json<Findings>();
      expect(c.total).toBe(body.bySeverity.critical);
      expect(c.items.every((f) => f.severity === "critical")).toBe(true);

      // A later snapshot of the same account supersedes the first: dave's path is gone.
      s.clock.advance(60_000);
      const second = await upload(FIXED);
      const after = (await get(url, sec)).json<Findings>();
      expect(after.snapshot?.id).toBe(second);
      expect(after.items.some((f) => f.ruleId === "IAM-ESC-001")).toBe(false);
      expect(after.bySeverity.critical).toBe(body.bySeverity.critical - 1);
      // Same asset, not a second one.
      expect(await assetByKey(`aws:${ACCOUNT}`)).toHaveLength(1);
    });

    it("matches an asset registered beforehand by its identifier", async () => {
      const created = await post("/api/v1/assets", sec, {
        key: "payments-prod",
        name: "Payments production account",
        kind: "cloud_account",
        criticality: 1,
        identifiers: [{ type: "cloud_resource_id", value: ACCOUNT }],
      });
      expect(created.statusCode, created.body).toBe(201);
      const assetId = created.json<{ id: string }>().id;
      const snap = await upload(RISKY);
      const res = await get(`/api/v1/assets/${assetId}/access-findings`, sec);
      expect(res.json<Findings>().snapshot?.id).toBe(snap);
      expect(await assetByKey(`aws:${ACCOUNT}`)).toHaveLength(0);
    });

    it("answers an asset without snapshots, an unknown asset, and readers without access:read", async () => {
      const created = await post("/api/v1/assets", sec, {
        key: "web-1",
        name: "web-1",
        kind: "host",
      });
      const id = created.json<{ id: string }>().id;
      const empty = (await get(`/api/v1/assets/${id}/access-findings`, sec)).json<Findings>();
      expect(empty).toMatchObject({ snapshot: null, items: [], total: 0 });
      expect(empty.bySeverity.critical).toBe(0);
      const missing = await get(
        "/api/v1/assets/01900000-0000-7000-8000-000000000000/access-findings",
        sec,
      );
      expect(missing.statusCode).toBe(404);
      const engineer = await s.tokenFor("engineer");
      expect((await get(`/api/v1/assets/${id}/access-findings`, engineer)).statusCode).toBe(403);
    });

    it("links Kubernetes clusters and GCP organizations; GCP accepts predefined role definitions", async () => {
      const policies = JSON.stringify({
        resource: "//cloudresourcemanager.googleapis.com/organizations/42",
        policy: {
          bindings: [
            {
              role: "roles/resourcemanager.folderIamAdmin",
              members: ["user:mover@example.com"],
            },
          ],
        },
      });
      const roles = JSON.stringify({
        roles: [
          {
            name: "roles/resourcemanager.folderIamAdmin",
            title: "Folder IAM Admin",
            includedPermissions: ["resourcemanager.folders.setIamPolicy"],
          },
        ],
      });
      const withoutDefs = await post("/api/v1/access/snapshots", sec, {
        name: "org",
        provider: "gcp",
        files: [{ name: "policies.json", content: policies }],
      });
      expect(withoutDefs.statusCode, withoutDefs.body).toBe(201);
      const [org] = await assetByKey("gcp:organizations/42");
      const url = `/api/v1/assets/${org?.id}/access-findings`;
      const rules = (await get(url, sec)).json<Findings>().items.map((f) => f.ruleId);
      expect(rules).not.toContain("GCP-ESC-002");

      s.clock.advance(60_000);
      await upload(
        [
          { name: "policies.json", content: policies },
          { name: "roles.json", content: roles },
        ],
        "gcp",
        "org",
      );
      const withDefs = (await get(url, sec)).json<Findings>();
      expect(withDefs.items.map((f) => [f.ruleId, f.principal])).toContainEqual([
        "GCP-ESC-002",
        "user:mover@example.com",
      ]);
      expect(await assetByKey("gcp:organizations/42")).toHaveLength(1);

      const rbac = JSON.stringify({
        apiVersion: "v1",
        kind: "List",
        items: [
          {
            apiVersion: "rbac.authorization.k8s.io/v1",
            kind: "ClusterRole",
            metadata: { name: "cluster-admin" },
            rules: [{ apiGroups: ["*"], resources: ["*"], verbs: ["*"] }],
          },
          {
            apiVersion: "rbac.authorization.k8s.io/v1",
            kind: "ClusterRoleBinding",
            metadata: { name: "ops-admin" },
            roleRef: {
              apiGroup: "rbac.authorization.k8s.io",
              kind: "ClusterRole",
              name: "cluster-admin",
            },
            subjects: [{ kind: "User", name: "ops", apiGroup: "rbac.authorization.k8s.io" }],
          },
        ],
      });
      await upload(rbac, "kubernetes", "cluster-a");
      const [cluster] = await assetByKey("k8s:cluster-a");
      expect(cluster?.kind).toBe("k8s_cluster");
      const k = (await get(`/api/v1/assets/${cluster?.id}/access-findings`, sec)).json<Findings>();
      expect(k.snapshot?.provider).toBe("kubernetes");
      expect(k.total).toBeGreaterThan(0);
    });
  });
});
