import { describe, expect, it } from "vitest";
import type { UserRef, WorkItemView } from "@infrasec/contracts";
import type { Permission } from "@infrasec/core";
import { ROLE_PERMISSIONS } from "@infrasec/core";
import {
  itemAbilities,
  labelsReplacedBy,
  latestVerdicts,
  statusNeedsReason,
  verdictLevel,
} from "./item-rules";

const user = (id: string): UserRef => ({ id, username: id, displayName: id.toUpperCase() });
const role = (r: keyof typeof ROLE_PERMISSIONS) => (p: Permission) =>
  ROLE_PERMISSIONS[r].includes(p);
const item = (over: Partial<WorkItemView> = {}) => ({
  createdBy: user("carol"),
  owner: null,
  assignees: [],
  requiredReviewers: [],
  ...over,
});

describe("item abilities", () => {
  it("lets engineers edit what they created, own or are assigned to", () => {
    const me = user("eve");
    expect(itemAbilities(me, role("engineer"), item()).edit).toBe(false);
    expect(itemAbilities(me, role("engineer"), item({ createdBy: me })).edit).toBe(true);
    expect(itemAbilities(me, role("engineer"), item({ assignees: [me] })).edit).toBe(true);
    expect(itemAbilities(me, role("engineer"), item()).comment).toBe(true);
  });

  it("lets security engineers edit anything and record change approvals", () => {
    const a = itemAbilities(user("sam"), role("security_engineer"), item());
    expect(a).toMatchObject({ edit: true, recordChangeApproval: true, verdict: false });
  });

  it("keeps auditors read-only even on their own items", () => {
    const me = user("audrey");
    const a = itemAbilities(me, role("auditor"), item({ createdBy: me, requiredReviewers: [me] }));
    expect(a).toEqual({ edit: false, comment: false, verdict: false, recordChangeApproval: false });
  });

  it("offers verdicts only to required reviewers", () => {
    const me = user("rita");
    expect(itemAbilities(me, role("engineer"), item({ requiredReviewers: [me] })).verdict).toBe(
      true,
    );
  });
});

describe("status and verdict rules", () => {
  it("asks for a reason where the model's transition has the reason guard", () => {
    expect(statusNeedsReason("security_review_request", "planned", "cancelled")).toBe(true);
    expect(statusNeedsReason("change_request", "scheduled", "aborted")).toBe(true);
    expect(statusNeedsReason("design_doc", "in-review", "rejected")).toBe(true);
    expect(statusNeedsReason("design_doc", "draft", "in-review")).toBe(false);
    expect(statusNeedsReason("task", "open", "closed")).toBe(false);
  });

  it("keeps each reviewer's latest verdict for the level", () => {
    const a = user("a");
    const v = (verdict: "approved" | "refused", at: string, level: string | null = null) => ({
      reviewer: a,
      verdict,
      at,
      level,
      comment: null,
    });
    const latest = latestVerdicts([
      v("refused", "2026-01-02T00:00:00Z"),
      v("approved", "2026-01-03T00:00:00Z"),
      v("refused", "2026-01-04T00:00:00Z", "GA"),
    ]);
    expect(latest.get("a")?.verdict).toBe("refused");
    expect(latestVerdicts([v("approved", "2026-01-03T00:00:00Z", "Beta")], "GA").size).toBe(0);
    expect(verdictLevel({ kind: "security_review_request", fields: { maturity: "Beta" } })).toBe(
      "Beta",
    );
    expect(verdictLevel({ kind: "design_doc", fields: { maturity: "Beta" } })).toBeUndefined();
  });
});

describe("scoped labels in the picker", () => {
  it("says which label an addition replaces", () => {
    const current = ["Department::InfraSec", "InfraSec::triage", "Review-Priority:1"];
    expect(labelsReplacedBy(current, "InfraSec::backlog")).toEqual(["InfraSec::triage"]);
    expect(labelsReplacedBy(current, "Review-Priority:2")).toEqual([]);
    expect(labelsReplacedBy(current, "InfraSecEffort::Small")).toEqual([]);
  });
});
