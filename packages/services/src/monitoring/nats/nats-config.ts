import type { SigmaEvent } from "@infrasec/engines/detect";

/** NATS mode settings shared by the ingest publisher and the detection workers. */
export interface NatsDetectConfig {
  /** nats://host:port (INFRASEC_NATS_URL). */
  url: string;
  /** JetStream stream holding the events (subjects `<subjectPrefix>.<partition>`). */
  stream: string;
  subjectPrefix: string;
  /** Partitions: fixed once events were published (changing it moves hosts between them). */
  partitions: number;
  /** Stream that holds the partition leases (one message per lease subject, aged out by TTL). */
  leaseStream: string;
  /** A lease not renewed within this is free for another worker. */
  leaseTtlMs: number;
  /** A message not acked within this is redelivered (to the partition's next owner). */
  ackWaitMs: number;
  /** Stream bounds: beyond them publishing is refused (ingest answers 429). */
  maxMessages: number;
  maxBytes: number;
  /** How long events stay in the stream (replay of correlation windows on hand-over). */
  maxAgeMs: number;
}

export const DEFAULT_NATS_CONFIG: Omit<NatsDetectConfig, "url"> = {
  stream: "INFRASEC_EVENTS",
  subjectPrefix: "infrasec.events",
  partitions: 8,
  leaseStream: "INFRASEC_DETECT_LEASES",
  leaseTtlMs: 15_000,
  ackWaitMs: 30_000,
  maxMessages: 1_000_000,
  maxBytes: 2 * 1024 ** 3,
  maxAgeMs: 24 * 3_600_000,
};

/** The shortest lease a worker accepts (see FENCE_MARGIN_MS of the detection worker). */
export const MIN_LEASE_TTL_MS = 4_000;

export function natsConfig(
  url: string,
  overrides: Partial<Omit<NatsDetectConfig, "url">> = {},
): NatsDetectConfig {
  const c = { ...DEFAULT_NATS_CONFIG, ...overrides, url };
  if (!Number.isInteger(c.partitions) || c.partitions < 1 || c.partitions > 1024)
    throw new Error(`partitions must be an integer from 1 to 1024 (got ${c.partitions})`);
  // A worker stops pulling 1.5 s before its lease could expire (FENCE_MARGIN_MS in the worker):
  // shorter leases would leave it too little time to work between renewals.
  if (!Number.isFinite(c.leaseTtlMs) || c.leaseTtlMs < MIN_LEASE_TTL_MS)
    throw new Error(`lease TTL must be at least ${MIN_LEASE_TTL_MS} ms (got ${c.leaseTtlMs})`);
  if (!/^[A-Za-z0-9_-]+$/.test(c.stream) || !/^[A-Za-z0-9_-]+$/.test(c.leaseStream))
    throw new Error("stream names may only hold letters, digits, _ and -");
  if (!/^[A-Za-z0-9_-]+(\.[A-Za-z0-9_-]+)*$/.test(c.subjectPrefix))
    throw new Error(`subject prefix ${c.subjectPrefix} is not a NATS subject`);
  return c;
}

/**
 * The key events are partitioned by: the host, else the container. All events of a host land
 * on one partition, so correlations grouped by host (or by anything within one host) see all
 * of their events on one worker.
 */
export function partitionKeyOf(e: SigmaEvent): string {
  return e.context?.host ?? e.context?.containerId ?? "unknown";
}

/** FNV-1a: stable across processes and versions (never Math.random or a salted hash). */
export function partitionOf(key: string, partitions: number): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) {
    h ^= key.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0) % partitions;
}

export const subjectOf = (c: NatsDetectConfig, partition: number): string =>
  `${c.subjectPrefix}.${partition}`;
export const durableOf = (partition: number): string => `detect-p${partition}`;

/** The JSON payload of one stream message: events of one partition from one ingest request. */
export interface EventBatchMessage {
  v: 1;
  events: SigmaEvent[];
}
