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
  status: string;
  labels: string[];
  assignees: { username: string }[];
  closedAt: string | null;
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

  const task = (title: string, extra: Record<string, unknown> = {}) =>
    ok<Item>(admin, "POST", "/api/v1/work/items", { kind: "task", title, ...extra });
  const labels = (id: string, add: string[], remove: string[] = []) =>
    ok<Item>(admin, "POST", `/api/v1/work/items/${id}/labels`, { add, remove });
  const item = (id: string) => ok<Item>(admin, "GET", `/api/v1/work/items/${id}`);

  describe("triage queue and report", () => {
    it("lists untriaged, incomplete and (with time) stale items", async () => {
      const fresh = await task("Fresh request");
      const wip = await task("Work in progress");
      await labels(wip.id, ["InfraSec::WIP"]);
      const unlabelled = await task("Lost its workflow label");
      await labels(unlabelled.id, [], ["InfraSec::triage"]);

      type Q = {
        untriaged: Item[];
        missingFields: { item: Item; missing: { field: string }[] }[];
        stale: { item: Item; idleDays: number }[];
        staleAfterDays: number;
      };
      const q = await ok<Q>(admin, "GET", "/api/v1/work/triage");
      expect(q.untriaged.map((i) => i.title).sort()).toEqual([
        "Fresh request",
        "Lost its workflow label",
      ]);
      expect(
        q.missingFields.find((m) => m.item.id === wip.id)?.missing.map((m) => m.field),
      ).toEqual(["dueDate", "effort", "description"]);
      expect(q.stale).toEqual([]);
      expect(q.staleAfterDays).toBe(30);

      t.clock.advance(40 * DAY);
      const later = await ok<Q>(admin, "GET", "/api/v1/work/triage");
      expect(later.stale.map((s) => [s.item.title, s.idleDays]).sort()).toEqual([
        ["Fresh request", 40],
        ["Lost its workflow label", 40],
        ["Work in progress", 40],
      ]);
      expect(fresh.labels).toContain("InfraSec::triage");
    });

    it("renders the report as Markdown, optionally since a day", async () => {
      const rotate = await task("Rotate the *deploy* keys");
      type R = { markdown: string; generatedAt: string };
      const r = await ok<R>(admin, "GET", "/api/v1/work/triage/report");
      // Items are referred to by number (escaped for Markdown), never by their internal id.
      expect(r.markdown).toContain(`\\#${rotate.number} `);
      expect(r.markdown).not.toContain(rotate.id);
      expect(r.markdown).toContain("# InfraSec triage – 2026-11-25");
      expect(r.markdown).toContain("Rotate the \\*deploy\\* keys");
      expect(r.markdown).toContain("| New (needs triage) | 1 |");
      expect(r.generatedAt).toBe("2026-11-25T12:00:00.000Z");
      const since = await ok<R>(admin, "GET", "/api/v1/work/triage/report?since=2026-12-01");
      expect(since.markdown).not.toContain("Rotate");
      expect(since.markdown).toContain("| New (needs triage) | 0 |");
      const bad = await call(admin, "GET", "/api/v1/work/triage/report?since=yesterday");
      expect(bad.status).toBe(400);
    });
  });

  describe("bulk changes", () => {
    it("changes nothing when one item fails, and everything otherwise", async () => {
      await user("engineer", "bob");
      const a = await task("A");
      const b = await task("B");

      const missing = await call<{ error: { code: string; details: { path: string }[] } }>(
        admin,
        "POST",
        "/api/v1/work/triage/bulk",
        {
          ids: [a.id, b.id, "01a21478-fa76-73a1-8e25-2380d356a560"],
          addLabels: ["InfraSec::backlog"],
        },
      );
      expect(missing.status).toBe(404);
      expect(missing.body.error.details[0]?.path).toBe("ids[2]");

      // The first item's labels change before the second fails on an unknown assignee.
      const bad = await call<{
        error: { code: string; message: string; details: { path: string }[] };
      }>(admin, "POST", "/api/v1/work/triage/bulk", {
        ids: [a.id, b.id],
        addLabels: ["InfraSec::backlog"],
        assignees: ["nobody"],
      });
      expect(bad.status).toBe(400);
      expect(bad.body.error.message).toMatch(new RegExp(`^#${a.number}: `));
      expect(bad.body.error.details[0]?.path).toBe("ids[0]");
      for (const x of [a, b]) {
        const now = await item(x.id);
        expect(now.labels).toContain("InfraSec::triage");
        expect(now.labels).not.toContain("InfraSec::backlog");
        expect(now.assignees).toEqual([]);
      }

      const done = await ok<{ updated: number }>(admin, "POST", "/api/v1/work/triage/bulk", {
        ids: [a.id, b.id],
        addLabels: ["InfraSec::backlog"],
        assignees: ["bob"],
        close: true,
      });
      expect(done.updated).toBe(2);
      for (const x of [a, b]) {
        const now = await item(x.id);
        expect(now.labels).toContain("InfraSec::backlog");
        expect(now.labels).not.toContain("InfraSec::triage");
        expect(now.assignees.map((u) => u.username)).toEqual(["bob"]);
        expect(now.status).toBe("closed");
      }
      const events = await ok<{ items: { action: string }[] }>(
        admin,
        "GET",
        "/api/v1/audit?action=work.triage.bulk",
      );
      expect(events.items).toHaveLength(1);
      const engineer = await user("engineer", "carol");
      expect(
        (await call(engineer, "POST", "/api/v1/work/triage/bulk", { ids: [a.id] })).status,
      ).toBe(403);
    });
  });

  describe("hygiene", () => {
    it("lists actions on a dry run and applies them otherwise, stale first, then closed", async () => {
      const old = await task("Old backlog item");
      await labels(old.id, ["InfraSec::backlog"]);
      const busy = await task("Busy item");
      t.clock.advance(200 * DAY);
      await labels(busy.id, ["InfraSec::prioritised"]);

      type H = {
        actions: { item: Item; kind: string; label: string | null; reason: string }[];
        applied: boolean;
      };
      const dry = await ok<H>(admin, "POST", "/api/v1/work/triage/hygiene", { dryRun: true });
      expect(dry.applied).toBe(false);
      expect(dry.actions.map((a) => [a.item.title, a.kind, a.label])).toEqual([
        ["Old backlog item", "add_label", "InfraSec::stale"],
        ["Old backlog item", "ping_assignee", null],
      ]);
      expect((await item(old.id)).labels).toContain("InfraSec::backlog");

      const applied = await ok<H>(admin, "POST", "/api/v1/work/triage/hygiene", {
        dryRun: false,
      });
      expect(applied.applied).toBe(true);
      expect(applied.actions).toHaveLength(2);
      expect((await item(old.id)).labels).toContain("InfraSec::stale");
      const history = await ok<{ items: { action: string; note: string | null }[] }>(
        admin,
        "GET",
        `/api/v1/work/items/${old.id}/history`,
      );
      expect(history.items.map((h) => h.note)).toContain(
        "triage bot: marked stale: still relevant?",
      );

      // The bot's own changes are not activity: the next run closes the stale item.
      const next = await ok<H>(admin, "POST", "/api/v1/work/triage/hygiene", { dryRun: false });
      expect(next.actions.map((a) => [a.item.title, a.kind])).toEqual([
        ["Old backlog item", "close"],
      ]);
      const closed = await item(old.id);
      expect(closed.status).toBe("closed");
      expect((await item(busy.id)).status).toBe("open");
      const audit = await ok<{ items: { action: string; actorName: string }[] }>(
        admin,
        "GET",
        "/api/v1/audit?action=work.triage.hygiene",
      );
      expect(audit.items.map((e) => e.actorName)).toEqual(["alice", "alice"]);
    });
  });

  describe("decision log", () => {
    it("lists visible decision-labelled items with the team label, newest first, with q", async () => {
      const first = await ok<Item>(admin, "POST", "/api/v1/work/items", {
        kind: "decision",
        title: "Use OIDC for CI deploys",
        draft: true,
        labels: ["InfraSec::decision"],
      });
      t.clock.advance(DAY);
      await task("Adopt Checkov in CI", { labels: ["InfraSec::decision"] });
      await task("Not a decision");
      const engineer = await user("engineer", "dave");
      await ok<Item>(engineer, "POST", "/api/v1/work/items", {
        kind: "task",
        title: "Secret decision",
        confidential: true,
        labels: ["InfraSec::decision"],
      });
      type D = { items: { title: string; labels: string[]; derived: unknown }[] };
      const all = await ok<D>(admin, "GET", "/api/v1/work/decisions");
      expect(all.items.map((i) => i.title)).toEqual([
        "Secret decision",
        "Adopt Checkov in CI",
        "Use OIDC for CI deploys",
      ]);
      expect(all.items[0]!.derived).toBeTruthy();
      const other = await user("engineer", "erin");
      expect((await ok<D>(other, "GET", "/api/v1/work/decisions")).items).toHaveLength(2);
      const q = await ok<D>(admin, "GET", "/api/v1/work/decisions?q=oidc");
      expect(q.items.map((i) => i.title)).toEqual([first.title]);
    });
  });

  describe("boards", () => {
    type Board = {
      id: string;
      name: string;
      columns: { value: string; wipLimit: number | null }[];
    };
    type View = {
      board: Board;
      columns: { value: string; count: number; overLimit: boolean; items: Item[] }[];
      lanes: { key: string; title: string }[];
    };

    it("seeds the Workflow board and validates board columns", async () => {
      const list = await ok<{ items: Board[] }>(admin, "GET", "/api/v1/work/boards");
      expect(list.items.map((b) => b.name)).toEqual(["Workflow"]);
      expect(list.items[0]!.columns.map((c) => [c.value, c.wipLimit])).toEqual([
        ["InfraSec::triage", null],
        ["InfraSec::backlog", null],
        ["InfraSec::prioritised", null],
        ["InfraSec::WIP", 5],
      ]);
      const bad = await call<{ error: { details: { path: string }[] } }>(
        admin,
        "POST",
        "/api/v1/work/boards",
        {
          name: "Bad",
          mode: "scope",
          scope: "InfraSec",
          columns: [{ value: "InfraSec::WIP" }, { value: "workflow::doing" }],
        },
      );
      expect(bad.status).toBe(400);
      expect(bad.body.error.details.map((d) => d.path)).toEqual(["columns[1].value"]);
      const noScope = await call<{ error: { details: { path: string }[] } }>(
        admin,
        "POST",
        "/api/v1/work/boards",
        { name: "Bad", mode: "scope", columns: [{ value: "InfraSec::WIP" }] },
      );
      expect(noScope.body.error.details.map((d) => d.path)).toEqual(["scope"]);

      const created = await ok<Board>(admin, "POST", "/api/v1/work/boards", {
        name: "Changes",
        mode: "status",
        kind: "change_request",
        columns: [{ value: "unscheduled" }, { value: "scheduled" }],
      });
      const renamed = await ok<Board>(admin, "PUT", `/api/v1/work/boards/${created.id}`, {
        name: "Change calendar",
        mode: "status",
        kind: "change_request",
        columns: [{ value: "scheduled" }],
      });
      expect(renamed.name).toBe("Change calendar");
      expect((await call(admin, "DELETE", `/api/v1/work/boards/${created.id}`)).status).toBe(204);
      expect((await call(admin, "DELETE", `/api/v1/work/boards/${created.id}`)).status).toBe(404);
      const audit = await ok<{ items: { action: string }[] }>(
        admin,
        "GET",
        "/api/v1/audit?targetType=work_board",
      );
      expect(audit.items.map((e) => e.action).sort()).toEqual([
        "work.board.create",
        "work.board.delete",
        "work.board.update",
      ]);
    });

    it("moves items with scoped labels, reports WIP over the limit, and lanes by assignee", async () => {
      await user("security_engineer", "zed");
      await user("security_engineer", "bea");
      const board = await ok<Board>(admin, "POST", "/api/v1/work/boards", {
        name: "Team",
        mode: "scope",
        scope: "InfraSec",
        columns: [{ value: "InfraSec::triage" }, { value: "InfraSec::WIP", wipLimit: 1 }],
        swimlanes: "assignee",
      });
      const a = await task("Harden bastion", { assignees: ["zed"] });
      const b = await task("Rotate keys", { assignees: ["bea"] });
      const c = await task("Unowned");

      const moved = await ok<Item>(admin, "POST", `/api/v1/work/boards/${board.id}/move`, {
        itemId: a.id,
        to: "InfraSec::WIP",
      });
      expect(moved.labels).toContain("InfraSec::WIP");
      expect(moved.labels).not.toContain("InfraSec::triage");
      // Soft limit: the move into a full column is allowed; the view reports it over the limit.
      await ok(admin, "POST", `/api/v1/work/boards/${board.id}/move`, {
        itemId: b.id,
        to: "InfraSec::WIP",
      });
      const view = await ok<View>(admin, "GET", `/api/v1/work/boards/${board.id}/items`);
      expect(view.columns.map((col) => [col.value, col.count, col.overLimit])).toEqual([
        ["InfraSec::triage", 1, false],
        ["InfraSec::WIP", 2, true],
      ]);
      expect(view.columns[0]!.items.map((i) => i.id)).toEqual([c.id]);
      expect(view.lanes).toEqual([
        { key: "bea", title: "bea" },
        { key: "zed", title: "zed" },
        { key: "unassigned", title: "Unassigned" },
      ]);
      const filtered = await ok<View>(
        admin,
        "GET",
        `/api/v1/work/boards/${board.id}/items?assignee=zed`,
      );
      expect(filtered.columns.map((col) => col.count)).toEqual([0, 1]);
      const searched = await ok<View>(
        admin,
        "GET",
        `/api/v1/work/boards/${board.id}/items?q=rotate`,
      );
      expect(searched.columns.flatMap((col) => col.items.map((i) => i.title))).toEqual([
        "Rotate keys",
      ]);

      const history = await ok<{ items: { action: string; note: string | null }[] }>(
        admin,
        "GET",
        `/api/v1/work/items/${a.id}/history`,
      );
      expect(history.items.find((h) => h.action === "labels")?.note).toContain("InfraSec::WIP");
      const audit = await ok<{ items: { action: string; targetId: string }[] }>(
        admin,
        "GET",
        "/api/v1/audit?action=work.board.move",
      );
      expect(audit.items.map((e) => e.targetId).sort()).toEqual([a.id, b.id].sort());

      const bad = await call<{ error: { details: { path: string }[] } }>(
        admin,
        "POST",
        `/api/v1/work/boards/${board.id}/move`,
        { itemId: c.id, to: "InfraSec::backlog" },
      );
      expect(bad.status).toBe(400);
      expect(bad.body.error.details[0]?.path).toBe("to");

      const engineer = await user("engineer", "eve");
      const denied = await call(engineer, "POST", `/api/v1/work/boards/${board.id}/move`, {
        itemId: c.id,
        to: "InfraSec::WIP",
      });
      expect(denied.status).toBe(403);
      expect((await item(c.id)).labels).toContain("InfraSec::triage");
      expect((await call(engineer, "GET", `/api/v1/work/boards/${board.id}/items`)).status).toBe(
        200,
      );
    });

    it("moves between statuses on a status board", async () => {
      const board = await ok<Board>(admin, "POST", "/api/v1/work/boards", {
        name: "Tasks",
        mode: "status",
        kind: "task",
        columns: [{ value: "open" }, { value: "closed" }],
      });
      const a = await task("Finish me");
      const moved = await ok<Item>(admin, "POST", `/api/v1/work/boards/${board.id}/move`, {
        itemId: a.id,
        to: "closed",
      });
      expect(moved.status).toBe("closed");
      const view = await ok<View>(admin, "GET", `/api/v1/work/boards/${board.id}/items`);
      expect(view.columns.map((col) => col.count)).toEqual([0, 1]);
      expect(view.lanes).toEqual([]);
    });
  });
});
