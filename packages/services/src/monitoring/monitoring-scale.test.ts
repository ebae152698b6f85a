import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ManualClock, systemActor, type Actor } from "@infrasec/core";
import { forEachDialect, type TestDatabase } from "@infrasec/storage/testing";
import type { Ctx } from "../shared/service-context";
import { createMonitoringService, type MonitoringService } from "./monitoring-service";

/**
 * Timer-driven correlation flush of the embedded pipeline (fake clock, bounded lateness) and
 * alert retention (settings, batched sweep, audit), on both dialects.
 */

const ctx: Ctx = { actor: systemActor };
const BASE = `title: Curl download (flush test)
id: 8d3b7a10-5d7c-4c11-9a0e-0000000000b1
name: flush_curl
level: low
logsource: { product: linux, category: process_creation }
detection:
  selection: { CommandLine|contains: 'curl -sSL' }
  condition: selection`;
const FEW = `title: At most two curl runs per user and minute (flush test)
id: 8d3b7a10-5d7c-4c11-9a0e-0000000000b2
level: medium
correlation:
  type: event_count
  rules: [flush_curl]
  group-by: [User]
  timespan: 1m
  condition: { lte: 2 }`;

const ecs = (host: string, ts: string) =>
  JSON.stringify({
    "@timestamp": ts,
    host: { name: host },
    user: { name: `u-${host}` },
    process: { executable: "/usr/bin/curl", command_line: "curl -sSL http://203.0.113.9/x" },
  });

forEachDialect(({ open }) => {
  let db: TestDatabase;
  let clock: ManualClock;
  let m: MonitoringService;
  beforeEach(async () => {
    db = await open();
    clock = new ManualClock("2026-11-25T10:00:30.000Z");
    m = createMonitoringService({ store: db.store, clock }, { allowedLatenessMs: 30_000 });
  });
  afterEach(async () => {
    await db.cleanup();
  });

  describe("timer-driven correlation flush", () => {
    beforeEach(async () => {
      await m.uploadRule(ctx, BASE, true);
      await m.uploadRule(ctx, FEW, true);
    });
    const correlated = async () =>
      (
        await m.listAlerts(ctx, {
          ruleId: "8d3b7a10-5d7c-4c11-9a0e-0000000000b2",
          sort: "firstSeen",
          limit: 10,
          offset: 0,
        })
      ).items;

    it("closes a window with no later event once now passes its end plus the lateness", async () => {
      const r = await m.ingest(ctx, {
        lines: [ecs("web-1", "2026-11-25T10:00:00Z"), ecs("web-1", "2026-11-25T10:00:20Z")],
        source: "json",
      });
      expect(r.matches).toBe(0); // an upper bound is only known when the window closes
      // Window [10:00:00, 10:01:00) + 30 s lateness: still open at 10:01:29.
      clock.set("2026-11-25T10:01:29.000Z");
      expect(await m.flushCorrelations()).toMatchObject({ matches: 0 });
      expect(await correlated()).toEqual([]);
      clock.set("2026-11-25T10:01:30.000Z");
      expect(await m.flushCorrelations()).toMatchObject({ matches: 1, created: 1 });
      const [a] = await correlated();
      expect(a).toMatchObject({ count: 1, host: "web-1" });
      expect(a!.correlation).toMatchObject({ count: 2, group: { User: "u-web-1" } });
      // Idempotent: a second round finds nothing left to close.
      expect(await m.flushCorrelations()).toMatchObject({ matches: 0 });
      expect((await m.status(ctx)).counters.timerMatches).toBe(1);
    });

    it("counts a straggler older than the flushed watermark as late instead of reopening", async () => {
      await m.ingest(ctx, { lines: [ecs("web-2", "2026-11-25T10:00:00Z")], source: "json" });
      clock.set("2026-11-25T10:05:00.000Z");
      await m.flushCorrelations();
      await m.ingest(ctx, { lines: [ecs("web-2", "2026-11-25T10:00:10Z")], source: "json" });
      clock.set("2026-11-25T10:10:00.000Z");
      expect(await m.flushCorrelations()).toMatchObject({ matches: 0 });
      expect((await correlated()).map((a) => a.correlation?.count)).toEqual([1]);
    });
  });

  describe("retention", () => {
    const admin: Ctx = { actor: systemActor };
    const viewer: Ctx = {
      actor: { kind: "user", userId: null, username: "v", role: "viewer" } satisfies Actor,
    };
    const RULE = BASE.replace("name: flush_curl\n", "");

    async function alertAt(host: string, ts: string) {
      const r = await m.ingest(ctx, { lines: [ecs(host, ts)], source: "json" });
      return r.alerts.ids[0]!;
    }

    it("has defaults, audits changes and refuses readers", async () => {
      expect(await m.getRetention(viewer)).toMatchObject({
        closedAlertDays: 90,
        eventDays: 30,
        updatedAt: null,
      });
      await expect(
        m.setRetention(viewer, { closedAlertDays: 1, eventDays: 1 }),
      ).rejects.toMatchObject({ code: "forbidden" });
      const s = await m.setRetention(admin, { closedAlertDays: 10, eventDays: 5 });
      expect(s).toMatchObject({ closedAlertDays: 10, eventDays: 5, updatedBy: "system" });
      const [ev] = await db.store.audit.list({ targetType: "monitoring_settings" }, 10);
      expect(ev).toMatchObject({ action: "monitoring.retention.set" });
    });

    it("deletes closed alerts after their days and old kept events, in batches", async () => {
      await m.uploadRule(ctx, RULE, true);
      await m.setRetention(admin, { closedAlertDays: 10, eventDays: 5 });
      const oldResolved = await alertAt("h-old", "2026-11-01T10:00:00Z");
      const oldOpen = await alertAt("h-open", "2026-11-01T10:00:00Z");
      const recent = await alertAt("h-new", "2026-11-25T09:00:00Z");
      clock.set("2026-11-02T00:00:00.000Z");
      await m.setAlertStatus(admin, oldResolved, "resolved", "done");
      clock.set("2026-11-13T00:00:00.000Z"); // resolved 11 days ago
      await m.setAlertStatus(admin, recent, "false_positive");
      const r = await m.sweepRetention(admin);
      expect(r).toEqual({ alerts: 1, events: 1 }); // oldResolved; oldOpen's event (12 d old)
      expect(await db.store.monitoring.alerts.get(oldResolved)).toBeNull();
      expect(await db.store.monitoring.alerts.get(oldOpen)).not.toBeNull();
      expect(await db.store.monitoring.alerts.listEvents(oldOpen)).toEqual([]);
      expect(await db.store.monitoring.alerts.get(recent)).not.toBeNull();
      expect(await db.store.monitoring.alerts.listEvents(recent)).toHaveLength(1);
      const [ev] = await db.store.audit.list({ targetType: "monitoring_settings" }, 1);
      expect(ev).toMatchObject({ action: "monitoring.retention.sweep" });
      expect(await m.sweepRetention(admin)).toEqual({ alerts: 0, events: 0 });
    });
  });
});
