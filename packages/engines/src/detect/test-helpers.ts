import type { FieldValue, Logsource, SigmaEvent } from "./detect-types";
import {
  compileFieldItem,
  DEFAULT_MATCH_OPTIONS,
  type MatchOptions,
} from "./match/field-item-compiler";
import { loadRuleSet } from "./runtime/rule-set-loader";
import { createDetector, type DetectorOptions } from "./runtime/detector";
import { EventView } from "./runtime/event-view";
import type { CompiledRuleSet } from "./runtime/rule-set-compiler";

/** Test factory: a process_creation event on Linux with the given fields. */
export function makeEvent(
  fields: Record<string, FieldValue>,
  extra: { logsource?: Logsource; timestamp?: number; raw?: string } = {},
): SigmaEvent {
  return {
    logsource: extra.logsource ?? { product: "linux", category: "process_creation" },
    fields,
    timestamp: extra.timestamp ?? 0,
    source: "generic",
    raw: extra.raw,
  };
}

/** Test helper: does `key: value` (one detection item) match the event fields? */
export function itemMatches(
  key: string,
  value: unknown,
  fields: Record<string, FieldValue>,
  opts: Partial<MatchOptions> = {},
): boolean {
  const p = compileFieldItem(key, value, { ...DEFAULT_MATCH_OPTIONS, ...opts });
  return p(new EventView(makeEvent(fields)));
}

/** Test helper: compiles YAML rule text(s) given as separate files. */
export function ruleSetOf(...texts: string[]): CompiledRuleSet {
  return loadRuleSet(texts.map((text, i) => ({ path: `rule-${i}.yml`, text })));
}

/** Test helper: a minimal rule around a detection block (indented YAML lines). */
export function ruleText(detection: string, extra = ""): string {
  return `title: Test rule\nid: 11111111-1111-4111-8111-111111111111\nlevel: high\nauthor: infrasec tests\nlogsource:\n  product: linux\n  category: process_creation\n${extra}detection:\n${detection}\n`;
}

/** Test helper: runs events through a detector and returns rule ids of all matches (plus flush). */
export function runIds(
  set: CompiledRuleSet,
  events: readonly SigmaEvent[],
  opts: DetectorOptions = {},
): string[] {
  const d = createDetector(set, opts);
  const out = events.flatMap((e) => d.process(e).map((m) => m.ruleId));
  return [...out, ...d.flush().map((m) => m.ruleId)];
}
