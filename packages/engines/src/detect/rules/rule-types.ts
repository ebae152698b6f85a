import type { ConditionNode } from "../condition/condition-ast";
import type { Logsource, SigmaLevel } from "../detect-types";

/** Where a rule document came from: file path and 0-based document index in a multi-document file. */
export interface RuleOrigin {
  readonly file: string;
  readonly document: number;
}

/** Metadata shared by detection and correlation rules. */
export interface RuleHeader extends RuleOrigin {
  readonly id?: string;
  readonly name?: string;
  readonly title: string;
  readonly status?: string;
  readonly level: SigmaLevel;
  readonly author?: string;
  readonly description?: string;
  readonly tags: readonly string[];
  readonly references: readonly string[];
  readonly falsepositives: readonly string[];
}

/** A detection section: raw selections (validated when compiled) and the parsed condition. */
export interface DetectionDef {
  readonly selections: ReadonlyMap<string, unknown>;
  readonly condition: ConditionNode;
  readonly conditionText: string;
}

/** A Sigma detection rule after parsing and metadata validation. */
export interface SigmaRule extends RuleHeader {
  readonly kind: "rule";
  readonly logsource: Logsource;
  readonly detection: DetectionDef;
}

/** Correlation types this engine evaluates. */
export const CORRELATION_TYPES = [
  "event_count",
  "value_count",
  "temporal",
  "temporal_ordered",
  "value_sum",
  "value_avg",
  "value_percentile",
  "value_median",
] as const;
/** One of CORRELATION_TYPES. */
export type CorrelationType = (typeof CORRELATION_TYPES)[number];

/** Comparison operators of a correlation condition. */
export type CompareOp = "gt" | "gte" | "lt" | "lte" | "eq" | "neq";

/** A correlation condition: one or two comparisons (a range), plus the field for value_* types. */
export interface CorrelationCondition {
  readonly comparisons: readonly { readonly op: CompareOp; readonly value: number }[];
  readonly fields: readonly string[];
  /**
   * value_percentile with `percentile: P` (pySigma form): compare the P-th percentile (0–100) of
   * the field's numeric values; value_median sets 50. Undefined for value_percentile without it:
   * the spec's example form, where each distinct value's share (%) of the window is compared.
   */
  readonly percentile?: number;
}

/** A Sigma correlation rule. */
export interface CorrelationRule extends RuleHeader {
  readonly kind: "correlation";
  readonly type: CorrelationType;
  readonly rules: readonly string[];
  readonly groupBy: readonly string[];
  readonly timespanMs: number;
  readonly condition: CorrelationCondition;
  /** alias → (rule id or name → field). */
  readonly aliases: ReadonlyMap<string, ReadonlyMap<string, string>>;
  readonly generate: boolean;
}

/** A Sigma meta filter: its condition is ANDed negated onto each referenced rule. */
export interface SigmaFilter extends RuleOrigin {
  readonly kind: "filter";
  readonly id?: string;
  readonly title: string;
  readonly logsource: Logsource;
  readonly rules: readonly string[];
  readonly detection: DetectionDef;
}

/** Any parsed document. */
export type SigmaDocument = SigmaRule | CorrelationRule | SigmaFilter;
