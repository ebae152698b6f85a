import { describe, expect, it } from "vitest";
import { createBackgroundScheduler } from "./background-scheduler";

function deferred() {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

describe("background scheduler", () => {
  it("runs each task once at start, again on its interval, and stops", async () => {
    let runs = 0;
    const s = createBackgroundScheduler(
      [{ name: "count", everyMs: 5, run: () => Promise.resolve(void runs++) }],
      false,
    );
    await s.start();
    expect(runs).toBe(1);
    await new Promise((r) => setTimeout(r, 40));
    expect(runs).toBeGreaterThan(1);
    await s.stop();
    const after = runs;
    await new Promise((r) => setTimeout(r, 30));
    expect(runs).toBe(after);
  });

  it("keeps going after a failing round and logs it", async () => {
    const warnings: object[] = [];
    let calls = 0;
    const s = createBackgroundScheduler(
      [
        {
          name: "flaky",
          everyMs: 5,
          run: () => {
            calls++;
            if (calls === 1) return Promise.reject(new Error("database busy"));
            return Promise.resolve({ done: 1 });
          },
        },
      ],
      { info: () => {}, warn: (o) => warnings.push(o) },
    );
    await s.start();
    await new Promise((r) => setTimeout(r, 40));
    await s.stop();
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatchObject({ task: "flaky" });
    expect(calls).toBeGreaterThan(1);
  });

  it("never overlaps rounds of one task and waits for the round in flight on stop", async () => {
    const gate = deferred();
    let concurrent = 0;
    let maxConcurrent = 0;
    let finished = false;
    const s = createBackgroundScheduler(
      [
        {
          name: "slow",
          everyMs: 2,
          run: async () => {
            concurrent++;
            maxConcurrent = Math.max(maxConcurrent, concurrent);
            await gate.promise;
            concurrent--;
            finished = true;
          },
        },
      ],
      false,
    );
    const started = s.start();
    await new Promise((r) => setTimeout(r, 20));
    const stopping = s.stop();
    gate.resolve();
    await started;
    await stopping;
    expect(maxConcurrent).toBe(1);
    expect(finished).toBe(true);
  });
});
