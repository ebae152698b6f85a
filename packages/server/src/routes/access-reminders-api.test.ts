import { afterEach, beforeEach, expect, it } from "vitest";
import { systemActor } from "@infrasec/core";
import { forEachDialect, type TestDatabase } from "@infrasec/storage/testing";
import { bearer, createTestServer, type TestServer } from "../testing/test-server";

/**
 * Access-review reminders (issue 7): reviewers hear about their items when a campaign starts, at
 * 5, 3, 2 and 0 business days before the deadline (once each, the most urgent when several are
 * crossed at once), everyone involved when it is overdue, and delivery integrations see the
 * escalations and the revocations whose 7-day validation window has passed.
 */

const ACCOUNT = "111111111111";
const ADMIN_ARN = "arn:aws:iam::aws:policy/AdministratorAccess";
const user = (name: string, admin: boolean) => ({
  Path: "/",
  UserName: name,
  Arn: `arn:aws:iam::${ACCOUNT}:user/${name}`,
  GroupList: [],
  UserPolicyList: [],
  AttachedManagedPolicies: admin
    ? [{ PolicyArn: ADMIN_ARN, PolicyName: "AdministratorAccess" }]
    : [],
});
const GAAD = JSON.stringify({
  UserDetailList: [user("alice", true), user("carol", true)],
  GroupDetailList: [],
  RoleDetailList: [],
  Policies: [
    {
      PolicyName: "AdministratorAccess",
      Arn: ADMIN_ARN,
      DefaultVersionId: "v1",
      AttachmentCount: 2,
      PolicyVersionList: [
        {
          Document: {
            Version: "2012-10-17",
            Statement: [{ Effect: "Allow", Action: "*", Resource: "*" }],
          },
          VersionId: "v1",
          IsDefaultVersion: true,
        },
      ],
    },
  ],
});

interface Notice {
  kind: string;
  title: string;
  link: string | null;
}

forEachDialect(({ open }) => {
  let db: TestDatabase;
  let s: TestServer;
  beforeEach(async () => {
    db = await open();
    s = await createTestServer(db);
  });
  afterEach(async () => {
    await s.close();
    await db.cleanup();
  });

  const inbox = async (token: string): Promise<Notice[]> => {
    const res = await s.app.inject({
      method: "GET",
      url: "/api/v1/notifications",
      headers: bearer(token),
    });
    expect(res.statusCode, res.body).toBe(200);
    return res.json<{ items: Notice[] }>().items;
  };
  const events = async (type: string) =>
    (await db.store.notifications.listEvents(0, 500)).filter((e) => e.type === type);
  const at = async (iso: string) => {
    s.clock.set(`${iso}T12:00:00.000Z`);
    return s.services.access.remindCampaigns();
  };

  it("reminds reviewers at 5/3/2/0 business days, once each, then reports the campaign overdue", async () => {
    const sec = await s.tokenFor("security_engineer");
    const ctx = { actor: systemActor };
    const { user: rev } = await s.services.users.create(ctx, {
      username: "rev-eng",
      role: "engineer",
      password: "correct horse battery",
    });
    const revToken = (await s.services.tokens.create(ctx, { name: "t", userId: rev.id })).secret;

    const snap = await s.app.inject({
      method: "POST",
      url: "/api/v1/access/snapshots",
      headers: bearer(sec),
      payload: { name: "prod", provider: "aws", files: [{ name: "gaad.json", content: GAAD }] },
    });
    expect(snap.statusCode, snap.body).toBe(201);
    const created = await s.app.inject({
      method: "POST",
      url: "/api/v1/access/campaigns",
      headers: bearer(sec),
      payload: {
        name: "Q4 privileged",
        kind: "privileged",
        snapshotId: snap.json<{ id: string }>().id,
        reviewers: { default: "rev-eng" },
      },
    });
    expect(created.statusCode, created.body).toBe(201);
    const campaign = created.json<{ id: string; dueDate: string }>();
    expect(campaign.dueDate).toBe("2026-12-09"); // Wed 2026-11-25 + 10 business days
    const link = `/access/campaigns/${campaign.id}`;

    // Assignment notice when the campaign starts.
    expect(await inbox(revToken)).toEqual([
      expect.objectContaining({ kind: "access_review_assigned", link }),
    ]);

    // 10 business days left: nothing yet.
    expect(await at("2026-11-25")).toMatchObject({ campaigns: 1, reminders: 0 });
    // Wed 12-02: 5 business days left → first reminder, and only once.
    expect(await at("2026-12-02")).toMatchObject({ reminders: 1, escalations: 0 });
    expect(await at("2026-12-02")).toMatchObject({ reminders: 0 });
    const notes = await inbox(revToken);
    expect(notes[0]).toMatchObject({ kind: "access_review_reminder", link });
    expect(notes[0]!.title).toContain("2 item(s) left, due 2026-12-09 (5 business day(s))");

    // The reviewer revokes carol's admin access on 12-02: removal validation window starts.
    const items = await s.app.inject({
      method: "GET",
      url: `/api/v1/access/campaigns/${campaign.id}/items?reviewer=me`,
      headers: bearer(revToken),
    });
    const carol = items
      .json<{ items: { id: string; principalName: string }[] }>()
      .items.find((i) => i.principalName === "carol")!;
    const decided = await s.app.inject({
      method: "POST",
      url: `/api/v1/access/campaigns/${campaign.id}/items/${carol.id}/decision`,
      headers: bearer(revToken),
      payload: {
        decision: "revoke",
        justification: "left the platform team",
        followUpTicket: "OPS-1",
      },
    });
    expect(decided.statusCode, decided.body).toBe(200);

    // Mon 12-07: 2 business days left; 3 and 2 both crossed → one reminder, escalated to the manager.
    expect(await at("2026-12-07")).toMatchObject({ reminders: 1, escalations: 1 });
    const reminders = await events("access.campaign.reminder");
    expect(reminders.map((e) => [e.payload.threshold, e.payload.escalate])).toEqual([
      [5, null],
      [2, "manager"],
    ]);
    expect(reminders[1]!.payload).toMatchObject({ reviewer: "rev-eng", pending: 1 });

    // Due date: last reminder (to the CISO) and carol's removal falls due (7 days after revoke).
    expect(await at("2026-12-09")).toMatchObject({ reminders: 1, escalations: 1, removalsDue: 1 });
    expect((await inbox(revToken))[0]!.title).toContain("is due today: 1 item(s) left");
    const removal = await events("access.revocation.due");
    expect(removal).toHaveLength(1);
    expect(removal[0]!.payload.items).toEqual([
      expect.objectContaining({ itemId: carol.id, followUpTicket: "OPS-1" }),
    ]);

    // Past the deadline: overdue once, to the reviewer and the campaign's owner.
    expect(await at("2026-12-10")).toMatchObject({ overdue: 1, removalsDue: 0 });
    expect(await at("2026-12-11")).toMatchObject({ overdue: 0, reminders: 0 });
    expect((await inbox(revToken))[0]).toMatchObject({ kind: "access_review_overdue", link });
    expect(await events("access.campaign.overdue")).toHaveLength(1);
    expect(await inbox(sec)).toEqual(
      expect.arrayContaining([expect.objectContaining({ kind: "access_review_overdue" })]),
    );
  });
});
