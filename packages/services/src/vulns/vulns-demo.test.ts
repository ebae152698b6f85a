import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ManualClock, systemActor } from "@infrasec/core";
import type { Clock } from "@infrasec/core";
import { parseReport } from "@infrasec/engines/vulns";
import { forEachDialect, type TestDatabase } from "@infrasec/storage/testing";
import { createServices, type Services } from "../create-services";
import type { Ctx } from "../shared/service-context";
import { loadDemoData } from "../work/demo-load";
import {
  DEMO_EXCEPTIONS,
  DEMO_HISTORY_DAYS,
  DEMO_VULNS,
  DEMO_VULN_ASSETS,
} from "./vulns-demo-content";
import { demoReport, scanDays, vulnsSeenOn } from "./vulns-demo-reports";
import { historyStart } from "./vulns-demo";

const admin: Ctx = { actor: systemActor, requestId: "test" };
const NOW = "2026-11-25T12:00:00.000Z";

describe("vulnerability demo content", () => {
  it("parses every table row into a finding of a demo asset", () => {
    expect(DEMO_VULNS).toHaveLength(32);
    const keys = new Set(DEMO_VULN_ASSETS.map((a) => a.key));
    for (const v of DEMO_VULNS) {
      expect(keys.has(v.asset)).toBe(true);
      expect(v.vector).toMatch(/^CVSS:3\.1\//);
      if (v.until !== undefined) expect(v.until).toBeGreaterThan(v.from);
    }
    // openssl's three Debian advisories share one fixed version: one fix action.
    expect(DEMO_VULNS.filter((v) => v.pkg === "openssl").map((v) => v.fixed)).toEqual([
      "3.0.13-1~deb12u1",
      "3.0.13-1~deb12u1",
      "3.0.13-1~deb12u1",
    ]);
  });

  it("writes reports the engine parses into exactly the findings of the day", () => {
    const at = new Date(NOW);
    for (const a of DEMO_VULN_ASSETS) {
      for (const day of scanDays(a.key)) {
        const r = demoReport(a, day, at);
        const parsed = parseReport(r.content, { format: r.format, asset: a.key });
        const ids = parsed.records.map((x) => x.reportedId).sort();
        expect(ids).toEqual(
          vulnsSeenOn(a.key, day)
            .map((v) => v.id)
            .sort(),
        );
      }
    }
    expect(scanDays("demo-shop-api-image")).toEqual([0, 20, 30, 60, 90, 100, 119]);
  });

  it("starts the history at 09:00 UTC, 120 days back", () => {
    expect(historyStart(new Date(NOW)).toISOString()).toBe("2026-07-28T09:00:00.000Z");
  });
});

forEachDialect(({ open }) => {
  let db: TestDatabase;
  let s: Services;
  let clock: ManualClock;
  const at = (c: Clock) => createServices({ store: db.store, clock: c });
  beforeEach(async () => {
    db = await open();
    clock = new ManualClock(NOW);
    s = createServices({ store: db.store, clock });
  });
  afterEach(() => db.cleanup());

  it("replays 120 days of scans, triage, exceptions and feeds, once", async () => {
    const r = await loadDemoData(s, clock, admin, at);
    const v = r.vulns!;
    expect(v.alreadyLoaded).toBe(false);
    expect(v.assets.map((a) => [a.key, a.created])).toEqual(
      DEMO_VULN_ASSETS.map((a) => [a.key, true]),
    );
    expect(v.imports).toBe(DEMO_VULN_ASSETS.reduce((n, a) => n + scanDays(a.key).length, 0));
    expect(v.exceptions).toEqual([
      { vulnId: "CVE-2024-1086", status: "approved" },
      { vulnId: "CVE-2023-45853", status: "requested" },
    ]);
    // Seen on the last day, minus the kernel finding the approved deviation dismissed.
    const lastDay = DEMO_VULN_ASSETS.flatMap((a) => vulnsSeenOn(a.key, DEMO_HISTORY_DAYS - 1));
    expect(lastDay).toHaveLength(16);
    expect(v.openFindings).toBe(15);

    const kernel = await s.vulns.listFindings(admin, {
      vulnId: "CVE-2024-1086",
      sort: "-severity",
      limit: 5,
      offset: 0,
    });
    expect(kernel.items.map((f) => [f.status, f.dismissalReason])).toEqual([
      ["dismissed", "mitigating_control"],
    ]);

    // Fixed by absence from a covering re-scan, on the day the table says.
    const log4j = await s.vulns.listFindings(admin, {
      vulnId: "CVE-2021-44228",
      sort: "-severity",
      limit: 5,
      offset: 0,
    });
    const start = historyStart(new Date(NOW)).getTime();
    expect(log4j.items[0]).toMatchObject({ status: "resolved", resolution: "absent" });
    expect(Date.parse(log4j.items[0]!.resolvedAt!)).toBe(start + 10 * 86_400_000);
    expect(Date.parse(log4j.items[0]!.firstSeenAt)).toBe(start);

    // KEV and EPSS came through the enrichment service.
    const kev = await s.vulns.listFindings(admin, {
      status: "open",
      kev: "true",
      sort: "-priority",
      limit: 50,
      offset: 0,
    });
    expect(kev.items.map((f) => f.vulnId).sort()).toEqual(["CVE-2023-44487"]);
    const status = await s.vulnEnrichment.status(admin);
    expect(status.epss?.recordCount).toBeGreaterThan(10);
    expect(status.kev?.recordCount).toBe(6);

    // The dashboard has history: fixes in several months, SLA events, a burndown.
    const dash = await s.vulnMetrics.dashboard(admin, { days: 180, months: 6 });
    expect(dash.totals.open).toBe(15);
    expect(dash.mttr.filter((m) => m.resolved > 0).length).toBeGreaterThan(3);
    expect(dash.slaCompliance.overall.met).toBeGreaterThan(0);
    expect(dash.slaCompliance.overall.missed).toBeGreaterThan(0);
    const breached = await s.vulnSla.events(admin, { kind: "breached", limit: 100 });
    expect(breached.items.length).toBeGreaterThan(0);
    const fixes = await s.vulnEnrichment.fixActions(admin, { limit: 50, offset: 0 });
    const openssl = fixes.items.find((f) => f.package === "openssl");
    expect(openssl).toMatchObject({
      fixedVersion: "3.0.13-1~deb12u1",
      findingCount: 3,
      assetCount: 1,
    });

    // A second run writes nothing.
    const auditBefore = (await s.audit.list(admin, {}, 1)).items[0]?.seq;
    const again = await loadDemoData(s, clock, admin, at);
    expect(again.vulns?.alreadyLoaded).toBe(true);
    expect((await s.audit.list(admin, {}, 1)).items[0]?.seq).toBe(auditBefore);
    const all = await s.vulns.listFindings(admin, { sort: "-severity", limit: 500, offset: 0 });
    expect(all.total).toBe(DEMO_VULNS.length);
    expect(DEMO_EXCEPTIONS).toHaveLength(2);
  });
});
