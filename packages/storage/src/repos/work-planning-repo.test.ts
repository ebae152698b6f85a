import { afterEach, beforeEach, expect, it } from "vitest";
import { newId } from "@infrasec/core";
import { forEachDialect, type TestDatabase } from "../testing/dialects";

const AT = "2026-11-25T10:00:00.000Z";

forEachDialect(({ open }) => {
  let t: TestDatabase;
  beforeEach(async () => {
    t = await open();
  });
  afterEach(async () => {
    await t.cleanup();
  });

  /** A bare work item row; the items repository is not under test here. */
  async function item(number: number, milestoneId: string | null = null): Promise<string> {
    const id = newId();
    await t.handle.db
      .insertInto("work_items")
      .values({
        id,
        number,
        kind: "task",
        template_id: null,
        title: `item ${number}`,
        status: "open",
        description: "",
        fields: "{}",
        owner_id: null,
        created_by: null,
        start_date: null,
        due_date: null,
        weight: null,
        health: null,
        confidential: 0,
        milestone_id: milestoneId,
        parent_id: null,
        search_text: "",
        created_at: AT,
        updated_at: AT,
        last_activity_at: AT,
        closed_at: null,
      })
      .execute();
    return id;
  }

  it("stores, lists and updates milestones", async () => {
    const repo = t.store.workPlanning;
    const q4 = {
      id: newId(),
      title: "FY27-Q4",
      description: "",
      startDate: "2026-10-01",
      dueDate: "2026-12-31",
      state: "active" as const,
      createdAt: AT,
      updatedAt: AT,
    };
    const q3 = {
      ...q4,
      id: newId(),
      title: "FY27-Q3",
      startDate: "2026-07-01",
      state: "closed" as const,
    };
    await repo.insertMilestone(q4);
    await repo.insertMilestone(q3);
    expect((await repo.listMilestones()).map((m) => m.title)).toEqual(["FY27-Q3", "FY27-Q4"]);
    expect((await repo.listMilestones("active")).map((m) => m.title)).toEqual(["FY27-Q4"]);
    await repo.updateMilestone({ ...q4, state: "closed", description: "done" });
    expect(await repo.findMilestone(q4.id)).toMatchObject({ state: "closed", description: "done" });
    expect(await repo.findMilestone(newId())).toBeUndefined();
  });

  it("keeps objectives with key results and epic links, and deletes them together", async () => {
    const repo = t.store.workPlanning;
    const epic = await item(1);
    const o = {
      id: newId(),
      title: "Harden the edge",
      description: "",
      quarter: "2026-Q4",
      ownerId: null,
      createdAt: AT,
      updatedAt: AT,
    };
    await repo.insertObjective(o);
    await repo.insertObjective({ ...o, id: newId(), quarter: "2026-Q3", title: "Older" });
    const kr = {
      id: newId(),
      objectiveId: o.id,
      title: "WAF on every entry point",
      ownerId: null,
      startValue: 0,
      target: 12,
      current: 10.5,
      unit: "entry points",
      createdAt: AT,
      updatedAt: AT,
    };
    await repo.insertKeyResult(kr);
    await repo.setObjectiveEpics(o.id, [epic, epic]);
    expect((await repo.listObjectives("2026-Q4")).map((x) => x.title)).toEqual(["Harden the edge"]);
    expect((await repo.listObjectives()).map((x) => x.quarter)).toEqual(["2026-Q4", "2026-Q3"]);
    expect(await repo.keyResultsOf([o.id])).toEqual([kr]);
    await repo.updateKeyResult({ ...kr, current: 12 });
    expect((await repo.findKeyResult(kr.id))?.current).toBe(12);
    expect(await repo.epicLinksOfObjectives([o.id])).toEqual([{ objectiveId: o.id, itemId: epic }]);
    expect(await repo.objectiveLinksOfItems([epic])).toEqual([{ objectiveId: o.id, itemId: epic }]);

    await repo.deleteObjective(o.id);
    expect(await repo.findObjective(o.id)).toBeUndefined();
    expect(await repo.findKeyResult(kr.id)).toBeUndefined();
    expect(await repo.objectiveLinksOfItems([epic])).toEqual([]);
  });

  it("lists status updates newest first and finds items ever in a milestone", async () => {
    const repo = t.store.workPlanning;
    const milestone = newId();
    const inIt = await item(1, milestone);
    const leftIt = await item(2);
    const never = await item(3);
    for (const [i, at] of [
      ["a", "2026-11-20T09:00:00.000Z"],
      ["b", "2026-11-24T09:00:00.000Z"],
    ] as const) {
      await repo.insertStatusUpdate({
        id: newId(),
        itemId: inIt,
        health: "on_track",
        body: i,
        authorId: null,
        createdAt: at,
      });
    }
    expect((await repo.statusUpdatesOf([inIt, never])).map((u) => u.body)).toEqual(["b", "a"]);

    const history = (itemId: string, at: string, changes: unknown[]) =>
      t.handle.db
        .insertInto("work_history")
        .values({
          id: newId(),
          item_id: itemId,
          actor_id: null,
          at,
          action: "updated",
          changes: JSON.stringify(changes),
          note: null,
        })
        .execute();
    await history(leftIt, "2026-11-02T00:00:00.000Z", [
      { field: "milestoneId", from: null, to: milestone },
    ]);
    await history(leftIt, "2026-11-03T00:00:00.000Z", [
      { field: "milestoneId", from: milestone, to: null },
    ]);
    // Mentioning the id elsewhere (a description) does not count.
    await history(never, "2026-11-03T00:00:00.000Z", [
      { field: "description", from: "", to: `see ${milestone}` },
    ]);
    expect((await repo.itemIdsEverInMilestone(milestone)).sort()).toEqual([inIt, leftIt].sort());
    expect((await repo.historyOf([leftIt])).map((h) => h.changes[0]?.to)).toEqual([
      milestone,
      null,
    ]);
  });
});
