import type { MatchOptions } from "../match/field-item-compiler";
import {
  DEFAULT_LOAD_LIMITS,
  loadRuleDocuments,
  type LoadLimits,
  type RuleSource,
} from "../rules/rule-loader";
import { compileRuleSet, type CompiledRuleSet } from "./rule-set-compiler";

/** Options of loadRuleSet: load limits and open-choice matching settings. */
export interface LoadRuleSetOptions extends Partial<MatchOptions> {
  readonly limits?: LoadLimits;
}

/**
 * Parses, validates and compiles rule files in one step. Issues from both stages are merged;
 * every rule that is sound is loaded even when others are not.
 */
export function loadRuleSet(
  sources: readonly RuleSource[],
  opts: LoadRuleSetOptions = {},
): CompiledRuleSet {
  const { limits, ...match } = opts;
  const loaded = loadRuleDocuments(sources, limits ?? DEFAULT_LOAD_LIMITS);
  const compiled = compileRuleSet(loaded.documents, match);
  return { ...compiled, issues: [...loaded.issues, ...compiled.issues] };
}
