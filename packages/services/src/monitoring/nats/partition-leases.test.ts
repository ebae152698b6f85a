import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { newId } from "@infrasec/core";
import { jetstream, jetstreamManager } from "@nats-io/jetstream";
import { connect, type NatsConnection } from "@nats-io/transport-node";
import { ensureStreams } from "./event-stream";
import { natsConfig, type NatsDetectConfig } from "./nats-config";
import { PartitionLeases } from "./partition-leases";

/** Leases against the real local NATS server: exclusive claims, fair shares, self-fencing. */

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
    console.warn(`skipping NATS lease tests: no JetStream at ${NATS_URL} (${String(e)})`);
  }
});

describe("partition leases", () => {
  const conns: NatsConnection[] = [];
  let cfg: NatsDetectConfig;
  afterEach(async () => {
    const jsm = conns[0] && (await jetstreamManager(conns[0]));
    for (const s of [cfg.stream, cfg.leaseStream])
      await jsm?.streams.delete(s).catch(() => undefined);
    for (const nc of conns.splice(0)) await nc.close();
  });

  async function leasesOf(workerId: string): Promise<PartitionLeases> {
    const nc = await connect({ servers: NATS_URL });
    conns.push(nc);
    const jsm = await jetstreamManager(nc);
    await ensureStreams(jsm, cfg);
    return new PartitionLeases(jetstream(nc), jsm, cfg, workerId);
  }

  it("one owner per partition; a lease is fresh only while certainly held", async (t) => {
    if (!natsUp) return t.skip();
    const tag = newId().replace(/-/g, "").slice(-12);
    cfg = natsConfig(NATS_URL, {
      stream: `L_${tag}`,
      subjectPrefix: `l${tag}.events`,
      leaseStream: `L_${tag}_L`,
      partitions: 2,
      leaseTtlMs: 4_000,
    });
    const a = await leasesOf("a");
    expect(await a.round()).toEqual({ gained: [0, 1], lost: [] });
    expect(a.fresh(0, 1_500)).toBe(true);
    // A margin as long as the TTL: never certain.
    expect(a.fresh(0, 4_000)).toBe(false);
    const b = await leasesOf("b");
    // b counts two live workers, but both partitions are still held by a.
    expect((await b.round()).gained).toEqual([]);
    // a gives up beyond its fair share, b then claims it.
    expect((await a.round()).lost).toEqual([1]);
    expect((await b.round()).gained).toEqual([1]);
    expect(a.fresh(1, 0)).toBe(false);
    expect(b.owned()).toEqual([1]);
  });

  it("refuses leases too short for the worker's fencing margin", () => {
    expect(() => natsConfig(NATS_URL, { leaseTtlMs: 2_000 })).toThrow(/at least 4000 ms/);
  });
});
