import { describe, expect, it } from "vitest";
import { addBusinessDays, campaignBody, decisionProblems, splitNames } from "./campaign-form";
import type { CampaignValues } from "./campaign-form";

const SNAPSHOT = "0190a4c2-0000-7000-8000-000000000001";
const base: CampaignValues = {
  name: "Q3 privileged – aws-prod",
  kind: "privileged",
  snapshotId: SNAPSHOT,
  dueDate: "",
  defaultReviewer: "alice",
  byOwner: [],
  terminatedUsers: "",
};
// A Wednesday.
const TODAY = new Date("2026-07-01T09:00:00Z");

describe("campaign form", () => {
  it("counts business days, skipping weekends", () => {
    expect(addBusinessDays(TODAY, 10)).toBe("2026-07-15");
    // Friday + 1 business day is Monday.
    expect(addBusinessDays(new Date("2026-07-03T12:00:00Z"), 1)).toBe("2026-07-06");
    expect(addBusinessDays(TODAY, 0)).toBe("2026-07-01");
  });

  it("leaves the deadline to the server when none is given", () => {
    expect(campaignBody(base, TODAY).body).toEqual({
      name: "Q3 privileged – aws-prod",
      kind: "privileged",
      snapshotId: SNAPSHOT,
      reviewers: { default: "alice" },
    });
  });

  it("maps owners to reviewers and drops empty rows", () => {
    const r = campaignBody(
      {
        ...base,
        defaultReviewer: "",
        dueDate: "2026-07-20",
        byOwner: [
          { owner: " payments ", reviewer: "bob" },
          { owner: "", reviewer: "" },
        ],
      },
      TODAY,
    );
    expect(r.body).toMatchObject({
      dueDate: "2026-07-20",
      reviewers: { byOwner: { payments: "bob" } },
    });
    expect(r.body?.reviewers.default).toBeUndefined();
  });

  it("names every missing or wrong field", () => {
    const r = campaignBody(
      {
        ...base,
        name: "",
        snapshotId: null,
        dueDate: "2026-06-01",
        defaultReviewer: "",
        byOwner: [{ owner: "payments", reviewer: "" }],
        kind: "terminated_users",
      },
      TODAY,
    );
    expect(Object.keys(r.errors ?? {}).sort()).toEqual([
      "byOwner",
      "defaultReviewer",
      "dueDate",
      "name",
      "snapshotId",
      "terminatedUsers",
    ]);
  });

  it("sends the terminated users only for that kind of review", () => {
    expect(splitNames("alice\n bob , alice,\n\n")).toEqual(["alice", "bob"]);
    const r = campaignBody(
      { ...base, kind: "terminated_users", terminatedUsers: "alice\nbob" },
      TODAY,
    );
    expect(r.body?.terminatedUsers).toEqual(["alice", "bob"]);
    expect(
      campaignBody({ ...base, terminatedUsers: "alice" }, TODAY).body?.terminatedUsers,
    ).toBeUndefined();
  });

  it("requires a justification and warns about a revoke without a ticket", () => {
    expect(decisionProblems("keep", " ", "")).toEqual({
      justification: "A justification is required",
      ticketWarning: undefined,
    });
    expect(decisionProblems("revoke", "left the team", "").ticketWarning).toMatch(/ticket/);
    expect(decisionProblems("revoke", "left the team", "#12")).toEqual({
      justification: undefined,
      ticketWarning: undefined,
    });
  });
});
