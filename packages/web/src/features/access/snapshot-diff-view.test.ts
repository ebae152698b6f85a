import { describe, expect, it } from "vitest";
import type { AccessDiffDto } from "@infrasec/contracts";
import { diffIsEmpty, diffOrder, diffSections } from "./snapshot-diff-view";

const EMPTY: AccessDiffDto = {
  addedPrincipals: [],
  removedPrincipals: [],
  newAdmins: [],
  removedAdmins: [],
  newEscalations: [],
  removedEscalations: [],
  widened: [],
  narrowed: [],
};

describe("snapshot diff view", () => {
  it("takes the older snapshot as the baseline whichever way round they are picked", () => {
    const a = { id: "b", createdAt: "2026-07-01T00:00:00Z" };
    const b = { id: "a", createdAt: "2026-08-01T00:00:00Z" };
    expect(diffOrder(a, b)).toEqual([a, b]);
    expect(diffOrder(b, a)).toEqual([a, b]);
    const same = { id: "c", createdAt: a.createdAt };
    expect(diffOrder(a, same)[0]).toBe(a);
  });

  it("lists what got riskier first and groups a principal's new paths", () => {
    const sections = diffSections({
      ...EMPTY,
      newAdmins: ["u1"],
      newEscalations: [
        { principal: "u2", pathId: "iam-001" },
        { principal: "u2", pathId: "sts-001>iam-007" },
      ],
      widened: [{ principal: "u3", grants: ["s3:GetObject@all"] }],
      removedPrincipals: ["u4"],
    });
    expect(sections.map((s) => s.key)).toEqual([
      "newAdmins",
      "newEscalations",
      "widened",
      "removedAdmins",
      "removedEscalations",
      "narrowed",
      "addedPrincipals",
      "removedPrincipals",
    ]);
    expect(sections[1]?.rows).toEqual([
      { principal: "u2", details: ["iam-001", "sts-001>iam-007"] },
    ]);
    expect(sections[0]?.tone).toBe("bad");
    expect(sections.find((s) => s.key === "removedPrincipals")?.openIn).toBe("old");
    expect(sections.find((s) => s.key === "widened")?.openIn).toBe("new");
  });

  it("knows when nothing changed", () => {
    expect(diffIsEmpty(EMPTY)).toBe(true);
    expect(diffIsEmpty({ ...EMPTY, narrowed: [{ principal: "u", grants: ["x"] }] })).toBe(false);
  });
});
