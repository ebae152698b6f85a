import { afterEach, beforeEach, expect, it } from "vitest";
import type { Role } from "@infrasec/core";
import { systemActor } from "@infrasec/core";
import { forEachDialect, type TestDatabase } from "@infrasec/storage/testing";
import { bearer, createTestServer, type TestServer } from "../testing/test-server";

/**
 * The work-item API end to end through the real HTTP server: templates and validation, derived
 * risk and approvals, visibility of confidential items, scoped labels, comments and mentions,
 * notifications and outbound events, verdicts, the audit trail, and catalogue changes.
 */

const REVIEW_FIELDS = {
  serviceOrFeature: "Object storage gateway",
  maturity: "Beta",
  roadmapPriority: "P1",
  newCloudComponents: true,
  containerOrchestrationChanges: false,
  networkChanges: true,
  iacChanges: true,
  deploymentProcessChanges: false,
  newDataStores: true,
  secretsHandlingChanges: false,
  infrastructureScope: 4,
  environmentCriticality: 5,
  configurationComplexity: 3,
  automationLevel: 2,
  launchTierImpact: 2,
};

interface Item {
  id: string;
  number: number;
  title: string;
  status: string;
  labels: string[];
  confidential: boolean;
  assignees: { username: string }[];
  derived: {
    risk: { score: number; band: string; reviewPriorityLabel: string } | null;
    approval: { approved: boolean; pending: string[]; refused: string[] } | null;
    allowedStatuses: string[];
    missingFields: { field: string }[];
  };
}

forEachDialect(({ open }) => {
  let db: TestDatabase;
  let t: TestServer;
  beforeEach(async () => {
    db = await open();
    t = await createTestServer(db);
  });
  afterEach(async () => {
    await t.close();
    await db.cleanup();
  });

  /** A user of the role with a known username, and a bearer header for them. */
  async function person(username: string, role: Role) {
    const ctx = { actor: systemActor };
    const { user } = await t.services.users.create(ctx, {
      username,
      role,
      password: "correct horse battery",
    });
    const { secret } = await t.services.tokens.create(ctx, { name: "t", userId: user.id });
    return { id: user.id, username, headers: bearer(secret) };
  }

  const call = (
    who: { headers: Record<string, string> },
    method: "GET" | "POST" | "PATCH" | "PUT" | "DELETE",
    url: string,
    payload?: unknown,
  ) =>
    t.app.inject({
      method,
      url,
      headers: who.headers,
      payload: payload as Record<string, unknown> | undefined,
    });

  async function auditActions(admin: { headers: Record<string, string> }, targetId?: string) {
    const res = await call(
      admin,
      "GET",
      `/api/v1/audit?limit=500${targetId ? `&targetId=${targetId}` : ""}`,
    );
    return res.json<{ items: { action: string }[] }>().items.map((e) => e.action);
  }

  it("creates a security review with validated fields, the title prefix, labels and derived risk", async () => {
    const eng = await person("erin", "engineer");
    const missing = await call(eng, "POST", "/api/v1/work/items", {
      kind: "security_review_request",
      title: "Object storage gateway",
      fields: { ...REVIEW_FIELDS, maturity: undefined, infrastructureScope: 9 },
    });
    expect(missing.statusCode).toBe(400);
    const details = missing.json<{ error: { code: string; details: { path: string }[] } }>().error;
    expect(details.code).toBe("validation_failed");
    expect(details.details.map((d) => d.path)).toEqual(
      expect.arrayContaining(["fields.maturity", "fields.infrastructureScope"]),
    );

    const unknownUser = await call(eng, "POST", "/api/v1/work/items", {
      kind: "task",
      title: "x",
      assignees: ["erin", "nobody-here"],
    });
    expect(unknownUser.statusCode).toBe(400);
    expect(unknownUser.json()).toMatchObject({
      error: { details: [{ path: "assignees[1]" }] },
    });

    const created = await call(eng, "POST", "/api/v1/work/items", {
      kind: "security_review_request",
      title: "Object storage gateway",
      fields: REVIEW_FIELDS,
      labels: ["team::storage"],
    });
    expect(created.statusCode).toBe(201);
    const item = created.json<Item>();
    expect(item.title).toBe("Security Review Request: Object storage gateway");
    expect(item.status).toBe("new-request");
    expect(item.number).toBe(1);
    expect(item.labels.sort()).toEqual(
      ["Department::InfraSec", "InfraSec::triage", "team::storage"].sort(),
    );
    expect(item.derived.risk).toMatchObject({
      score: 16,
      band: "Critical",
      reviewPriorityLabel: "Review-Priority:1",
    });
    expect(item.derived.allowedStatuses).toContain("planned");

    // The label was not in the catalogue: it is added, grey.
    const labels = await call(eng, "GET", "/api/v1/work/labels?q=team");
    expect(labels.json()).toMatchObject({
      items: [{ name: "team::storage", scope: "team", color: "#868686", usage: 1 }],
    });

    // Planning needs required reviewers: the guard is named.
    const sec = await person("sam", "security_engineer");
    const planned = await call(sec, "PATCH", `/api/v1/work/items/${item.id}`, {
      status: "planned",
    });
    expect(planned.statusCode).toBe(409);
    expect(planned.json<{ error: { details: { path: string }[] } }>().error.details).toEqual(
      expect.arrayContaining([expect.objectContaining({ path: "status.required_fields" })]),
    );

    const assess = await call(eng, "POST", "/api/v1/work/assess", {
      fields: { ...REVIEW_FIELDS, launchTierImpact: 7 },
    });
    expect(assess.json()).toMatchObject({
      score: null,
      errors: [{ field: "launchTierImpact" }],
    });
    const assessed = await call(eng, "POST", "/api/v1/work/assess", { fields: REVIEW_FIELDS });
    expect(assessed.json()).toMatchObject({ score: 16, band: "Critical", errors: [] });

    const byNumber = await call(eng, "GET", "/api/v1/work/items/by-number/1");
    expect(byNumber.json()).toMatchObject({ id: item.id });
  });

  it("lists, searches, filters, sorts and pages", async () => {
    const eng = await person("erin", "engineer");
    const mk = async (title: string, extra: Record<string, unknown> = {}) =>
      (
        await call(eng, "POST", "/api/v1/work/items", { kind: "task", title, ...extra })
      ).json<Item>();
    const a = await mk("Rotate the 100% CDN keys", { description: "Keys of the EDGE tier" });
    await mk("Patch bastion hosts", { labels: ["InfraSec::backlog"], dueDate: "2026-12-01" });
    const c = await mk("Review bucket policies", { assignees: ["erin"], dueDate: "2026-11-30" });
    await call(eng, "POST", "/api/v1/work/items", {
      kind: "decision",
      title: "Pick a secrets manager",
      draft: true,
    });

    const list = (qs: string) =>
      call(eng, "GET", `/api/v1/work/items?${qs}`).then((r) =>
        r.json<{ items: { title: string }[]; total: number }>(),
      );
    expect((await list("")).total).toBe(4);
    expect((await list("q=edge%20keys")).items.map((i) => i.title)).toEqual([a.title]);
    expect((await list("q=100%25")).total).toBe(1);
    expect((await list("q=1_0")).total).toBe(0);
    expect((await list("kind=decision")).total).toBe(1);
    expect((await list("label=InfraSec::backlog")).items.map((i) => i.title)).toEqual([
      "Patch bastion hosts",
    ]);
    expect((await list("label=Department::InfraSec,InfraSec::triage")).total).toBe(3);
    expect((await list("assignee=erin")).items.map((i) => i.title)).toEqual([c.title]);
    expect((await list("sort=dueDate")).items.map((i) => i.title).slice(0, 2)).toEqual([
      "Review bucket policies",
      "Patch bastion hosts",
    ]);
    const page = await list("sort=number&limit=2&offset=1");
    expect(page.total).toBe(4);
    expect(page.items.map((i) => i.title)).toEqual(["Patch bastion hosts", c.title]);

    const closed = await call(eng, "PATCH", `/api/v1/work/items/${a.id}`, { status: "closed" });
    expect(closed.json()).toMatchObject({ status: "closed", derived: { closed: true } });
    expect((await list("")).total).toBe(3);
    expect((await list("state=closed")).items.map((i) => i.title)).toEqual([a.title]);
    expect((await list("state=all")).total).toBe(4);
  });

  it("hides confidential items from people not involved; auditors read but never change", async () => {
    const a = await person("alice", "engineer");
    const b = await person("bob", "engineer");
    const sec = await person("sam", "security_engineer");
    const aud = await person("audrey", "auditor");
    const item = (
      await call(a, "POST", "/api/v1/work/items", {
        kind: "incident",
        title: "Leaked deploy key",
        confidential: true,
      })
    ).json<Item>();
    expect((await call(b, "GET", `/api/v1/work/items/${item.id}`)).statusCode).toBe(404);
    expect((await call(b, "GET", `/api/v1/work/items/${item.id}/history`)).statusCode).toBe(404);
    expect((await call(b, "GET", "/api/v1/work/items/by-number/1")).statusCode).toBe(404);
    expect(
      (await call(b, "GET", "/api/v1/work/items?q=leaked")).json<{ total: number }>().total,
    ).toBe(0);
    expect(
      (await call(b, "POST", `/api/v1/work/items/${item.id}/comments`, { body: "hi" })).statusCode,
    ).toBe(404);
    expect((await call(a, "GET", `/api/v1/work/items/${item.id}`)).statusCode).toBe(200);
    expect((await call(sec, "GET", `/api/v1/work/items/${item.id}`)).statusCode).toBe(200);
    expect((await call(aud, "GET", `/api/v1/work/items/${item.id}`)).statusCode).toBe(200);
    expect((await call(aud, "GET", "/api/v1/work/items")).json<{ total: number }>().total).toBe(1);
    const audPatch = await call(aud, "PATCH", `/api/v1/work/items/${item.id}`, { title: "x" });
    expect(audPatch.statusCode).toBe(403);

    // Another engineer may read a public item but not change it; the assignee may.
    const open = (
      await call(a, "POST", "/api/v1/work/items", { kind: "task", title: "Public task" })
    ).json<Item>();
    expect(
      (await call(b, "PATCH", `/api/v1/work/items/${open.id}`, { title: "y" })).statusCode,
    ).toBe(403);
    await call(a, "PATCH", `/api/v1/work/items/${open.id}`, { assignees: ["bob"] });
    expect(
      (await call(b, "PATCH", `/api/v1/work/items/${open.id}`, { title: "y" })).statusCode,
    ).toBe(200);

    // A link to the confidential item shows its title only to those who may see it.
    const linked = await call(sec, "POST", `/api/v1/work/items/${open.id}/links`, {
      type: "relates_to",
      target: "#1",
    });
    expect(linked.statusCode).toBe(201);
    expect(
      (await call(b, "GET", `/api/v1/work/items/${open.id}`)).json<{ links: unknown[] }>().links,
    ).toEqual([expect.objectContaining({ title: null, number: null, targetKind: "item" })]);
    expect(
      (await call(sec, "GET", `/api/v1/work/items/${open.id}`)).json<{ links: unknown[] }>().links,
    ).toEqual([expect.objectContaining({ title: "Leaked deploy key", number: 1 })]);
    // Bob cannot link to what he cannot see.
    const bobLink = await call(b, "POST", `/api/v1/work/items/${open.id}/links`, {
      type: "blocks",
      target: item.id,
    });
    expect(bobLink.statusCode).toBe(400);
    expect(bobLink.json()).toMatchObject({ error: { details: [{ path: "target" }] } });
  });

  it("replaces scoped labels, records the replacement in the history and audits it", async () => {
    const eng = await person("erin", "engineer");
    const admin = await person("ada", "admin");
    const item = (
      await call(eng, "POST", "/api/v1/work/items", {
        kind: "task",
        title: "Harden runners",
        labels: ["InfraSecEffort::Small"],
      })
    ).json<Item>();
    const res = await call(eng, "POST", `/api/v1/work/items/${item.id}/labels`, {
      add: ["InfraSec::backlog", "InfraSecEffort::Large"],
      remove: ["Department::InfraSec"],
    });
    expect(res.statusCode).toBe(200);
    expect(res.json<Item>().labels.sort()).toEqual(
      ["InfraSec::backlog", "InfraSecEffort::Large"].sort(),
    );
    const history = (await call(eng, "GET", `/api/v1/work/items/${item.id}/history`)).json<{
      items: { action: string; note: string | null; actor: { username: string } }[];
    }>();
    expect(history.items.map((h) => h.action)).toEqual(["created", "labels"]);
    expect(history.items[1]).toMatchObject({ actor: { username: "erin" } });
    expect(history.items[1]!.note).toContain(
      'replaced ~"InfraSec::triage" with ~"InfraSec::backlog"',
    );
    expect(history.items[1]!.note).toContain('removed ~"Department::InfraSec"');
    expect(await auditActions(admin, item.id)).toEqual(["work.item.labels", "work.item.create"]);
  });

  it("turns @mentions into inbox notifications and outbound events, and searches comments", async () => {
    const eng = await person("erin", "engineer");
    const mia = await person("mia", "engineer");
    const admin = await person("ada", "admin");
    const item = (
      await call(eng, "POST", "/api/v1/work/items", { kind: "task", title: "Firewall review" })
    ).json<Item>();
    const comment = await call(eng, "POST", `/api/v1/work/items/${item.id}/comments`, {
      body: "**Look** at the egress rules, @mia. Also @ghost and @erin.",
    });
    expect(comment.statusCode).toBe(201);
    expect(comment.json()).toMatchObject({
      mentions: ["mia", "erin"],
      author: { username: "erin" },
    });

    const inbox = await call(mia, "GET", "/api/v1/notifications");
    expect(inbox.json()).toMatchObject({
      unread: 1,
      items: [
        {
          kind: "mentioned",
          itemId: item.id,
          itemNumber: item.number,
          title: "Firewall review",
          actor: { username: "erin" },
          readAt: null,
        },
      ],
    });
    // Nobody is notified about their own action.
    expect((await call(eng, "GET", "/api/v1/notifications")).json()).toMatchObject({ unread: 0 });

    const events = await call(admin, "GET", "/api/v1/events?after=0");
    expect(events.json()).toMatchObject({
      next: 1,
      items: [
        {
          seq: 1,
          type: "notification.mentioned",
          recipient: { username: "mia" },
          payload: { itemId: item.id, itemNumber: item.number, recipient: "mia", itemKind: "task" },
        },
      ],
    });
    expect((await call(admin, "GET", "/api/v1/events?after=1")).json()).toEqual({
      items: [],
      next: 1,
    });
    expect((await call(eng, "GET", "/api/v1/events")).statusCode).toBe(403);

    const read = await call(mia, "POST", "/api/v1/notifications/read", {});
    expect(read.json()).toEqual({ updated: 1 });
    expect((await call(mia, "GET", "/api/v1/notifications?unread=true")).json()).toEqual({
      items: [],
      unread: 0,
    });

    const found = await call(eng, "GET", "/api/v1/work/items?q=egress");
    expect(found.json()).toMatchObject({ total: 1, items: [{ id: item.id }] });
    const comments = await call(mia, "GET", `/api/v1/work/items/${item.id}/comments`);
    expect(comments.json<{ items: { body: string }[] }>().items[0]!.body).toContain("**Look**");
    expect(await auditActions(admin, item.id)).toContain("work.comment.create");
  });

  it("takes verdicts only from required reviewers and approves when all of them approved", async () => {
    const eng = await person("erin", "engineer");
    const r1 = await person("rita", "security_engineer");
    const r2 = await person("rob", "engineer");
    const other = await person("olga", "security_engineer");
    const admin = await person("ada", "admin");
    const item = (
      await call(eng, "POST", "/api/v1/work/items", {
        kind: "security_review_request",
        title: "Object storage gateway",
        fields: REVIEW_FIELDS,
      })
    ).json<Item>();
    const patched = await call(r1, "PATCH", `/api/v1/work/items/${item.id}`, {
      requiredReviewers: ["rita", "rob"],
      assignees: ["rita"],
    });
    expect(patched.statusCode).toBe(200);
    expect(patched.json<Item>().derived.approval).toEqual({
      approved: false,
      pending: ["rita", "rob"],
      refused: [],
    });
    const robInbox = (await call(r2, "GET", "/api/v1/notifications")).json<{
      items: { kind: string }[];
    }>();
    expect(robInbox.items.map((n) => n.kind)).toEqual(["review_requested"]);
    expect(
      (await call(r1, "GET", "/api/v1/notifications")).json<{ items: { kind: string }[] }>().items,
    ).toHaveLength(0);

    const denied = await call(other, "POST", `/api/v1/work/items/${item.id}/verdicts`, {
      verdict: "approved",
    });
    expect(denied.statusCode).toBe(403);
    await call(r1, "POST", `/api/v1/work/items/${item.id}/verdicts`, { verdict: "refused" });
    const after1 = await call(r1, "POST", `/api/v1/work/items/${item.id}/verdicts`, {
      verdict: "approved",
      comment: "Fixed the bucket ACLs",
    });
    expect(after1.json<Item>().derived.approval).toEqual({
      approved: false,
      pending: ["rob"],
      refused: [],
    });
    const done = await call(r2, "POST", `/api/v1/work/items/${item.id}/verdicts`, {
      verdict: "approved",
    });
    expect(done.json<Item>().derived.approval).toEqual({
      approved: true,
      pending: [],
      refused: [],
    });
    const creatorInbox = (await call(eng, "GET", "/api/v1/notifications")).json<{
      items: { kind: string }[];
    }>();
    expect(creatorInbox.items.map((n) => n.kind)).toEqual([
      "approval_given",
      "approval_given",
      "approval_refused",
    ]);

    // With reviewers set and risk scored, the review can be planned now.
    const planned = await call(r1, "PATCH", `/api/v1/work/items/${item.id}`, {
      status: "planned",
    });
    expect(planned.statusCode).toBe(200);
    expect(planned.json()).toMatchObject({ status: "planned" });
    const actions = await auditActions(admin, item.id);
    expect(actions.filter((a) => a === "work.item.verdict")).toHaveLength(3);
    expect(actions).toEqual(
      expect.arrayContaining(["work.item.create", "work.item.update", "work.item.verdict"]),
    );
    const history = (await call(eng, "GET", `/api/v1/work/items/${item.id}/history`)).json<{
      items: { action: string; changes: { field: string; to: unknown }[] }[];
    }>();
    expect(history.items.map((h) => h.action)).toEqual([
      "created",
      "updated",
      "verdict",
      "verdict",
      "verdict",
      "status",
    ]);
    expect(history.items[1]!.changes).toEqual(
      expect.arrayContaining([
        { field: "requiredReviewers", from: [], to: ["rita", "rob"] },
        { field: "assignees", from: [], to: ["rita"] },
      ]),
    );
  });

  it("validates template changes naming the path, versions them and resets them", async () => {
    const admin = await person("ada", "admin");
    const eng = await person("erin", "engineer");
    const list = await call(eng, "GET", "/api/v1/work/templates");
    expect(
      list
        .json<{ items: { id: string }[] }>()
        .items.map((x) => x.id)
        .sort(),
    ).toEqual(
      ["bau-request", "change-request", "decision", "design-doc", "security-review"].sort(),
    );
    const bau = (await call(admin, "GET", "/api/v1/work/templates/bau-request")).json<{
      version: number;
      definition: { sections: { fields: Record<string, unknown>[] }[] };
    }>();
    expect(bau.version).toBe(1);

    const bad = structuredClone(bau.definition);
    bad.sections[0]!.fields[1] = { ...bad.sections[0]!.fields[1], type: "colour" };
    const refused = await call(admin, "PUT", "/api/v1/work/templates/bau-request", {
      definition: bad,
    });
    expect(refused.statusCode).toBe(400);
    expect(
      refused.json<{ error: { details: { path: string }[] } }>().error.details.map((d) => d.path),
    ).toContain("definition.sections[0].fields[1].type");
    const dup = structuredClone(bau.definition);
    dup.sections[0]!.fields.push({ ...dup.sections[0]!.fields[0] });
    const dupRes = await call(admin, "PUT", "/api/v1/work/templates/bau-request", {
      definition: dup,
    });
    expect(dupRes.json<{ error: { details: { path: string }[] } }>().error.details[0]!.path).toBe(
      "definition.sections[0].fields[0]",
    );
    expect(
      (await call(eng, "PUT", "/api/v1/work/templates/bau-request", { definition: bau.definition }))
        .statusCode,
    ).toBe(403);

    const good = structuredClone(bau.definition);
    good.sections[0]!.fields.push({
      key: "costCentre",
      type: "text",
      label: "Cost centre",
      required: true,
    });
    const saved = await call(admin, "PUT", "/api/v1/work/templates/bau-request", {
      definition: good,
    });
    expect(saved.statusCode).toBe(200);
    expect(saved.json()).toMatchObject({ version: 2, customized: true });
    // The new required field applies to new BAU requests.
    const req = await call(eng, "POST", "/api/v1/work/items", {
      kind: "bau_request",
      title: "Firewall exception",
      fields: { request: "Open 443", requestingTeam: "Payments", urgency: "normal" },
    });
    expect(req.statusCode).toBe(400);
    expect(req.json()).toMatchObject({ error: { details: [{ path: "fields.costCentre" }] } });

    const reset = await call(admin, "POST", "/api/v1/work/templates/bau-request/reset");
    expect(reset.json()).toMatchObject({ version: 3, customized: false });
    expect(await auditActions(admin, "bau-request")).toEqual([
      "work.template.reset",
      "work.template.update",
    ]);
  });

  it("renames and deletes labels on every item, with a history entry on each", async () => {
    const admin = await person("ada", "admin");
    const eng = await person("erin", "engineer");
    const ids: string[] = [];
    for (const title of ["One", "Two"]) {
      const r = await call(eng, "POST", "/api/v1/work/items", {
        kind: "task",
        title,
        labels: ["needs-review"],
      });
      ids.push(r.json<Item>().id);
    }
    const created = await call(admin, "POST", "/api/v1/work/labels", {
      name: "needs-review",
      color: "#123456",
    });
    expect(created.statusCode).toBe(409);
    const renamed = await call(admin, "PATCH", "/api/v1/work/labels/needs-review", {
      name: "InfraSecStatus::blocked",
      color: "#aa0000",
    });
    expect(renamed.statusCode).toBe(409);
    const ok = await call(admin, "PATCH", "/api/v1/work/labels/needs-review", {
      name: "Review::needed",
      color: "#aa0000",
    });
    expect(ok.json()).toMatchObject({ name: "Review::needed", scope: "Review", usage: 2 });
    // A partial change keeps what it does not name.
    await call(admin, "PATCH", "/api/v1/work/labels/Review::needed", { description: "Waiting" });
    const recolored = await call(admin, "PATCH", "/api/v1/work/labels/Review::needed", {
      color: "#bb0000",
    });
    expect(recolored.json()).toMatchObject({ color: "#bb0000", description: "Waiting" });
    for (const id of ids) {
      const item = (await call(eng, "GET", `/api/v1/work/items/${id}`)).json<Item>();
      expect(item.labels).toContain("Review::needed");
      expect(item.labels).not.toContain("needs-review");
      const h = (await call(eng, "GET", `/api/v1/work/items/${id}/history`)).json<{
        items: { action: string; note: string }[];
      }>();
      expect(h.items.at(-1)).toMatchObject({
        action: "labels",
        note: 'label ~"needs-review" renamed to ~"Review::needed"',
      });
    }
    expect(
      (await call(eng, "GET", "/api/v1/work/items?label=Review::needed")).json<{ total: number }>()
        .total,
    ).toBe(2);
    expect((await call(admin, "DELETE", "/api/v1/work/labels/Review::needed")).statusCode).toBe(
      204,
    );
    const after = (await call(eng, "GET", `/api/v1/work/items/${ids[0]}`)).json<Item>();
    expect(after.labels).not.toContain("Review::needed");
    const actions = await auditActions(admin);
    expect(actions).toEqual(expect.arrayContaining(["work.label.update", "work.label.delete"]));
  });

  it("reminds assignees of items due soon once, and changes settings", async () => {
    const eng = await person("erin", "engineer");
    const admin = await person("ada", "admin");
    // The test clock is 2026-11-25.
    await call(admin, "POST", "/api/v1/work/items", {
      kind: "task",
      title: "Due in two days",
      assignees: ["erin"],
      dueDate: "2026-11-27",
    });
    await call(admin, "POST", "/api/v1/work/items", {
      kind: "task",
      title: "Due later",
      assignees: ["erin"],
      dueDate: "2026-12-20",
    });
    const first = (await call(eng, "GET", "/api/v1/notifications")).json<{
      items: { kind: string; title: string }[];
    }>();
    expect(first.items.map((n) => `${n.kind} ${n.title}`).sort()).toEqual([
      "assigned Due in two days",
      "assigned Due later",
      "due_soon Due in two days",
    ]);
    const again = (await call(eng, "GET", "/api/v1/notifications")).json<{ items: unknown[] }>();
    expect(again.items).toHaveLength(3);

    expect((await call(eng, "GET", "/api/v1/work/settings")).json()).toEqual({
      staleAfterDays: 30,
      autoCloseEnabled: true,
      autoCloseAfterMonths: 6,
      teamLabel: "Department::InfraSec",
      cadence: "fortnightly",
    });
    const put = await call(admin, "PUT", "/api/v1/work/settings", {
      teamLabel: "☁️ InfraSec",
      cadence: "weekly",
    });
    expect(put.json()).toMatchObject({ teamLabel: "☁️ InfraSec", cadence: "weekly" });
    const item = (
      await call(eng, "POST", "/api/v1/work/items", { kind: "task", title: "Old convention" })
    ).json<Item>();
    expect(item.labels).toContain("☁️ InfraSec");
    expect(await auditActions(admin)).toContain("work.settings.update");
  });
});
