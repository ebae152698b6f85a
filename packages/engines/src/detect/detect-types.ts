/**
 * Shared shapes of the detection engine: the Sigma-ready event, logsource tags, rule issues and
 * matches. Kept in one file so every stage (normalize → compile → evaluate) speaks one language.
 */

/** Sigma logsource tags; an unset attribute means "any". Values are lower case. */
export interface Logsource {
  readonly product?: string;
  readonly category?: string;
  readonly service?: string;
}

/** A scalar or list value an event field can hold after normalization. */
export type FieldValue =
  string | number | boolean | null | readonly FieldValue[] | { readonly [k: string]: FieldValue };

/** Where an event came from; drives keyword scope and the declared mapping losses. */
export type EventSource = "falco" | "osquery" | "auditd" | "generic";

/** Host and container context carried from the sensor to the alert. */
export interface EventContext {
  readonly host?: string;
  readonly containerId?: string;
  readonly containerName?: string;
  readonly image?: string;
  readonly namespace?: string;
  readonly pod?: string;
}

/**
 * One event in the shape every Sigma rule is evaluated against. `fields` uses Sigma taxonomy
 * names (`Image`, `CommandLine`, …) or raw keys (auditd); nested objects are reachable through
 * dotted names. `timestamp` (epoch ms) drives correlation windows: the engine never reads a clock.
 */
export interface SigmaEvent {
  readonly logsource: Logsource;
  readonly fields: Readonly<Record<string, FieldValue>>;
  readonly timestamp: number;
  readonly source: EventSource;
  /** Raw message searched by keyword detections; when absent every string leaf is searched. */
  readonly raw?: string;
  readonly context?: EventContext;
  /** Sigma field name → original source field, for explanations. */
  readonly provenance?: Readonly<Record<string, string>>;
  /** The event as the sensor wrote it, kept beside the normalized one. */
  readonly original?: unknown;
}

/** Sigma rule level. */
export type SigmaLevel = "informational" | "low" | "medium" | "high" | "critical";

/** A problem found while loading or compiling a rule; `field` is a dotted path inside the rule. */
export interface RuleIssue {
  readonly file: string;
  readonly document: number;
  readonly ruleId?: string;
  readonly field: string;
  readonly message: string;
  readonly severity: "error" | "warning";
}

/** Correlation part of a match produced by a correlation rule. */
export interface CorrelationHit {
  readonly type: string;
  readonly group: Readonly<Record<string, string>>;
  readonly count: number;
  readonly firstTimestamp: number;
}

/** One rule matching one event (or a correlation firing). */
export interface DetectionMatch {
  readonly ruleId: string;
  readonly title: string;
  readonly level: SigmaLevel;
  readonly author?: string;
  readonly tags: readonly string[];
  readonly timestamp: number;
  /** Detection identifiers that evaluated true for the event (explanation). */
  readonly selections: readonly string[];
  /**
   * Values of the event fields read by the matched selections (keyword hits under "keywords"),
   * with the sensor field each came from where the normalizer recorded it.
   */
  readonly fields: Readonly<Record<string, FieldValue>>;
  readonly provenance: Readonly<Record<string, string>>;
  readonly event?: SigmaEvent;
  readonly correlation: CorrelationHit | null;
}
