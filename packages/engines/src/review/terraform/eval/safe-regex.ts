import { EvalError } from "./values";

/** Longest pattern and subject the Terraform regex functions accept. */
export const MAX_PATTERN_LENGTH = 512;
export const MAX_SUBJECT_LENGTH = 65_536;

// A quantified group that itself contains a quantifier or an alternation — `(a+)+`, `(\w*)*`,
// `(a|aa){2,}` — is the shape behind catastrophic backtracking. Terraform uses RE2, which has
// no back-references or look-around either, so refusing those loses little a real module needs;
// a refused pattern only makes its expression "unknown".
const QUANTIFIER = String.raw`(?:[+*]|\{\d+,?\d*\})`;
const GROUP_BODY = String.raw`(?:[^()\\]|\\.)*`;
const NESTED_QUANTIFIER = new RegExp(
  String.raw`\(${GROUP_BODY}(?:${QUANTIFIER}|\|)${GROUP_BODY}\)${QUANTIFIER}`,
);
const BACKREFERENCE_OR_LOOKAROUND = /\\[1-9]|\\k<|\(\?<?[=!]/;

/**
 * Compiles a pattern that comes from the files under review. The scanned repository is not
 * trusted (a merge request may be hostile), so patterns that could backtrack exponentially on
 * V8's engine are refused: the calling expression then evaluates to "unknown", never hangs.
 */
export function safeRegExp(pattern: string, flags: string, subject: string): RegExp {
  if (pattern.length > MAX_PATTERN_LENGTH)
    throw new EvalError(`regular expression longer than ${MAX_PATTERN_LENGTH} characters`);
  if (subject.length > MAX_SUBJECT_LENGTH)
    throw new EvalError(`regex subject longer than ${MAX_SUBJECT_LENGTH} characters`);
  if (NESTED_QUANTIFIER.test(pattern))
    throw new EvalError("regular expression with nested quantifiers refused (backtracking risk)");
  if (BACKREFERENCE_OR_LOOKAROUND.test(pattern))
    throw new EvalError("back-references and look-around are not RE2 syntax");
  try {
    return new RegExp(pattern, flags);
  } catch (e) {
    throw new EvalError(`invalid regular expression: ${(e as Error).message}`);
  }
}
