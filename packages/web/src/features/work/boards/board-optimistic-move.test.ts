import { describe, expect, it } from "vitest";
import type { BoardContentView, BoardView, WorkItemSummary } from "@infrasec/contracts";
import {
  columnOf,
  displayedBoard,
  liveEntries,
  moveCard,
  predictMovedItem,
  toSummary,
} from "./board-optimistic-move";
import type { MoveEntry } from "./board-optimistic-move";

const T = "2026-11-20T10:00:00.000Z";

function item(number: number, patch: Partial<WorkItemSummary> = {}): WorkItemSummary {
  return {
    id: `00000000-0000-7000-8000-${String(number).padStart(12, "0")}`,
    number,
    kind: "task",
    title: `Item ${number}`,
    status: "open",
    labels: ["Department::InfraSec"],
    assignees: [],
    owner: null,
    dueDate: null,
    weight: null,
    health: null,
    confidential: false,
    milestoneId: null,
    parentId: null,
    createdAt: T,
    updatedAt: T,
    lastActivityAt: T,
    closedAt: null,
    ...patch,
  };
}

const scopeBoard: BoardView = {
  id: "b1",
  name: "Workflow",
  mode: "scope",
  scope: "InfraSec",
  columns: [
    { value: "InfraSec::triage", title: "Triage", wipLimit: null },
    { value: "InfraSec::WIP", title: "WIP", wipLimit: 1 },
  ],
  swimlanes: "none",
  filterLabels: [],
  kind: null,
  createdAt: T,
  updatedAt: T,
};

function view(): BoardContentView {
  const a = item(1, { labels: ["Department::InfraSec", "InfraSec::triage"] });
  const b = item(2, { labels: ["InfraSec::triage"] });
  const c = item(3, { labels: ["InfraSec::WIP"] });
  return {
    board: scopeBoard,
    columns: [
      {
        value: "InfraSec::triage",
        title: "Triage",
        wipLimit: null,
        count: 2,
        overLimit: false,
        items: [a, b],
      },
      { value: "InfraSec::WIP", title: "WIP", wipLimit: 1, count: 1, overLimit: false, items: [c] },
    ],
    lanes: [],
  };
}

const id = (n: number) => item(n).id;

describe("optimistic board moves", () => {
  it("moves a card to the top of the target column and recomputes counts and WIP", () => {
    const before = view();
    const after = moveCard(before, id(1), "InfraSec::WIP");
    expect(after.columns[0]!.items.map((i) => i.number)).toEqual([2]);
    expect(after.columns[0]!.count).toBe(1);
    expect(after.columns[1]!.items.map((i) => i.number)).toEqual([1, 3]);
    expect(after.columns[1]!.count).toBe(2);
    expect(after.columns[1]!.overLimit).toBe(true);
    // The input is left untouched (the rollback is the old value).
    expect(before.columns[1]!.items).toHaveLength(1);
    expect(columnOf(after, id(1))).toBe("InfraSec::WIP");
  });

  it("predicts the scoped label change: the new column's label replaces the old one", () => {
    const moved = moveCard(view(), id(1), "InfraSec::WIP").columns[1]!.items[0]!;
    expect(moved.labels).toEqual(["Department::InfraSec", "InfraSec::WIP"]);
  });

  it("predicts the status in status mode", () => {
    const board: BoardView = { ...scopeBoard, mode: "status", scope: null };
    expect(predictMovedItem(board, item(1), "open", "closed").status).toBe("closed");
  });

  it("ignores unknown cards, unknown columns and moves within a column", () => {
    const v = view();
    expect(moveCard(v, "nope", "InfraSec::WIP")).toBe(v);
    expect(moveCard(v, id(1), "InfraSec::nowhere")).toBe(v);
    expect(moveCard(v, id(1), "InfraSec::triage")).toBe(v);
  });

  it("shows pending moves, rolls back by dropping the entry, and keeps confirmations until the next load", () => {
    const data = view();
    const pending: MoveEntry = {
      id: 1,
      itemId: id(2),
      from: "InfraSec::triage",
      to: "InfraSec::WIP",
      state: "pending",
    };
    expect(columnOf(displayedBoard(data, [pending]), id(2))).toBe("InfraSec::WIP");
    // Failure: the entry is removed and the card is back where it was.
    expect(columnOf(displayedBoard(data, []), id(2))).toBe("InfraSec::triage");

    const server = item(2, { labels: ["InfraSec::WIP"], title: "Renamed by server" });
    const done: MoveEntry = { ...pending, state: "done", item: server, base: data };
    const shown = displayedBoard(data, [done]);
    expect(shown.columns[1]!.items[0]!.title).toBe("Renamed by server");
    // A newer load of the board supersedes the confirmation.
    const reloaded = view();
    expect(columnOf(displayedBoard(reloaded, [done]), id(2))).toBe("InfraSec::triage");
    expect(liveEntries([pending, done], reloaded)).toEqual([pending]);
    expect(liveEntries([pending, done], data)).toEqual([pending, done]);
  });

  it("keeps only summary fields of a full item", () => {
    const full = { ...item(4), description: "long", fields: { a: 1 } };
    expect(Object.keys(toSummary(full))).not.toContain("description");
    expect(toSummary(full).number).toBe(4);
  });
});
