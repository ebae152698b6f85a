import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Actor, Role } from "@infrasec/core";
import { ManualClock, systemActor } from "@infrasec/core";
import { forEachDialect, type TestDatabase } from "@infrasec/storage/testing";
import { createServices, type Services } from "../create-services";
import type { Ctx } from "../shared/service-context";
import { loadWorkItemView, loadWorkItems, readWorkSettings } from "./work-item-store";
import {
  changeItemLabels,
  closeItem,
  setItemAssignees,
  setItemStatus,
} from "./work-item-mutations";
import { canEditWorkItem, canSeeAllWork, isWorkItemVisible } from "./work-visibility-fns";

const actor = (role: Role, userId: string | null = "u1"): Actor => ({
  kind: "user",
  userId,
  username: "someone",
  role,
});

describe("visibility rules", () => {
  const item = {
    confidential: true,
    createdBy: "creator",
    ownerId: "owner",
    assigneeIds: ["assignee"],
    reviewerIds: ["reviewer"],
  };
  it("shows confidential items to see-all roles and the people involved only", () => {
    for (const role of ["admin", "security_engineer", "sirt", "auditor"] as const) {
      expect(canSeeAllWork(actor(role))).toBe(true);
      expect(isWorkItemVisible(item, actor(role))).toBe(true);
    }
    expect(isWorkItemVisible(item, actor("engineer"))).toBe(false);
    expect(isWorkItemVisible(item, actor("viewer"))).toBe(false);
    for (const who of ["creator", "owner", "assignee", "reviewer"]) {
      expect(isWorkItemVisible(item, actor("engineer", who))).toBe(true);
    }
    expect(isWorkItemVisible({ ...item, confidential: false }, actor("viewer"))).toBe(true);
  });
  it("lets work:manage change anything and work:create only their own or assigned items", () => {
    expect(canEditWorkItem(item, actor("security_engineer"))).toBe(true);
    expect(canEditWorkItem(item, actor("auditor", "creator"))).toBe(false);
    expect(canEditWorkItem(item, actor("engineer"))).toBe(false);
    expect(canEditWorkItem(item, actor("engineer", "assignee"))).toBe(true);
    expect(canEditWorkItem(item, actor("engineer", "reviewer"))).toBe(false);
  });
});

forEachDialect(({ open }) => {
  let db: TestDatabase;
  let services: Services;
  let clock: ManualClock;
  beforeEach(async () => {
    db = await open();
    clock = new ManualClock("2026-11-25T12:00:00.000Z");
    services = createServices({ store: db.store, clock });
  });
  afterEach(async () => {
    await db.cleanup();
  });
  const deps = () => ({ store: db.store, clock });

  async function person(username: string, role: Role): Promise<Ctx> {
    const { user } = await services.users.create(
      { actor: systemActor },
      { username, role, password: "correct horse battery" },
    );
    return { actor: { kind: "user", userId: user.id, username, role } };
  }

  it("loads visible items in the engine's shape with filters", async () => {
    const erin = await person("erin", "engineer");
    const bob = await person("bob", "engineer");
    const sec = await person("sam", "security_engineer");
    const a = await services.workItems.create(erin, {
      kind: "task",
      title: "Patch hosts",
      labels: ["InfraSec::backlog"],
      assignees: ["bob"],
      weight: 3,
    });
    const secret = await services.workItems.create(erin, {
      kind: "incident",
      title: "Leaked token",
      confidential: true,
    });
    const asBob = await db.store.transaction((tx) => loadWorkItems(tx, bob, {}));
    expect(asBob.map((l) => l.summary.id)).toEqual([a.id]);
    expect(asBob[0]!.domain).toMatchObject({
      kind: "task",
      status: "open",
      assignees: ["bob"],
      weight: 3,
      labels: expect.arrayContaining(["Department::InfraSec", "InfraSec::backlog"]),
    });
    const asSec = await loadWorkItems(db.store, sec, { state: "open" });
    expect(asSec.map((l) => l.summary.id)).toEqual([a.id, secret.id]);
    expect(
      (await loadWorkItems(db.store, sec, { assignee: "bob" })).map((l) => l.record.id),
    ).toEqual([a.id]);
    expect(await loadWorkItems(db.store, sec, { assignee: "nobody" })).toEqual([]);
    expect(
      (await loadWorkItems(db.store, sec, { labelsAll: ["InfraSec::backlog"], q: "patch" })).map(
        (l) => l.record.id,
      ),
    ).toEqual([a.id]);
    await expect(loadWorkItemView(db.store, bob, secret.id)).rejects.toMatchObject({
      code: "not_found",
    });
    expect(await readWorkSettings(db.store)).toEqual({
      staleAfterDays: 30,
      autoCloseEnabled: true,
      autoCloseAfterMonths: 6,
      teamLabel: "Department::InfraSec",
      cadence: "fortnightly",
    });
  });

  it("changes labels, assignees and status in the caller's transaction, all or nothing", async () => {
    const erin = await person("erin", "engineer");
    const sec = await person("sam", "security_engineer");
    await person("bob", "engineer");
    const item = await services.workItems.create(erin, { kind: "task", title: "Rotate keys" });
    await db.store.transaction(async (tx) => {
      await changeItemLabels(tx, deps(), sec, item.id, {
        add: ["InfraSec::WIP", "InfraSecEffort::Small"],
        remove: [],
      });
      await setItemAssignees(tx, deps(), sec, item.id, ["bob"]);
    });
    const v = await loadWorkItemView(db.store, sec, item.id);
    expect(v.labels).toContain("InfraSec::WIP");
    expect(v.labels).not.toContain("InfraSec::triage");
    expect(v.assignees.map((u) => u.username)).toEqual(["bob"]);

    // A failure later in the transaction undoes the earlier change.
    await expect(
      db.store.transaction(async (tx) => {
        await changeItemLabels(tx, deps(), sec, item.id, {
          add: ["InfraSec::backlog"],
          remove: [],
        });
        await setItemAssignees(tx, deps(), sec, item.id, ["bob", "ghost"]);
      }),
    ).rejects.toMatchObject({
      code: "validation_failed",
      details: [{ path: "assignees[1]" }],
    });
    expect((await loadWorkItemView(db.store, sec, item.id)).labels).toContain("InfraSec::WIP");

    await db.store.transaction((tx) => setItemStatus(tx, deps(), sec, item.id, "closed", "done"));
    const closed = await loadWorkItemView(db.store, sec, item.id);
    expect(closed).toMatchObject({ status: "closed", derived: { closed: true } });
    expect(closed.labels).not.toContain("InfraSec::WIP");
    const history = await services.workItems.history(sec, item.id);
    expect(history.map((h) => h.action)).toEqual(["created", "labels", "assignees", "status"]);
    expect(history[3]!.note).toContain("done");
    const bobInbox = await services.notifications.inbox(
      { actor: { ...sec.actor, userId: v.assignees[0]!.id, username: "bob" } },
      { limit: 10 },
    );
    expect(bobInbox.items.map((n) => n.kind)).toEqual(["assigned"]);

    // An engineer who neither created, owns nor is assigned may not change the item.
    const other = await person("olga", "engineer");
    await expect(
      db.store.transaction((tx) =>
        changeItemLabels(tx, deps(), other, item.id, { add: ["x"], remove: [] }),
      ),
    ).rejects.toMatchObject({ code: "forbidden" });
  });

  it("closes items to their model's give-up status and reports failing guards", async () => {
    const sec = await person("sam", "security_engineer");
    const review = await services.workItems.create(sec, {
      kind: "security_review_request",
      title: "Draft review",
      draft: true,
    });
    const task = await services.workItems.create(sec, { kind: "task", title: "t" });
    const decision = await services.workItems.create(sec, {
      kind: "decision",
      title: "d",
      draft: true,
    });
    await db.store.transaction(async (tx) => {
      await closeItem(tx, deps(), sec, review.id, "stale for six months");
      await closeItem(tx, deps(), sec, task.id, "stale for six months");
    });
    expect((await loadWorkItemView(db.store, sec, review.id)).status).toBe("cancelled");
    expect((await loadWorkItemView(db.store, sec, task.id)).status).toBe("closed");
    // A draft decision cannot be rejected without its required fields: the guard is named.
    await expect(
      db.store.transaction((tx) => closeItem(tx, deps(), sec, decision.id, "stale")),
    ).rejects.toMatchObject({ code: "conflict" });
    await expect(
      db.store.transaction((tx) => setItemStatus(tx, deps(), sec, task.id, "nope")),
    ).rejects.toMatchObject({ code: "validation_failed", details: [{ path: "status" }] });
    const audit = await db.store.audit.list({ action: "work.item.close" }, 10);
    expect(audit).toHaveLength(2);
  });
});
