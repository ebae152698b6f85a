import type { JetStreamClient, JetStreamManager } from "@nats-io/jetstream";
import type { NatsDetectConfig } from "./nats-config";

const now = () => performance.now();

/**
 * Partition leases on a JetStream stream used as a compare-and-set register (what the KV
 * bucket API does, without its extra package): one subject per partition holds at most one
 * message `{worker}`; claiming publishes with "expected last subject sequence" 0 (free) and
 * renewing with the sequence we hold, so two workers can never both win. The stream's max age
 * is the TTL: a worker that stops renewing (crash) loses its leases after it.
 *
 * Workers also heartbeat under `w.<id>`; the live count gives each one a fair share
 * (ceil(P / workers)), and a worker above its share releases partitions for the others.
 */
export class PartitionLeases {
  /** partition → sequence of our lease message. */
  private readonly held = new Map<number, number>();
  /** partition → monotonic time (ms) taken just before our lease message was last published. */
  private readonly renewedAt = new Map<number, number>();
  private readonly root: string;

  constructor(
    private readonly js: JetStreamClient,
    private readonly jsm: JetStreamManager,
    private readonly c: NatsDetectConfig,
    readonly workerId: string,
  ) {
    this.root = c.leaseStream.toLowerCase();
  }

  private partitionSubject(p: number): string {
    return `${this.root}.p.${p}`;
  }

  owned(): number[] {
    return [...this.held.keys()].sort((a, b) => a - b);
  }

  /**
   * True while the lease of `p` is certainly still ours: renewed less than TTL − `marginMs`
   * ago. The server ages the lease message out TTL after it received it, which is after we
   * took the time, so another worker cannot have claimed it yet. A worker stops pulling and
   * handling a partition whose lease is not fresh (a stalled worker fences itself off).
   */
  fresh(p: number, marginMs: number): boolean {
    const at = this.renewedAt.get(p);
    return this.held.has(p) && at !== undefined && now() - at < this.c.leaseTtlMs - marginMs;
  }

  private async liveWorkers(): Promise<number> {
    const info = await this.jsm.streams.info(this.c.leaseStream, {
      subjects_filter: `${this.root}.w.>`,
    });
    return Math.max(1, Object.keys(info.state.subjects ?? {}).length);
  }

  private async tryPublish(subject: string, expected: number): Promise<number | null> {
    try {
      const ack = await this.js.publish(subject, JSON.stringify({ worker: this.workerId }), {
        expect: { lastSubjectSequence: expected },
      });
      return ack.seq;
    } catch (e) {
      if (/wrong last sequence/i.test((e as Error).message)) return null;
      throw e;
    }
  }

  /**
   * One round: heartbeat, renew held leases (a failed renewal means another worker took the
   * partition), release beyond the fair share, claim free partitions up to it. Returns what
   * changed so the worker starts and stops its partition loops.
   */
  async round(): Promise<{ gained: number[]; lost: number[] }> {
    await this.js.publish(`${this.root}.w.${this.workerId}`, String(Date.now()));
    const lost: number[] = [];
    for (const [p, seq] of [...this.held]) {
      const at = now();
      const next = await this.tryPublish(this.partitionSubject(p), seq);
      if (next === null) {
        this.held.delete(p);
        this.renewedAt.delete(p);
        lost.push(p);
      } else {
        this.held.set(p, next);
        this.renewedAt.set(p, at);
      }
    }
    const share = Math.ceil(this.c.partitions / (await this.liveWorkers()));
    // Release the highest partitions first, so the shares settle deterministically.
    for (const p of this.owned().reverse()) {
      if (this.held.size <= share) break;
      await this.release(p);
      lost.push(p);
    }
    const gained: number[] = [];
    for (let p = 0; p < this.c.partitions && this.held.size < share; p++) {
      if (this.held.has(p)) continue;
      const at = now();
      const seq = await this.tryPublish(this.partitionSubject(p), 0);
      if (seq !== null) {
        this.held.set(p, seq);
        this.renewedAt.set(p, at);
        gained.push(p);
      }
    }
    return { gained, lost };
  }

  /** Frees one partition now (graceful hand-over) instead of waiting for the TTL. */
  async release(p: number): Promise<void> {
    if (!this.held.delete(p)) return;
    this.renewedAt.delete(p);
    await this.jsm.streams.purge(this.c.leaseStream, { filter: this.partitionSubject(p) });
  }

  /** Frees every lease and the heartbeat (graceful stop). */
  async releaseAll(): Promise<void> {
    for (const p of this.owned()) await this.release(p);
    await this.jsm.streams.purge(this.c.leaseStream, {
      filter: `${this.root}.w.${this.workerId}`,
    });
  }
}
