import { describe, expect, it } from "vitest";
import type { SigmaEvent } from "../detect-types";
import { createDetector, type DetectorOptions } from "../runtime/detector";
import { makeEvent, ruleSetOf } from "../test-helpers";

// Sigma correlation rules specification v2.1 (sigma-correlation-rules-specification.md).
const base = (name: string, image: string): string =>
  `title: ${name}\nname: ${name}\nlogsource: {product: linux, category: process_creation}\ndetection:\n  sel:\n    Image|endswith: ${image}\n  condition: sel\n`;

const correlation = (body: string, extra = ""): string =>
  `title: corr\nname: corr\nlevel: critical\n${extra}correlation:\n${body}`;

const ev = (image: string, t: number, fields: Record<string, string> = {}): SigmaEvent =>
  makeEvent({ Image: image, host: "h1", User: "bob", ...fields }, { timestamp: t * 1000 });

function run(
  rules: string[],
  events: SigmaEvent[],
  opts: DetectorOptions = {},
): { id: string; count?: number; group?: Record<string, string> }[] {
  const set = ruleSetOf(...rules);
  expect(set.issues.filter((i) => i.severity === "error")).toEqual([]);
  const d = createDetector(set, opts);
  const out = [...events.flatMap((e) => d.process(e)), ...d.flush()];
  return out.map((m) =>
    m.correlation
      ? { id: m.ruleId, count: m.correlation.count, group: { ...m.correlation.group } }
      : { id: m.ruleId },
  );
}

describe("event_count", () => {
  const rules = [
    base("a", "/a"),
    correlation(
      "  type: event_count\n  rules: [a]\n  group-by: [host]\n  timespan: 10s\n  condition: {gte: 3}\n",
    ),
  ];

  it("fires when the sliding window reaches the threshold, per group, and suppresses the base rule (generate: false)", () => {
    const out = run(rules, [ev("/a", 0), ev("/a", 1, { host: "h2" }), ev("/a", 5), ev("/a", 9)]);
    expect(out).toEqual([{ id: "corr", count: 3, group: { host: "h1" } }]);
  });

  it("drops events that left the window", () => {
    expect(run(rules, [ev("/a", 0), ev("/a", 5), ev("/a", 11)])).toEqual([]);
  });

  it("reports base matches too with generate: true", () => {
    const out = run(
      [
        base("a", "/a"),
        correlation(
          "  type: event_count\n  rules: [a]\n  timespan: 10s\n  generate: true\n  condition: {gte: 2}\n",
        ),
      ],
      [ev("/a", 0), ev("/a", 1)],
    );
    expect(out.map((o) => o.id)).toEqual(["a", "a", "corr"]);
  });

  it("evaluates upper-bounded conditions when the window closes", () => {
    const r = [
      base("a", "/a"),
      correlation(
        "  type: event_count\n  rules: [a]\n  group-by: [host]\n  timespan: 10s\n  condition: {lt: 3}\n",
      ),
    ];
    expect(run(r, [ev("/a", 0), ev("/a", 1), ev("/a", 20)])).toEqual([
      { id: "corr", count: 2, group: { host: "h1" } }, // window [0,10) closed by the event at 20
      { id: "corr", count: 1, group: { host: "h1" } }, // flush closes the last window
    ]);
    expect(run(r, [ev("/a", 0), ev("/a", 1), ev("/a", 2)])).toEqual([]);
  });

  it("supports a range condition", () => {
    const r = [
      base("a", "/a"),
      correlation(
        "  type: event_count\n  rules: [a]\n  timespan: 10s\n  condition: {gt: 1, lte: 2}\n",
      ),
    ];
    expect(run(r, [ev("/a", 0), ev("/a", 1)])).toEqual([{ id: "corr", count: 2, group: {} }]);
    expect(run(r, [ev("/a", 0), ev("/a", 1), ev("/a", 2)])).toEqual([]);
  });
});

describe("value_count, value_sum, value_avg", () => {
  it("counts distinct values of a field", () => {
    const r = [
      base("a", "/a"),
      correlation(
        "  type: value_count\n  rules: [a]\n  group-by: [host]\n  timespan: 1m\n  condition: {field: User, gte: 3}\n",
      ),
    ];
    expect(
      run(r, [ev("/a", 0, { User: "x" }), ev("/a", 1, { User: "x" }), ev("/a", 2, { User: "y" })]),
    ).toEqual([]);
    expect(
      run(r, [ev("/a", 0, { User: "x" }), ev("/a", 1, { User: "y" }), ev("/a", 2, { User: "z" })]),
    ).toEqual([{ id: "corr", count: 3, group: { host: "h1" } }]);
  });
  it("sums and averages a numeric field", () => {
    const sum = [
      base("a", "/a"),
      correlation(
        "  type: value_sum\n  rules: [a]\n  timespan: 1m\n  condition: {field: bytes, gt: 100}\n",
      ),
    ];
    expect(run(sum, [ev("/a", 0, { bytes: "60" }), ev("/a", 1, { bytes: "50" })])).toEqual([
      { id: "corr", count: 110, group: {} },
    ]);
    const avg = [
      base("a", "/a"),
      correlation(
        "  type: value_avg\n  rules: [a]\n  timespan: 1m\n  condition: {field: bytes, gte: 50}\n",
      ),
    ];
    expect(run(avg, [ev("/a", 0, { bytes: "10" }), ev("/a", 1, { bytes: "100" })])).toEqual([
      { id: "corr", count: 55, group: {} },
    ]);
  });
});

describe("temporal and temporal_ordered", () => {
  const rules = (type: string): string[] => [
    base("a", "/a"),
    base("b", "/b"),
    base("c", "/c"),
    correlation(`  type: ${type}\n  rules: [a, b, c]\n  group-by: [host, User]\n  timespan: 5m\n`),
  ];
  it("temporal fires when all rules matched in the window, any order", () => {
    expect(run(rules("temporal"), [ev("/c", 0), ev("/a", 10), ev("/b", 20)])).toEqual([
      { id: "corr", count: 3, group: { host: "h1", User: "bob" } },
    ]);
    expect(
      run(rules("temporal"), [ev("/c", 0), ev("/a", 10), ev("/b", 20, { User: "eve" })]),
    ).toEqual([]);
    expect(run(rules("temporal"), [ev("/c", 0), ev("/a", 10), ev("/b", 400)])).toEqual([]);
  });
  it("temporal_ordered needs the listed order", () => {
    expect(run(rules("temporal_ordered"), [ev("/c", 0), ev("/a", 10), ev("/b", 20)])).toEqual([]);
    expect(run(rules("temporal_ordered"), [ev("/a", 0), ev("/b", 10), ev("/c", 20)])).toEqual([
      { id: "corr", count: 3, group: { host: "h1", User: "bob" } },
    ]);
    expect(run(rules("temporal_ordered"), [ev("/a", 0), ev("/b", 10), ev("/c", 301)])).toEqual([]);
  });
});

describe("aliases, chaining, bounds", () => {
  it("joins differently named fields through aliases", () => {
    const r = [
      base("a", "/a"),
      base("b", "/b"),
      correlation(
        "  type: temporal\n  rules: [a, b]\n  group-by: [ip]\n  timespan: 1m\n  aliases:\n    ip:\n      a: DestinationIp\n      b: SourceIp\n",
      ),
    ];
    expect(
      run(r, [ev("/a", 0, { DestinationIp: "10.0.0.1" }), ev("/b", 5, { SourceIp: "10.0.0.1" })]),
    ).toEqual([{ id: "corr", count: 2, group: { ip: "10.0.0.1" } }]);
    expect(
      run(r, [ev("/a", 0, { DestinationIp: "10.0.0.1" }), ev("/b", 5, { SourceIp: "10.0.0.2" })]),
    ).toEqual([]);
  });

  it("chains a correlation onto another correlation", () => {
    const r = [
      base("a", "/a"),
      "title: burst\nname: burst\ncorrelation:\n  type: event_count\n  rules: [a]\n  group-by: [host]\n  timespan: 10s\n  condition: {gte: 2}\n",
      correlation(
        "  type: event_count\n  rules: [burst]\n  group-by: [host]\n  timespan: 1h\n  condition: {gte: 2}\n",
      ),
    ];
    expect(run(r, [ev("/a", 0), ev("/a", 1), ev("/a", 100), ev("/a", 101)])).toEqual([
      { id: "corr", count: 2, group: { host: "h1" } },
    ]);
  });

  it("bounds groups and counts evictions and late events", () => {
    const set = ruleSetOf(
      base("a", "/a"),
      correlation(
        "  type: event_count\n  rules: [a]\n  group-by: [host]\n  timespan: 1h\n  condition: {gte: 2}\n",
      ),
    );
    const d = createDetector(set, {
      correlationLimits: { maxGroups: 2 },
      allowedLatenessMs: 10_000,
    });
    for (let i = 0; i < 5; i++) d.process(ev("/a", 100 + i, { host: `h${i}` }));
    d.process(ev("/a", 0)); // 100 s behind the latest event: late
    expect(d.stats).toMatchObject({ evictedGroups: 3, lateEvents: 1 });
  });

  it("reports unresolved references and unsupported types as errors", () => {
    const issues = ruleSetOf(
      correlation("  type: event_count\n  rules: [ghost]\n  timespan: 1m\n  condition: {gte: 1}\n"),
    ).issues;
    expect(issues).toMatchObject([
      { field: "correlation.rules", message: "references unknown rule(s): ghost" },
    ]);
    const bad = ruleSetOf(
      correlation(
        "  type: value_max\n  rules: [a]\n  timespan: 1m\n  condition: {field: x, lte: 1}\n",
      ),
    ).issues;
    expect(bad).toMatchObject([{ field: "correlation.type" }]);
    const span = ruleSetOf(
      correlation(
        "  type: event_count\n  rules: [a]\n  timespan: 5 minutes\n  condition: {gte: 1}\n",
      ),
    ).issues;
    expect(span).toMatchObject([
      {
        field: "correlation.timespan",
        message: "must be a number followed by s, m, h or d (e.g. 5m)",
      },
    ]);
    const cond = ruleSetOf(
      correlation(
        "  type: value_count\n  rules: [a]\n  timespan: 5m\n  condition: {gte: 1, between: 2}\n",
      ),
    ).issues;
    expect(cond.map((i) => i.field)).toEqual([
      "correlation.condition.between",
      "correlation.condition.field",
    ]);
  });
});
