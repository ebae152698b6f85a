import { describe, expect, it } from "vitest";
import {
  actionReady,
  bulkBody,
  bulkErrorLines,
  describeBulk,
  headerState,
  pruneSelection,
  scopedNotes,
  toggleAll,
  toggleOne,
} from "./bulk-selection";

describe("bulk selection state", () => {
  it("toggles single rows", () => {
    const a = toggleOne(new Set(), "a");
    expect([...a]).toEqual(["a"]);
    expect([...toggleOne(a, "a")]).toEqual([]);
  });

  it("selects every row of a table, then clears them, leaving other tables' rows alone", () => {
    const start = new Set(["x"]);
    const all = toggleAll(start, ["a", "b"]);
    expect([...all].sort()).toEqual(["a", "b", "x"]);
    expect(headerState(all, ["a", "b"])).toBe("all");
    expect([...toggleAll(all, ["a", "b"])]).toEqual(["x"]);
    expect(headerState(new Set(["a"]), ["a", "b"])).toBe("some");
    expect(headerState(new Set(["a"]), [])).toBe("none");
    // Partly selected: the header selects the rest.
    expect([...toggleAll(new Set(["a"]), ["a", "b"])].sort()).toEqual(["a", "b"]);
  });

  it("forgets rows that left the queue", () => {
    expect([...pruneSelection(new Set(["a", "b"]), ["b", "c"])]).toEqual(["b"]);
  });
});

describe("bulk actions", () => {
  it("builds the request of each action", () => {
    expect(bulkBody(["a"], { type: "labels", add: ["InfraSec::backlog"], remove: ["x"] })).toEqual({
      ids: ["a"],
      addLabels: ["InfraSec::backlog"],
      removeLabels: ["x"],
    });
    expect(bulkBody(["a", "b"], { type: "assign", usernames: ["bob"] })).toEqual({
      ids: ["a", "b"],
      addLabels: [],
      removeLabels: [],
      assignees: ["bob"],
    });
    expect(bulkBody(["a"], { type: "close" })).toMatchObject({ close: true });
  });

  it("states the count in the confirmation", () => {
    expect(describeBulk({ type: "labels", add: ["A"], remove: ["B"] }, 2)).toBe(
      'Add ~"A" and remove ~"B" on 2 items.',
    );
    expect(describeBulk({ type: "labels", add: [], remove: ["B"] }, 1)).toBe(
      'Remove ~"B" on 1 item.',
    );
    expect(describeBulk({ type: "assign", usernames: ["bob", "carol"] }, 3)).toBe(
      "Assign 3 items to bob, carol (replacing their assignees).",
    );
    expect(describeBulk({ type: "close" }, 4)).toBe("Close 4 items.");
  });

  it("is ready only when it changes something", () => {
    expect(actionReady({ type: "labels", add: [], remove: [] })).toBe(false);
    expect(actionReady({ type: "assign", usernames: [] })).toBe(false);
    expect(actionReady({ type: "close" })).toBe(true);
  });

  it("explains scoped label semantics, last of a scope winning", () => {
    expect(scopedNotes(["InfraSec::backlog", "urgent", "InfraSec::WIP"])).toEqual([
      '~"InfraSec::WIP" replaces any other InfraSec:: label on each item.',
      '~"InfraSec::backlog" is not added: a later label of its scope wins.',
    ]);
    expect(scopedNotes(["Review-Priority:1"])).toEqual([]);
  });

  it("names the item of a failing entry", () => {
    const numbers: Record<string, number> = { a: 12, b: 13 };
    expect(
      bulkErrorLines(
        "Item #13 cannot be closed",
        [{ path: "/body/ids/1", message: "done needs required fields" }, { message: "other" }],
        ["a", "b"],
        (id) => numbers[id],
      ),
    ).toEqual(["Item #13 cannot be closed", "#13: done needs required fields", "other"]);
    // The server's own form: the message and the entry already name the item.
    expect(
      bulkErrorLines(
        "#12: forbidden",
        [
          { path: "ids[0]", message: "#12: forbidden" },
          { path: "ids[0].status", message: "cannot close" },
        ],
        ["a", "b"],
        (id) => numbers[id],
      ),
    ).toEqual(["#12: forbidden", "#12: cannot close"]);
  });
});
