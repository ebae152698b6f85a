import { describe, expect, it } from "vitest";
import type { VulnDashboard } from "@infrasec/contracts";
import {
  burndownDescription,
  complianceDescription,
  complianceRows,
  dashboardFiltersFromParams,
  dashboardHref,
  dashboardParamsFromFilters,
  findingsHref,
  mttrDescription,
  mttrSeries,
  openByAgeBars,
  openByAgeDescription,
  severitiesPresent,
} from "./dashboard-view";

const zero = { critical: 0, high: 0, medium: 0, low: 0, info: 0 };
const row = (key: string | null, met: number, missed: number, openBreached: number) => ({
  key,
  met,
  missed,
  openBreached,
  compliancePct:
    met + missed + openBreached === 0 ? null : (100 * met) / (met + missed + openBreached),
});

const dash: VulnDashboard = {
  generatedAt: "2026-11-25T12:00:00.000Z",
  scope: {
    asset: null,
    team: null,
    days: 90,
    months: 3,
    since: "2026-08-27T00:00:00.000Z",
    asOf: "2026-11-25T12:00:00.000Z",
  },
  totals: {
    open: 6,
    breached: 2,
    dueSoon: 1,
    onTrack: 2,
    noSla: 1,
    resolvedInWindow: 4,
    detectedInWindow: 7,
    openBySeverity: { ...zero, critical: 2, high: 3, medium: 1 },
  },
  openByAge: {
    buckets: ["0-7", "8-30", "31-90", "91-180", "181+"],
    rows: [
      { severity: "critical", counts: [1, 0, 1, 0, 0], total: 2 },
      { severity: "high", counts: [0, 2, 0, 1, 0], total: 3 },
      { severity: "medium", counts: [0, 0, 0, 0, 1], total: 1 },
      { severity: "low", counts: [0, 0, 0, 0, 0], total: 0 },
      { severity: "info", counts: [0, 0, 0, 0, 0], total: 0 },
    ],
  },
  slaCompliance: {
    windowDays: 90,
    overall: row(null, 3, 1, 2),
    bySeverity: [row("critical", 1, 1, 0), row("high", 2, 0, 2)],
    byTeam: [row("payments", 3, 1, 1), row(null, 0, 0, 1)],
    byAssetKind: [row("container_image", 3, 1, 2)],
  },
  mttr: [
    { month: "2026-09", severity: "critical", resolved: 1, meanDays: 12 },
    { month: "2026-09", severity: "high", resolved: 0, meanDays: null },
    { month: "2026-10", severity: "critical", resolved: 0, meanDays: null },
    { month: "2026-10", severity: "high", resolved: 2, meanDays: 20.5 },
    { month: "2026-11", severity: "critical", resolved: 1, meanDays: 3 },
    { month: "2026-11", severity: "high", resolved: 0, meanDays: null },
  ],
  dueNext7Days: [{ ownerTeam: "payments", total: 1, bySeverity: { ...zero, high: 1 } }],
  burndown: [
    { day: "2026-11-23", open: 5, detected: 0, closed: 0 },
    { day: "2026-11-24", open: 7, detected: 3, closed: 1 },
    { day: "2026-11-25", open: 6, detected: 0, closed: 1 },
  ],
};

describe("dashboard filters in the URL", () => {
  it("reads known windows and trimmed text, and leaves defaults out of links", () => {
    const f = dashboardFiltersFromParams(new URLSearchParams("asset=%20shop%20&days=30&team="));
    expect(f).toEqual({ asset: "shop", team: undefined, days: 30 });
    expect(dashboardFiltersFromParams(new URLSearchParams("days=12")).days).toBe(90);
    expect(dashboardParamsFromFilters({ days: 90 }).toString()).toBe("");
    expect(dashboardHref({ team: "payments", days: 180 })).toBe(
      "/vulnerabilities/dashboard?team=payments&days=180",
    );
  });
});

describe("links from numbers to the findings list", () => {
  it("opens the open findings of the dashboard's asset with the number's filter", () => {
    expect(findingsHref({ days: 90 })).toBe("/vulnerabilities/findings");
    expect(findingsHref({ asset: "shop-api", days: 90 }, { severity: "critical" })).toBe(
      "/vulnerabilities/findings?asset=shop-api&severity=critical",
    );
    expect(findingsHref({ days: 30 }, { sla: "breached", sort: "slaDue" })).toBe(
      "/vulnerabilities/findings?sla=breached&sort=slaDue",
    );
  });

  it("gives no link under a team filter, which the findings list cannot apply", () => {
    expect(findingsHref({ team: "payments", days: 90 }, { severity: "high" })).toBeUndefined();
  });
});

describe("dashboard data for the charts", () => {
  it("stacks open findings per age bucket by severity", () => {
    const bars = openByAgeBars(dash);
    expect(bars.map((b) => b.label)).toEqual(["0-7 d", "8-30 d", "31-90 d", "91-180 d", "181+ d"]);
    expect(bars[3]?.values).toEqual({ critical: 0, high: 1, medium: 0, low: 0, info: 0 });
    expect(severitiesPresent(dash)).toEqual(["critical", "high", "medium"]);
    expect(openByAgeDescription(dash)).toBe(
      "6 open findings by days since first detection. 0-7 days: 1; 8-30 days: 2; " +
        "31-90 days: 1; 91-180 days: 1; 181+ days: 1.",
    );
  });

  it("labels compliance rows and says the numbers behind each percentage", () => {
    expect(complianceRows(dash.slaCompliance.byTeam, "team")).toEqual([
      { key: "payments", label: "payments", percent: 60 },
      { key: "", label: "(no owner team)", percent: 0 },
    ]);
    expect(complianceRows(dash.slaCompliance.byAssetKind, "kind")[0]?.label).toBe(
      "container image",
    );
    expect(complianceDescription(dash.slaCompliance.bySeverity, "severity")).toBe(
      "critical: 50 % (1 met, 1 missed, 0 open past due); high: 50 % (2 met, 0 missed, 2 open past due)",
    );
    expect(complianceDescription([], "team")).toBe(
      "No finding was due or closed in the window, by team.",
    );
  });

  it("draws MTTR per severity over the months with gaps where nothing was fixed", () => {
    const m = mttrSeries(dash);
    expect(m.months).toEqual(["2026-09", "2026-10", "2026-11"]);
    expect(m.severities).toEqual(["critical", "high"]);
    expect(m.lines).toEqual([
      { key: "critical", values: [12, null, 3] },
      { key: "high", values: [null, 20.5, null] },
    ]);
    expect(m.resolved.get("2026-10|high")).toBe(2);
    expect(mttrDescription(m)).toBe("critical: 2026-09 12 d, 2026-11 3 d; high: 2026-10 20.5 d");
  });

  it("describes the burndown in words", () => {
    expect(burndownDescription(dash)).toBe(
      "Open findings at the end of each day from 2026-11-23 to 2026-11-25: 5 at the start, " +
        "6 on the last day; 3 detected and 2 closed in between.",
    );
    expect(burndownDescription({ ...dash, burndown: [] })).toBe("No days in the window.");
  });
});
