import type { InvalidCase } from "./conformance-harness";
import { base, corr } from "./conformance-correlation-kit";

// Correlation documents the specification refuses (sections prefixed "C", as in
// conformance-correlation.cases.ts).

const withBase = (body: string, extra = ""): string[] => [
  base("a"),
  base("b"),
  corr("c", body, extra),
];
const C0 = "rule-2.yml";

/** Correlation documents that must be refused, naming the field. */
export const correlationInvalidCases: InvalidCase[] = [
  {
    section: "C Title",
    name: "title is mandatory",
    files: [
      base("a"),
      "name: c\ncorrelation:\n  type: event_count\n  rules: [a]\n  timespan: 1h\n  condition: {gte: 2}\n",
    ],
    file: "rule-1.yml",
    field: "title",
  },
  {
    section: "C Correlation type",
    name: "type is mandatory",
    files: withBase("  rules: [a]\n  timespan: 1h\n  condition: {gte: 2}\n"),
    file: C0,
    field: "correlation.type",
  },
  {
    section: "C Correlation type",
    name: "unknown type",
    files: withBase("  type: event_sum\n  rules: [a]\n  timespan: 1h\n  condition: {gte: 2}\n"),
    file: C0,
    field: "correlation.type",
  },
  {
    section: "C Related rules",
    name: "rules are mandatory",
    files: withBase("  type: event_count\n  timespan: 1h\n  condition: {gte: 2}\n"),
    file: C0,
    field: "correlation.rules",
  },
  {
    section: "C Related rules",
    name: "an unknown rule",
    files: withBase(
      "  type: event_count\n  rules: [a, zzz]\n  timespan: 1h\n  condition: {gte: 2}\n",
    ),
    file: C0,
    field: "correlation.rules",
    message: /zzz/,
  },
  {
    section: "C Related rules",
    name: "correlations referencing each other (cycle)",
    files: [
      base("a"),
      corr("x", "  type: event_count\n  rules: [y]\n  timespan: 1h\n  condition: {gte: 2}\n"),
      corr("y", "  type: event_count\n  rules: [x]\n  timespan: 1h\n  condition: {gte: 2}\n"),
    ],
    file: "rule-1.yml",
    field: "correlation.rules",
  },
  {
    section: "C Temporal Proximity (temporal)",
    name: "temporal needs two rules",
    files: withBase("  type: temporal\n  rules: [a]\n  timespan: 1h\n"),
    file: C0,
    field: "correlation.rules",
  },
  {
    section: "C Time Selection",
    name: "timespan is mandatory",
    files: withBase("  type: event_count\n  rules: [a]\n  condition: {gte: 2}\n"),
    file: C0,
    field: "correlation.timespan",
  },
  {
    section: "C Time Selection",
    name: "unit w is not allowed",
    files: withBase("  type: event_count\n  rules: [a]\n  timespan: 1w\n  condition: {gte: 2}\n"),
    file: C0,
    field: "correlation.timespan",
  },
  {
    section: "C Time Selection",
    name: "the unit letter is lower case",
    files: withBase("  type: event_count\n  rules: [a]\n  timespan: 5M\n  condition: {gte: 2}\n"),
    file: C0,
    field: "correlation.timespan",
  },
  {
    section: "C Time Selection",
    name: "a number without unit",
    files: withBase("  type: event_count\n  rules: [a]\n  timespan: 60\n  condition: {gte: 2}\n"),
    file: C0,
    field: "correlation.timespan",
  },
  {
    section: "C Condition",
    name: "event_count needs a condition",
    files: withBase("  type: event_count\n  rules: [a]\n  timespan: 1h\n"),
    file: C0,
    field: "correlation.condition",
  },
  {
    section: "C Condition",
    name: "an unknown operator",
    files: withBase("  type: event_count\n  rules: [a]\n  timespan: 1h\n  condition: {ge: 2}\n"),
    file: C0,
    field: "correlation.condition.ge",
  },
  {
    section: "C Condition",
    name: "a threshold that is not a number",
    files: withBase(
      "  type: event_count\n  rules: [a]\n  timespan: 1h\n  condition: {gte: many}\n",
    ),
    file: C0,
    field: "correlation.condition.gte",
  },
  {
    section: "C Condition",
    name: "more than a range",
    files: withBase(
      "  type: event_count\n  rules: [a]\n  timespan: 1h\n  condition: {gt: 1, lt: 5, neq: 3}\n",
    ),
    file: C0,
    field: "correlation.condition",
  },
  {
    section: "C Value Count (value_count)",
    name: "value_count needs field",
    files: withBase("  type: value_count\n  rules: [a]\n  timespan: 1h\n  condition: {gte: 2}\n"),
    file: C0,
    field: "correlation.condition.field",
  },
  {
    section: "C Value Sum (value_sum)",
    name: "value_sum needs field",
    files: withBase("  type: value_sum\n  rules: [a]\n  timespan: 1h\n  condition: {gt: 2}\n"),
    file: C0,
    field: "correlation.condition.field",
  },
  {
    section: "C Value Average (value_avg)",
    name: "value_avg needs field",
    files: withBase("  type: value_avg\n  rules: [a]\n  timespan: 1h\n  condition: {gt: 2}\n"),
    file: C0,
    field: "correlation.condition.field",
  },
  {
    section: "C Condition",
    name: "event_count takes no field",
    files: withBase(
      "  type: event_count\n  rules: [a]\n  timespan: 1h\n  condition: {field: User, gte: 2}\n",
    ),
    file: C0,
    field: "correlation.condition.field",
  },
  {
    section: "C Generate",
    name: "generate is a boolean",
    files: withBase(
      "  type: event_count\n  rules: [a]\n  timespan: 1h\n  generate: 'yes'\n  condition: {gte: 2}\n",
    ),
    file: C0,
    field: "correlation.generate",
  },
  {
    section: "C Taxonomy",
    name: "another taxonomy is refused",
    files: withBase(
      "  type: event_count\n  rules: [a]\n  timespan: 1h\n  condition: {gte: 2}\n",
      "taxonomy: ocsf\n",
    ),
    file: C0,
    field: "taxonomy",
  },
  {
    section: "C Identification",
    name: "a correlation name is unique",
    files: [
      base("a"),
      corr("a", "  type: event_count\n  rules: [a]\n  timespan: 1h\n  condition: {gte: 2}\n"),
    ],
    file: "rule-1.yml",
    field: "name",
  },
  {
    section: "C Aliases",
    name: "aliases is a map",
    files: withBase("  type: temporal\n  rules: [a, b]\n  timespan: 1h\n  aliases: [ip]\n"),
    file: C0,
    field: "correlation.aliases",
  },
  {
    section: "C Aliases",
    name: "an alias maps rule names to fields",
    files: withBase(
      "  type: temporal\n  rules: [a, b]\n  timespan: 1h\n  aliases:\n    ip: source.ip\n",
    ),
    file: C0,
    field: "correlation.aliases.ip",
  },
];
