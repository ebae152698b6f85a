import { afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { ManualClock, newId, systemActor } from "@infrasec/core";
import { jetstream, jetstreamManager } from "@nats-io/jetstream";
import { connect } from "@nats-io/transport-node";
import { forEachDialect, type TestDatabase } from "@infrasec/storage/testing";
import type { Ctx } from "../../shared/service-context";
import { createMonitoringService, type MonitoringService } from "../monitoring-service";
import { createJetStreamPublisher } from "./event-stream";
import { durableOf, natsConfig, type NatsDetectConfig } from "./nats-config";
import { startDetectionWorker, type DetectionWorker } from "./detection-worker";

/**
 * NATS mode against the real local NATS server (127.0.0.1:4222, JetStream on): ingestion
 * publishes to partitioned subjects, two workers share the partitions through leases, and
 * alerts and correlation counts equal the embedded mode's, also when a worker dies mid-stream.
 */

const NATS_URL = process.env.INFRASEC_TEST_NATS_URL ?? "nats://127.0.0.1:4222";
let natsUp = false;
beforeAll(async () => {
  try {
    const nc = await connect({ servers: NATS_URL, timeout: 2_000 });
    await (await jetstreamManager(nc)).getAccountInfo();
    await nc.close();
    natsUp = true;
  } catch (e) {
    if (process.env.CI) throw new Error(`NATS with JetStream is required in CI at ${NATS_URL}`);
    console.warn(`skipping NATS worker tests: no JetStream at ${NATS_URL} (${String(e)})`);
  }
});

const ctx: Ctx = { actor: systemActor };
const RULES = `title: Curl download (nats test)
id: 7d3b7a10-5d7c-4c11-9a0e-0000000000a1
name: nats_curl
author: infrasec tests
level: medium
logsource: { product: linux, category: process_creation }
detection:
  selection: { CommandLine|contains: 'curl -sSL' }
  condition: selection
---
title: Curl burst per user (nats test)
id: 7d3b7a10-5d7c-4c11-9a0e-0000000000a2
level: high
correlation:
  type: event_count
  rules: [nats_curl]
  group-by: [User]
  timespan: 1m
  generate: true
  condition: { gte: 3 }
---
title: Curl runs per user and minute (nats test)
id: 7d3b7a10-5d7c-4c11-9a0e-0000000000a3
level: low
correlation:
  type: event_count
  rules: [nats_curl]
  group-by: [User]
  timespan: 1m
  condition: { lte: 100 }
`;

const T0 = Date.parse("2026-11-25T10:00:00Z");
const HOSTS = 12;
/** `perHost` events per host, 15 s apart, interleaved across hosts in time order. */
function lines(perHost: number, from = 0): string[] {
  const out: string[] = [];
  for (let k = from; k < from + perHost; k++)
    for (let h = 0; h < HOSTS; h++)
      out.push(
        JSON.stringify({
          "@timestamp": new Date(T0 + k * 15_000 + h).toISOString(),
          host: { name: `web-${h}` },
          user: { name: `u-${h}` },
          process: { executable: "/usr/bin/curl", command_line: "curl -sSL http://203.0.113.9/x" },
        }),
      );
  return out;
}

/** (rule, entity) → summed alert count: what an analyst sees, whatever the alert split. */
async function alertCounts(m: MonitoringService): Promise<Record<string, number>> {
  const r = await m.listAlerts(ctx, { sort: "firstSeen", limit: 500, offset: 0 });
  const out: Record<string, number> = {};
  for (const a of r.items) {
    const k = `${a.ruleId} ${a.entityKey}`;
    out[k] = (out[k] ?? 0) + a.count;
  }
  return out;
}

/** True when every partition's durable consumer has no pending and no unacknowledged message. */
async function drained(c: NatsDetectConfig): Promise<boolean> {
  const nc = await connect({ servers: NATS_URL });
  try {
    const jsm = await jetstreamManager(nc);
    for (let p = 0; p < c.partitions; p++) {
      const info = await jsm.consumers.info(c.stream, durableOf(p));
      if (info.num_pending > 0 || info.num_ack_pending > 0) return false;
    }
    return true;
  } finally {
    await nc.close();
  }
}

async function until(what: string, ok: () => boolean | Promise<boolean>, ms = 30_000) {
  const end = Date.now() + ms;
  while (!(await ok())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

forEachDialect(({ open }) => {
  describe("NATS JetStream detection workers", () => {
    let dbs: TestDatabase[] = [];
    let workers: DetectionWorker[] = [];
    let cfg: NatsDetectConfig;
    let clock: ManualClock;
    const publisher = () => createJetStreamPublisher(cfg);

    beforeEach(() => {
      const tag = newId().replace(/-/g, "").slice(-12);
      cfg = natsConfig(NATS_URL, {
        stream: `T_${tag}`,
        subjectPrefix: `t${tag}.events`,
        leaseStream: `T_${tag}_L`,
        partitions: 4,
        leaseTtlMs: 4_000,
        ackWaitMs: 2_000,
      });
      clock = new ManualClock("2026-11-25T10:00:00.000Z");
    });
    afterEach(async () => {
      for (const w of workers) await w.stop().catch(() => undefined);
      workers = [];
      if (natsUp) {
        const nc = await connect({ servers: NATS_URL });
        const jsm = await jetstreamManager(nc);
        for (const s of [cfg.stream, cfg.leaseStream])
          await jsm.streams.delete(s).catch(() => undefined);
        await nc.close();
      }
      for (const d of dbs) await d.cleanup();
      dbs = [];
    });

    /** The embedded mode's result for the same lines: the reference. */
    async function embedded(all: string[]): Promise<Record<string, number>> {
      const db = await open();
      dbs.push(db);
      const m = createMonitoringService({ store: db.store, clock });
      for (const r of RULES.split(/^---$/m)) await m.uploadRule(ctx, r.trim(), true);
      for (let i = 0; i < all.length; i += 24)
        await m.ingest(ctx, { lines: all.slice(i, i + 24), source: "json" });
      clock.set("2026-11-25T12:00:00.000Z");
      await m.flushCorrelations();
      clock.set("2026-11-25T10:00:00.000Z");
      return alertCounts(m);
    }

    async function natsSide() {
      const db = await open();
      dbs.push(db);
      const deps = { store: db.store, clock };
      const pub = publisher();
      const m = createMonitoringService(deps, { publisher: pub });
      for (const r of RULES.split(/^---$/m)) await m.uploadRule(ctx, r.trim(), true);
      const start = (id: string) =>
        startDetectionWorker(deps, cfg, {
          workerId: id,
          leaseEveryMs: 300,
          flushEveryMs: 3_600_000,
        });
      return { m, pub, start };
    }

    const processed = () => workers.reduce((n, w) => n + w.stats.events, 0);

    // Real NATS and a database: generous bounds for a loaded CI machine.
    it(
      "two workers share the partitions and store every match once, as embedded mode",
      { timeout: 120_000 },
      async (t) => {
        if (!natsUp) return t.skip();
        const all = lines(8);
        const expected = await embedded(all);
        const { m, pub, start } = await natsSide();
        workers.push(await start("w1"), await start("w2"));
        await until("a fair share", async () => {
          for (const w of workers) await w.rebalance();
          return workers.every((w) => w.owned().length === 2);
        });
        expect(new Set(workers.flatMap((w) => w.owned()))).toEqual(new Set([0, 1, 2, 3]));
        for (let i = 0; i < all.length; i += 24) {
          const r = await m.ingest(ctx, { lines: all.slice(i, i + 24), source: "json" });
          expect(r).toMatchObject({ published: 24, matches: 0 });
        }
        await until("all events detected", () => processed() === all.length);
        expect(workers.every((w) => w.stats.events > 0)).toBe(true);
        clock.set("2026-11-25T12:00:00.000Z");
        for (const w of workers) await w.flush();
        expect(await alertCounts(m)).toEqual(expected);
        expect(Object.keys(expected).length).toBeGreaterThan(HOSTS * 2);
        expect((await m.status(ctx)).mode).toBe("nats");
        await pub.close();
      },
    );

    // Real NATS and a database: generous bounds for a loaded CI machine.
    it(
      "a worker dying mid-stream: its partitions are taken over and nothing is lost",
      { timeout: 120_000 },
      async (t) => {
        if (!natsUp) return t.skip();
        const first = lines(4);
        const second = lines(4, 4);
        const expected = await embedded([...first, ...second]);
        const { m, pub, start } = await natsSide();
        const w1 = await start("w1");
        const w2 = await start("w2");
        workers.push(w2);
        await until("a fair share", async () => {
          await w1.rebalance();
          await w2.rebalance();
          return w1.owned().length === 2 && w2.owned().length === 2;
        });
        for (let i = 0; i < first.length; i += 24)
          await m.ingest(ctx, { lines: first.slice(i, i + 24), source: "json" });
        await until(
          "first half detected",
          () => w1.stats.events + w2.stats.events === first.length,
        );
        // A crash: no lease release, the connection just goes.
        await w1.stop({ release: false });
        for (let i = 0; i < second.length; i += 24)
          await m.ingest(ctx, { lines: second.slice(i, i + 24), source: "json" });
        await until("w2 took all partitions", () => w2.owned().length === 4);
        await until("second half detected", async () => {
          const counts = await alertCounts(m);
          return counts[`7d3b7a10-5d7c-4c11-9a0e-0000000000a1 host:web-${HOSTS - 1}`] === 8;
        });
        // Drained means every partition's durable consumer has nothing pending or unacked.
        // (Counting processed events is racy here: messages w1 committed but never acked are
        // redelivered to w2 and skipped as already committed, without counting as events.)
        await until("queues drained", () => drained(cfg));
        clock.set("2026-11-25T12:00:00.000Z");
        await w2.flush();
        expect(await alertCounts(m)).toEqual(expected);
        expect(w2.stats.replayed).toBeGreaterThan(0);
        await pub.close();
      },
    );

    // Real NATS and a database: generous bounds for a loaded CI machine.
    it(
      "messages a dead worker pulled and never acked are detected before newer ones",
      { timeout: 120_000 },
      async (t) => {
        if (!natsUp) return t.skip();
        const first = lines(4);
        const second = lines(4, 4);
        const expected = await embedded([...first, ...second]);
        const { m, pub, start } = await natsSide();
        // A worker that creates the durable consumers, then leaves (its leases released).
        await (await start("w0")).stop();
        for (let i = 0; i < first.length; i += 24)
          await m.ingest(ctx, { lines: first.slice(i, i + 24), source: "json" });
        // A worker that pulls two messages of every partition and dies before handling them:
        // they are redelivered only after the ack wait, while newer messages are not held back.
        const nc = await connect({ servers: NATS_URL });
        const js = jetstream(nc);
        let pulled = 0;
        for (let p = 0; p < cfg.partitions; p++) {
          const consumer = await js.consumers.get(cfg.stream, durableOf(p));
          for await (const msg of await consumer.fetch({ max_messages: 2, expires: 1_000 })) {
            pulled++;
            if (msg.info.pending === 0) break;
          }
        }
        await nc.close();
        expect(pulled).toBe(2 * cfg.partitions);
        for (let i = 0; i < second.length; i += 24)
          await m.ingest(ctx, { lines: second.slice(i, i + 24), source: "json" });
        const w = await start("w1");
        workers.push(w);
        expect(w.owned()).toEqual([0, 1, 2, 3]);
        await until("queues drained", () => drained(cfg));
        clock.set("2026-11-25T12:00:00.000Z");
        await w.flush();
        expect(await alertCounts(m)).toEqual(expected);
        expect(w.stats.events).toBe(first.length + second.length);
        await pub.close();
      },
    );

    it("answers 503 (unavailable) when NATS cannot be reached", async () => {
      const db = await open();
      dbs.push(db);
      const pub = createJetStreamPublisher(natsConfig("nats://127.0.0.1:1", { partitions: 2 }));
      const m = createMonitoringService({ store: db.store, clock }, { publisher: pub });
      await expect(m.ingest(ctx, { lines: lines(1), source: "json" })).rejects.toMatchObject({
        code: "unavailable",
      });
      await pub.close();
    });

    it("refuses with 429 when the stream is full", async (t) => {
      if (!natsUp) return t.skip();
      cfg = { ...cfg, maxMessages: 2 };
      const { m, pub } = await natsSide();
      // 12 hosts over 4 partitions: 4 messages for a stream that takes 2.
      await expect(m.ingest(ctx, { lines: lines(1), source: "json" })).rejects.toMatchObject({
        code: "rate_limited",
      });
      expect((await m.status(ctx)).counters.published).toBe(0);
      await pub.close();
    });
  });
});
