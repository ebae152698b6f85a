import { describe, expect, it } from "vitest";
import {
  CHANGE_RULES,
  changeApprovalRequirements,
  changeApprovalState,
  maturityApprovals,
  reviewApprovalState,
} from "./approval-fns";
import type { Criticality } from "./change-request-templates";
import type { ApproverCapacity, ChangeApproval, ReviewVerdict } from "./work-item-types";

const v = (
  reviewer: string,
  verdict: "approved" | "refused",
  at: string,
  level?: string,
): ReviewVerdict => ({
  reviewer,
  verdict,
  at,
  ...(level ? { level } : {}),
});

describe("reviewApprovalState", () => {
  it("approves only when every required reviewer approved", () => {
    expect(
      reviewApprovalState(["a", "b"], [v("a", "approved", "2026-01-01T00:00:00Z")]),
    ).toMatchObject({
      approved: false,
      pending: ["b"],
      reason: "waiting for b",
    });
    expect(
      reviewApprovalState(
        ["a", "b"],
        [v("a", "approved", "2026-01-01T00:00:00Z"), v("b", "approved", "2026-01-02T00:00:00Z")],
      ),
    ).toMatchObject({ approved: true, approvedBy: ["a", "b"] });
  });
  it("never approves with no required reviewers", () => {
    expect(reviewApprovalState([], [v("a", "approved", "2026-01-01T00:00:00Z")])).toMatchObject({
      approved: false,
      reason: "no required reviewers are set",
    });
  });
  it("ignores verdicts of people who are not required reviewers", () => {
    expect(reviewApprovalState(["a"], [v("z", "approved", "2026-01-01T00:00:00Z")]).approved).toBe(
      false,
    );
  });
  it("counts each reviewer's latest verdict", () => {
    const refusedThenApproved = [
      v("a", "refused", "2026-01-01T00:00:00Z"),
      v("a", "approved", "2026-01-03T00:00:00Z"),
    ];
    expect(reviewApprovalState(["a"], refusedThenApproved).approved).toBe(true);
    const approvedThenRefused = [
      v("a", "approved", "2026-01-03T00:00:00Z"),
      v("a", "refused", "2026-01-04T00:00:00Z"),
    ];
    expect(reviewApprovalState(["a"], approvedThenRefused)).toMatchObject({
      approved: false,
      refusedBy: ["a"],
      reason: "refused by a",
    });
  });
});

describe("maturityApprovals", () => {
  it("approves levels in order: Beta does not count before Experiment", () => {
    const r = maturityApprovals({ Experiment: ["a", "b"], Beta: ["a"] }, [
      v("a", "approved", "2026-01-01T00:00:00Z", "Experiment"),
      v("a", "approved", "2026-01-01T00:00:00Z", "Beta"),
    ]);
    expect(r.levels.Beta.approved).toBe(true);
    expect(r.levels.Experiment.approved).toBe(false);
    expect(r.highestApproved).toBeNull();
    const r2 = maturityApprovals({ Experiment: ["a", "b"], Beta: ["a"] }, [
      v("a", "approved", "2026-01-01T00:00:00Z", "Experiment"),
      v("b", "approved", "2026-01-01T00:00:00Z", "Experiment"),
      v("a", "approved", "2026-01-01T00:00:00Z", "Beta"),
    ]);
    expect(r2.highestApproved).toBe("Beta");
  });
});

describe("change approval rules (published C1–C4 table)", () => {
  const table: [Criticality, boolean, string[], string[]][] = [
    ["C1", false, ["manager_approved", "eoc_approved"], ["blocks deploys", "blocks feature-flags"]],
    [
      "C1",
      true,
      ["manager_approved", "eoc_approved", "dbre_review"],
      ["blocks deploys", "blocks feature-flags"],
    ],
    ["C2", false, ["manager_approved", "eoc_approved"], ["blocks deploys", "blocks feature-flags"]],
    [
      "C2",
      true,
      ["manager_approved", "eoc_approved", "dbre_review"],
      ["blocks deploys", "blocks feature-flags"],
    ],
    ["C3", false, ["peer_review"], []],
    ["C3", true, ["peer_review"], []],
    ["C4", false, [], []],
    ["C4", true, [], []],
  ];
  it.each(table)("%s (database: %s) needs %j, labels %j", (c, db, ids, labels) => {
    const r = changeApprovalRequirements(c, db);
    expect(r.approvals.map((a) => a.id)).toEqual(ids);
    expect(r.autoLabels).toEqual(labels);
  });

  const managerTable: [Criticality, ApproverCapacity, boolean][] = [
    ["C1", "manager", false],
    ["C1", "senior_manager", true],
    ["C1", "director", true],
    ["C1", "vp", true],
    ["C2", "manager", true],
    ["C2", "senior_manager", true],
    ["C2", "peer", false],
  ];
  it.each(managerTable)("%s manager_approved by a %s counts: %s", (c, capacity, ok) => {
    const req = CHANGE_RULES[c].approvals.filter((a) => a.id === "manager_approved");
    const s = changeApprovalState(req, [
      { requirement: "manager_approved", by: "m", capacity, at: "x" },
    ]);
    expect(s.satisfied).toBe(ok);
  });

  it("requires a due date from C1 to C3 and nothing for C4", () => {
    expect(CHANGE_RULES.C1.preconditions).toContain("Due date and production calendar entry");
    expect(CHANGE_RULES.C3.preconditions).toEqual(["Due date"]);
    expect(CHANGE_RULES.C4.preconditions).toEqual([]);
    expect(changeApprovalRequirements("C4", false).explanation).toEqual(["C4 needs no approval"]);
  });

  it("explains what it ignores, including self-approval by the technician", () => {
    const { approvals } = changeApprovalRequirements("C1", false);
    const given: ChangeApproval[] = [
      { requirement: "manager_approved", by: "mia", capacity: "manager", at: "x" },
      { requirement: "eoc_approved", by: "tom", capacity: "eoc", at: "x" },
      { requirement: "dbre_review", by: "dan", capacity: "dbre", at: "x" },
    ];
    const s = changeApprovalState(approvals, given, "tom");
    expect(s).toMatchObject({ satisfied: false, met: [] });
    expect(s.ignored).toEqual([
      "mia approved as manager, but Manager approval (manager_approved) by a Sr. Manager or above needs senior_manager or director or vp",
      "tom cannot approve their own change (eoc_approved)",
      "dbre_review by dan is not required",
    ]);
  });
});
