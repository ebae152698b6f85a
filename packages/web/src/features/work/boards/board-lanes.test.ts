import { describe, expect, it } from "vitest";
import type { BoardContentView, WorkItemSummary } from "@infrasec/contracts";
import { boardLanes, columnLoad, initials, laneOf } from "./board-lanes";
import { boardFiltersFromParams, hasBoardFilters, paramsFromBoardFilters } from "./board-filters";

const T = "2026-11-20T10:00:00.000Z";
const user = (username: string) => ({ id: `u-${username}`, username, displayName: username });

function item(number: number, assignees: string[]): WorkItemSummary {
  return {
    id: `i${number}`,
    number,
    kind: "task",
    title: `Item ${number}`,
    status: "open",
    labels: [],
    assignees: assignees.map(user),
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
  };
}

function view(swimlanes: "none" | "assignee", lanes: BoardContentView["lanes"]): BoardContentView {
  return {
    board: {
      id: "b",
      name: "B",
      mode: "status",
      scope: null,
      columns: [],
      swimlanes,
      filterLabels: [],
      kind: null,
      createdAt: T,
      updatedAt: T,
    },
    columns: [
      {
        value: "open",
        title: "Open",
        wipLimit: null,
        count: 3,
        overLimit: false,
        items: [item(1, ["bob"]), item(2, []), item(3, ["carol", "alice"])],
      },
      {
        value: "closed",
        title: "Closed",
        wipLimit: 2,
        count: 1,
        overLimit: false,
        items: [item(4, ["alice"])],
      },
    ],
    lanes,
  };
}

describe("board lanes", () => {
  it("puts every card in one row without swimlanes", () => {
    const rows = boardLanes(view("none", []));
    expect(rows).toHaveLength(1);
    expect(rows[0]!.cells.map((c) => c.items.length)).toEqual([3, 1]);
  });

  it("groups cards by assignee lane in the server's lane order, each card once", () => {
    const rows = boardLanes(
      view("assignee", [
        { key: "alice", title: "Alice" },
        { key: "bob", title: "Bob" },
        { key: "carol", title: "Carol" },
        { key: "unassigned", title: "Unassigned" },
      ]),
    );
    const numbers = rows.map((r) => [r.key, r.cells.map((c) => c.items.map((i) => i.number))]);
    expect(numbers).toEqual([
      ["alice", [[3], [4]]],
      ["bob", [[1], []]],
      ["carol", [[], []]],
      ["unassigned", [[2], []]],
    ]);
  });

  it("adds an Unassigned row when the server listed no such lane", () => {
    const rows = boardLanes(view("assignee", [{ key: "bob", title: "Bob" }]));
    expect(rows.map((r) => r.key)).toEqual(["bob", "unassigned"]);
    expect(laneOf(item(9, ["zed"]), ["bob"])).toBe("unassigned");
  });

  it("shows column load as n / limit", () => {
    const v = view("none", []);
    expect(columnLoad(v.columns[0]!)).toBe("3");
    expect(columnLoad(v.columns[1]!)).toBe("1 / 2");
  });

  it("makes initials from names", () => {
    expect(initials("Ada Lovelace", "ada")).toBe("AL");
    expect(initials("", "bob")).toBe("BO");
    expect(initials("carol.smith", "carol")).toBe("CS");
  });
});

describe("board filters in the URL", () => {
  it("round-trips and drops empty values", () => {
    const f = boardFiltersFromParams(new URLSearchParams("q=%20vpn%20&label=&assignee=bob&x=1"));
    expect(f).toEqual({ q: "vpn", assignee: "bob" });
    expect(paramsFromBoardFilters(f).toString()).toBe("assignee=bob&q=vpn");
    expect(hasBoardFilters({})).toBe(false);
    expect(hasBoardFilters(f)).toBe(true);
  });
});
