import { describe, expect, it } from "vitest";
import { runEach } from "./bulk-run";

describe("bulk status changes", () => {
  it("calls once per id, at most `concurrency` at a time, and collects failures", async () => {
    let running = 0;
    let peak = 0;
    const seen: string[] = [];
    const result = await runEach(
      ["a", "b", "c", "d", "e", "f"],
      async (id) => {
        running++;
        peak = Math.max(peak, running);
        seen.push(id);
        await new Promise((r) => setTimeout(r, 5));
        running--;
        if (id === "c" || id === "f") throw new Error(`no ${id}`);
      },
      3,
    );
    expect(seen.sort()).toEqual(["a", "b", "c", "d", "e", "f"]);
    expect(peak).toBe(3);
    expect(result.done).toEqual(["a", "b", "d", "e"]);
    expect(result.failed.map((f) => [f.id, (f.error as Error).message])).toEqual([
      ["c", "no c"],
      ["f", "no f"],
    ]);
  });

  it("does nothing for an empty selection", async () => {
    expect(await runEach([], () => Promise.reject(new Error("never")))).toEqual({
      done: [],
      failed: [],
    });
  });
});
