import { describe, expect, it } from "vitest";
import {
  alertsApiQuery,
  alertsParamsFromView,
  alertsViewFromParams,
  hasAlertFilters,
  hasRuleFilters,
  rulesApiQuery,
  rulesParamsFromView,
  rulesViewFromParams,
  suppressionsParamsFromView,
  suppressionsViewFromParams,
} from "./monitoring-query";

const p = (s: string) => new URLSearchParams(s);
const NOW = Date.parse("2026-11-26T12:00:00.000Z");

describe("alert queue URL", () => {
  it("opens on open alerts, newest activity first, with short links", () => {
    const view = alertsViewFromParams(p(""));
    expect(view).toMatchObject({ status: "open", sort: "-lastSeen", limit: 50, offset: 0 });
    expect(hasAlertFilters(view)).toBe(false);
    expect(alertsParamsFromView(view).toString()).toBe("");
    expect(alertsApiQuery(view, NOW)).toEqual({
      status: "open",
      sort: "-lastSeen",
      limit: 50,
      offset: 0,
    });
  });

  it("keeps valid filters and drops bad ones", () => {
    const view = alertsViewFromParams(
      p(
        "status=acknowledged&level=high&minLevel=bogus&ruleId=r-1&host=web-1&assetId=nope&q=%20shell%20&range=24h&escalated=true&sort=count&limit=9999&offset=-1",
      ),
    );
    expect(view).toEqual({
      status: "acknowledged",
      level: "high",
      minLevel: undefined,
      ruleId: "r-1",
      host: "web-1",
      assetId: undefined,
      q: "shell",
      range: "24h",
      from: undefined,
      to: undefined,
      escalated: "true",
      sort: "count",
      limit: 50,
      offset: 0,
    });
    expect(hasAlertFilters(view)).toBe(true);
    const round = alertsViewFromParams(alertsParamsFromView(view));
    expect(round).toEqual(view);
  });

  it("lists every status with status=all", () => {
    const view = alertsViewFromParams(p("status=all"));
    expect(view.status).toBe("all");
    expect(alertsParamsFromView(view).get("status")).toBe("all");
    expect(alertsApiQuery(view, NOW)).not.toHaveProperty("status");
  });

  it("turns the time range into timestamps when the list loads", () => {
    const q = alertsApiQuery(alertsViewFromParams(p("range=1h")), NOW);
    expect(q.from).toBe("2026-11-26T11:00:00.000Z");
    const days = alertsApiQuery(alertsViewFromParams(p("from=2026-11-01&to=2026-11-20")), NOW);
    expect(days.from).toBe("2026-11-01T00:00:00.000Z");
    expect(days.to).toBe("2026-11-20T23:59:59.999Z");
    // The later of a range and an explicit start wins.
    const both = alertsApiQuery(alertsViewFromParams(p("range=30d&from=2026-11-25")), NOW);
    expect(both.from).toBe("2026-11-25T00:00:00.000Z");
    expect(alertsViewFromParams(p("from=yesterday")).from).toBeUndefined();
  });

  it("accepts an asset id that is a UUID", () => {
    const id = "0193a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b";
    expect(alertsViewFromParams(p(`assetId=${id}`)).assetId).toBe(id);
  });
});

describe("rule catalogue URL", () => {
  it("keeps filters and pages, drops defaults", () => {
    const view = rulesViewFromParams(
      p("q=shell&origin=user&enabled=false&level=critical&limit=100"),
    );
    expect(view).toEqual({
      q: "shell",
      origin: "user",
      enabled: "false",
      level: "critical",
      limit: 100,
      offset: 0,
    });
    expect(rulesParamsFromView(view).toString()).toBe(
      "q=shell&origin=user&enabled=false&level=critical",
    );
    expect(hasRuleFilters(rulesViewFromParams(p("origin=other")))).toBe(false);
    expect(rulesApiQuery(rulesViewFromParams(p("")))).toEqual({ limit: 100, offset: 0 });
  });
});

describe("suppressions URL", () => {
  it("round-trips the rule and the expired switch", () => {
    const view = suppressionsViewFromParams(p("ruleId=abc&includeExpired=true"));
    expect(view).toEqual({ ruleId: "abc", includeExpired: true });
    expect(suppressionsParamsFromView(view).toString()).toBe("ruleId=abc&includeExpired=true");
    expect(suppressionsViewFromParams(p("includeExpired=yes")).includeExpired).toBe(false);
  });
});
