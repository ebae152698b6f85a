import { describe, expect, it } from "vitest";
import { boardMove, listLoad } from "./board-fns";
import type { BoardList, BoardMoveOps } from "./board-fns";
import { makeWorkItem } from "./work-fixtures-fns";

const open: BoardList = { kind: "open" };
const closed: BoardList = { kind: "closed" };
const labelA: BoardList = { kind: "label", label: "A" };
const labelB: BoardList = { kind: "label", label: "B" };
const alice: BoardList = { kind: "assignee", user: "alice" };
const bob: BoardList = { kind: "assignee", user: "bob" };

const ops = (o: Partial<BoardMoveOps>): BoardMoveOps => ({
  reopen: false,
  close: false,
  addLabels: [],
  removeLabels: [],
  assign: [],
  unassign: [],
  ...o,
});

// The published move table (domain brief §7), row = from, column = to.
const TABLE: [string, BoardList, BoardList, BoardMoveOps][] = [
  ["Open → Closed: close", open, closed, ops({ close: true })],
  ["Open → Label B: add B", open, labelB, ops({ addLabels: ["B"] })],
  ["Open → Bob: assign Bob", open, bob, ops({ assign: ["bob"] })],
  ["Closed → Open: reopen", closed, open, ops({ reopen: true })],
  ["Closed → Label B: reopen + add B", closed, labelB, ops({ reopen: true, addLabels: ["B"] })],
  ["Closed → Bob: reopen + assign Bob", closed, bob, ops({ reopen: true, assign: ["bob"] })],
  ["Label A → Open: remove A", labelA, open, ops({ removeLabels: ["A"] })],
  ["Label A → Closed: close", labelA, closed, ops({ close: true })],
  [
    "Label A → Label B: remove A, add B",
    labelA,
    labelB,
    ops({ removeLabels: ["A"], addLabels: ["B"] }),
  ],
  ["Label A → Bob: assign Bob", labelA, bob, ops({ assign: ["bob"] })],
  ["Alice → Open: unassign Alice", alice, open, ops({ unassign: ["alice"] })],
  ["Alice → Closed: close", alice, closed, ops({ close: true })],
  ["Alice → Label B: add B", alice, labelB, ops({ addLabels: ["B"] })],
  ["Alice → Bob: reassign to Bob", alice, bob, ops({ unassign: ["alice"], assign: ["bob"] })],
];

describe("board moves (published table)", () => {
  it.each(TABLE)("%s", (_name, from, to, expected) => {
    expect(boardMove(from, to)).toEqual(expected);
  });
  it("changes nothing within the same list", () => {
    for (const l of [open, closed, labelA, alice]) expect(boardMove(l, l)).toEqual(ops({}));
  });
});

describe("WIP limits", () => {
  const items = [
    makeWorkItem({ kind: "task", id: "1", weight: 5 }),
    makeWorkItem({ kind: "task", id: "2", weight: 3 }),
    makeWorkItem({ kind: "task", id: "3" }),
  ];
  it("count cards or sum weights, soft, shown as n/limit", () => {
    expect(listLoad(labelA, items, { by: "count", max: 3 })).toMatchObject({
      over: false,
      display: "3/3",
    });
    expect(listLoad(labelA, items, { by: "weight", max: 6 })).toMatchObject({
      weight: 8,
      over: true,
      display: "8/6",
    });
  });
  it("do not apply to the Open and Closed lists", () => {
    expect(listLoad(open, items, { by: "count", max: 1 })).toMatchObject({
      over: false,
      limit: null,
    });
    expect(listLoad(closed, items, { by: "count", max: 1 }).display).toBe("3");
  });
});
