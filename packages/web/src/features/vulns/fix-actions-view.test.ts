import { describe, expect, it } from "vitest";
import type { VulnFixAction } from "@infrasec/contracts";
import {
  fixActionFindingsHref,
  fixActionsParamsFromView,
  fixActionsViewFromParams,
  severityMix,
  sortFixActions,
} from "./fix-actions-view";

const zero = { critical: 0, high: 0, medium: 0, low: 0, info: 0 };
const action = (pkg: string, patch: Partial<VulnFixAction>): VulnFixAction => ({
  package: pkg,
  fixedVersion: "1.0",
  installedVersions: ["0.9"],
  findingCount: 1,
  assetCount: 1,
  vulnIds: [],
  vulnCount: 0,
  severityCounts: { ...zero },
  maxSeverity: "low",
  kevCount: 0,
  maxPriority: null,
  impact: 1,
  summary: `upgrade ${pkg} to 1.0 fixes 1 finding on 1 asset`,
  ...patch,
});

const items = [
  action("openssl", { impact: 90, findingCount: 4, assetCount: 2, maxSeverity: "medium" }),
  action("zlib", { impact: 50, findingCount: 1, assetCount: 1, maxSeverity: "critical" }),
  action("nghttp2", {
    impact: 70,
    findingCount: 1,
    assetCount: 3,
    maxSeverity: "high",
    kevCount: 1,
  }),
  action("curl", { impact: 70, findingCount: 4, assetCount: 1, maxSeverity: "critical" }),
];

describe("fix actions view", () => {
  it("keeps filters and sort in the URL, defaults left out", () => {
    const v = fixActionsViewFromParams(
      new URLSearchParams("severity=high&sort=assets&package=%20ssl"),
    );
    expect(v).toEqual({ asset: undefined, severity: "high", package: "ssl", sort: "assets" });
    expect(fixActionsViewFromParams(new URLSearchParams("sort=bogus&severity=x"))).toEqual({
      asset: undefined,
      severity: undefined,
      package: undefined,
      sort: "impact",
    });
    expect(fixActionsParamsFromView({ sort: "impact", asset: "a" }).toString()).toBe("asset=a");
  });

  it("sorts the loaded actions, ties keeping the API's order", () => {
    const names = (s: Parameters<typeof sortFixActions>[1]) =>
      sortFixActions(items, s).map((a) => a.package);
    expect(names("impact")).toEqual(["openssl", "nghttp2", "curl", "zlib"]);
    expect(names("findings")).toEqual(["openssl", "curl", "zlib", "nghttp2"]);
    expect(names("assets")).toEqual(["nghttp2", "openssl", "zlib", "curl"]);
    expect(names("severity")).toEqual(["zlib", "curl", "nghttp2", "openssl"]);
    expect(names("kev")).toEqual(["nghttp2", "openssl", "zlib", "curl"]);
    expect(names("package")).toEqual(["curl", "nghttp2", "openssl", "zlib"]);
    expect(items.map((a) => a.package)).toEqual(["openssl", "zlib", "nghttp2", "curl"]);
  });

  it("links a row to the open findings of its package under the page's filters", () => {
    expect(fixActionFindingsHref({ package: "openssl" }, { asset: "shop", severity: "high" })).toBe(
      "/vulnerabilities/findings?package=openssl&asset=shop&severity=high",
    );
    expect(fixActionFindingsHref({ package: "@babel/traverse" }, {})).toBe(
      "/vulnerabilities/findings?package=%40babel%2Ftraverse",
    );
  });

  it("writes the severity mix most severe first", () => {
    expect(severityMix({ ...zero, high: 5, critical: 2, low: 1 })).toBe(
      "2 critical, 5 high, 1 low",
    );
    expect(severityMix(zero)).toBe("");
  });
});
