import { AppError, newId } from "@infrasec/core";
import type { DetectionMatch, Detector } from "@infrasec/engines/detect";
import {
  AckPolicy,
  DeliverPolicy,
  jetstream,
  jetstreamManager,
  type JetStreamClient,
  type JetStreamManager,
  type JsMsg,
} from "@nats-io/jetstream";
import { connect, type NatsConnection } from "@nats-io/transport-node";
import type { ServiceDeps } from "../../shared/service-context";
import { createDetectionPipeline, type DetectionPipelineOptions } from "../detection-pipeline";
import { decodeBatch, ensureStreams } from "./event-stream";
import { durableOf, subjectOf, type NatsDetectConfig } from "./nats-config";
import { PartitionLeases } from "./partition-leases";

/** How long one pull from the durable consumer may wait for messages (the client's minimum). */
const FETCH_EXPIRES_MS = 1_000;
/**
 * A worker stops pulling this long before its lease could expire, so no pull of its own is
 * still open when another worker may claim the partition and read how far delivery got.
 */
export const FENCE_MARGIN_MS = FETCH_EXPIRES_MS + 500;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export interface DetectionWorkerOptions extends DetectionPipelineOptions {
  workerId?: string;
  /** Messages pulled per fetch (default 64). */
  fetchBatch?: number;
  /** Lease round interval (default a third of the lease TTL). */
  leaseEveryMs?: number;
  /** Timer-driven correlation close interval (default 5 s). */
  flushEveryMs?: number;
  /** Errors of a round or a message (logged by the caller; the worker keeps going). */
  onError?: (e: unknown, where: string) => void;
}

/** Counters of one worker since it started. */
export interface WorkerStats {
  messages: number;
  events: number;
  matches: number;
  created: number;
  grouped: number;
  /** Redelivered messages whose alerts were committed already (acked, nothing stored). */
  duplicates: number;
  /** Messages replayed on hand-over to rebuild correlation windows (nothing stored). */
  replayed: number;
  /** Messages that were not infrasec event batches (acked and dropped, never retried). */
  poison: number;
  timerMatches: number;
}

interface PartitionState {
  detector: Detector;
  engineVersion: string;
  /** Highest sequence this worker processed (or replayed) for the partition. */
  lastSeq: number;
  stop: boolean;
  loop: Promise<void>;
}

/**
 * A detection worker of NATS mode: holds leases on some partitions of the event stream and,
 * per partition, pulls from the partition's durable consumer, detects with a detector of its
 * own (correlation state partitioned like the events) and commits the alerts together with
 * the partition's mark before acking. At-least-once delivery + the mark = each message's
 * alerts are stored once. On gaining a partition it first replays the last correlation
 * window from the stream (nothing stored) so hand-overs keep correlation counts.
 */
export async function startDetectionWorker(
  deps: ServiceDeps,
  c: NatsDetectConfig,
  opts: DetectionWorkerOptions = {},
) {
  const pipeline = createDetectionPipeline(deps, opts);
  const workerId = opts.workerId ?? newId();
  // The id is part of a NATS subject (the heartbeat) and of the connection name.
  if (!/^[A-Za-z0-9_-]{1,64}$/.test(workerId))
    throw new AppError("validation_failed", "a worker id may hold letters, digits, _ and - only", [
      { path: "workerId", message: `got "${workerId}"` },
    ]);
  const fetchBatch = opts.fetchBatch ?? 64;
  const onError = opts.onError ?? (() => undefined);
  const nc: NatsConnection = await connect({
    servers: c.url,
    name: `infrasec-detect-${workerId}`,
    timeout: 5_000,
  });
  const jsm: JetStreamManager = await jetstreamManager(nc);
  const js: JetStreamClient = jetstream(nc);
  await ensureStreams(jsm, c);
  for (let p = 0; p < c.partitions; p++) {
    const cfg = {
      durable_name: durableOf(p),
      filter_subject: subjectOf(c, p),
      ack_policy: AckPolicy.Explicit,
      ack_wait: c.ackWaitMs * 1_000_000,
      max_ack_pending: 1_000,
    };
    await jsm.consumers.add(c.stream, cfg).catch(async () => {
      await jsm.consumers.update(c.stream, cfg.durable_name, { ack_wait: cfg.ack_wait });
    });
  }
  const leases = new PartitionLeases(js, jsm, c, workerId);
  const parts = new Map<number, PartitionState>();
  const stats: WorkerStats = {
    messages: 0,
    events: 0,
    matches: 0,
    created: 0,
    grouped: 0,
    duplicates: 0,
    replayed: 0,
    poison: 0,
    timerMatches: 0,
  };
  let stopping = false;

  // A rule change resets the partition's correlation state, as in embedded mode.
  async function detectorFor(p: number, st: PartitionState): Promise<Detector> {
    const e = await pipeline.currentEngine();
    if (st.engineVersion !== e.version) {
      st.detector = pipeline.newDetector(e);
      st.engineVersion = e.version;
    }
    return st.detector;
  }

  /**
   * Reads the partition's messages straight from the stream with an ephemeral consumer (no
   * acks, nothing delivered to the durable one), from `from` up to sequence `upTo`. Plain config
   * rather than an "ordered consumer", which needs NATS 2.10 (filter_subjects).
   */
  async function readRange(
    p: number,
    st: PartitionState,
    from: { startTime: string } | { startSeq: number },
    upTo: number,
    fn: (m: JsMsg) => Promise<void> | void,
  ): Promise<void> {
    const info = await jsm.consumers.add(c.stream, {
      filter_subject: subjectOf(c, p),
      ack_policy: AckPolicy.None,
      ...("startTime" in from
        ? { deliver_policy: DeliverPolicy.StartTime, opt_start_time: from.startTime }
        : { deliver_policy: DeliverPolicy.StartSequence, opt_start_seq: from.startSeq }),
      inactive_threshold: 60_000_000_000,
    });
    const oc = await js.consumers.get(c.stream, info.name);
    try {
      let last = 0;
      while (!st.stop && last < upTo) {
        const batch = await oc.fetch({ max_messages: fetchBatch, expires: 1_000 });
        let got = 0;
        for await (const m of batch) {
          got++;
          if (m.seq > upTo) break;
          last = m.seq;
          await fn(m);
          if (m.info.pending === 0) break;
        }
        if (got === 0) break;
      }
    } finally {
      await oc.delete().catch(() => undefined);
    }
  }

  /** Feeds the messages of the last correlation window up to the committed mark (no store). */
  async function replay(p: number, st: PartitionState, mark: number): Promise<void> {
    const e = await pipeline.currentEngine();
    const spanMs = Math.max(0, ...e.ruleSet.correlations.map((x) => x.rule.timespanMs));
    if (spanMs === 0 || mark === 0) return;
    const startTime = new Date(Date.now() - spanMs - pipeline.allowedLatenessMs).toISOString();
    await readRange(p, st, { startTime }, mark, (m) => {
      try {
        for (const ev of decodeBatch(m.string()).events) st.detector.process(ev);
      } catch {
        // A poison message was counted when it was first met; replay skips it.
      }
      st.lastSeq = m.seq;
      stats.replayed++;
    });
  }

  /**
   * Processes, in stream order, what the previous owner was delivered but never committed.
   * Those messages are redelivered only after the ack wait, while newer ones would be delivered
   * at once: committing a newer one first would move the mark past them and their redelivery
   * would then be skipped as a duplicate (lost alerts). Reading them from the stream now keeps
   * the partition in order; their later redelivery is acked as a duplicate.
   */
  async function catchUp(p: number, st: PartitionState): Promise<void> {
    const info = await jsm.consumers.info(c.stream, durableOf(p));
    const delivered = info.delivered.stream_seq;
    if (delivered <= st.lastSeq) return;
    await readRange(p, st, { startSeq: st.lastSeq + 1 }, delivered, (m) => handle(p, st, m, false));
    st.lastSeq = Math.max(st.lastSeq, delivered);
  }

  /** Detects and commits one message; `ack` is false for messages read past the durable. */
  async function handle(p: number, st: PartitionState, m: JsMsg, ack = true): Promise<void> {
    if (m.seq <= st.lastSeq) {
      if (ack) m.ack();
      stats.duplicates++;
      return;
    }
    let events;
    try {
      events = decodeBatch(m.string()).events;
    } catch (e) {
      // Not ours or corrupt: retrying can never succeed, so it is acked, counted and logged.
      stats.poison++;
      onError(e, `partition ${p} message ${m.seq}`);
      if (ack) m.term();
      return;
    }
    const detector = await detectorFor(p, st);
    const matches: DetectionMatch[] = [];
    for (const ev of events) matches.push(...detector.process(ev));
    const out = await pipeline.commit(matches, (tx) =>
      tx.monitoring.marks.advance(c.stream, p, m.seq, new Date().toISOString()),
    );
    st.lastSeq = m.seq;
    stats.messages++;
    stats.events += events.length;
    if (out.duplicate) stats.duplicates++;
    else {
      stats.matches += matches.length;
      stats.created += out.created;
      stats.grouped += out.grouped;
    }
    if (ack) await m.ackAck();
  }

  async function runPartition(p: number, st: PartitionState): Promise<void> {
    const mark = await deps.store.monitoring.marks.get(c.stream, p);
    await replay(p, st, mark);
    st.lastSeq = Math.max(st.lastSeq, mark);
    await catchUp(p, st);
    const consumer = await js.consumers.get(c.stream, durableOf(p));
    // Not acked when we stop or the lease is no longer certain: the next owner's catch-up reads
    // them from the stream in order.
    const mayWork = () => !st.stop && !stopping && leases.fresh(p, FENCE_MARGIN_MS);
    // Set when messages may have been delivered to us and not handled (a pause, an error): they
    // are read from the stream before anything newer, or the mark would pass them.
    let behind = false;
    while (!st.stop && !stopping) {
      if (!mayWork()) {
        behind = true;
        await sleep(50);
        continue;
      }
      try {
        if (behind) {
          await sleep(FETCH_EXPIRES_MS); // our last pull may deliver until it expires
          if (!mayWork()) continue;
          await catchUp(p, st);
          behind = false;
        }
        const batch = await consumer.fetch({ max_messages: fetchBatch, expires: FETCH_EXPIRES_MS });
        for await (const m of batch) {
          if (!mayWork()) {
            behind = true;
            break;
          }
          await handle(p, st, m);
        }
      } catch (e) {
        behind = true;
        if (st.stop || stopping || nc.isClosed()) return;
        onError(e, `partition ${p}`);
        await sleep(500);
      }
    }
  }

  async function gain(p: number): Promise<void> {
    const e = await pipeline.currentEngine();
    const st: PartitionState = {
      detector: pipeline.newDetector(e),
      engineVersion: e.version,
      lastSeq: 0,
      stop: false,
      loop: Promise.resolve(),
    };
    parts.set(p, st);
    // A partition whose loop failed (database down at start…) is released, not kept idle: the
    // next lease round, here or in another worker, claims it again.
    st.loop = runPartition(p, st).catch(async (err: unknown) => {
      onError(err, `partition ${p}`);
      if (parts.get(p) === st) parts.delete(p);
      if (!stopping) await leases.release(p).catch((e: unknown) => onError(e, "release"));
    });
  }

  async function lose(p: number): Promise<void> {
    const st = parts.get(p);
    if (!st) return;
    st.stop = true;
    parts.delete(p);
    await st.loop;
  }

  async function leaseRound(): Promise<void> {
    const { gained, lost } = await leases.round();
    await Promise.all(lost.map(lose));
    for (const p of gained) await gain(p);
  }

  // Timer-driven close of correlation windows, per partition (bounded lateness).
  async function flushRound(): Promise<void> {
    for (const st of parts.values()) {
      const matches = st.detector.advance(pipeline.watermark());
      if (matches.length === 0) continue;
      const out = await pipeline.commit(matches);
      stats.timerMatches += matches.length;
      stats.created += out.created;
      stats.grouped += out.grouped;
    }
  }

  const every = (ms: number, fn: () => Promise<void>, where: string) => {
    let running = false;
    const t = setInterval(() => {
      if (running || stopping) return;
      running = true;
      fn()
        .catch((e: unknown) => onError(e, where))
        .finally(() => {
          running = false;
        });
    }, ms);
    t.unref();
    return t;
  };

  await leaseRound();
  const timers = [
    every(opts.leaseEveryMs ?? Math.max(200, Math.floor(c.leaseTtlMs / 3)), leaseRound, "leases"),
    every(opts.flushEveryMs ?? 5_000, flushRound, "flush"),
  ];

  return {
    workerId,
    stats,
    owned: () => leases.owned(),
    /** Runs one lease round now (tests; the timer does it otherwise). */
    rebalance: leaseRound,
    /** Runs one timer-driven correlation close now. */
    flush: flushRound,
    /**
     * Graceful stop: finishes the message in hand, releases the leases (others take over at
     * once) and closes the connection. `release: false` simulates a crash: leases expire
     * after their TTL and unacked messages are redelivered after the ack wait.
     */
    async stop(o: { release?: boolean } = {}): Promise<void> {
      stopping = true;
      for (const t of timers) clearInterval(t);
      for (const st of parts.values()) st.stop = true;
      if (o.release === false) {
        await nc.close();
        await Promise.all([...parts.values()].map((s) => s.loop));
        return;
      }
      await Promise.all([...parts.values()].map((s) => s.loop));
      await leases.releaseAll().catch((e: unknown) => onError(e, "release"));
      await nc.close();
    },
  };
}
export type DetectionWorker = Awaited<ReturnType<typeof startDetectionWorker>>;
