import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Role } from "@infrasec/core";
import { forEachDialect, type TestDatabase } from "@infrasec/storage/testing";
import { createTestServer, type TestServer } from "../testing/test-server";
import { injectCall, injectOk, tokenFor, type HttpMethod } from "../testing/test-api";

const DAY = 86_400_000;

interface Item {
  id: string;
  number: number;
  title: string;
  health: string | null;
}
interface Progress {
  total: number;
  closed: number;
  totalWeight: number;
  closedWeight: number;
  percent: number;
}
interface Epic {
  item: Item;
  progress: Progress;
  children: Item[];
  updates: { health: string; body: string; author: { username: string } | null }[];
  assessed: { health: string; reasons: string[] };
  objectiveIds: string[];
}
interface Objective {
  id: string;
  score: number;
  band: string;
  scored: boolean;
  keyResults: {
    id: string;
    title: string;
    current: number;
    target: number;
    score: number;
    band: string;
  }[];
  epics: Item[];
}

forEachDialect(({ open }) => {
  let db: TestDatabase;
  let t: TestServer;
  let admin: string;
  beforeEach(async () => {
    db = await open();
    t = await createTestServer(db);
    admin = await user("admin", "alice");
  });
  afterEach(async () => {
    await t.close();
    await db.cleanup();
  });

  const user = (role: Role, username: string) => tokenFor(t, role, username);
  const call = <T = unknown>(token: string, method: HttpMethod, url: string, payload?: unknown) =>
    injectCall<T>(t, token, method, url, payload);
  const ok = <T = unknown>(token: string, method: HttpMethod, url: string, payload?: unknown) =>
    injectOk<T>(t, token, method, url, payload);

  const create = (kind: string, title: string, extra: Record<string, unknown> = {}) =>
    ok<Item>(admin, "POST", "/api/v1/work/items", { kind, title, ...extra });
  const patch = (id: string, body: Record<string, unknown>) =>
    ok<Item>(admin, "PATCH", `/api/v1/work/items/${id}`, body);

  describe("epics", () => {
    it("rolls progress up from child weights and lists children", async () => {
      const epic = await create("epic", "Zero standing access", {
        startDate: "2026-11-01",
        dueDate: "2027-01-31",
      });
      const a = await create("task", "Broker", { parentId: epic.id, weight: 5 });
      await create("task", "Break-glass", { parentId: epic.id, weight: 3 });
      await create("task", "Other epic's task");
      await patch(a.id, { status: "closed" });

      const one = await ok<Epic>(admin, "GET", `/api/v1/work/epics/${epic.id}`);
      expect(one.progress).toEqual({
        total: 2,
        closed: 1,
        totalWeight: 8,
        closedWeight: 5,
        percent: 62,
      });
      expect(one.children.map((c) => c.title)).toEqual(["Broker", "Break-glass"]);
      expect(one.assessed.health).toBe("on_track");
      const list = await ok<{ items: Epic[] }>(admin, "GET", "/api/v1/work/epics");
      expect(list.items.map((e) => e.item.title)).toEqual(["Zero standing access"]);
      expect(
        (await call(admin, "GET", `/api/v1/work/epics/${a.id}`)).status,
        "a task is not an epic",
      ).toBe(404);

      // Past its due date and unfinished: the engine assesses it at risk.
      t.clock.set("2027-02-02T12:00:00.000Z");
      const late = await ok<Epic>(admin, "GET", `/api/v1/work/epics/${epic.id}`);
      expect(late.assessed.health).toBe("at_risk");
      const roadmap = await ok<{ quarters: { name: string }[]; epics: Epic[] }>(
        admin,
        "GET",
        "/api/v1/work/roadmap?from=2026-Q4&quarters=2",
      );
      expect(roadmap.quarters.map((q) => q.name)).toEqual(["2026-Q4", "2027-Q1"]);
      expect(roadmap.epics.map((e) => e.item.title)).toEqual(["Zero standing access"]);
      const later = await ok<{ quarters: { name: string }[]; epics: Epic[] }>(
        admin,
        "GET",
        "/api/v1/work/roadmap?quarters=1",
      );
      expect(later.quarters.map((q) => q.name)).toEqual(["2027-Q1"]);
      const far = await ok<{ epics: Epic[] }>(admin, "GET", "/api/v1/work/roadmap?from=2027-Q3");
      expect(far.epics).toEqual([]);
    });

    it("takes status updates from editors, which set the item's health", async () => {
      const epic = await create("epic", "Secrets rotation");
      const res = await ok<{ health: string; body: string; author: { username: string } }>(
        admin,
        "POST",
        `/api/v1/work/items/${epic.id}/status-updates`,
        { health: "at_risk", body: "Vendor API is late." },
      );
      expect(res).toMatchObject({ health: "at_risk", author: { username: "alice" } });
      const view = await ok<Epic>(admin, "GET", `/api/v1/work/epics/${epic.id}`);
      expect(view.item.health).toBe("at_risk");
      expect(view.updates.map((u) => u.body)).toEqual(["Vendor API is late."]);
      const history = await ok<{ items: { action: string; changes: unknown[] }[] }>(
        admin,
        "GET",
        `/api/v1/work/items/${epic.id}/history`,
      );
      expect(history.items.find((h) => h.action === "health")?.changes).toEqual([
        { field: "health", from: null, to: "at_risk" },
      ]);
      const audit = await ok<{ items: unknown[] }>(
        admin,
        "GET",
        "/api/v1/audit?action=work.status_update.create",
      );
      expect(audit.items).toHaveLength(1);

      const engineer = await user("engineer", "bob");
      const denied = await call(engineer, "POST", `/api/v1/work/items/${epic.id}/status-updates`, {
        health: "on_track",
        body: "All good",
      });
      expect(denied.status).toBe(403);
      const viewer = await user("viewer", "vic");
      expect(
        (
          await call(viewer, "POST", `/api/v1/work/items/${epic.id}/status-updates`, {
            health: "on_track",
            body: "x",
          })
        ).status,
      ).toBe(403);
    });
  });

  describe("milestones", () => {
    it("creates milestones, checks dates and replays a burnup from item history", async () => {
      const m = await ok<{ id: string; progress: Progress }>(
        admin,
        "POST",
        "/api/v1/work/milestones",
        { title: "FY27-Q4", startDate: "2026-11-24", dueDate: "2026-12-31" },
      );
      const bad = await call<{ error: { details: { path: string }[] } }>(
        admin,
        "POST",
        "/api/v1/work/milestones",
        { title: "Backwards", startDate: "2026-12-01", dueDate: "2026-11-01" },
      );
      expect(bad.status).toBe(400);
      expect(bad.body.error.details.map((d) => d.path)).toEqual(["dueDate"]);

      // Day 1 (25th): two items join, weights 3 and 2.
      const a = await create("task", "Inventory buckets", { milestoneId: m.id, weight: 3 });
      const b = await create("task", "Enable logging");
      await patch(b.id, { milestoneId: m.id, weight: 2 });
      // Day 2: a closes, b grows to weight 5.
      t.clock.advance(DAY);
      await patch(a.id, { status: "closed" });
      await patch(b.id, { weight: 5 });
      // Day 3: a third item joins and b leaves.
      t.clock.advance(DAY);
      await create("task", "Alerting", { milestoneId: m.id, weight: 1 });
      await patch(b.id, { milestoneId: null });

      type B = {
        milestone: { progress: Progress };
        points: { day: string; scope: number; completed: number; unit: string }[];
        items: Item[];
      };
      const count = await ok<B>(admin, "GET", `/api/v1/work/milestones/${m.id}/burnup`);
      expect(count.points.map((p) => [p.day, p.scope, p.completed])).toEqual([
        ["2026-11-24", 0, 0],
        ["2026-11-25", 2, 0],
        ["2026-11-26", 2, 1],
        ["2026-11-27", 2, 1],
      ]);
      expect(count.points[0]!.unit).toBe("count");
      const weight = await ok<B>(
        admin,
        "GET",
        `/api/v1/work/milestones/${m.id}/burnup?unit=weight`,
      );
      expect(weight.points.map((p) => [p.day, p.scope, p.completed])).toEqual([
        ["2026-11-24", 0, 0],
        ["2026-11-25", 5, 0],
        ["2026-11-26", 8, 3],
        ["2026-11-27", 4, 3],
      ]);
      expect(weight.items.map((i) => i.title).sort()).toEqual(["Alerting", "Inventory buckets"]);
      expect(weight.milestone.progress).toEqual({
        total: 2,
        closed: 1,
        totalWeight: 4,
        closedWeight: 3,
        percent: 75,
      });

      const updated = await ok<{ state: string }>(admin, "PUT", `/api/v1/work/milestones/${m.id}`, {
        title: "FY27-Q4",
        startDate: "2026-11-24",
        dueDate: "2026-12-31",
        state: "closed",
      });
      expect(updated.state).toBe("closed");
      const active = await ok<{ items: unknown[] }>(
        admin,
        "GET",
        "/api/v1/work/milestones?state=active",
      );
      expect(active.items).toEqual([]);
      const audit = await ok<{ items: { action: string }[] }>(
        admin,
        "GET",
        "/api/v1/audit?targetType=work_milestone",
      );
      expect(audit.items.map((e) => e.action).sort()).toEqual([
        "work.milestone.create",
        "work.milestone.update",
      ]);
    });
  });

  describe("objectives and key results", () => {
    it("scores key results with the 85 / 70 bands", async () => {
      const o = await ok<Objective>(admin, "POST", "/api/v1/work/objectives", {
        title: "Harden the edge",
        quarter: "2026-Q4",
      });
      expect(o).toMatchObject({ score: 0, scored: false, keyResults: [] });
      let last = o;
      for (const current of [85, 84, 70, 69]) {
        // Key results list in creation order.
        t.clock.advance(1000);
        last = await ok<Objective>(admin, "POST", `/api/v1/work/objectives/${o.id}/key-results`, {
          title: `KR at ${current}`,
          target: 100,
          current,
        });
      }
      expect(last.keyResults.map((k) => [k.score, k.band])).toEqual([
        [85, "on_target"],
        [84, "off_target"],
        [70, "off_target"],
        [69, "at_risk"],
      ]);
      // (85 + 84 + 70 + 69) / 4 = 77.
      expect(last).toMatchObject({ score: 77, band: "off_target", scored: true });
      const list = await ok<{ items: Objective[] }>(
        admin,
        "GET",
        "/api/v1/work/objectives?quarter=2026-Q4",
      );
      expect(list.items.map((x) => x.id)).toEqual([o.id]);
      expect(
        (await ok<{ items: Objective[] }>(admin, "GET", "/api/v1/work/objectives?quarter=2027-Q1"))
          .items,
      ).toEqual([]);
      const after = await ok<Objective>(
        admin,
        "DELETE",
        `/api/v1/work/key-results/${last.keyResults[3]!.id}`,
      );
      expect(after.keyResults).toHaveLength(3);
      expect((await call(admin, "DELETE", `/api/v1/work/objectives/${o.id}`)).status).toBe(204);
      const audit = await ok<{ items: { action: string }[] }>(
        admin,
        "GET",
        "/api/v1/audit?action=work.objective.delete",
      );
      expect(audit.items).toHaveLength(1);
    });

    it("lets the key result's owner update the current value, and nobody else", async () => {
      const owner = await user("engineer", "dri");
      const other = await user("engineer", "nosy");
      const o = await ok<Objective>(admin, "POST", "/api/v1/work/objectives", {
        title: "Patch faster",
        quarter: "2026-Q4",
        owner: "alice",
      });
      const withKr = await ok<Objective>(
        admin,
        "POST",
        `/api/v1/work/objectives/${o.id}/key-results`,
        { title: "Critical CVEs fixed in SLA", owner: "dri", target: 20, current: 5 },
      );
      const kr = withKr.keyResults[0]!;
      const updated = await ok<Objective>(owner, "PUT", `/api/v1/work/key-results/${kr.id}`, {
        current: 17,
      });
      expect(updated.keyResults[0]).toMatchObject({ current: 17, score: 85, band: "on_target" });
      const target = await call<{ error: { code: string; details: { path: string }[] } }>(
        owner,
        "PUT",
        `/api/v1/work/key-results/${kr.id}`,
        { target: 17 },
      );
      expect(target.status).toBe(403);
      expect(target.body.error.details.map((d) => d.path)).toEqual(["body.target"]);
      expect(
        (await call(other, "PUT", `/api/v1/work/key-results/${kr.id}`, { current: 20 })).status,
      ).toBe(403);
      const viewer = await user("viewer", "vic");
      expect(
        (await call(viewer, "PUT", `/api/v1/work/key-results/${kr.id}`, { current: 20 })).status,
      ).toBe(403);
      const managed = await ok<Objective>(admin, "PUT", `/api/v1/work/key-results/${kr.id}`, {
        target: 40,
      });
      expect(managed.keyResults[0]).toMatchObject({ target: 40, current: 17, score: 42 });
      const audit = await ok<{ items: { actorName: string }[] }>(
        admin,
        "GET",
        "/api/v1/audit?action=work.key_result.update",
      );
      expect(audit.items.map((e) => e.actorName)).toEqual(["alice", "dri"]);
    });

    it("links objectives to epics only, naming the bad entry", async () => {
      const epic = await create("epic", "Edge WAF");
      const task = await create("task", "Not an epic");
      const bad = await call<{ error: { code: string; details: { path: string }[] } }>(
        admin,
        "POST",
        "/api/v1/work/objectives",
        { title: "Edge", quarter: "2026-Q4", epicIds: [epic.id, task.id] },
      );
      expect(bad.status).toBe(400);
      expect(bad.body.error.details.map((d) => d.path)).toEqual(["epicIds[1]"]);
      const unknown = await call<{ error: { details: { path: string }[] } }>(
        admin,
        "POST",
        "/api/v1/work/objectives",
        {
          title: "Edge",
          quarter: "2026-Q4",
          epicIds: ["01a21478-fa76-73a1-8e25-2380d356a560"],
        },
      );
      expect(unknown.body.error.details.map((d) => d.path)).toEqual(["epicIds[0]"]);
      const badOwner = await call<{ error: { details: { path: string }[] } }>(
        admin,
        "POST",
        "/api/v1/work/objectives",
        { title: "Edge", quarter: "2026-Q4", owner: "ghost" },
      );
      expect(badOwner.body.error.details.map((d) => d.path)).toEqual(["owner"]);

      const o = await ok<Objective>(admin, "POST", "/api/v1/work/objectives", {
        title: "Edge",
        quarter: "2026-Q4",
        epicIds: [epic.id],
      });
      expect(o.epics.map((e) => e.title)).toEqual(["Edge WAF"]);
      const view = await ok<Epic>(admin, "GET", `/api/v1/work/epics/${epic.id}`);
      expect(view.objectiveIds).toEqual([o.id]);
      const unlinked = await ok<Objective>(admin, "PUT", `/api/v1/work/objectives/${o.id}`, {
        title: "Edge",
        quarter: "2026-Q4",
        epicIds: [],
      });
      expect(unlinked.epics).toEqual([]);
      const audit = await ok<{ items: { action: string }[] }>(
        admin,
        "GET",
        "/api/v1/audit?action=work.objective.update",
      );
      expect(audit.items).toHaveLength(1);
    });
  });
});
