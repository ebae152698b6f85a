import { afterEach, beforeEach, expect, it } from "vitest";
import { newId } from "@infrasec/core";
import { forEachDialect, type TestDatabase } from "../testing/dialects";
import type { BoardRecord } from "./work-boards-repo";

const board = (over: Partial<BoardRecord> = {}): BoardRecord => ({
  id: newId(),
  name: "Workflow",
  mode: "scope",
  scope: "InfraSec",
  columns: [
    { value: "InfraSec::triage", title: "triage", wipLimit: null },
    { value: "InfraSec::WIP", title: "WIP", wipLimit: 3 },
  ],
  swimlanes: "assignee",
  filterLabels: ["Department::InfraSec"],
  kind: null,
  createdAt: "2026-11-25T10:00:00.000Z",
  updatedAt: "2026-11-25T10:00:00.000Z",
  ...over,
});

forEachDialect(({ open }) => {
  let t: TestDatabase;
  beforeEach(async () => {
    t = await open();
  });
  afterEach(async () => {
    await t.cleanup();
  });

  it("round-trips boards, updates and removes them", async () => {
    const repo = t.store.workBoards;
    const b = board();
    await repo.insert(b);
    await repo.insert(
      board({
        name: "Changes",
        mode: "status",
        scope: null,
        kind: "change_request",
        createdAt: "2026-11-26T10:00:00.000Z",
      }),
    );
    expect(await repo.findById(b.id)).toEqual(b);
    expect((await repo.list()).map((x) => x.name)).toEqual(["Workflow", "Changes"]);
    expect(await repo.count()).toBe(2);
    await repo.update({ ...b, name: "Planning", swimlanes: "none", columns: b.columns.slice(1) });
    expect(await repo.findById(b.id)).toMatchObject({
      name: "Planning",
      swimlanes: "none",
      columns: [{ value: "InfraSec::WIP", wipLimit: 3 }],
      createdAt: b.createdAt,
    });
    await repo.remove(b.id);
    expect(await repo.findById(b.id)).toBeUndefined();
  });

  it("inserts a board with a fixed id only once", async () => {
    const repo = t.store.workBoards;
    const b = board();
    const results = await Promise.all([repo.insertIfAbsent(b), repo.insertIfAbsent(b)]);
    expect(results.filter(Boolean)).toHaveLength(1);
    expect(await repo.count()).toBe(1);
  });
});
