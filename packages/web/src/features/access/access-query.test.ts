import { describe, expect, it } from "vitest";
import {
  campaignParamsFromQuery,
  campaignQueryFromParams,
  findingParamsFromQuery,
  findingQueryFromParams,
  hasPrincipalFilters,
  itemParamsFromQuery,
  itemQueryFromParams,
  principalParamsFromQuery,
  principalQueryFromParams,
  queueTabs,
  snapshotQueryFromParams,
  snapshotTabFromParams,
} from "./access-query";

const p = (s: string) => new URLSearchParams(s);

describe("access list filters in the URL", () => {
  it("reads principal filters and drops bad values instead of sending them", () => {
    const q = principalQueryFromParams(
      p("q=%20ops%20&type=role&admin=yes&hasEscalation=true&limit=9999&offset=-1"),
    );
    expect(q).toEqual({
      q: "ops",
      type: "role",
      admin: undefined,
      hasEscalation: "true",
      limit: 50,
      offset: 0,
    });
    expect(hasPrincipalFilters(q)).toBe(true);
    expect(hasPrincipalFilters(principalQueryFromParams(p("")))).toBe(false);
    expect(principalQueryFromParams(p("type=role%3Cscript")).type).toBeUndefined();
    expect(principalQueryFromParams(p("type=ServiceAccount")).type).toBe("ServiceAccount");
  });

  it("writes short links that keep the tab and leave defaults out", () => {
    const params = principalParamsFromQuery(
      { admin: "true", q: undefined, limit: 50, offset: 0 },
      "principals",
    );
    expect(params.toString()).toBe("tab=principals&admin=true");
    expect(
      findingParamsFromQuery({ severity: "high", limit: 100, offset: 100 }, "findings").toString(),
    ).toBe("tab=findings&severity=high&limit=100&offset=100");
  });

  it("round-trips findings, snapshots and campaigns", () => {
    const f = findingQueryFromParams(
      p("severity=critical&rule=IAM-ESC-001&principal=arn%3Aaws%3Aiam%3A%3A1%3Auser%2Fa"),
    );
    expect(f.principal).toBe("arn:aws:iam::1:user/a");
    expect(findingQueryFromParams(findingParamsFromQuery(f))).toEqual(f);
    expect(findingQueryFromParams(p("severity=urgent")).severity).toBeUndefined();
    expect(snapshotQueryFromParams(p("provider=azure&name=aws-prod"))).toMatchObject({
      provider: undefined,
      name: "aws-prod",
    });
    const c = campaignQueryFromParams(p("status=open&kind=terminated_users"));
    expect(campaignQueryFromParams(campaignParamsFromQuery(c))).toEqual(c);
    expect(campaignQueryFromParams(p("status=archived")).status).toBeUndefined();
  });

  it("opens the snapshot page on principals unless the URL names the findings tab", () => {
    expect(snapshotTabFromParams(p(""))).toBe("principals");
    expect(snapshotTabFromParams(p("tab=findings"))).toBe("findings");
    expect(snapshotTabFromParams(p("tab=other"))).toBe("principals");
  });

  it("reads review item filters, with `me` as a reviewer", () => {
    const q = itemQueryFromParams(p("reviewer=me&decision=pending&privileged=true&q=admin"));
    expect(q).toMatchObject({
      reviewer: "me",
      decision: "pending",
      privileged: "true",
      q: "admin",
    });
    expect(itemQueryFromParams(p("reviewer=a%20b&decision=approve")).reviewer).toBeUndefined();
    expect(itemQueryFromParams(p("decision=approve")).decision).toBeUndefined();
    expect(itemParamsFromQuery(q).toString()).toBe(
      "reviewer=me&decision=pending&privileged=true&q=admin",
    );
  });
});

describe("review queues", () => {
  const reviewers = [
    { username: "zoe", total: 4, decided: 1 },
    { username: "alice", total: 3, decided: 3 },
    { username: "bob", total: 2, decided: 0 },
  ];

  it("puts the signed-in reviewer's own queue right after all items", () => {
    const tabs = queueTabs("bob", { total: 9, decided: 4 }, reviewers);
    expect(tabs).toEqual([
      { value: "*", label: "All items", pending: 5 },
      { value: "me", label: "My queue", pending: 2 },
      { value: "alice", label: "alice", pending: 0 },
      { value: "zoe", label: "zoe", pending: 3 },
    ]);
  });

  it("has no personal queue for someone who reviews nothing", () => {
    const tabs = queueTabs("carol", { total: 9, decided: 4 }, reviewers);
    expect(tabs.map((t) => t.value)).toEqual(["*", "alice", "bob", "zoe"]);
  });
});
