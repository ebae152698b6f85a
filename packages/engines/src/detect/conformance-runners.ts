/**
 * Vitest runners for the conformance case shapes of conformance-harness.ts, shared by the
 * conformance-*.test.ts files. Each case is one `it`, named after the section it cites.
 */
import { describe, expect, it } from "vitest";
import {
  caseRule,
  CASE_RULE_ID,
  itemDetection,
  loadCaseFiles,
  runCase,
  type DetectionCase,
  type InvalidCase,
  type ItemCase,
  type StreamCase,
  type StreamMatch,
} from "./conformance-harness";

/** Runs one rule on one event; the indexed and naive detectors must agree. */
function matchesOnce(
  files: readonly string[],
  event: DetectionCase["event"],
  options: DetectionCase["options"],
): boolean {
  const out = runCase(files, [event], options);
  expect(out.errors).toEqual([]);
  expect(out.naive).toEqual(out.indexed);
  return out.indexed.some((m) => m.id === CASE_RULE_ID);
}

/** Item vectors: `key: value` as the only selection of a rule. */
export function describeItemCases(title: string, cases: readonly ItemCase[]): void {
  describe(title, () => {
    it.each(cases)("%s: %s = %j on %j → %s", (_s, key, value, fields, expected, options) => {
      const rule = caseRule(itemDetection(key, value));
      expect(matchesOnce([rule], { fields }, options)).toBe(expected);
    });
  });
}

/** Whole detection sections on one event. */
export function describeDetectionCases(title: string, cases: readonly DetectionCase[]): void {
  describe(title, () => {
    it.each(cases.map((c) => [c.section, c.name, c] as const))("%s: %s", (_s, _n, c) => {
      const rule = c.header === undefined ? caseRule(c.detection) : caseRule(c.detection, c.header);
      expect(matchesOnce([rule], c.event, c.options)).toBe(c.expected);
    });
  });
}

/** Refused rules: an issue names the file, document and field; the document is not loaded. */
export function describeInvalidCases(title: string, cases: readonly InvalidCase[]): void {
  describe(title, () => {
    it.each(cases.map((c) => [c.section, c.name, c] as const))("%s: %s", (_s, _n, c) => {
      const set = loadCaseFiles(c.files, c.options);
      const severity = c.severity ?? "error";
      const hit = set.issues.find(
        (i) =>
          i.file === c.file &&
          i.field === c.field &&
          i.severity === severity &&
          i.document === (c.document ?? 0),
      );
      expect(hit, JSON.stringify(set.issues)).toBeDefined();
      if (c.message) expect(hit!.message).toMatch(c.message);
      if (severity === "error") {
        const loaded = [...set.rules.map((r) => r.rule), ...set.correlations.map((x) => x.rule)];
        expect(loaded.some((d) => d.file === c.file && d.document === (c.document ?? 0))).toBe(
          false,
        );
      }
    });
  });
}

// Levels are compared only where the case names one.
function comparable(
  actual: readonly StreamMatch[],
  levels: readonly string[],
  expected: readonly StreamMatch[],
): StreamMatch[] {
  return actual.map((m, i) => (expected[i]?.level === undefined ? m : { ...m, level: levels[i] }));
}

/** Rule sets with correlations or filters over an event stream. */
export function describeStreamCases(title: string, cases: readonly StreamCase[]): void {
  describe(title, () => {
    it.each(cases.map((c) => [c.section, c.name, c] as const))("%s: %s", (_s, _n, c) => {
      const out = runCase(c.files, c.events);
      expect(out.errors).toEqual([]);
      expect(out.naive).toEqual(out.indexed);
      expect(comparable(out.indexed, out.levels, c.expected)).toEqual(c.expected);
    });
  });
}
