import type { StreamCase } from "./conformance-harness";
import {
  base,
  corr,
  ev,
  repeat,
  EVENT_COUNT,
  countWith,
  VALUE_COUNT,
  TEMPORAL,
  ORDERED,
  SUM,
  AVG,
  ALIASES,
  httpError,
  connection,
  CHAIN_ID,
  CHAIN,
  logon,
} from "./conformance-correlation-kit";

// Cases written from sigma-correlation-rules-specification.md (v2.1.0). Section names are the
// spec's headings, prefixed "C". Window semantics the spec leaves open (sliding windows for
// gt/gte, whole windows closed at timespan or flush for upper bounds) follow docs/adr/0301 §4.

/** Rule sets and event streams, with the correlation matches expected. */
export const correlationStreamCases: StreamCase[] = [
  // C Event Count: count per group-by group within the timespan.
  {
    section: "C Event Count (event_count)",
    name: "threshold reached in one group",
    files: EVENT_COUNT,
    events: [ev("failed", 0), ev("failed", 60), ev("failed", 120)],
    expected: [{ id: "many", count: 3, group: { ComputerName: "h1" } }],
  },
  {
    section: "C Event Count (event_count)",
    name: "below the threshold",
    files: EVENT_COUNT,
    events: [ev("failed", 0), ev("failed", 60)],
    expected: [],
  },
  {
    section: "C Event Count (event_count)",
    name: "events of other groups are counted separately",
    files: EVENT_COUNT,
    events: [ev("failed", 0), ev("failed", 1, { ComputerName: "h2" }), ev("failed", 2)],
    expected: [],
  },
  {
    section: "C Time Selection",
    name: "events farther apart than the timespan",
    files: EVENT_COUNT,
    events: [ev("failed", 0), ev("failed", 1800), ev("failed", 3700)],
    expected: [],
  },
  {
    section: "C Grouping",
    name: "several group-by fields are ANDed",
    files: [
      base("f"),
      corr(
        "pair",
        "  type: event_count\n  rules: [f]\n  group-by:\n    - TargetUserName\n    - TargetDomainName\n  timespan: 1h\n  condition: {gte: 2}\n",
      ),
    ],
    events: [
      ev("f", 0, { TargetUserName: "bob", TargetDomainName: "A" }),
      ev("f", 1, { TargetUserName: "bob", TargetDomainName: "B" }),
      ev("f", 2, { TargetUserName: "bob", TargetDomainName: "A" }),
    ],
    expected: [{ id: "pair", count: 2, group: { TargetUserName: "bob", TargetDomainName: "A" } }],
  },
  // C Condition: the six operators and a range.
  {
    section: "C Condition",
    name: "lt: evaluated on the whole window",
    files: countWith("{lt: 3}"),
    events: [ev("a", 0), ev("a", 1)],
    expected: [{ id: "cnt", count: 2, group: {} }],
  },
  {
    section: "C Condition",
    name: "lte: not met",
    files: countWith("{lte: 1}"),
    events: [ev("a", 0), ev("a", 1)],
    expected: [],
  },
  {
    section: "C Condition",
    name: "eq",
    files: countWith("{eq: 2}"),
    events: [ev("a", 0), ev("a", 1)],
    expected: [{ id: "cnt", count: 2, group: {} }],
  },
  {
    section: "C Condition",
    name: "eq: more events",
    files: countWith("{eq: 2}"),
    events: [ev("a", 0), ev("a", 1), ev("a", 2)],
    expected: [],
  },
  {
    section: "C Condition",
    name: "neq",
    files: countWith("{neq: 2}"),
    events: [ev("a", 0), ev("a", 1), ev("a", 2)],
    expected: [{ id: "cnt", count: 3, group: {} }],
  },
  {
    section: "C Condition",
    name: "gt",
    files: countWith("{gt: 2}"),
    events: [ev("a", 0), ev("a", 1), ev("a", 2)],
    expected: [{ id: "cnt", count: 3, group: {} }],
  },
  {
    section: "C Condition",
    name: "range gt 1 and lte 2: inside",
    files: countWith("{gt: 1, lte: 2}"),
    events: [ev("a", 0), ev("a", 1)],
    expected: [{ id: "cnt", count: 2, group: {} }],
  },
  {
    section: "C Condition",
    name: "range gt 1 and lte 2: above",
    files: countWith("{gt: 1, lte: 2}"),
    events: [ev("a", 0), ev("a", 1), ev("a", 2)],
    expected: [],
  },
  // C Value Count: distinct values of `field` per group.
  {
    section: "C Value Count (value_count)",
    name: "three distinct users",
    files: VALUE_COUNT,
    events: [
      ev("logon", 0, { User: "a" }),
      ev("logon", 1, { User: "b" }),
      ev("logon", 2, { User: "c" }),
    ],
    expected: [{ id: "spray", count: 3, group: { ComputerName: "h1" } }],
  },
  {
    section: "C Value Count (value_count)",
    name: "repeated values count once",
    files: VALUE_COUNT,
    events: [
      ev("logon", 0, { User: "a" }),
      ev("logon", 1, { User: "a" }),
      ev("logon", 2, { User: "b" }),
    ],
    expected: [],
  },
  {
    section: "C Value Count (value_count)",
    name: "values are counted per group",
    files: VALUE_COUNT,
    events: [
      ev("logon", 0, { User: "a" }),
      ev("logon", 1, { User: "b" }),
      ev("logon", 2, { User: "c", ComputerName: "h2" }),
    ],
    expected: [],
  },
  // C Temporal Proximity: all referenced rules, any order, same group, within the timespan.
  {
    section: "C Temporal Proximity (temporal)",
    name: "all three rules in any order",
    files: TEMPORAL,
    events: [ev("rc", 0), ev("ra", 30), ev("rb", 60)],
    expected: [{ id: "recon", count: 3, group: { ComputerName: "h1", User: "bob" } }],
  },
  {
    section: "C Temporal Proximity (temporal)",
    name: "one rule missing",
    files: TEMPORAL,
    events: [ev("ra", 0), ev("rb", 30), ev("ra", 60)],
    expected: [],
  },
  {
    section: "C Temporal Proximity (temporal)",
    name: "outside the timespan",
    files: TEMPORAL,
    events: [ev("ra", 0), ev("rb", 100), ev("rc", 400)],
    expected: [],
  },
  {
    section: "C Temporal Proximity (temporal)",
    name: "group-by values must be the same",
    files: TEMPORAL,
    events: [ev("ra", 0), ev("rb", 1), ev("rc", 2, { User: "eve" })],
    expected: [],
  },
  {
    section: "C Condition",
    name: "temporal with a condition counts different rules",
    files: [
      base("ra"),
      base("rb"),
      base("rc"),
      corr(
        "two",
        "  type: temporal\n  rules: [ra, rb, rc]\n  group-by: [User]\n  timespan: 5m\n  condition: {gte: 2}\n",
      ),
    ],
    events: [ev("ra", 0), ev("ra", 1), ev("rc", 2)],
    expected: [{ id: "two", count: 2, group: { User: "bob" } }],
  },
  // C Ordered Temporal Proximity.
  {
    section: "C Ordered Temporal Proximity (temporal_ordered)",
    name: "in the order of rules",
    files: ORDERED,
    events: [ev("first", 0), ev("then", 60)],
    expected: [{ id: "seq", count: 2, group: { User: "bob" } }],
  },
  {
    section: "C Ordered Temporal Proximity (temporal_ordered)",
    name: "reverse order",
    files: ORDERED,
    events: [ev("then", 0), ev("first", 60)],
    expected: [],
  },
  {
    section: "C Ordered Temporal Proximity (temporal_ordered)",
    name: "second event after the timespan",
    files: ORDERED,
    events: [ev("first", 0), ev("then", 3700)],
    expected: [],
  },
  {
    section: "C Ordered Temporal Proximity (temporal_ordered)",
    name: "different users",
    files: ORDERED,
    events: [ev("first", 0, { User: "alice" }), ev("then", 60)],
    expected: [],
  },
  // C Value Sum / Value Average.
  {
    section: "C Value Sum (value_sum)",
    name: "sum above the limit",
    files: SUM,
    events: [
      ev("web", 0, { SourceIP: "10.0.0.1", bytes_sent: 600 }),
      ev("web", 5, { SourceIP: "10.0.0.1", bytes_sent: 600 }),
    ],
    expected: [{ id: "exfil", count: 1200, group: { SourceIP: "10.0.0.1", User: "bob" } }],
  },
  {
    section: "C Value Sum (value_sum)",
    name: "sum below the limit",
    files: SUM,
    events: [
      ev("web", 0, { SourceIP: "10.0.0.1", bytes_sent: 400 }),
      ev("web", 5, { SourceIP: "10.0.0.1", bytes_sent: 500 }),
    ],
    expected: [],
  },
  {
    section: "C Value Average (value_avg)",
    name: "average above the limit",
    files: AVG,
    events: [
      ev("net", 0, { SourceIP: "10.0.0.1", BytesOut: 400 }),
      ev("net", 5, { SourceIP: "10.0.0.1", BytesOut: 800 }),
    ],
    expected: [{ id: "avg", count: 600, group: { SourceIP: "10.0.0.1" } }],
  },
  {
    section: "C Value Average (value_avg)",
    name: "average below the limit",
    files: AVG,
    events: [
      ev("net", 0, { SourceIP: "10.0.0.1", BytesOut: 400 }),
      ev("net", 5, { SourceIP: "10.0.0.1", BytesOut: 500 }),
    ],
    expected: [],
  },
  // C Time Selection: number + lower-case unit; 90m is 1h30.
  {
    section: "C Time Selection",
    name: "90m covers 83 minutes",
    files: [
      base("a"),
      corr("c90", "  type: event_count\n  rules: [a]\n  timespan: 90m\n  condition: {gte: 2}\n"),
    ],
    events: [ev("a", 0), ev("a", 5000)],
    expected: [{ id: "c90", count: 2, group: {} }],
  },
  {
    section: "C Time Selection",
    name: "90m does not cover 91 minutes",
    files: [
      base("a"),
      corr("c90", "  type: event_count\n  rules: [a]\n  timespan: 90m\n  condition: {gte: 2}\n"),
    ],
    events: [ev("a", 0), ev("a", 5460)],
    expected: [],
  },
  // C Related rules: by id or by name, mixed in one list.
  {
    section: "C Related rules",
    name: "referenced by id and by name",
    files: [
      base("a", "5638f7c0-ac70-491d-8465-2a65075e0d86"),
      base("firewall_block"),
      corr(
        "brute",
        "  type: event_count\n  rules:\n    - 5638f7c0-ac70-491d-8465-2a65075e0d86\n    - firewall_block\n  timespan: 1h\n  condition: {gte: 2}\n",
      ),
    ],
    events: [ev("a", 0), ev("firewall_block", 1)],
    expected: [{ id: "brute", count: 2, group: {} }],
  },
  // C Field Name Aliases: the specification's example.
  {
    section: "C Field Name Aliases",
    name: "same addresses in swapped fields",
    files: ALIASES,
    events: [httpError("1.2.3.4", "10.0.0.1", 0), connection("10.0.0.1", "1.2.3.4", 5)],
    expected: [
      { id: "aliased", count: 2, group: { internal_ip: "10.0.0.1", remote_ip: "1.2.3.4" } },
    ],
  },
  {
    section: "C Field Name Aliases",
    name: "addresses that do not correspond",
    files: ALIASES,
    events: [httpError("1.2.3.4", "10.0.0.1", 0), connection("1.2.3.4", "10.0.0.1", 5)],
    expected: [],
  },
  // C Example: failed logins followed by a successful login (chained correlations).
  {
    section: "C Example",
    name: "ten failures then a success",
    files: CHAIN,
    events: [...repeat(10, (i) => logon(4625, i * 10)), logon(4624, 200)],
    expected: [{ id: CHAIN_ID, count: 2, group: { User: "bob" }, level: "high" }],
  },
  {
    section: "C Example",
    name: "nine failures then a success",
    files: CHAIN,
    events: [...repeat(9, (i) => logon(529, i * 10)), logon(4624, 200)],
    expected: [],
  },
  {
    section: "C Example",
    name: "a success before the failures",
    files: CHAIN,
    events: [logon(528, 0), ...repeat(10, (i) => logon(4625, 10 + i * 10))],
    expected: [],
  },
  {
    section: "C Example",
    name: "failures of one user, success of another",
    files: CHAIN,
    events: [...repeat(10, (i) => logon(4625, i * 10)), logon(4624, 200, "alice")],
    expected: [],
  },
  // C Grouping: an event without a group-by field still counts, in the group of the empty value (infrasec).
  {
    section: "C Grouping",
    name: "a missing group-by field groups under the empty value",
    files: EVENT_COUNT,
    events: [
      ev("failed", 0, { ComputerName: null }),
      ev("failed", 1, { ComputerName: null }),
      ev("failed", 2, { ComputerName: null }),
    ],
    expected: [{ id: "many", count: 3, group: { ComputerName: "" } }],
  },
  {
    section: "C Value Count (value_count)",
    name: "lt: fewer distinct values than the limit in the window",
    files: [
      base("logon"),
      corr(
        "few",
        "  type: value_count\n  rules: [logon]\n  timespan: 1d\n  condition:\n    field: User\n    lt: 2\n",
      ),
    ],
    events: [ev("logon", 0), ev("logon", 3600)],
    expected: [{ id: "few", count: 1, group: {} }],
  },
  {
    section: "C Ordered Temporal Proximity (temporal_ordered)",
    name: "three rules: in order",
    files: [
      base("s1"),
      base("s2"),
      base("s3"),
      corr(
        "chain3",
        "  type: temporal_ordered\n  rules: [s1, s2, s3]\n  group-by: [User]\n  timespan: 1h\n",
      ),
    ],
    events: [ev("s1", 0), ev("s2", 10), ev("s3", 20)],
    expected: [{ id: "chain3", count: 3, group: { User: "bob" } }],
  },
  {
    section: "C Ordered Temporal Proximity (temporal_ordered)",
    name: "three rules: second and third swapped",
    files: [
      base("s1"),
      base("s2"),
      base("s3"),
      corr(
        "chain3",
        "  type: temporal_ordered\n  rules: [s1, s2, s3]\n  group-by: [User]\n  timespan: 1h\n",
      ),
    ],
    events: [ev("s1", 0), ev("s3", 10), ev("s2", 20)],
    expected: [],
  },
  {
    section: "C Ordered Temporal Proximity (temporal_ordered)",
    name: "the correlation uses its own group-by, not the referenced rule's",
    files: [
      base("failed"),
      base("ok"),
      corr(
        "by_host",
        "  type: event_count\n  rules: [failed]\n  group-by: [ComputerName]\n  timespan: 1h\n  condition: {gte: 2}\n",
      ),
      corr(
        "then_ok",
        "  type: temporal_ordered\n  rules: [by_host, ok]\n  group-by: [User]\n  timespan: 1h\n",
      ),
    ],
    events: [ev("failed", 0), ev("failed", 1), ev("ok", 2, { ComputerName: "h9" })],
    expected: [{ id: "then_ok", count: 2, group: { User: "bob" } }],
  },
  {
    section: "C Level",
    name: "the correlation's level is reported, not the referenced rules'",
    files: EVENT_COUNT,
    events: [ev("failed", 0), ev("failed", 1), ev("failed", 2)],
    expected: [{ id: "many", count: 3, group: { ComputerName: "h1" }, level: "critical" }],
  },
  // C Generate and C Level.
  {
    section: "C Generate",
    name: "default: only the correlation is reported",
    files: countWith("{gte: 2}"),
    events: [ev("a", 0), ev("a", 1)],
    expected: [{ id: "cnt", count: 2, group: {} }],
  },
  {
    section: "C Generate",
    name: "generate: true also reports the referenced rule",
    files: [
      base("a"),
      corr(
        "cnt",
        "  type: event_count\n  rules: [a]\n  timespan: 10s\n  generate: true\n  condition: {gte: 2}\n",
      ),
    ],
    events: [ev("a", 0), ev("a", 1)],
    expected: [
      { id: "a", level: "low" },
      { id: "a" },
      { id: "cnt", count: 2, group: {}, level: "critical" },
    ],
  },
];
