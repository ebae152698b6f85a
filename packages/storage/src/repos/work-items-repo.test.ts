import { afterEach, beforeEach, expect, it } from "vitest";
import { newId } from "@infrasec/core";
import { forEachDialect, type TestDatabase } from "../testing/dialects";
import type { WorkItemRecord } from "./work-items-repo";

const AT = "2026-11-25T10:00:00.000Z";

forEachDialect(({ open }) => {
  let t: TestDatabase;
  let users: string[];
  beforeEach(async () => {
    t = await open();
    users = [];
    for (const username of ["alice", "bob", "carol"]) {
      const id = newId();
      await t.store.users.insert({
        id,
        username,
        displayName: username,
        email: null,
        role: "engineer",
        kind: "human",
        passwordHash: null,
        mustChangePassword: false,
        disabled: false,
        failedLogins: 0,
        lockedUntil: null,
        lastLoginAt: null,
        createdAt: AT,
        updatedAt: AT,
      });
      users.push(id);
    }
  });
  afterEach(async () => {
    // pg-pool reports its end before the connections' sockets have closed; the harness then
    // drops the database with (force), which can kill a connection still closing and surface
    // as an unhandled "terminating connection" error. The concurrency test opens several
    // connections, so let them finish closing first (close twice is safe: Kysely guards it).
    await t.handle.close();
    await new Promise((resolve) => setTimeout(resolve, 100));
    await t.cleanup();
  });

  async function item(over: Partial<WorkItemRecord>): Promise<WorkItemRecord> {
    const r: WorkItemRecord = {
      id: newId(),
      number: await t.store.work.nextNumber(),
      kind: "task",
      templateId: null,
      title: "A task",
      status: "open",
      description: "",
      fields: {},
      ownerId: null,
      createdBy: users[0]!,
      startDate: null,
      dueDate: null,
      weight: null,
      health: null,
      confidential: false,
      milestoneId: null,
      parentId: null,
      createdAt: AT,
      updatedAt: AT,
      lastActivityAt: AT,
      closedAt: null,
      labels: [],
      assigneeIds: [],
      reviewerIds: [],
      ...over,
    };
    await t.store.work.insert(r);
    return r;
  }

  it("numbers items from the counter, also under concurrent transactions", async () => {
    const first = await t.store.work.nextNumber();
    const parallel = await Promise.all(
      Array.from({ length: 8 }, () => t.store.transaction((tx) => tx.work.nextNumber())),
    );
    expect(new Set([first, ...parallel]).size).toBe(9);
    expect(Math.max(first, ...parallel)).toBe(9);
  });

  it("stores items with their label, assignee and reviewer sets and rewrites them on update", async () => {
    const r = await item({
      title: "Rotate keys",
      fields: { a: 1, nested: { b: [1, 2] } },
      labels: ["InfraSec::triage", "Department::InfraSec"],
      assigneeIds: [users[1]!],
      reviewerIds: [users[2]!],
      weight: 3,
      confidential: true,
    });
    const got = await t.store.work.findById(r.id);
    expect(got).toMatchObject({
      number: r.number,
      fields: { a: 1, nested: { b: [1, 2] } },
      labels: ["Department::InfraSec", "InfraSec::triage"],
      assigneeIds: [users[1]],
      reviewerIds: [users[2]],
      weight: 3,
      confidential: true,
    });
    await t.store.work.update({ ...got!, labels: ["InfraSec::WIP"], assigneeIds: [] });
    expect(await t.store.work.findByNumber(r.number)).toMatchObject({
      labels: ["InfraSec::WIP"],
      assigneeIds: [],
    });
    expect(await t.store.work.idsWithLabel("InfraSec::WIP")).toEqual([r.id]);
    expect((await t.store.work.labelUsage()).get("InfraSec::WIP")).toBe(1);
  });

  it("filters by visibility, labels, state, people, links and search terms, sorts and pages", async () => {
    const pub = await item({
      title: "Public 100% item",
      labels: ["a", "b"],
      dueDate: "2026-12-02",
    });
    const secret = await item({
      title: "Confidential incident",
      confidential: true,
      assigneeIds: [users[1]!],
      labels: ["a"],
    });
    const closed = await item({ title: "Closed one", closedAt: AT, status: "closed" });
    const due = await item({ title: "Due soon", dueDate: "2026-11-26", ownerId: users[2]! });
    await t.store.work.addLink({
      id: newId(),
      itemId: due.id,
      type: "relates_to",
      targetKind: "asset",
      targetId: "asset-1",
      createdAt: AT,
    });
    const all = { all: true } as const;
    const titles = async (
      f: Parameters<typeof t.store.work.list>[0],
      vis: Parameters<typeof t.store.work.list>[1] = all,
      sort: Parameters<typeof t.store.work.list>[2] = "number",
    ) => (await t.store.work.list(f, vis, sort)).items.map((i) => i.title);

    expect(await titles({})).toEqual([pub.title, secret.title, closed.title, due.title]);
    expect(await titles({}, { all: false, userId: users[2]! })).toEqual([
      pub.title,
      closed.title,
      due.title,
    ]);
    expect(await titles({}, { all: false, userId: users[1]! })).toContain(secret.title);
    expect(await titles({}, { all: false, userId: users[0]! })).toContain(secret.title);
    expect(await titles({}, { all: false, userId: null })).not.toContain(secret.title);
    expect(await titles({ labelsAll: ["a", "b"] })).toEqual([pub.title]);
    expect(await titles({ labelsAll: ["a"] })).toEqual([pub.title, secret.title]);
    expect(await titles({ state: "open" })).not.toContain(closed.title);
    expect(await titles({ state: "closed" })).toEqual([closed.title]);
    expect(await titles({ assigneeId: users[1]! })).toEqual([secret.title]);
    expect(await titles({ ownerId: users[2]! })).toEqual([due.title]);
    expect(await titles({ linkedTo: "asset-1" })).toEqual([due.title]);
    expect(await titles({ terms: ["public", "item"] })).toEqual([pub.title]);
    expect(await titles({ terms: ["100%"] })).toEqual([pub.title]);
    expect(await titles({ terms: ["1_0"] })).toEqual([]);
    expect(await titles({ ids: [] })).toEqual([]);
    expect(await titles({ confidential: true })).toEqual([secret.title]);
    expect(await titles({ dueOnOrAfter: "2026-11-25", dueOnOrBefore: "2026-11-27" })).toEqual([
      due.title,
    ]);
    expect((await titles({}, all, "dueDate")).slice(0, 2)).toEqual([due.title, pub.title]);
    expect(await titles({}, all, "-number")).toEqual([
      due.title,
      closed.title,
      secret.title,
      pub.title,
    ]);
    const page = await t.store.work.list({}, all, "number", 2, 1);
    expect(page.total).toBe(4);
    expect(page.items.map((i) => i.title)).toEqual([secret.title, closed.title]);
  });

  it("keeps history, comments (searchable), verdicts, approvals and links", async () => {
    const r = await item({ title: "Review" });
    await t.store.work.addHistory({
      id: newId(),
      itemId: r.id,
      actorId: users[0]!,
      at: AT,
      action: "created",
      changes: [{ field: "title", from: null, to: "Review" }],
      note: null,
    });
    expect(await t.store.work.listHistory([r.id])).toMatchObject([
      { action: "created", changes: [{ field: "title", from: null, to: "Review" }] },
    ]);
    await t.store.work.addComment({
      id: newId(),
      itemId: r.id,
      authorId: users[1]!,
      body: "Check the EGRESS rules @carol",
      mentions: ["carol"],
      createdAt: AT,
    });
    expect(await t.store.work.listComments(r.id)).toMatchObject([{ mentions: ["carol"] }]);
    expect((await t.store.work.list({ terms: ["egress"] }, { all: true })).total).toBe(1);
    // A later update keeps the comments in the search text.
    await t.store.work.update({ ...r, title: "Renamed" });
    expect((await t.store.work.list({ terms: ["egress", "renamed"] }, { all: true })).total).toBe(
      1,
    );
    await t.store.work.addVerdict({
      id: newId(),
      itemId: r.id,
      reviewerId: users[2]!,
      verdict: "approved",
      level: "Beta",
      comment: null,
      at: AT,
    });
    expect(await t.store.work.listVerdicts([r.id])).toMatchObject([
      { verdict: "approved", level: "Beta", reviewerId: users[2] },
    ]);
    await t.store.work.addChangeApproval({
      id: newId(),
      itemId: r.id,
      requirement: "eoc_approved",
      byId: users[1]!,
      capacity: "eoc",
      at: AT,
    });
    expect(await t.store.work.listChangeApprovals([r.id])).toMatchObject([
      { requirement: "eoc_approved", capacity: "eoc" },
    ]);
    const link = {
      id: newId(),
      itemId: r.id,
      type: "relates_to",
      targetKind: "finding",
      targetId: "F-1",
      createdAt: AT,
    };
    await t.store.work.addLink(link);
    await expect(t.store.work.addLink({ ...link, id: newId() })).rejects.toThrow();
    expect(await t.store.work.listLinks([r.id])).toEqual([link]);
    await t.store.work.removeLink(link.id);
    expect(await t.store.work.listLinks([r.id])).toEqual([]);
  });
});
