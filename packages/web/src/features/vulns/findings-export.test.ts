import { describe, expect, it } from "vitest";
import { vulnExportQuery } from "@infrasec/contracts";
import { exportFileName, exportFilters } from "./findings-export";
import { findingsViewFromParams } from "./vulns-query";

describe("exporting the filtered findings", () => {
  it("passes the list's filters (not its paging or sort) in a query the route accepts", () => {
    const view = findingsViewFromParams(
      new URLSearchParams("severity=critical&asset=shop-api&q=ssl&sort=vulnId&limit=25&offset=50"),
    );
    const { filters, ignored } = exportFilters(view);
    expect(filters).toEqual({ status: "open", severity: "critical", asset: "shop-api", q: "ssl" });
    expect(ignored).toEqual([]);
    expect(vulnExportQuery.parse({ ...filters, format: "csv" })).toEqual({
      ...filters,
      format: "csv",
    });
  });

  it("drops the status filter for any status, and names filters the export cannot apply", () => {
    const view = findingsViewFromParams(new URLSearchParams("status=all&kev=true"));
    expect(exportFilters(view)).toEqual({ filters: {}, ignored: ["KEV"] });
  });

  it("names the file after the time of the export", () => {
    expect(exportFileName("csv", new Date("2026-06-01T12:00:00Z"))).toBe(
      "findings-2026-06-01-12-00-00.csv",
    );
  });
});
