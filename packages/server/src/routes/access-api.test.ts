import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Role } from "@infrasec/core";
import { systemActor } from "@infrasec/core";
import { forEachDialect, type TestDatabase } from "@infrasec/storage/testing";
import { bearer, createTestServer, type TestServer } from "../testing/test-server";

/**
 * Access reviews end to end through the real HTTP server (issue 7): snapshot upload and
 * analysis, principals with escalation paths, input errors naming file and JSON path, diffs,
 * campaigns with decisions, evidence and verification in a later snapshot, and permissions.
 * Fixtures are written here, a few lines each.
 */

const ACCOUNT = "111111111111";
const userArn = (n: string) => `arn:aws:iam::${ACCOUNT}:user/${n}`;
const ADMIN_ARN = "arn:aws:iam::aws:policy/AdministratorAccess";
const doc = (...Statement: unknown[]) => ({ Version: "2012-10-17", Statement });
const allow = (Action: string | string[]) => ({ Effect: "Allow", Action, Resource: "*" });

function awsUser(name: string, o: { admin?: boolean; inline?: unknown[] } = {}) {
  return {
    Path: "/",
    UserName: name,
    Arn: userArn(name),
    GroupList: [],
    UserPolicyList: (o.inline ?? []).map((d, i) => ({
      PolicyName: `${name}-inline-${i}`,
      PolicyDocument: d,
    })),
    AttachedManagedPolicies: o.admin
      ? [{ PolicyArn: ADMIN_ARN, PolicyName: "AdministratorAccess" }]
      : [],
  };
}

function gaad(users: unknown[]): string {
  return JSON.stringify({
    UserDetailList: users,
    GroupDetailList: [],
    RoleDetailList: [],
    Policies: [
      {
        PolicyName: "AdministratorAccess",
        Arn: ADMIN_ARN,
        DefaultVersionId: "v1",
        AttachmentCount: 1,
        PolicyVersionList: [{ Document: doc(allow("*")), VersionId: "v1", IsDefaultVersion: true }],
      },
    ],
  });
}

/** Before: alice is admin, dave can escalate (iam:PutUserPolicy on himself), bob reads S3. */
const V1 = gaad([
  awsUser("alice", { admin: true }),
  awsUser("bob", { inline: [doc(allow("s3:GetObject"))] }),
  awsUser("dave", { inline: [doc(allow("iam:PutUserPolicy"))] }),
]);
/** After: alice's AdministratorAccess was revoked, bob became admin. */
const V2 = gaad([
  awsUser("alice"),
  awsUser("bob", { admin: true, inline: [doc(allow("s3:GetObject"))] }),
  awsUser("dave", { inline: [doc(allow("iam:PutUserPolicy"))] }),
]);

const K8S = JSON.stringify({
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
      kind: "ClusterRole",
      metadata: { name: "impersonator" },
      rules: [{ apiGroups: [""], resources: ["users", "groups"], verbs: ["impersonate"] }],
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
    {
      apiVersion: "rbac.authorization.k8s.io/v1",
      kind: "ClusterRoleBinding",
      metadata: { name: "mallory-impersonates" },
      roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: "ClusterRole", name: "impersonator" },
      subjects: [{ kind: "User", name: "mallory", apiGroup: "rbac.authorization.k8s.io" }],
    },
  ],
});

const GCP = JSON.stringify({
  resource: "projects/shop",
  policy: {
    bindings: [
      { role: "roles/owner", members: ["user:root@example.com"] },
      { role: "roles/viewer", members: ["allUsers"] },
    ],
  },
});

interface Snapshot {
  id: string;
  summary: { principals: number; admins: number; principalsWithEscalation: number };
}
interface Item {
  id: string;
  principalId: string;
  reviewer: string;
  entitlement: { key: string; name: string };
  decision: string | null;
  flags: string[];
  verification: string | null;
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

  /** A user with a known name (reviewer assignment is by username) and a token for it. */
  async function person(username: string, role: Role): Promise<string> {
    const ctx = { actor: systemActor };
    const { user } = await s.services.users.create(ctx, {
      username,
      role,
      password: "correct horse battery",
    });
    return (await s.services.tokens.create(ctx, { name: "t", userId: user.id })).secret;
  }

  const post = (url: string, token: string, payload?: unknown) =>
    s.app.inject({ method: "POST", url, headers: bearer(token), payload: payload as object });
  const get = (url: string, token: string) =>
    s.app.inject({ method: "GET", url, headers: bearer(token) });

  async function upload(content: string, name = "prod-account", token = sec): Promise<Snapshot> {
    const res = await post("/api/v1/access/snapshots", token, {
      name,
      provider: "aws",
      files: [{ name: "gaad.json", content }],
    });
    expect(res.statusCode, res.body).toBe(201);
    return res.json<Snapshot>();
  }

  describe("snapshots", () => {
    it("analyses an upload: admins, principals and an escalation path drawn as a graph", async () => {
      const snap = await upload(V1);
      expect(snap.summary).toMatchObject({ principals: 3, admins: 1, principalsWithEscalation: 1 });

      const viewer = await s.tokenFor("viewer");
      const list = await get(
        `/api/v1/access/snapshots/${snap.id}/principals?hasEscalation=true`,
        viewer,
      );
      expect(list.statusCode, list.body).toBe(200);
      const rows = list.json<{ items: { id: string; principalId: string }[] }>().items;
      expect(rows.map((r) => r.principalId)).toEqual([userArn("dave")]);

      // By engine id (URL-encoded ARN) and by row id: the same principal.
      const detail = await get(
        `/api/v1/access/snapshots/${snap.id}/principals/${encodeURIComponent(userArn("dave"))}`,
        viewer,
      );
      expect(detail.statusCode, detail.body).toBe(200);
      const d = detail.json<{
        id: string;
        escalations: {
          pathId: string;
          outcome: string;
          graph: { nodes: { id: string; role: string }[]; edges: { technique: string }[] };
        }[];
        effectivePermissions: { items: { permission: string }[] };
        entitlements: { key: string }[];
      }>();
      expect(d.id).toBe(rows[0]?.id);
      expect(d.escalations[0]).toMatchObject({ pathId: "iam-007", outcome: "admin" });
      expect(d.escalations[0]?.graph.nodes[0]).toMatchObject({
        id: userArn("dave"),
        role: "start",
      });
      expect(d.escalations[0]?.graph.edges[0]?.technique).toBe("iam-007");
      expect(d.effectivePermissions.items.map((p) => p.permission)).toContain("iam:PutUserPolicy");
      expect(d.entitlements.map((e) => e.key)).toEqual(["inline:dave-inline-0"]);

      const findings = await get(
        `/api/v1/access/snapshots/${snap.id}/findings?severity=critical`,
        viewer,
      );
      expect(findings.json<{ items: { principal: string }[] }>().items.length).toBeGreaterThan(0);

      const snaps = await get("/api/v1/access/snapshots?provider=aws", viewer);
      expect(snaps.json<{ total: number }>().total).toBe(1);
    });

    it("answers 400 naming the file and the JSON path of bad input", async () => {
      const bad = await post("/api/v1/access/snapshots", sec, {
        name: "prod-account",
        provider: "aws",
        files: [
          { name: "gaad.json", content: JSON.stringify({ UserDetailList: [{ UserName: 5 }] }) },
        ],
      });
      expect(bad.statusCode).toBe(400);
      const err = bad.json<{ error: { details: { file?: string; path?: string }[] } }>().error;
      expect(err.details[0]?.file).toBe("gaad.json");
      expect(err.details[0]?.path).toMatch(/^\$\.UserDetailList\[0\]/);

      const malformed = await post("/api/v1/access/snapshots", sec, {
        name: "prod-account",
        provider: "aws",
        files: [{ name: "broken.json", content: '{"UserDetailList": [' }],
      });
      expect(malformed.statusCode).toBe(400);
      expect(
        malformed.json<{ error: { details: { file?: string }[] } }>().error.details[0]?.file,
      ).toBe("broken.json");
    });

    it("diffs two snapshots: a new admin and a removed one", async () => {
      const v1 = await upload(V1);
      s.clock.advance(86_400_000);
      const v2 = await upload(V2);
      const res = await get(`/api/v1/access/diff?old=${v1.id}&new=${v2.id}`, sec);
      expect(res.statusCode, res.body).toBe(200);
      const body = res.json<{
        sameName: boolean;
        diff: { newAdmins: string[]; removedAdmins: string[] };
      }>();
      expect(body.sameName).toBe(true);
      expect(body.diff.newAdmins).toEqual([userArn("bob")]);
      expect(body.diff.removedAdmins).toEqual([userArn("alice")]);
    });

    it("lets a viewer read but not upload", async () => {
      const viewer = await s.tokenFor("viewer");
      const res = await post("/api/v1/access/snapshots", viewer, {
        name: "x",
        provider: "aws",
        files: [{ name: "gaad.json", content: V1 }],
      });
      expect(res.statusCode).toBe(403);
    });

    it("analyses Kubernetes RBAC and GCP IAM uploads", async () => {
      const k = await post("/api/v1/access/snapshots", sec, {
        name: "cluster-a",
        provider: "kubernetes",
        files: [{ name: "rbac.json", content: K8S }],
      });
      expect(k.statusCode, k.body).toBe(201);
      const ks = k.json<Snapshot>();
      expect(ks.summary.admins).toBeGreaterThanOrEqual(1);
      const ops = await get(
        `/api/v1/access/snapshots/${ks.id}/principals/${encodeURIComponent("User:ops")}`,
        sec,
      );
      expect(
        ops.json<{ isAdmin: boolean; entitlements: { name: string; privileged: boolean }[] }>(),
      ).toMatchObject({
        isAdmin: true,
        entitlements: [{ name: "ClusterRole/cluster-admin", privileged: true }],
      });

      const g = await post("/api/v1/access/snapshots", sec, {
        name: "org",
        provider: "gcp",
        files: [{ name: "shop.json", content: GCP }],
      });
      expect(g.statusCode, g.body).toBe(201);
      const gf = await get(`/api/v1/access/snapshots/${g.json<Snapshot>().id}/findings`, sec);
      expect(gf.json<{ items: { principal: string }[] }>().items.length).toBeGreaterThan(0);
    });
  });

  describe("campaigns", () => {
    it("runs a privileged review: decisions, permissions, evidence, verification", async () => {
      const v1 = await upload(V1);
      const reviewer = await person("rev-eng", "engineer");
      const other = await person("other-eng", "engineer");
      // dave is also an infrasec user: he must not review his own access.
      await person("dave", "engineer");

      const created = await post("/api/v1/access/campaigns", sec, {
        name: "Q4 privileged review",
        kind: "privileged",
        snapshotId: v1.id,
        reviewers: { default: "rev-eng", byOwner: { [userArn("dave")]: "dave" } },
      });
      expect(created.statusCode, created.body).toBe(201);
      const campaign = created.json<{
        id: string;
        dueDate: string;
        progress: { total: number; pending: number };
      }>();
      expect(campaign.dueDate).toBe("2026-12-09"); // 10 business days after Wed 2026-11-25
      expect(campaign.progress).toMatchObject({ total: 2, pending: 2 });

      // The reviewer (an engineer, without access:read) sees the campaign and their items.
      const mine = await get(`/api/v1/access/campaigns/${campaign.id}/items?reviewer=me`, reviewer);
      expect(mine.statusCode, mine.body).toBe(200);
      const items = mine.json<{ items: Item[] }>().items;
      expect(items.map((i) => i.principalId).sort()).toEqual([userArn("alice"), userArn("dave")]);
      expect(items.every((i) => i.reviewer === "rev-eng")).toBe(true);
      const aliceItem = items.find((i) => i.principalId === userArn("alice")) as Item;
      const daveItem = items.find((i) => i.principalId === userArn("dave")) as Item;
      expect(aliceItem.flags).toContain("admin");
      expect(daveItem.flags).toContain("escalates");

      const decide = (token: string, item: Item, payload: unknown) =>
        post(`/api/v1/access/campaigns/${campaign.id}/items/${item.id}/decision`, token, payload);

      expect((await decide(reviewer, aliceItem, { decision: "revoke" })).statusCode).toBe(400);
      expect(
        (await decide(reviewer, aliceItem, { decision: "revoke", justification: "   " }))
          .statusCode,
      ).toBe(400);
      expect(
        (await decide(other, aliceItem, { decision: "keep", justification: "looks fine" }))
          .statusCode,
      ).toBe(403);
      expect((await get(`/api/v1/access/campaigns/${campaign.id}`, other)).statusCode).toBe(404);

      const revoked = await decide(reviewer, aliceItem, {
        decision: "revoke",
        justification: "left the platform team",
        followUpTicket: "SEC-42",
      });
      expect(revoked.statusCode, revoked.body).toBe(200);
      expect(revoked.json<Item>()).toMatchObject({ decision: "revoke" });
      const kept = await decide(reviewer, daveItem, {
        decision: "keep",
        justification: "needed for on-call, reviewed with manager",
      });
      expect(kept.statusCode, kept.body).toBe(200);

      const progress = await get(`/api/v1/access/campaigns/${campaign.id}`, reviewer);
      expect(progress.json<{ progress: { decided: number; percent: number } }>().progress).toEqual(
        expect.objectContaining({ decided: 2, percent: 100 }),
      );

      const csv = await get(`/api/v1/access/campaigns/${campaign.id}/evidence.csv`, sec);
      expect(csv.statusCode).toBe(200);
      expect(csv.headers["content-type"]).toContain("text/csv");
      const line = csv.body.split("\r\n").find((l) => l.includes(userArn("alice")));
      expect(line).toContain("revoke");
      expect(line).toContain("left the platform team");
      expect(line).toContain("SEC-42");
      expect(line).toContain("rev-eng");

      const bundle = await get(`/api/v1/access/campaigns/${campaign.id}/evidence`, sec);
      const b = bundle.json<{ population: { count: number; sha256: string }; items: unknown[] }>();
      expect(b.population.count).toBe(2);
      expect(b.population.sha256).toMatch(/^[0-9a-f]{64}$/);

      const closed = await post(`/api/v1/access/campaigns/${campaign.id}/close`, sec, {});
      expect(closed.statusCode, closed.body).toBe(200);
      expect(
        (await decide(reviewer, daveItem, { decision: "revoke", justification: "late" }))
          .statusCode,
      ).toBe(409);

      s.clock.advance(7 * 86_400_000);
      const v2 = await upload(V2);
      const verified = await post(
        `/api/v1/access/campaigns/${campaign.id}/verify?snapshotId=${v2.id}`,
        sec,
      );
      expect(verified.statusCode, verified.body).toBe(200);
      expect(
        verified.json<{ revoked: number; stillPresent: number; items: unknown[] }>(),
      ).toMatchObject({
        revoked: 1,
        stillPresent: 0,
        items: [
          { principalId: userArn("alice"), entitlement: `managed:${ADMIN_ARN}`, result: "revoked" },
        ],
      });

      // The next campaign of the same account diffs against this certified one.
      const next = await post("/api/v1/access/campaigns", sec, {
        name: "Q1 privileged review",
        kind: "privileged",
        snapshotId: v2.id,
        reviewers: { default: "rev-eng" },
      });
      expect(next.statusCode, next.body).toBe(201);
      const nextItems = await get(
        `/api/v1/access/campaigns/${next.json<{ id: string }>().id}/items`,
        sec,
      );
      const bob = nextItems
        .json<{ items: (Item & { change: string })[] }>()
        .items.find((i) => i.principalId === userArn("bob"));
      expect(bob?.change).toBe("added");
      expect(bob?.flags).toContain("new_since_certification");
    });

    it("rejects unknown reviewers and terminated-user reviews without leavers", async () => {
      const v1 = await upload(V1);
      const unknown = await post("/api/v1/access/campaigns", sec, {
        name: "r",
        kind: "privileged",
        snapshotId: v1.id,
        reviewers: { default: "nobody" },
      });
      expect(unknown.statusCode).toBe(400);
      expect(
        unknown.json<{ error: { details: { path?: string }[] } }>().error.details[0]?.path,
      ).toBe("reviewers.default");
      await person("rev-eng", "engineer");
      const leavers = await post("/api/v1/access/campaigns", sec, {
        name: "leavers",
        kind: "terminated_users",
        snapshotId: v1.id,
        reviewers: { default: "rev-eng" },
        terminatedUsers: ["bob"],
      });
      expect(leavers.statusCode, leavers.body).toBe(201);
      const items = await get(
        `/api/v1/access/campaigns/${leavers.json<{ id: string }>().id}/items`,
        sec,
      );
      const list = items.json<{ items: Item[] }>().items;
      expect(list.map((i) => i.principalId)).toEqual([userArn("bob")]);
      expect(list[0]?.flags).toContain("terminated");
    });
  });
});
