import { AppError } from "@infrasec/core";

/** Thrown when the ingest queue is full; the route answers 429 with Retry-After. */
export class IngestBusyError extends AppError {
  constructor(readonly retryAfterSeconds: number) {
    super("rate_limited", "the ingest queue is full: retry after the Retry-After delay", [
      { path: "body", message: `retry in ${retryAfterSeconds} s` },
    ]);
  }
}

/**
 * A bounded FIFO of ingestion jobs run one at a time, so batches of one process never race on
 * alert grouping. Capacity counts events, not requests: a request that would overflow it is
 * refused (back-pressure) instead of growing memory.
 */
export class IngestQueue {
  private tail: Promise<unknown> = Promise.resolve();
  depth = 0;

  constructor(readonly capacity: number) {}

  run<T>(size: number, job: () => Promise<T>): Promise<T> {
    if (this.depth > 0 && this.depth + size > this.capacity)
      throw new IngestBusyError(Math.min(30, Math.max(1, Math.ceil(this.depth / 20_000))));
    this.depth += size;
    const result = this.tail.then(job).finally(() => {
      this.depth -= size;
    });
    this.tail = result.catch(() => undefined);
    return result;
  }
}
