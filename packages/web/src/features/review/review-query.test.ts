import { describe, expect, it } from "vitest";
import {
  defaultStatusTab,
  findingParamsFromQuery,
  findingQueryFromParams,
  pageInfo,
  ruleParamsFromQuery,
  ruleQueryFromParams,
  runParamsFromQuery,
  runQueryFromParams,
  suppressionParamsFromQuery,
  suppressionQueryFromParams,
} from "./review-query";

const p = (s: string) => new URLSearchParams(s);

describe("review list filters in the URL", () => {
  it("reads the runs filters and drops bad values", () => {
    expect(
      runQueryFromParams(p("project=platform/infra&mergeRequest=!12&outcome=failed&limit=25")),
    ).toEqual({
      project: "platform/infra",
      ref: undefined,
      mergeRequest: 12,
      outcome: "failed",
      limit: 25,
      offset: 0,
    });
    const bad = runQueryFromParams(p("outcome=maybe&mergeRequest=x&limit=9999&offset=-1"));
    expect(bad).toMatchObject({
      outcome: undefined,
      mergeRequest: undefined,
      limit: 50,
      offset: 0,
    });
  });

  it("writes short links: defaults and empty values are left out", () => {
    expect(runParamsFromQuery({ project: "a/b", ref: "", limit: 50, offset: 0 }).toString()).toBe(
      "project=a%2Fb",
    );
    expect(runParamsFromQuery({ outcome: "passed", offset: 50 }).toString()).toBe(
      "outcome=passed&offset=50",
    );
  });

  it("round-trips the rule catalogue filters", () => {
    const q = ruleQueryFromParams(p("q=bucket&framework=terraform&provider=aws&severity=high"));
    expect(q).toMatchObject({ q: "bucket", framework: "terraform", provider: "aws", limit: 100 });
    expect(ruleQueryFromParams(ruleParamsFromQuery(q))).toEqual(q);
    expect(ruleQueryFromParams(p("framework=cloudformation")).framework).toBeUndefined();
  });

  it("reads the suppression filters", () => {
    const q = suppressionQueryFromParams(p("state=stale&expiringWithinDays=30&ruleId=AWS-S3-001"));
    expect(q).toMatchObject({ state: "stale", expiringWithinDays: 30, ruleId: "AWS-S3-001" });
    expect(suppressionParamsFromQuery(q).toString()).toBe(
      "state=stale&ruleId=AWS-S3-001&expiringWithinDays=30",
    );
    expect(suppressionQueryFromParams(p("state=gone")).state).toBeUndefined();
  });

  it("opens a run on the first status that has findings unless the URL names one", () => {
    const counts = { new: 0, existing: 3, fixed: 1, suppressed: 0, unknown: 0 };
    expect(defaultStatusTab(counts)).toBe("existing");
    expect(defaultStatusTab({ ...counts, existing: 0, fixed: 0 })).toBe("new");
    expect(defaultStatusTab(undefined)).toBe("new");
    expect(findingQueryFromParams(p(""), "existing").status).toBe("existing");
    expect(findingQueryFromParams(p("status=fixed&severity=bad"), "new")).toMatchObject({
      status: "fixed",
      severity: undefined,
    });
    expect(findingParamsFromQuery({ status: "new", limit: 50, offset: 0 }).toString()).toBe(
      "status=new",
    );
  });

  it("computes the page line", () => {
    expect(pageInfo({ limit: 50, offset: 50 }, 20, 70)).toEqual({
      pages: 2,
      page: 2,
      from: 51,
      to: 70,
    });
    expect(pageInfo({ limit: 50, offset: 0 }, 0, 0)).toMatchObject({ pages: 1, from: 0, to: 0 });
  });
});
