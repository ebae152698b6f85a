import { afterEach, beforeEach, expect, it } from "vitest";
import type { Role } from "@infrasec/core";
import { systemActor } from "@infrasec/core";
import { forEachDialect, type TestDatabase } from "@infrasec/storage/testing";
import { bearer, createTestServer, type TestServer } from "../testing/test-server";

/**
 * Change requests (approvals by capacity, guarded scheduling), drafts, status changes with their
 * label effects, and links to assets and findings, through the real HTTP server.
 */

const CHANGE_FIELDS = {
  changeSummary: "Resize the primary database",
  servicesImpacted: ["api"],
  criticality: "C2",
  touchesDatabase: true,
  changeTechnician: "tom",
  scheduledFor: "2026-12-01",
  steps: [{ phase: "change", description: "Resize", estimateMinutes: 30 }],
  rollbackPlan: "Resize back",
  metrics: [{ metric: "p99 latency", rollbackTrigger: "> 500 ms" }],
};

interface Item {
  id: string;
  number: number;
  status: string;
  labels: string[];
  closedAt: string | null;
  links: { id: string; targetKind: string; targetId: string; title: string | null }[];
  derived: {
    changeApproval: { criticality: string | null; missing: string[]; satisfied: boolean } | null;
    missingFields: { field: string }[];
    closed: boolean;
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
    method: "GET" | "POST" | "PATCH" | "DELETE",
    url: string,
    payload?: unknown,
  ) =>
    t.app.inject({
      method,
      url,
      headers: who.headers,
      payload: payload as Record<string, unknown> | undefined,
    });

  it("schedules a change only with the approvals its criticality requires", async () => {
    await person("tom", "engineer");
    const sec = await person("sam", "security_engineer");
    const mgr = await person("max", "security_engineer");
    const eng = await person("erin", "engineer");
    const created = await call(eng, "POST", "/api/v1/work/items", {
      kind: "change_request",
      title: "Resize primary DB",
      fields: CHANGE_FIELDS,
    });
    expect(created.statusCode).toBe(201);
    const item = created.json<Item>();
    expect(item.status).toBe("unscheduled");
    expect(item.derived.changeApproval).toMatchObject({
      criticality: "C2",
      satisfied: false,
    });
    expect(item.derived.changeApproval!.missing).toHaveLength(3);

    const early = await call(sec, "PATCH", `/api/v1/work/items/${item.id}`, {
      status: "scheduled",
    });
    expect(early.statusCode).toBe(409);
    const earlyError = early.json<{ error: { code: string; details: { path: string }[] } }>().error;
    expect(earlyError.code).toBe("conflict");
    expect(new Set(earlyError.details.map((d) => d.path))).toEqual(
      new Set(["status.change_approvals"]),
    );
    // Approvals need work:manage; the engineer who filed the change cannot give one.
    expect(
      (
        await call(eng, "POST", `/api/v1/work/items/${item.id}/change-approvals`, {
          requirement: "eoc_approved",
          capacity: "eoc",
        })
      ).statusCode,
    ).toBe(403);
    for (const [who, requirement, capacity] of [
      [mgr, "manager_approved", "manager"],
      [sec, "eoc_approved", "eoc"],
      [sec, "dbre_review", "dbre"],
    ] as const) {
      const r = await call(who, "POST", `/api/v1/work/items/${item.id}/change-approvals`, {
        requirement,
        capacity,
      });
      expect(r.statusCode).toBe(200);
    }
    const approved = (await call(eng, "GET", `/api/v1/work/items/${item.id}`)).json<Item>();
    expect(approved.derived.changeApproval).toEqual({
      criticality: "C2",
      missing: [],
      satisfied: true,
    });
    const scheduled = await call(sec, "PATCH", `/api/v1/work/items/${item.id}`, {
      status: "scheduled",
    });
    expect(scheduled.json()).toMatchObject({ status: "scheduled" });

    // Aborting needs a reason and closes the item.
    const noReason = await call(sec, "PATCH", `/api/v1/work/items/${item.id}`, {
      status: "aborted",
    });
    expect(noReason.json()).toMatchObject({ error: { details: [{ path: "status.reason" }] } });
    const aborted = await call(sec, "PATCH", `/api/v1/work/items/${item.id}`, {
      status: "aborted",
      statusNote: "Vendor maintenance window moved",
    });
    expect(aborted.json()).toMatchObject({ status: "aborted", derived: { closed: true } });
    expect(aborted.json<Item>().closedAt).not.toBeNull();
    const unknownStatus = await call(sec, "PATCH", `/api/v1/work/items/${item.id}`, {
      status: "flying",
    });
    expect(unknownStatus.statusCode).toBe(400);
    expect(unknownStatus.json()).toMatchObject({ error: { details: [{ path: "status" }] } });

    const approvalOnTask = await call(
      sec,
      "POST",
      `/api/v1/work/items/${
        (await call(sec, "POST", "/api/v1/work/items", { kind: "task", title: "t" })).json<Item>()
          .id
      }/change-approvals`,
      { requirement: "peer_review", capacity: "peer" },
    );
    expect(approvalOnTask.statusCode).toBe(400);
  });

  it("saves drafts without required fields, checks types, and merges field patches", async () => {
    const eng = await person("erin", "engineer");
    const draft = await call(eng, "POST", "/api/v1/work/items", {
      kind: "decision",
      title: "Pick a secrets manager",
      draft: true,
      fields: {},
    });
    expect(draft.statusCode).toBe(201);
    const item = draft.json<Item>();
    expect(item.derived.missingFields.length).toBeGreaterThan(0);
    const wrongType = await call(eng, "POST", "/api/v1/work/items", {
      kind: "bau_request",
      title: "x",
      draft: true,
      fields: { urgency: "whenever", bogus: 1 },
    });
    expect(wrongType.statusCode).toBe(400);
    expect(
      wrongType.json<{ error: { details: { path: string }[] } }>().error.details.map((d) => d.path),
    ).toEqual(expect.arrayContaining(["fields.urgency", "fields.bogus"]));

    const bau = await call(eng, "POST", "/api/v1/work/items", {
      kind: "bau_request",
      title: "Firewall exception",
      fields: { request: "Open 443", requestingTeam: "Payments", urgency: "normal" },
    });
    expect(bau.statusCode).toBe(201);
    const bauId = bau.json<Item>().id;
    // Making it urgent requires a reason (requiredWhen), named by field.
    const urgent = await call(eng, "PATCH", `/api/v1/work/items/${bauId}`, {
      fields: { urgency: "high" },
    });
    expect(urgent.json()).toMatchObject({ error: { details: [{ path: "fields.urgencyReason" }] } });
    const ok = await call(eng, "PATCH", `/api/v1/work/items/${bauId}`, {
      fields: { urgency: "high", urgencyReason: "Blocks the launch", requestingTeam: null },
    });
    expect(ok.statusCode).toBe(400);
    const merged = await call(eng, "PATCH", `/api/v1/work/items/${bauId}`, {
      fields: { urgency: "high", urgencyReason: "Blocks the launch" },
      weight: 3,
      health: "on_track",
    });
    expect(merged.json()).toMatchObject({
      fields: { request: "Open 443", urgency: "high", urgencyReason: "Blocks the launch" },
      weight: 3,
      health: "on_track",
    });
    const history = (await call(eng, "GET", `/api/v1/work/items/${bauId}/history`)).json<{
      items: { action: string; changes: { field: string }[] }[];
    }>();
    expect(history.items.at(-1)).toMatchObject({ action: "updated" });
    expect(
      history.items
        .at(-1)!
        .changes.map((c) => c.field)
        .sort(),
    ).toEqual(["fields", "health", "weight"]);
  });

  it("removes the WIP label on close and reopens; parents must exist and not cycle", async () => {
    const eng = await person("erin", "engineer");
    const epic = (
      await call(eng, "POST", "/api/v1/work/items", { kind: "epic", title: "Zero trust" })
    ).json<Item>();
    const task = (
      await call(eng, "POST", "/api/v1/work/items", {
        kind: "task",
        title: "Roll out device certs",
        labels: ["InfraSec::WIP", "InfraSecStatus::ongoing"],
        parentId: epic.id,
      })
    ).json<Item>();
    expect(task.labels).toContain("InfraSec::WIP");
    const closed = await call(eng, "PATCH", `/api/v1/work/items/${task.id}`, {
      status: "closed",
    });
    expect(closed.json<Item>().labels.sort()).toEqual(["Department::InfraSec"]);
    const reopened = await call(eng, "PATCH", `/api/v1/work/items/${task.id}`, {
      status: "open",
    });
    expect(reopened.json()).toMatchObject({ status: "open", closedAt: null });
    const cycle = await call(eng, "PATCH", `/api/v1/work/items/${epic.id}`, {
      parentId: task.id,
    });
    expect(cycle.json()).toMatchObject({ error: { details: [{ path: "parentId" }] } });
    const missing = await call(eng, "POST", "/api/v1/work/items", {
      kind: "task",
      title: "Orphan",
      parentId: "01a21478-fa76-73a1-8e25-2380d356a560",
    });
    expect(missing.json()).toMatchObject({ error: { details: [{ path: "parentId" }] } });
    const children = await call(eng, "GET", `/api/v1/work/items?parentId=${epic.id}`);
    expect(children.json()).toMatchObject({ total: 1, items: [{ id: task.id }] });
  });

  it("links items to assets by key, findings by id and items by number, and unlinks", async () => {
    const admin = await person("ada", "admin");
    const eng = await person("erin", "engineer");
    const asset = await call(admin, "POST", "/api/v1/assets", {
      key: "db-primary",
      name: "Primary database",
      kind: "database",
      criticality: 1,
      exposure: "internal",
    });
    expect(asset.statusCode).toBe(201);
    const assetId = asset.json<{ id: string }>().id;
    const a = (
      await call(eng, "POST", "/api/v1/work/items", { kind: "task", title: "Encrypt backups" })
    ).json<Item>();
    const b = (
      await call(eng, "POST", "/api/v1/work/items", { kind: "task", title: "Key rotation" })
    ).json<Item>();
    const toAsset = await call(eng, "POST", `/api/v1/work/items/${a.id}/links`, {
      type: "relates_to",
      targetKind: "asset",
      target: "db-primary",
    });
    expect(toAsset.statusCode).toBe(201);
    await call(eng, "POST", `/api/v1/work/items/${a.id}/links`, {
      type: "follow_up_of",
      targetKind: "finding",
      target: "finding-123",
    });
    await call(eng, "POST", `/api/v1/work/items/${a.id}/links`, {
      type: "blocked_by",
      target: `#${b.number}`,
    });
    const dup = await call(eng, "POST", `/api/v1/work/items/${a.id}/links`, {
      type: "blocked_by",
      target: String(b.number),
    });
    expect(dup.statusCode).toBe(409);
    const self = await call(eng, "POST", `/api/v1/work/items/${a.id}/links`, {
      type: "relates_to",
      target: a.id,
    });
    expect(self.statusCode).toBe(400);
    const view = (await call(eng, "GET", `/api/v1/work/items/${a.id}`)).json<Item>();
    expect(view.links.map((l) => [l.targetKind, l.targetId, l.title])).toEqual([
      ["asset", assetId, "Primary database"],
      ["finding", "finding-123", null],
      ["item", b.id, "Key rotation"],
    ]);
    // Reverse links are not created.
    expect((await call(eng, "GET", `/api/v1/work/items/${b.id}`)).json<Item>().links).toEqual([]);
    expect(
      (await call(eng, "GET", `/api/v1/work/items?linkedTo=${assetId}`)).json<{ total: number }>()
        .total,
    ).toBe(1);
    const removed = await call(
      eng,
      "DELETE",
      `/api/v1/work/items/${a.id}/links/${view.links[0]!.id}`,
    );
    expect(removed.json<Item>().links).toHaveLength(2);
    expect(
      (
        await call(
          eng,
          "DELETE",
          `/api/v1/work/items/${a.id}/links/01a21478-fa76-73a1-8e25-2380d356a560`,
        )
      ).statusCode,
    ).toBe(404);
    const audit = await call(admin, "GET", `/api/v1/audit?targetId=${a.id}`);
    expect(audit.json<{ items: { action: string }[] }>().items.map((e) => e.action)).toEqual(
      expect.arrayContaining(["work.item.link", "work.item.unlink"]),
    );
  });
});
