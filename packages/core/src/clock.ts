/** Time source. Injected everywhere so that SLA maths, expiry and lock-outs are testable. */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/** A clock that stands still until moved; for tests and deterministic runs. */
export class ManualClock implements Clock {
  private t: number;
  constructor(start: Date | string = "2026-01-01T00:00:00.000Z") {
    this.t = new Date(start).getTime();
  }
  now(): Date {
    return new Date(this.t);
  }
  advance(ms: number): void {
    this.t += ms;
  }
  set(d: Date | string): void {
    this.t = new Date(d).getTime();
  }
}
