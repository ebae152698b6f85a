import { describe, expect, it } from "vitest";
import type { SigmaEvent } from "../detect-types";
import { createDetector } from "../runtime/detector";
import { makeEvent, ruleSetOf } from "../test-helpers";
import { percentileOf } from "./correlation-evaluator";

// Conformance cases for the v2.1 metric correlation value_percentile (and value_median, which
// pySigma adds ahead of v2.2), written from sigma-correlation-rules-specification.md. Sections:
// "C VP" = "Value Percentile (value_percentile)", "C Cond" = "Condition", "C Hist" = "History"
// (2025-08-02 v2.1.0: "add metric corelation with … value_percentile").
// The spec is open on what is compared: its example (`field: image`, `lte: 1`, titled "a process
// name … [rarer] than 1% of all the processes") compares each value's share of the window; the
// pySigma form adds `percentile: P` and compares the P-th percentile of a numeric field.

const base = `title: process creation
name: process_creation
logsource: {product: linux, category: process_creation}
detection:
  sel:
    image|exists: true
  condition: sel
`;
const corr = (condition: string, type = "value_percentile", groupBy = "[ComputerName]"): string =>
  `title: percentile
id: 5a3f7f4e-7d38-4b0b-9b53-0d0e1c7f0a11
level: medium
correlation:
  type: ${type}
  rules:
    - process_creation
  group-by: ${groupBy}
  timespan: 24h
  condition:
${condition}
`;

const ev = (image: string, t: number, extra: Record<string, string> = {}): SigmaEvent =>
  makeEvent({ image, ComputerName: "h1", ...extra }, { timestamp: t * 1000 });

function fires(
  rules: string[],
  events: SigmaEvent[],
  naive = false,
): { count: number; group: Record<string, string> }[] {
  const set = ruleSetOf(...rules);
  expect(set.issues).toEqual([]);
  const d = createDetector(set, { naive });
  return [...events.flatMap((e) => d.process(e)), ...d.flush()]
    .filter((m) => m.correlation)
    .map((m) => ({ count: m.correlation!.count, group: { ...m.correlation!.group } }));
}

const many = (
  image: string,
  n: number,
  from = 0,
  extra: Record<string, string> = {},
): SigmaEvent[] => Array.from({ length: n }, (_, i) => ev(image, from + i, extra));

describe("value_percentile: the specification's example form (share of each value)", () => {
  const rules = [base, corr("    field: image\n    lte: 1")];

  it("C VP: the example rule of the specification loads", () => {
    expect(ruleSetOf(base, corr("    field: image\n    lte: 1")).issues).toEqual([]);
  });

  it("C VP: a value seen in ≤ 1 % of the group's events in the timespan fires, naming the value", () => {
    const events = [...many("/usr/bin/ls", 199), ev("/tmp/.x/kworker", 300)];
    expect(fires(rules, events)).toEqual([
      { count: 0.5, group: { ComputerName: "h1", image: "/tmp/.x/kworker" } },
    ]);
  });

  it("C VP: a value above the share threshold does not fire", () => {
    const events = [...many("/usr/bin/ls", 49), ev("/tmp/.x/kworker", 300)]; // 2 %
    expect(fires(rules, events)).toEqual([]);
  });

  it("C Grouping: shares are computed per group-by value", () => {
    const events = [
      ...many("/usr/bin/ls", 199),
      ev("/tmp/.x/kworker", 300),
      ...many("/usr/bin/ls", 3, 0, { ComputerName: "h2" }),
      ev("/tmp/.x/kworker", 4, { ComputerName: "h2" }), // 25 % on h2
    ];
    expect(fires(rules, events).map((f) => f.group)).toEqual([
      { ComputerName: "h1", image: "/tmp/.x/kworker" },
    ]);
  });

  it("C Time Selection: events outside the timespan form a new window", () => {
    const day = 86_400;
    const events = [
      ...many("/usr/bin/ls", 150),
      ...many("/usr/bin/ls", 50, day + 10),
      ev("/tmp/x", day + 100),
    ];
    // Second window: 50 ls + 1 rare = 1.96 % > 1: no fire; the first window has no rare value.
    expect(fires(rules, events)).toEqual([]);
  });

  it("C Cond: gt/gte are evaluated on the closed window too (a share is not monotone)", () => {
    const r = [base, corr("    field: image\n    gt: 60")];
    const events = [...many("/usr/bin/ls", 7), ...many("/usr/bin/id", 3, 10)];
    expect(fires(r, events)).toEqual([
      { count: 70, group: { ComputerName: "h1", image: "/usr/bin/ls" } },
    ]);
  });

  it("C Cond: a range (two comparisons) selects values whose share lies in it", () => {
    const r = [base, corr("    field: image\n    gte: 20\n    lt: 50")];
    const events = [...many("/a", 6), ...many("/b", 3, 10), ev("/c", 20)];
    expect(fires(r, events).map((f) => [f.group.image, f.count])).toEqual([["/b", 30]]);
  });

  it("C Grouping: without group-by the whole stream is one group", () => {
    const r = [base, corr("    field: image\n    lte: 10", "value_percentile", "[]")];
    expect(fires(r, [...many("/a", 10), ev("/b", 20)]).map((f) => f.group)).toEqual([
      { image: "/b" },
    ]);
  });
});

describe("value_percentile with `percentile: P` (numeric percentile of the field)", () => {
  const bytes = (n: number, t: number): SigmaEvent => ev("/usr/bin/curl", t, { bytes: String(n) });
  const series = Array.from({ length: 101 }, (_, i) => bytes(i + 1, i)); // 1..101

  it("C VP: the P-th percentile of the numeric values is compared with the threshold", () => {
    const r = [base, corr("    field: bytes\n    percentile: 95\n    gt: 90")];
    expect(fires(r, series)).toEqual([{ count: 96, group: { ComputerName: "h1" } }]);
    const quiet = [base, corr("    field: bytes\n    percentile: 95\n    gt: 96")];
    expect(fires(quiet, series)).toEqual([]);
  });

  it("C VP: non-numeric values and events without the field are ignored", () => {
    const r = [base, corr("    field: bytes\n    percentile: 50\n    eq: 2")];
    const events = [
      bytes(1, 0),
      bytes(2, 1),
      bytes(3, 2),
      ev("/x", 3, { bytes: "many" }),
      ev("/y", 4),
    ];
    expect(fires(r, events)).toEqual([{ count: 2, group: { ComputerName: "h1" } }]);
  });

  it("C VP (hint: median is a percentile 50): value_median compares the median", () => {
    const r = [base, corr("    field: bytes\n    gte: 2.5", "value_median")];
    const events = [bytes(1, 0), bytes(2, 1), bytes(3, 2), bytes(100, 3)];
    expect(fires(r, events)).toEqual([{ count: 2.5, group: { ComputerName: "h1" } }]);
    const p50 = [base, corr("    field: bytes\n    percentile: 50\n    gte: 2.5")];
    expect(fires(p50, events)).toEqual(fires(r, events));
  });

  it("indexed and naive modes agree", () => {
    const r = [base, corr("    field: bytes\n    percentile: 90\n    gte: 1")];
    expect(fires(r, series, true)).toEqual(fires(r, series));
  });
});

describe("percentile arithmetic (linear interpolation between closest ranks)", () => {
  it.each([
    [[5], 50, 5],
    [[1, 2, 3, 4], 0, 1],
    [[1, 2, 3, 4], 100, 4],
    [[1, 2, 3, 4], 50, 2.5],
    [[4, 1, 3, 2], 25, 1.75],
    [[10, 20], 90, 19],
  ] as const)("percentile of %j at %d is %d", (xs, p, want) => {
    expect(percentileOf(xs, p)).toBeCloseTo(want, 10);
  });
  it("is undefined without values (no fire)", () => {
    expect(percentileOf([], 50)).toBeUndefined();
  });
});

describe("C Cond / C VP: rule validation (errors name the field)", () => {
  const issues = (condition: string, type = "value_percentile"): string[] =>
    ruleSetOf(base, corr(condition, type)).issues.map((i) => `${i.field}: ${i.message}`);

  it.each([
    [
      "    field: bytes\n    percentile: 150\n    gt: 1",
      "value_percentile",
      "correlation.condition.percentile: must be a number from 0 to 100",
    ],
    [
      "    field: bytes\n    percentile: high\n    gt: 1",
      "value_percentile",
      "correlation.condition.percentile: must be a number from 0 to 100",
    ],
    [
      "    field: bytes\n    percentile: 50\n    gt: 1",
      "value_sum",
      "correlation.condition.percentile: is not used by value_sum",
    ],
    [
      "    field: bytes\n    percentile: 50\n    gt: 1",
      "value_median",
      "correlation.condition.percentile: is not used by value_median",
    ],
    [
      "    gt: 1",
      "value_percentile",
      "correlation.condition.field: is required for value_percentile",
    ],
    ["    gt: 1", "value_median", "correlation.condition.field: is required for value_median"],
    [
      "    field: [a, b]\n    gt: 1",
      "value_percentile",
      "correlation.condition.field: value_percentile takes exactly one field",
    ],
    [
      "    field: bytes",
      "value_percentile",
      "correlation.condition: needs one comparison or two for a range",
    ],
  ])("%j as %s → %s", (condition, type, message) => {
    expect(issues(condition, type)).toContain(message);
  });
});
