/**
 * Shapes and runners of the Sigma v2.1 conformance suite. Every case runs the real engine:
 * rule YAML text → loadRuleSet (parser, validator, compiler) → createDetector, in both the
 * indexed and the naive mode, so routing and the literal prefilter are held to the same answer.
 * The vectors themselves live in conformance-*.cases.ts; each cites the specification section it
 * was written from (sigma-specification v2.1.0, 2025-08-02).
 */
import type { DetectionMatch, FieldValue, Logsource, RuleIssue, SigmaEvent } from "./detect-types";
import { createDetector } from "./runtime/detector";
import { loadRuleSet, type LoadRuleSetOptions } from "./runtime/rule-set-loader";
import type { CompiledRuleSet } from "./runtime/rule-set-compiler";

/** One detection item `key: value` tested on one event's fields. */
export type ItemCase = [
  section: string,
  key: string,
  value: unknown,
  fields: Record<string, FieldValue>,
  expected: boolean,
  options?: LoadRuleSetOptions,
];

/** An event given to a detection case; `t` is in seconds. */
export interface CaseEvent {
  readonly fields: Record<string, FieldValue>;
  readonly raw?: string;
  readonly logsource?: Logsource;
  readonly t?: number;
}

/** A whole detection section (YAML, indented two spaces) tested on one event. */
export interface DetectionCase {
  readonly section: string;
  readonly name: string;
  readonly detection: string;
  readonly event: CaseEvent;
  readonly expected: boolean;
  /** YAML lines placed before `detection:` (e.g. a different logsource). */
  readonly header?: string;
  readonly options?: LoadRuleSetOptions;
}

/** Rule files that must be refused with an issue naming the file, document and field. */
export interface InvalidCase {
  readonly section: string;
  readonly name: string;
  readonly files: readonly string[];
  readonly file: string;
  readonly field: string;
  readonly document?: number;
  readonly severity?: "error" | "warning";
  readonly message?: RegExp;
  readonly options?: LoadRuleSetOptions;
}

/** Rule files (rules, correlations, filters) and an event stream; `expected` lists the matches. */
export interface StreamCase {
  readonly section: string;
  readonly name: string;
  readonly files: readonly string[];
  readonly events: readonly CaseEvent[];
  readonly expected: readonly StreamMatch[];
}

/** A match as compared by StreamCase: the rule id, plus count and group for correlations. */
export interface StreamMatch {
  readonly id: string;
  readonly count?: number;
  readonly group?: Readonly<Record<string, string>>;
  readonly level?: string;
}

/** The rule id every generated single-rule case uses. */
export const CASE_RULE_ID = "c0c0c0c0-0000-4000-8000-000000000001";

const DEFAULT_LOGSOURCE = "logsource:\n  product: linux\n  category: process_creation\n";

/** A complete rule around a detection section (YAML lines indented by two spaces). */
export function caseRule(detection: string, header = DEFAULT_LOGSOURCE): string {
  return `title: conformance case\nid: ${CASE_RULE_ID}\nlevel: high\n${header}detection:\n${detection}\n`;
}

/** The detection section of an item case: JSON is YAML, so keys and values keep their exact text. */
export function itemDetection(key: string, value: unknown): string {
  return `  sel: ${JSON.stringify({ [key]: value })}\n  condition: sel`;
}

/** Builds an event: process_creation on Linux unless the case says otherwise. */
export function caseEvent(e: CaseEvent): SigmaEvent {
  return {
    logsource: e.logsource ?? { product: "linux", category: "process_creation" },
    fields: e.fields,
    timestamp: (e.t ?? 0) * 1000,
    source: "generic",
    raw: e.raw,
  };
}

/** Loads rule files named rule-0.yml, rule-1.yml, … */
export function loadCaseFiles(
  files: readonly string[],
  options: LoadRuleSetOptions = {},
): CompiledRuleSet {
  return loadRuleSet(
    files.map((text, i) => ({ path: `rule-${i}.yml`, text })),
    options,
  );
}

function summarize(m: DetectionMatch): StreamMatch {
  return m.correlation
    ? { id: m.ruleId, count: m.correlation.count, group: { ...m.correlation.group } }
    : { id: m.ruleId };
}

/** Runs events through a detector (indexed or naive) and returns every match, flush included. */
export function runStream(
  set: CompiledRuleSet,
  events: readonly CaseEvent[],
  naive: boolean,
): DetectionMatch[] {
  const d = createDetector(set, { naive, allowedLatenessMs: 30 * 86_400_000 });
  return [...events.flatMap((e) => d.process(caseEvent(e))), ...d.flush()];
}

/** Result of a case: load errors plus the summarized matches of both detector modes. */
export interface CaseOutcome {
  readonly errors: readonly RuleIssue[];
  readonly indexed: readonly StreamMatch[];
  readonly naive: readonly StreamMatch[];
  readonly levels: readonly string[];
}

/** Loads the files and streams the events in both modes. */
export function runCase(
  files: readonly string[],
  events: readonly CaseEvent[],
  options: LoadRuleSetOptions = {},
): CaseOutcome {
  const set = loadCaseFiles(files, options);
  const indexed = runStream(set, events, false);
  return {
    errors: set.issues.filter((i) => i.severity === "error"),
    indexed: indexed.map(summarize),
    naive: runStream(set, events, true).map(summarize),
    levels: indexed.map((m) => m.level),
  };
}
