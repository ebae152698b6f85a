import { AppError, newId } from "@infrasec/core";
import type { SigmaEvent } from "@infrasec/engines/detect";
import {
  DiscardPolicy,
  jetstream,
  jetstreamManager,
  RetentionPolicy,
  StorageType,
  type JetStreamManager,
} from "@nats-io/jetstream";
import { connect, type NatsConnection } from "@nats-io/transport-node";
import { IngestBusyError } from "../ingest-queue";
import type { EventPublisher } from "../monitoring-service";
import {
  partitionKeyOf,
  partitionOf,
  subjectOf,
  type EventBatchMessage,
  type NatsDetectConfig,
} from "./nats-config";

const ms = (n: number) => n * 1_000_000; // JetStream durations are nanoseconds.
/** A message stays well below NATS's default 1 MiB max_payload. */
const MAX_MESSAGE_BYTES = 512 * 1024;

/** Creates (or updates) the events stream and the lease stream; idempotent. */
export async function ensureStreams(jsm: JetStreamManager, c: NatsDetectConfig): Promise<void> {
  const events = {
    name: c.stream,
    subjects: [`${c.subjectPrefix}.>`],
    retention: RetentionPolicy.Limits,
    storage: StorageType.File,
    // Full stream → publishes fail → ingest answers 429: back-pressure instead of dropping.
    discard: DiscardPolicy.New,
    max_msgs: c.maxMessages,
    max_bytes: c.maxBytes,
    max_age: ms(c.maxAgeMs),
    duplicate_window: ms(120_000),
  };
  const leases = {
    name: c.leaseStream,
    subjects: [`${c.leaseStream.toLowerCase()}.>`],
    retention: RetentionPolicy.Limits,
    storage: StorageType.File,
    discard: DiscardPolicy.Old,
    max_msgs_per_subject: 1,
    // A lease is a message; not renewed within the TTL it ages out and the partition is free.
    max_age: ms(c.leaseTtlMs),
  };
  for (const cfg of [events, leases]) {
    try {
      await jsm.streams.info(cfg.name);
      await jsm.streams.update(cfg.name, cfg);
    } catch (e) {
      if (!/not found/i.test((e as Error).message)) throw e;
      // Another process may create it at the same moment: theirs is as good as ours.
      await jsm.streams.add(cfg).catch((err: unknown) => {
        if (!/already in use/i.test((err as Error).message)) throw err;
      });
    }
  }
}

/** Splits events into messages per partition, each under the size bound. */
export function batchesByPartition(
  c: NatsDetectConfig,
  events: readonly SigmaEvent[],
): { partition: number; payload: string }[] {
  const byPartition = new Map<number, SigmaEvent[]>();
  for (const e of events) {
    const p = partitionOf(partitionKeyOf(e), c.partitions);
    const list = byPartition.get(p);
    if (list) list.push(e);
    else byPartition.set(p, [e]);
  }
  const out: { partition: number; payload: string }[] = [];
  for (const [partition, list] of byPartition) {
    let parts: string[] = [];
    let size = 0;
    const emit = () => {
      if (parts.length === 0) return;
      out.push({ partition, payload: `{"v":1,"events":[${parts.join(",")}]}` });
      parts = [];
      size = 0;
    };
    for (const e of list) {
      let text = JSON.stringify(e);
      // An event too big for one message loses its original (the normalized fields stay).
      if (text.length > MAX_MESSAGE_BYTES - 64) text = JSON.stringify({ ...e, original: null });
      if (size + text.length > MAX_MESSAGE_BYTES - 64) emit();
      parts.push(text);
      size += text.length + 1;
    }
    emit();
  }
  return out;
}

export function decodeBatch(data: string): EventBatchMessage {
  const m = JSON.parse(data) as EventBatchMessage;
  if (m?.v !== 1 || !Array.isArray(m.events)) throw new Error("not an infrasec event batch (v1)");
  return m;
}

function publishError(e: unknown): AppError {
  const text = (e as Error).message ?? String(e);
  if (/maximum (messages|bytes)|resource limits|insufficient resources/i.test(text))
    return new IngestBusyError(5);
  return new AppError("unavailable", "the event stream (NATS JetStream) cannot take events now", [
    { path: "nats", message: text },
  ]);
}

/**
 * The ingest side of NATS mode: accepted events are published to `<prefix>.<partition>` and
 * the request waits for the stream's acks, so a full or unreachable stream is the sender's
 * back-pressure (429 / 503) rather than memory growing in the API process.
 */
export function createJetStreamPublisher(c: NatsDetectConfig): EventPublisher & {
  close(): Promise<void>;
} {
  let conn: Promise<NatsConnection> | null = null;
  const connection = (): Promise<NatsConnection> => {
    conn ??= (async () => {
      const nc = await connect({ servers: c.url, name: "infrasec-ingest", timeout: 5_000 });
      await ensureStreams(await jetstreamManager(nc), c);
      return nc;
    })().catch((e: unknown) => {
      conn = null;
      throw e;
    });
    return conn;
  };
  return {
    describe: () => ({ url: c.url, stream: c.stream, partitions: c.partitions }),
    async publish(events) {
      let nc: NatsConnection;
      try {
        nc = await connection();
      } catch (e) {
        throw publishError(e);
      }
      const js = jetstream(nc);
      const batches = batchesByPartition(c, events);
      try {
        await Promise.all(
          batches.map((b) =>
            js.publish(subjectOf(c, b.partition), b.payload, { msgID: newId(), timeout: 5_000 }),
          ),
        );
      } catch (e) {
        throw publishError(e);
      }
      return { messages: batches.length };
    },
    async close() {
      const p = conn;
      conn = null;
      if (p) await (await p.catch(() => null))?.close();
    },
  };
}
