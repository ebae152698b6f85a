import { afterEach, beforeEach, expect, it } from "vitest";
import type { VulnDashboard } from "@infrasec/contracts";
import { forEachDialect, type TestDatabase } from "@infrasec/storage/testing";
import { bearer, createTestServer, type TestServer } from "../testing/test-server";

/**
 * SLA sweeps, SLA events and the dashboard through the real app on both dialects, with the
 * test clock: each transition is recorded once however often the sweep runs, and every
 * dashboard number is checked against a small history built by hand.
 */

const T0 = Date.parse("2026-11-25T12:00:00.000Z");
const DAY = 86_400_000;
const at = (day: number) => new Date(T0 + day * DAY).toISOString();

interface Finding {
  id: string;
  vulnId: string;
  severity: string;
  assetKey: string;
}
interface SweepResult {
  changed: number;
  examined: number;
  events: { due_soon: number; breached: number; met: number; missed: number };
}
interface SlaEventPage {
  items: {
    kind: string;
    vulnId: string;
    severity: string;
    assetKey: string;
    ownerTeam: string | null;
    slaDueAt: string | null;
    status: string;
  }[];
  nextCursor: string | null;
}

/** A Trivy report with vulnerabilities `ids`; severity by i % 4: low, medium, high, critical. */
function trivy(ids: number[]): string {
  return JSON.stringify({
    SchemaVersion: 2,
    Trivy: { Version: "0.58.0" },
    ArtifactName: "registry.example.com/shop/api:1",
    ArtifactType: "container_image",
    Results: [
      {
        Target: "registry.example.com/shop/api:1 (debian 12.5)",
        Class: "os-pkgs",
        Type: "debian",
        Vulnerabilities: ids.map((i) => ({
          VulnerabilityID: `CVE-2024-${String(1000 + i)}`,
          PkgName: `pkg${i}`,
          InstalledVersion: `1.0.${i}`,
          FixedVersion: `1.0.${i + 1}`,
          Status: "fixed",
          Severity: ["LOW", "MEDIUM", "HIGH", "CRITICAL"][i % 4],
        })),
      },
    ],
  });
}

forEachDialect(({ open }) => {
  let db: TestDatabase;
  let t: TestServer;
  let admin: Record<string, string>;
  let viewer: Record<string, string>;

  beforeEach(async () => {
    db = await open();
    t = await createTestServer(db);
    admin = bearer(await t.tokenFor("admin"));
    viewer = bearer(await t.tokenFor("viewer"));
    for (const [key, kind, ownerTeam] of [
      ["shop-a", "container_image", "platform"],
      ["host-b", "host", "infra"],
    ] as const) {
      const res = await t.app.inject({
        method: "POST",
        url: "/api/v1/assets",
        headers: admin,
        payload: { key, name: key, kind, ownerTeam, criticality: 2, exposure: "internal" },
      });
      expect(res.statusCode, res.body).toBe(201);
    }
  });
  afterEach(async () => {
    await t.services.vulns.idle();
    await t.close();
    await db.cleanup();
  });

  async function call<T>(
    method: "GET" | "POST",
    url: string,
    headers = admin,
    payload?: object,
  ): Promise<T> {
    const res = await t.app.inject({ method, url, headers, ...(payload ? { payload } : {}) });
    expect(res.statusCode, `${method} ${url}: ${res.body}`).toBeLessThan(300);
    return res.json<T>();
  }

  async function importAt(day: number, asset: string, ids: number[]): Promise<void> {
    t.clock.set(at(day));
    const res = await t.app.inject({
      method: "POST",
      url: "/api/v1/vulns/imports",
      headers: admin,
      payload: { content: trivy(ids), asset, scanner: "trivy" },
    });
    expect(res.statusCode, res.body).toBe(202);
    await t.services.vulns.idle();
  }

  async function finding(asset: string, i: number): Promise<Finding> {
    const page = await call<{ items: Finding[] }>(
      "GET",
      `/api/v1/vulns/findings?asset=${asset}&vulnId=CVE-2024-${1000 + i}`,
    );
    expect(page.items).toHaveLength(1);
    return page.items[0]!;
  }

  async function setStatus(day: number, asset: string, i: number, body: object): Promise<void> {
    t.clock.set(at(day));
    const f = await finding(asset, i);
    await call("POST", `/api/v1/vulns/findings/${f.id}/status`, admin, body);
  }

  const sweep = () => call<SweepResult>("POST", "/api/v1/vulns/sla/sweep");
  const events = (query = "") =>
    call<SlaEventPage>("GET", `/api/v1/vulns/sla/events?${query}`, viewer);

  it("records due-soon, breached and missed once per transition, however often it sweeps", async () => {
    await importAt(0, "shop-a", [0, 1, 2, 3]);
    // First sweep: every clock on track, no event.
    expect(await sweep()).toMatchObject({
      changed: 4,
      events: { due_soon: 0, breached: 0, met: 0, missed: 0 },
    });
    expect(await sweep()).toMatchObject({ changed: 0, examined: 0 });

    // Day 24: high and critical (30 days) are within the 7-day warning window.
    t.clock.set(at(24));
    expect((await sweep()).events).toEqual({ due_soon: 2, breached: 0, met: 0, missed: 0 });
    expect(await sweep()).toMatchObject({ changed: 0, events: { due_soon: 0 } });
    const soon = await events();
    expect(soon.items.map((e) => [e.kind, e.severity].join(" ")).sort()).toEqual([
      "due_soon critical",
      "due_soon high",
    ]);
    expect(soon.items[0]).toMatchObject({
      assetKey: "shop-a",
      ownerTeam: "platform",
      slaDueAt: at(30),
      status: "detected",
    });

    // Just past the due date: breached, once.
    t.clock.set(new Date(T0 + 30 * DAY + 1).toISOString());
    expect((await sweep()).events).toEqual({ due_soon: 0, breached: 2, met: 0, missed: 0 });
    expect((await sweep()).changed).toBe(0);
    const all = await events();
    expect(all.items.map((e) => e.kind)).toEqual(["breached", "breached", "due_soon", "due_soon"]);
    const first = await events("limit=3");
    expect(first.items).toHaveLength(3);
    expect(first.nextCursor).not.toBeNull();
    const second = await events(`limit=3&cursor=${first.nextCursor}`);
    expect(second.items.map((e) => e.kind)).toEqual(["due_soon"]);
    expect(second.nextCursor).toBeNull();
    expect((await events("severity=critical")).items).toHaveLength(2);
    expect((await events("team=infra")).items).toHaveLength(0);

    // Deliveries see the same transitions on the outbound stream.
    const outbound = await call<{ items: { type: string; payload: Record<string, unknown> }[] }>(
      "GET",
      "/api/v1/events?limit=500",
    );
    const sla = outbound.items.filter((e) => e.type.startsWith("vulns.sla."));
    expect(sla.map((e) => e.type).sort()).toEqual([
      "vulns.sla.breached",
      "vulns.sla.breached",
      "vulns.sla.due_soon",
      "vulns.sla.due_soon",
    ]);
    expect(sla[0]!.payload).toMatchObject({ assetKey: "shop-a", ownerTeam: "platform" });

    // Fixed late: missed, recorded by the next sweep.
    await setStatus(31, "shop-a", 3, { status: "resolved", comment: "patched" });
    t.clock.advance(60_000);
    expect((await sweep()).events).toEqual({ due_soon: 0, breached: 0, met: 0, missed: 1 });
    expect((await events("kind=missed")).items.map((e) => e.vulnId)).toEqual(["CVE-2024-1003"]);
    const crit = await finding("shop-a", 3);
    const detail = await call<{ history: { kind: string }[] }>(
      "GET",
      `/api/v1/vulns/findings/${crit.id}`,
    );
    expect(detail.history.map((h) => h.kind)).toEqual([
      "detected",
      "sla_due_soon",
      "sla_breached",
      "status",
      "sla_missed",
    ]);

    // Permissions and input checks.
    const denied = await t.app.inject({
      method: "POST",
      url: "/api/v1/vulns/sla/sweep",
      headers: viewer,
    });
    expect(denied.statusCode).toBe(403);
    const bad = await t.app.inject({
      url: "/api/v1/vulns/sla/events?cursor=bm90LWEtY3Vyc29y",
      headers: viewer,
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain("cursor");
  });

  it("computes the dashboard exactly on a constructed history", async () => {
    // shop-a (platform, image): low 0, medium 1, high 2, critical 3 at day 0.
    await importAt(0, "shop-a", [0, 1, 2, 3]);
    // host-b (infra, host): low 4, medium 5, high 6, critical 7 at day 10.
    await importAt(10, "host-b", [4, 5, 6, 7]);
    await setStatus(12, "shop-a", 2, { status: "resolved", comment: "patched" }); // met, 12 d
    await setStatus(20, "host-b", 4, {
      status: "dismissed",
      reason: "false_positive",
      comment: "not reachable",
    });
    await setStatus(35, "host-b", 7, { status: "resolved", comment: "patched" }); // met, 25 d
    await importAt(44, "host-b", [5, 6, 8]); // a new low finding; the others stay as they are
    await setStatus(45, "host-b", 6, { status: "resolved", comment: "patched" }); // missed, 35 d
    // The fleet and team views read the daily summary the sweep refreshes.
    t.clock.advance(60_000);
    await sweep();

    const d = await call<VulnDashboard>("GET", "/api/v1/vulns/dashboard?days=90&months=3", viewer);
    expect(d.scope.asOf).toBe(new Date(T0 + 45 * DAY + 60_000).toISOString());
    expect(d.totals).toEqual({
      open: 5,
      breached: 1,
      dueSoon: 0,
      onTrack: 4,
      noSla: 0,
      resolvedInWindow: 3,
      detectedInWindow: 9,
      openBySeverity: { critical: 1, high: 0, medium: 2, low: 2, info: 0 },
    });
    expect(d.openByAge).toEqual({
      buckets: ["0-7", "8-30", "31-90", "91-180", "181+"],
      rows: [
        { severity: "critical", counts: [0, 0, 1, 0, 0], total: 1 },
        { severity: "high", counts: [0, 0, 0, 0, 0], total: 0 },
        { severity: "medium", counts: [0, 0, 2, 0, 0], total: 2 },
        { severity: "low", counts: [1, 0, 1, 0, 0], total: 2 },
        { severity: "info", counts: [0, 0, 0, 0, 0], total: 0 },
      ],
    });
    const row = (
      key: string | null,
      met: number,
      missed: number,
      ob: number,
      pct: number | null,
    ) => ({
      key,
      met,
      missed,
      openBreached: ob,
      compliancePct: pct,
    });
    expect(d.slaCompliance).toEqual({
      windowDays: 90,
      overall: row(null, 2, 1, 1, 50),
      bySeverity: [
        row("critical", 1, 0, 1, 50),
        row("high", 1, 1, 0, 50),
        row("medium", 0, 0, 0, null),
        row("low", 0, 0, 0, null),
      ],
      byTeam: [row("infra", 1, 1, 0, 50), row("platform", 1, 0, 1, 50)],
      byAssetKind: [row("container_image", 1, 0, 1, 50), row("host", 1, 1, 0, 50)],
    });
    const mttr = (d.mttr as { month: string; severity: string; resolved: number }[]).filter(
      (m) => m.resolved > 0,
    );
    expect(mttr).toEqual([
      { month: "2026-12", severity: "critical", resolved: 1, meanDays: 25 },
      { month: "2026-12", severity: "high", resolved: 1, meanDays: 12 },
      { month: "2027-01", severity: "high", resolved: 1, meanDays: 35 },
    ]);
    expect(d.mttr).toHaveLength(15);
    expect(d.dueNext7Days).toEqual([]);

    const burn = new Map(
      (d.burndown as { day: string; open: number; detected: number; closed: number }[]).map((b) => [
        b.day,
        [b.open, b.detected, b.closed],
      ]),
    );
    expect(burn.size).toBe(90);
    expect(d.burndown[0]).toEqual({ day: "2026-10-12", open: 0, detected: 0, closed: 0 });
    expect(burn.get("2026-11-25")).toEqual([4, 4, 0]);
    expect(burn.get("2026-12-05")).toEqual([8, 4, 0]);
    expect(burn.get("2026-12-07")).toEqual([7, 0, 1]);
    expect(burn.get("2026-12-15")).toEqual([6, 0, 1]);
    expect(burn.get("2026-12-30")).toEqual([5, 0, 1]);
    expect(burn.get("2027-01-08")).toEqual([6, 1, 0]);
    expect(burn.get("2027-01-09")).toEqual([5, 0, 1]);

    // Scopes: one team's assets, one asset.
    const infra = await call<VulnDashboard>("GET", "/api/v1/vulns/dashboard?team=infra", viewer);
    expect(infra.totals.open).toBe(2);
    expect(infra.slaCompliance.overall).toEqual(row(null, 1, 1, 0, 50));
    const shop = await call<VulnDashboard>("GET", "/api/v1/vulns/dashboard?asset=shop-a", viewer);
    expect(shop.scope.asset).toMatchObject({ key: "shop-a" });
    expect(shop.totals.open).toBe(3);
    expect(shop.slaCompliance.overall).toEqual(row(null, 1, 0, 1, 50));
    expect(shop.burndown.at(-1)).toEqual({ day: "2027-01-09", open: 3, detected: 0, closed: 0 });
    expect(shop.totals.openBySeverity).toEqual({
      critical: 1,
      high: 0,
      medium: 1,
      low: 1,
      info: 0,
    });

    // Day 84: shop-a's medium (due day 90) is due within 7 days.
    t.clock.set(at(84));
    await sweep();
    const later = await call<VulnDashboard>("GET", "/api/v1/vulns/dashboard", viewer);
    expect(later.dueNext7Days).toEqual([
      {
        ownerTeam: "platform",
        total: 1,
        bySeverity: { critical: 0, high: 0, medium: 1, low: 0, info: 0 },
      },
    ]);
    const missing = await t.app.inject({
      url: "/api/v1/vulns/dashboard?asset=nope",
      headers: viewer,
    });
    expect(missing.statusCode).toBe(404);
    const tooLong = await t.app.inject({
      url: "/api/v1/vulns/dashboard?days=400",
      headers: viewer,
    });
    expect(tooLong.statusCode).toBe(400);
    expect(tooLong.body).toContain("days");
  });
});
