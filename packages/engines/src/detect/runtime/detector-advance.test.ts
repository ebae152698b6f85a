import { describe, expect, it } from "vitest";
import { makeEvent, ruleSetOf } from "../test-helpers";
import type { DetectionMatch } from "../detect-types";
import { createDetector } from "./detector";

/** Timer-driven close of correlation windows (`advance`) with bounded lateness. */

const BASE = `title: Curl run
id: 21111111-1111-4111-8111-111111111111
name: curl_run
level: low
logsource: { product: linux, category: process_creation }
detection:
  selection: { Image|endswith: /curl }
  condition: selection
`;
// An upper-bounded condition: only known when the window has closed.
const FEW = `title: Few curl runs per host
id: 21111111-1111-4111-8111-111111111112
level: medium
correlation:
  type: event_count
  rules: [curl_run]
  group-by: [Computer]
  timespan: 1m
  condition: { lte: 2 }
`;
const set = ruleSetOf(BASE, FEW);
const curl = (host: string, t: number) =>
  makeEvent({ Image: "/usr/bin/curl", Computer: host }, { timestamp: t });
const T0 = Date.parse("2026-11-25T10:00:00Z");
const fewOf = (ms: readonly DetectionMatch[]) => ms.filter((m) => m.correlation !== null);

describe("detector.advance", () => {
  it("closes a window that ended before the watermark although no later event came", () => {
    const d = createDetector(set, { includeEvent: false });
    expect(fewOf(d.process(curl("h1", T0)))).toEqual([]);
    expect(fewOf(d.process(curl("h1", T0 + 10_000)))).toEqual([]);
    // The window [T0, T0 + 1m) is still open at T0 + 59 s.
    expect(d.advance(T0 + 59_000)).toEqual([]);
    const fired = d.advance(T0 + 60_000);
    expect(fired).toHaveLength(1);
    expect(fired[0]!.correlation).toMatchObject({ count: 2, group: { Computer: "h1" } });
    // Nothing is left for the end-of-input flush.
    expect(d.flush()).toEqual([]);
  });

  it("never moves backwards and treats events before the watermark as late", () => {
    const d = createDetector(set, { includeEvent: false });
    d.advance(T0 + 120_000);
    expect(d.advance(T0)).toEqual([]);
    // A straggler of the closed period is counted late and opens no window.
    expect(d.process(curl("h2", T0 + 1_000))).toEqual([]);
    expect(d.stats.lateEvents).toBe(1);
    expect(d.flush()).toEqual([]);
    // An event after the watermark counts again.
    d.process(curl("h2", T0 + 130_000));
    expect(fewOf(d.flush())).toHaveLength(1);
  });

  it("gives the same correlation matches as an end-of-input flush", () => {
    const events = [0, 5_000, 70_000, 200_000, 201_000, 202_000].map((dt, i) =>
      curl(i % 2 ? "h1" : "h2", T0 + dt),
    );
    const timed = createDetector(set, { includeEvent: false });
    const byTimer = events.flatMap((e) => [
      ...timed.process(e),
      ...timed.advance(e.timestamp - 60_000),
    ]);
    byTimer.push(...timed.flush());
    const batch = createDetector(set, { includeEvent: false });
    const atEnd = [...events.flatMap((e) => batch.process(e)), ...batch.flush()];
    const key = (m: DetectionMatch) => JSON.stringify(m.correlation);
    expect(fewOf(byTimer).map(key).sort()).toEqual(fewOf(atEnd).map(key).sort());
    expect(fewOf(byTimer).length).toBeGreaterThan(0);
  });
});
