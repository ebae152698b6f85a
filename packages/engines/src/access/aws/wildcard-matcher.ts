/**
 * IAM wildcard matching (`*` any run, `?` one character). Compiled patterns are memoized: PMapper
 * spent most of a 5,000-second run in its matcher, so every pattern is compiled once per process.
 */

const compiled = new Map<string, RegExp | true>();
const MAX_CACHE = 200_000;

function compile(pattern: string, ignoreCase: boolean): RegExp | true {
  const key = (ignoreCase ? "i:" : "c:") + pattern;
  const hit = compiled.get(key);
  if (hit !== undefined) return hit;
  let out: RegExp | true;
  if (/^\*+$/.test(pattern)) {
    out = true;
  } else {
    const body = pattern
      .split("")
      .map((ch) => (ch === "*" ? ".*" : ch === "?" ? "." : ch.replace(/[.+^${}()|[\]\\]/g, "\\$&")))
      .join("");
    out = new RegExp(`^${body}$`, ignoreCase ? "is" : "s");
  }
  if (compiled.size > MAX_CACHE) compiled.clear();
  compiled.set(key, out);
  return out;
}

/** Glob match of `value` against `pattern`. */
export function globMatch(pattern: string, value: string, ignoreCase = false): boolean {
  if (!pattern.includes("*") && !pattern.includes("?")) {
    return ignoreCase ? pattern.toLowerCase() === value.toLowerCase() : pattern === value;
  }
  const re = compile(pattern, ignoreCase);
  return re === true || re.test(value);
}

/** True when a pattern matches every value (`*`, `**`). */
export function isFullWildcard(pattern: string): boolean {
  return /^\*+$/.test(pattern);
}

/** Action names match case-insensitively, wildcards allowed anywhere (`iam:*`, `s3:Get*`). */
export function actionMatches(pattern: string, action: string): boolean {
  return globMatch(pattern, action, true);
}

/**
 * ARN match as in the Resource element and Arn* operators: the six colon-separated parts are
 * compared separately so `*` in the region part cannot swallow the account part; the last part
 * (resource) keeps any further colons.
 */
export function arnMatches(pattern: string, arn: string): boolean {
  if (isFullWildcard(pattern)) return true;
  if (!pattern.includes("*") && !pattern.includes("?")) return pattern === arn;
  const p = splitArn(pattern);
  const a = splitArn(arn);
  if (p === undefined || a === undefined) return globMatch(pattern, arn);
  for (let i = 0; i < 6; i++) {
    if (!globMatch(p[i] ?? "", a[i] ?? "")) return false;
  }
  return true;
}

/** Splits an ARN into its six parts; undefined when it is not an ARN. */
export function splitArn(arn: string): string[] | undefined {
  const parts = arn.split(":");
  if (parts.length < 6 || parts[0] !== "arn") return undefined;
  return [...parts.slice(0, 5), parts.slice(5).join(":")];
}

/** Account id of an ARN (empty for S3-style ARNs without one). */
export function arnAccount(arn: string): string {
  return splitArn(arn)?.[4] ?? "";
}
