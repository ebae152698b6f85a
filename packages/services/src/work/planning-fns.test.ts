import { describe, expect, it } from "vitest";
import { burnupSeries, makeWorkItem } from "@infrasec/engines/work";
import type { Weight, WorkItem } from "@infrasec/engines/work";
import {
  buildTree,
  burnupPoints,
  epicSpan,
  flatTree,
  indexByParent,
  milestoneEvents,
  overlaps,
  progressOf,
  roadmapQuarters,
} from "./planning-fns";

const task = (id: string, status: "open" | "closed", weight: Weight | null = null): WorkItem =>
  makeWorkItem({ kind: "task", id, status, weight });

describe("progressOf", () => {
  it("reports counts and weights, with the engine's percent by weight", () => {
    const epic = makeWorkItem({ kind: "epic", id: "e" });
    const items = [task("a", "closed", 5), task("b", "open", 3), task("c", "open")];
    const tree = buildTree(epic, indexByParent(items.map((domain) => ({ domain, parentId: "e" }))));
    expect(progressOf(tree)).toEqual({
      total: 3,
      closed: 1,
      totalWeight: 8,
      closedWeight: 5,
      percent: 62,
    });
  });
  it("counts items when none is weighted, and is 0 with nothing to count", () => {
    expect(progressOf(flatTree([task("a", "closed"), task("b", "open")]))).toEqual({
      total: 2,
      closed: 1,
      totalWeight: 0,
      closedWeight: 0,
      percent: 50,
    });
    expect(progressOf(flatTree([])).percent).toBe(0);
  });
  it("rolls up through child epics and cuts cycles", () => {
    const top = makeWorkItem({ kind: "epic", id: "top" });
    const sub = makeWorkItem({ kind: "epic", id: "sub" });
    const index = indexByParent([
      { domain: sub, parentId: "top" },
      { domain: task("x", "closed", 2), parentId: "sub" },
      { domain: task("y", "open", 2), parentId: "sub" },
      { domain: top, parentId: "sub" },
    ]);
    expect(progressOf(buildTree(top, index))).toMatchObject({ total: 2, closed: 1, percent: 50 });
  });
});

describe("milestoneEvents", () => {
  const M = "m1";
  it("replays additions, removals, weight changes and closes from the history", () => {
    // Added at creation (no milestone change recorded), re-weighted, then closed.
    const a = makeWorkItem({
      kind: "task",
      id: "a",
      status: "closed",
      closedAt: "2026-10-05T10:00:00.000Z",
      weight: 5,
      milestoneId: M,
      createdAt: "2026-10-01T09:00:00.000Z",
    });
    // Created outside, moved in on the 3rd, moved out on the 6th.
    const b = makeWorkItem({
      kind: "task",
      id: "b",
      weight: 2,
      milestoneId: null,
      createdAt: "2026-10-01T09:00:00.000Z",
    });
    const history = [
      {
        itemId: "a",
        at: "2026-10-01T09:00:00.000Z",
        changes: [{ field: "status", from: null, to: "open" }],
      },
      {
        itemId: "a",
        at: "2026-10-02T09:00:00.000Z",
        changes: [{ field: "weight", from: 3, to: 5 }],
      },
      {
        itemId: "a",
        at: "2026-10-05T10:00:00.000Z",
        changes: [
          { field: "status", from: "open", to: "closed" },
          { field: "closedAt", from: null, to: "2026-10-05T10:00:00.000Z" },
        ],
      },
      {
        itemId: "b",
        at: "2026-10-03T09:00:00.000Z",
        changes: [{ field: "milestoneId", from: null, to: M }],
      },
      {
        itemId: "b",
        at: "2026-10-06T09:00:00.000Z",
        changes: [{ field: "milestoneId", from: M, to: null }],
      },
    ];
    const events = milestoneEvents(M, [a, b], history);
    expect(events.map((e) => [e.itemId, e.kind, e.at.slice(0, 10), e.weight])).toEqual([
      ["a", "added", "2026-10-01", 3],
      ["a", "weight", "2026-10-02", 5],
      ["a", "closed", "2026-10-05", undefined],
      ["b", "added", "2026-10-03", 2],
      ["b", "removed", "2026-10-06", undefined],
    ]);
    const points = burnupPoints(
      burnupSeries(events, { start: "2026-10-01", end: "2026-10-06" }),
      "weight",
    );
    expect(points.map((p) => [p.day, p.scope, p.completed])).toEqual([
      ["2026-10-01", 3, 0],
      ["2026-10-02", 5, 0],
      ["2026-10-03", 7, 0],
      ["2026-10-04", 7, 0],
      ["2026-10-05", 7, 5],
      ["2026-10-06", 5, 5],
    ]);
    expect(points[0]!.unit).toBe("weight");
  });
});

describe("roadmap helpers", () => {
  it("lists quarters from the given one or the current one", () => {
    expect(roadmapQuarters("2026-Q4", 2, new Date()).map((q) => q.name)).toEqual([
      "2026-Q4",
      "2027-Q1",
    ]);
    expect(roadmapQuarters(undefined, 1, new Date("2026-05-05T00:00:00Z"))).toEqual([
      { name: "2026-Q2", start: "2026-04-01", end: "2026-06-30" },
    ]);
  });
  it("places epics by their dates and leaves undated ones off", () => {
    const e = (startDate: string | null, dueDate: string | null) =>
      makeWorkItem({ kind: "epic", startDate, dueDate });
    expect(epicSpan(e("2026-11-01", "2027-02-01"))).toEqual({
      start: "2026-11-01",
      end: "2027-02-01",
    });
    expect(epicSpan(e(null, "2026-12-01"))).toEqual({ start: "2026-12-01", end: "2026-12-01" });
    expect(epicSpan(e(null, null))).toBeNull();
    const q = { start: "2026-10-01", end: "2026-12-31" };
    expect(overlaps({ start: "2026-12-31", end: "2027-01-10" }, q)).toBe(true);
    expect(overlaps({ start: "2027-01-01", end: "2027-01-10" }, q)).toBe(false);
  });
});
