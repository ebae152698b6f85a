import { describe, expect, it } from "vitest";
import {
  findingsApiQuery,
  findingsParamsFromView,
  findingsViewFromParams,
  hasFindingFilters,
  nextSort,
  sortMark,
} from "./vulns-query";

const p = (s: string) => new URLSearchParams(s);

describe("findings filters in the URL", () => {
  it("opens on open findings, most severe first, 50 a page", () => {
    const view = findingsViewFromParams(p(""));
    expect(view).toEqual({
      status: "open",
      asset: undefined,
      severity: undefined,
      vulnId: undefined,
      package: undefined,
      q: undefined,
      sla: undefined,
      sort: "-severity",
      limit: 50,
      offset: 0,
    });
    expect(hasFindingFilters(view)).toBe(false);
    expect(findingsParamsFromView(view).toString()).toBe("");
    expect(findingsApiQuery(view)).toEqual({
      status: "open",
      sort: "-severity",
      limit: 50,
      offset: 0,
    });
  });

  it("reads every filter and round-trips it", () => {
    const url =
      "asset=shop-api&severity=high&status=dismissed&vulnId=CVE-2024-1&package=openssl&q=heap&sla=breached&sort=slaDue&limit=100&offset=200";
    const view = findingsViewFromParams(p(url));
    expect(view).toMatchObject({
      asset: "shop-api",
      severity: "high",
      status: "dismissed",
      vulnId: "CVE-2024-1",
      package: "openssl",
      q: "heap",
      sla: "breached",
      sort: "slaDue",
      limit: 100,
      offset: 200,
    });
    expect(hasFindingFilters(view)).toBe(true);
    expect(findingsViewFromParams(findingsParamsFromView(view))).toEqual(view);
    expect(findingsApiQuery(view)).toEqual({
      asset: "shop-api",
      severity: "high",
      status: "dismissed",
      vulnId: "CVE-2024-1",
      package: "openssl",
      q: "heap",
      sla: "breached",
      sort: "slaDue",
      limit: 100,
      offset: 200,
    });
  });

  it("drops bad values instead of sending them", () => {
    const view = findingsViewFromParams(
      p("severity=urgent&status=fixed&sla=late&sort=name&limit=9999&offset=-1&q=%20%20"),
    );
    expect(view).toMatchObject({
      severity: undefined,
      status: "open",
      sla: undefined,
      sort: "-severity",
      limit: 50,
      offset: 0,
      q: undefined,
    });
    expect(findingsViewFromParams(p(`q=${"x".repeat(300)}`)).q).toHaveLength(200);
  });

  it("lifts the status filter for 'any status' and keeps it in the link", () => {
    const view = findingsViewFromParams(p("status=all"));
    expect(view.status).toBe("all");
    expect(hasFindingFilters(view)).toBe(true);
    expect(findingsParamsFromView(view).toString()).toBe("status=all");
    expect(findingsApiQuery(view)).not.toHaveProperty("status");
  });

  it("sorts by a column and flips it on a second click", () => {
    expect(nextSort("-severity", "severity")).toBe("severity");
    expect(nextSort("severity", "severity")).toBe("-severity");
    expect(nextSort("-severity", "slaDue")).toBe("slaDue");
    expect(nextSort("slaDue", "slaDue")).toBe("-slaDue");
    expect(nextSort("slaDue", "lastSeen")).toBe("-lastSeen");
    expect(nextSort("-firstSeen", "firstSeen")).toBe("firstSeen");
    expect(sortMark("-severity", "severity")).toBe(" ↓");
    expect(sortMark("slaDue", "slaDue")).toBe(" ↑");
    expect(sortMark("slaDue", "severity")).toBe("");
  });
});
