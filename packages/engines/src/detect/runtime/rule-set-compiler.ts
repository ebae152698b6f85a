import type { Logsource, RuleIssue } from "../detect-types";
import {
  DEFAULT_MATCH_OPTIONS,
  type EventPredicate,
  type MatchOptions,
} from "../match/field-item-compiler";
import {
  compileDetection,
  DetectionError,
  type CompiledDetection,
} from "../rules/detection-compiler";
import type {
  CorrelationRule,
  RuleOrigin,
  SigmaDocument,
  SigmaFilter,
  SigmaRule,
} from "../rules/rule-types";
import { LogsourceIndex, logsourceAccepts } from "./logsource-index";
import { requiredAtoms, type Atom } from "./rule-prefilter";

/** A detection rule ready to evaluate. */
export interface CompiledRule {
  readonly ruleId: string;
  readonly rule: SigmaRule;
  readonly logsource: Logsource;
  readonly detection: CompiledDetection;
  /** Meta filters applied to this rule: a match of any of them discards the rule's match. */
  readonly filters: readonly EventPredicate[];
  /** Prefilter literals (one must occur for the rule to match); undefined: always evaluate. */
  readonly atoms?: readonly Atom[];
  /** Whether a match is reported on its own (false when only correlations with generate:false use it). */
  readonly emit: boolean;
}

/** A correlation with its references resolved to rule ids. */
export interface CompiledCorrelation {
  readonly ruleId: string;
  readonly rule: CorrelationRule;
  /** Resolved referenced rule ids, in the order written (matters for temporal_ordered). */
  readonly refs: readonly string[];
  readonly emit: boolean;
}

/** The compiled rule set given to createDetector. */
export interface CompiledRuleSet {
  readonly rules: readonly CompiledRule[];
  readonly correlations: readonly CompiledCorrelation[];
  readonly index: LogsourceIndex<CompiledRule>;
  readonly issues: readonly RuleIssue[];
}

/** Stable id of a document: its `id`, else its `name`, else file#document. */
export function documentKey(d: { id?: string; name?: string } & RuleOrigin): string {
  return d.id ?? d.name ?? `${d.file}#${d.document}`;
}

function issueOf(
  d: RuleOrigin & { id?: string },
  field: string,
  message: string,
  severity: "error" | "warning" = "error",
): RuleIssue {
  return { file: d.file, document: d.document, ruleId: d.id, field, message, severity };
}

// A bug in the compiler must not take the other rules down: unexpected errors become issues too.
function detectionIssue(d: RuleOrigin & { id?: string }, e: unknown, section: string): RuleIssue {
  if (e instanceof DetectionError)
    return issueOf(d, e.path.replace(/^detection/, section), e.message);
  return issueOf(
    d,
    section,
    `internal error while compiling: ${e instanceof Error ? e.message : String(e)}`,
  );
}

/**
 * Compiles parsed documents: detection rules (with meta filters folded in), then correlations
 * with references resolved by id or name. Bad documents become issues and are skipped.
 */
export function compileRuleSet(
  documents: readonly SigmaDocument[],
  options: Partial<MatchOptions> = {},
): CompiledRuleSet {
  const opts: MatchOptions = { ...DEFAULT_MATCH_OPTIONS, ...options };
  const issues: RuleIssue[] = [];
  const compiled = new Map<string, { rule: SigmaRule; detection: CompiledDetection }>();
  const byName = new Map<string, string>();
  const seen = new Set<string>();
  const names = new Map<string, string>();
  const claim = (d: SigmaRule | CorrelationRule): string | undefined => {
    const key = documentKey(d);
    if (seen.has(key)) {
      issues.push(
        issueOf(d, d.id ? "id" : "name", `duplicate rule id '${key}'; this copy is skipped`),
      );
      return undefined;
    }
    // `name` is unique like `id` (rules spec "Name"): references by name must be unambiguous.
    const owner = d.name === undefined ? undefined : names.get(d.name);
    if (owner !== undefined) {
      issues.push(
        issueOf(d, "name", `duplicate rule name '${d.name}' (also ${owner}); this copy is skipped`),
      );
      return undefined;
    }
    seen.add(key);
    if (d.name) names.set(d.name, `${d.file}#${d.document}`);
    if (d.name) byName.set(d.name, key);
    if (d.id) byName.set(d.id, key);
    return key;
  };
  for (const d of documents) {
    if (d.kind !== "rule") continue;
    try {
      const detection = compileDetection(d.detection, opts);
      const key = claim(d);
      if (key) compiled.set(key, { rule: d, detection });
    } catch (e) {
      issues.push(detectionIssue(d, e, "detection"));
    }
  }
  const filters = new Map<string, EventPredicate[]>();
  for (const f of documents.filter((d): d is SigmaFilter => d.kind === "filter")) {
    let det: CompiledDetection;
    try {
      det = compileDetection(f.detection, opts);
    } catch (e) {
      if (e instanceof DetectionError)
        issues.push(issueOf(f, e.path.replace(/^detection/, "filter"), e.message));
      else throw e;
      continue;
    }
    for (const ref of f.rules) {
      const key = byName.get(ref);
      const target = key ? compiled.get(key) : undefined;
      if (!target) {
        issues.push(issueOf(f, "filter.rules", `references unknown rule '${ref}'`, "warning"));
        continue;
      }
      if (
        !logsourceAccepts(f.logsource, target.rule.logsource) &&
        !logsourceAccepts(target.rule.logsource, f.logsource)
      ) {
        issues.push(
          issueOf(f, "logsource", `does not match the logsource of rule '${ref}'`, "warning"),
        );
      }
      filters.set(key!, [...(filters.get(key!) ?? []), det.predicate]);
    }
  }
  const correlations = resolveCorrelations(documents, claim, byName, compiled, issues);
  const consumers = new Map<string, boolean[]>();
  for (const c of correlations)
    for (const r of c.refs) consumers.set(r, [...(consumers.get(r) ?? []), c.rule.generate]);
  const emitOf = (key: string): boolean => {
    const gens = consumers.get(key);
    return !gens || gens.some(Boolean);
  };
  const rules: CompiledRule[] = [...compiled].map(([ruleId, { rule, detection }]) => ({
    ruleId,
    rule,
    logsource: rule.logsource,
    detection,
    filters: filters.get(ruleId) ?? [],
    atoms: requiredAtoms(rule.detection),
    emit: emitOf(ruleId),
  }));
  const finalCorrelations = correlations.map((c) => ({ ...c, emit: emitOf(c.ruleId) }));
  return { rules, correlations: finalCorrelations, index: new LogsourceIndex(rules), issues };
}

function resolveCorrelations(
  documents: readonly SigmaDocument[],
  claim: (d: CorrelationRule) => string | undefined,
  byName: Map<string, string>,
  compiled: ReadonlyMap<string, unknown>,
  issues: RuleIssue[],
): CompiledCorrelation[] {
  const pending = documents.filter((d): d is CorrelationRule => d.kind === "correlation");
  const keys = new Map<CorrelationRule, string>();
  for (const c of pending) {
    const k = claim(c);
    if (k) keys.set(c, k);
  }
  const out: CompiledCorrelation[] = [];
  const ok = new Set<string>();
  // Resolve in passes so a correlation may reference another correlation (chaining); what is
  // left after a pass without progress references unknown rules or forms a cycle.
  let left = [...keys.keys()];
  for (let progress = true; progress && left.length > 0;) {
    progress = false;
    const next: CorrelationRule[] = [];
    for (const c of left) {
      const refs = c.rules.map((r) => byName.get(r));
      if (refs.every((r) => r !== undefined && (compiled.has(r) || ok.has(r)))) {
        const key = keys.get(c)!;
        out.push({ ruleId: key, rule: c, refs: refs as string[], emit: true });
        ok.add(key);
        progress = true;
      } else next.push(c);
    }
    left = next;
  }
  for (const c of left) {
    const missing = c.rules.filter((r) => !byName.has(r));
    const msg =
      missing.length > 0
        ? `references unknown rule(s): ${missing.join(", ")}`
        : "references form a cycle or a skipped rule";
    issues.push(issueOf(c, "correlation.rules", msg));
  }
  return out;
}
