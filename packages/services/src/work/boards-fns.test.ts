import { describe, expect, it } from "vitest";
import { isAppError } from "@infrasec/core";
import { makeWorkItem } from "@infrasec/engines/work";
import type { BoardInput } from "./boards-fns";
import {
  DEFAULT_BOARD_ID,
  assigneeLanes,
  columnLoad,
  columnOf,
  defaultBoard,
  listOfItem,
  validateBoardInput,
} from "./boards-fns";

const input = (over: Partial<BoardInput> = {}): BoardInput => ({
  name: "Planning",
  mode: "scope",
  scope: "InfraSec",
  columns: [
    { value: "InfraSec::backlog", wipLimit: null },
    { value: "InfraSec::WIP", wipLimit: 2 },
  ],
  swimlanes: "none",
  filterLabels: [],
  kind: null,
  ...over,
});

function errorPaths(fn: () => unknown): string[] {
  try {
    fn();
  } catch (e) {
    if (isAppError(e)) return e.details.map((d) => d.path ?? "");
    throw e;
  }
  return [];
}

describe("validateBoardInput", () => {
  it("fills titles from the label value and keeps limits", () => {
    expect(validateBoardInput(input()).columns).toEqual([
      { value: "InfraSec::backlog", title: "backlog", wipLimit: null },
      { value: "InfraSec::WIP", title: "WIP", wipLimit: 2 },
    ]);
  });
  it("needs a scope in scope mode and labels of that scope as columns", () => {
    expect(errorPaths(() => validateBoardInput(input({ scope: null })))).toEqual(["scope"]);
    expect(
      errorPaths(() =>
        validateBoardInput(
          input({
            columns: [
              { value: "InfraSec::backlog", wipLimit: null },
              { value: "workflow::doing", wipLimit: null },
              { value: "InfraSec::backlog", wipLimit: null },
            ],
          }),
        ),
      ),
    ).toEqual(["columns[1].value", "columns[2].value"]);
  });
  it("checks status columns against the kind's model", () => {
    const status = (value: string, kind: BoardInput["kind"]) =>
      input({ mode: "status", scope: "x", kind, columns: [{ value, wipLimit: null }] });
    expect(validateBoardInput(status("scheduled", "change_request"))).toMatchObject({
      scope: null,
      columns: [{ value: "scheduled", title: "scheduled" }],
    });
    expect(errorPaths(() => validateBoardInput(status("scheduled", "task")))).toEqual([
      "columns[0].value",
    ]);
  });
});

describe("board placement", () => {
  const board = { ...defaultBoard("2026-11-25T00:00:00.000Z"), swimlanes: "assignee" as const };
  it("ships the lifecycle board with a WIP limit on WIP", () => {
    expect(board.id).toBe(DEFAULT_BOARD_ID);
    expect(board.columns.map((c) => [c.value, c.wipLimit])).toEqual([
      ["InfraSec::triage", null],
      ["InfraSec::backlog", null],
      ["InfraSec::prioritised", null],
      ["InfraSec::WIP", 5],
    ]);
  });
  it("puts open items in the column of their scoped label", () => {
    const wip = makeWorkItem({ kind: "task", labels: ["Department::InfraSec", "InfraSec::WIP"] });
    expect(columnOf(board, wip)).toBe("InfraSec::WIP");
    expect(columnOf(board, { ...wip, labels: ["InfraSec::stale"] })).toBeNull();
    expect(columnOf(board, { ...wip, status: "closed" })).toBeNull();
    expect(listOfItem(board, { ...wip, labels: [] })).toEqual({ kind: "open" });
    expect(listOfItem(board, { ...wip, status: "closed" })).toEqual({ kind: "closed" });
  });
  it("reports a column over its soft limit", () => {
    const col = board.columns[3]!;
    const items = Array.from({ length: 6 }, (_, i) =>
      makeWorkItem({ kind: "task", id: `t${i}`, labels: ["InfraSec::WIP"] }),
    );
    expect(columnLoad(board, col, items.slice(0, 5))).toEqual({ count: 5, overLimit: false });
    expect(columnLoad(board, col, items)).toEqual({ count: 6, overLimit: true });
  });
  it("orders lanes by username, then unassigned", () => {
    expect(
      assigneeLanes([
        { username: "zoe", displayName: "Zoe" },
        { username: "adam", displayName: "" },
        { username: "zoe", displayName: "Zoe" },
      ]),
    ).toEqual([
      { key: "adam", title: "adam" },
      { key: "zoe", title: "Zoe" },
      { key: "unassigned", title: "Unassigned" },
    ]);
  });
});
