import type { RuleSource } from "../rules/rule-loader";
import { loadRuleSet, type LoadRuleSetOptions } from "../runtime/rule-set-loader";
import type { CompiledRuleSet } from "../runtime/rule-set-compiler";
import { BUILTIN_RULE_FILES } from "./builtin-pack.generated";

/** Author written in every rule of the built-in pack. */
export const BUILTIN_AUTHOR = "infrasec";

/**
 * The built-in pack's rule files (`builtin/<theme>.yml`, multi-document YAML). Use these to
 * merge the pack with user rules in ONE rule set, so filters and correlations of the user can
 * reference built-in rules: `loadRuleSet([...builtinRuleSources(), ...userSources])`.
 */
export function builtinRuleSources(): readonly RuleSource[] {
  return BUILTIN_RULE_FILES;
}

/**
 * Loads the built-in Linux host and container pack (≥ 40 Sigma rules written by infrasec).
 *
 * Returns a `CompiledRuleSet` exactly as `loadRuleSet` does — `{ rules, correlations, index,
 * issues }` — ready for `createDetector(set)`. Each `rules[i]` has `ruleId` (the rule's UUID),
 * `rule` (title, level, author "infrasec", tags with ATT&CK ids, description, falsepositives,
 * logsource, file `builtin/<theme>.yml`) and the compiled detection. `issues` is empty for the
 * shipped pack (a test guards it). The files are embedded in the module, so this works the same
 * under tsx and in the bundled CLI; no file system access happens.
 */
export function loadBuiltinRules(opts: LoadRuleSetOptions = {}): CompiledRuleSet {
  return loadRuleSet(BUILTIN_RULE_FILES, opts);
}
