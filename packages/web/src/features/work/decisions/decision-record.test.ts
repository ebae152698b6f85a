import { describe, expect, it } from "vitest";
import type { WorkItemView } from "@infrasec/contracts";
import { decidedOn, decisionRecord, supersededBy, supersedes } from "./decision-record";

const links: WorkItemView["links"] = [
  {
    id: "l1",
    type: "superseded_by",
    targetKind: "item",
    targetId: "x",
    title: "Use OIDC",
    number: 9,
  },
  {
    id: "l2",
    type: "supersedes",
    targetKind: "item",
    targetId: "y",
    title: "Static keys",
    number: 2,
  },
  {
    id: "l3",
    type: "relates_to",
    targetKind: "asset",
    targetId: "z",
    title: "vault",
    number: null,
  },
];

describe("decision records", () => {
  it("reads the template fields, options with pros, cons and supporting data", () => {
    const r = decisionRecord({
      fields: {
        question: "Which CI identity?",
        context: "Long-lived keys leak.",
        options: [
          { title: "OIDC", pros: "no secrets", cons: "setup", supportingData: "3 leaks in 2025" },
          "garbage",
          { title: "Keys", pros: 1 },
        ],
        decision: "OIDC",
        consequences: "Rotate old keys",
        dri: "alice",
        participants: ["bob", 3, ""],
        decisionDate: "2026-11-02",
      },
    });
    expect(r.question).toBe("Which CI identity?");
    expect(r.options).toHaveLength(2);
    expect(r.options[0]).toEqual({
      title: "OIDC",
      description: "",
      pros: "no secrets",
      cons: "setup",
      supportingData: "3 leaks in 2025",
    });
    expect(r.options[1]!.pros).toBe("");
    expect(r.participants).toEqual(["bob"]);
    expect(r.followUps).toEqual([]);
    expect(r.decisionDate).toBe("2026-11-02");
  });

  it("tolerates a record without fields", () => {
    const r = decisionRecord({ fields: {} });
    expect(r.options).toEqual([]);
    expect(r.decisionDate).toBeNull();
  });

  it("takes the decided date from the field, else from closing a decided record", () => {
    expect(
      decidedOn({ fields: { decisionDate: "2026-01-02" }, status: "accepted", closedAt: null }),
    ).toBe("2026-01-02");
    expect(
      decidedOn({ fields: {}, status: "rejected", closedAt: "2026-03-04T10:00:00.000Z" }),
    ).toBe("2026-03-04");
    expect(decidedOn({ fields: {}, status: "proposed", closedAt: null })).toBeNull();
  });

  it("finds supersede links to other items", () => {
    expect(supersededBy({ id: "a", links })).toEqual({ number: 9, title: "Use OIDC" });
    expect(supersedes({ links })).toEqual([{ number: 2, title: "Static keys" }]);
    expect(supersededBy({ id: "a", links: [] })).toBeNull();
  });

  it("finds the newer record of the log when only it holds the link", () => {
    const newer = { number: 7, title: "Newer", links: [{ ...links[1]!, targetId: "old" }] };
    expect(supersededBy({ id: "old", links: [] }, [newer])).toEqual({ number: 7, title: "Newer" });
    expect(supersededBy({ id: "other", links: [] }, [newer])).toBeNull();
  });
});
