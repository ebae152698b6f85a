import type { ConditionTest } from "./aws-types";
import { arnMatches, globMatch } from "./wildcard-matcher";

/** Three-valued logic: offline, most request context is unknown. */
export type Tri = true | false | "unknown";

/**
 * What is known about a request. Keys are condition keys (case-insensitive). A value of `null`
 * means "known to be absent"; a key that is not present at all is unknown.
 */
export type RequestContext = ReadonlyMap<string, readonly string[] | null>;

/** Builds a context from a plain record, lower-casing keys. */
export function makeContext(
  values: Record<string, string | readonly string[] | null>,
): RequestContext {
  const m = new Map<string, readonly string[] | null>();
  for (const [k, v] of Object.entries(values)) {
    m.set(k.toLowerCase(), v === null ? null : typeof v === "string" ? [v] : v);
  }
  return m;
}

/** Kleene AND. */
export function triAnd(a: Tri, b: Tri): Tri {
  if (a === false || b === false) return false;
  if (a === true && b === true) return true;
  return "unknown";
}

/** Kleene OR. */
export function triOr(a: Tri, b: Tri): Tri {
  if (a === true || b === true) return true;
  if (a === false && b === false) return false;
  return "unknown";
}

/** Result of a statement's Condition block, with the keys that left it undecided. */
export interface ConditionResult {
  value: Tri;
  unknownKeys: string[];
  unsupported: string[];
}

/** Evaluates all condition tests of a statement (AND across operators and keys). */
export function evaluateConditions(
  tests: readonly ConditionTest[],
  ctx: RequestContext,
): ConditionResult {
  const res: ConditionResult = { value: true, unknownKeys: [], unsupported: [] };
  for (const t of tests) {
    const v = evaluateTest(t, ctx, res);
    res.value = triAnd(res.value, v);
    if (res.value === false) break;
  }
  return res;
}

const NEGATED = new Set([
  "StringNotEquals",
  "StringNotEqualsIgnoreCase",
  "StringNotLike",
  "NumericNotEquals",
  "DateNotEquals",
  "ArnNotEquals",
  "ArnNotLike",
  "NotIpAddress",
]);

function evaluateTest(t: ConditionTest, ctx: RequestContext, res: ConditionResult): Tri {
  const known = ctx.get(t.key.toLowerCase());
  if (t.baseOperator === "Null") {
    if (known === undefined) return unknownKey(t, res);
    const wantAbsent = t.values.some((v) => v.toLowerCase() === "true");
    return (known === null || known.length === 0) === wantAbsent;
  }
  if (!OPERATORS.has(t.baseOperator)) {
    res.unsupported.push(t.operator);
    return "unknown";
  }
  if (known === undefined) return unknownKey(t, res);
  const negated = NEGATED.has(t.baseOperator);
  if (known === null || known.length === 0) {
    if (t.setQualifier === "ForAllValues") return true;
    if (t.setQualifier === "ForAnyValue") return false;
    return t.ifExists || negated;
  }
  const policyValues: string[] = [];
  for (const pv of t.values) {
    const s = substituteVariables(pv, ctx);
    if (s === undefined) return unknownKey(t, res);
    policyValues.push(s);
  }
  const positive = positiveOperator(t.baseOperator);
  const matchesAny = (cv: string): Tri => {
    let acc: Tri = false;
    for (const pv of policyValues) acc = triOr(acc, compare(positive, cv, pv));
    return acc;
  };
  const perValue = (cv: string): Tri => (negated ? triNot(matchesAny(cv)) : matchesAny(cv));
  if (t.setQualifier === "ForAllValues")
    return known.reduce<Tri>((a, cv) => triAnd(a, perValue(cv)), true);
  if (t.setQualifier === "ForAnyValue")
    return known.reduce<Tri>((a, cv) => triOr(a, perValue(cv)), false);
  // Single-valued operators over a multi-valued key: any value matching decides the positive form.
  const any = known.reduce<Tri>((a, cv) => triOr(a, matchesAny(cv)), false);
  return negated ? triNot(any) : any;
}

function unknownKey(t: ConditionTest, res: ConditionResult): Tri {
  if (!res.unknownKeys.includes(t.key)) res.unknownKeys.push(t.key);
  return "unknown";
}

function triNot(a: Tri): Tri {
  return a === "unknown" ? a : !a;
}

const POSITIVE: Record<string, string> = {
  StringNotEquals: "StringEquals",
  StringNotEqualsIgnoreCase: "StringEqualsIgnoreCase",
  StringNotLike: "StringLike",
  NumericNotEquals: "NumericEquals",
  DateNotEquals: "DateEquals",
  ArnNotEquals: "ArnEquals",
  ArnNotLike: "ArnLike",
  NotIpAddress: "IpAddress",
};

function positiveOperator(op: string): string {
  return POSITIVE[op] ?? op;
}

const OPERATORS = new Set([
  ...Object.keys(POSITIVE),
  ...Object.values(POSITIVE),
  "NumericLessThan",
  "NumericLessThanEquals",
  "NumericGreaterThan",
  "NumericGreaterThanEquals",
  "DateLessThan",
  "DateLessThanEquals",
  "DateGreaterThan",
  "DateGreaterThanEquals",
  "Bool",
  "BinaryEquals",
]);

function compare(op: string, cv: string, pv: string): Tri {
  switch (op) {
    case "StringEquals":
    case "BinaryEquals":
      return cv === pv;
    case "StringEqualsIgnoreCase":
      return cv.toLowerCase() === pv.toLowerCase();
    case "StringLike":
      return globMatch(pv, cv);
    case "Bool":
      return cv.toLowerCase() === pv.toLowerCase();
    case "ArnEquals":
    case "ArnLike":
      return arnMatches(pv, cv);
    case "IpAddress":
      return ipInCidr(cv, pv);
    default:
      return compareOrdered(op, cv, pv);
  }
}

function compareOrdered(op: string, cv: string, pv: string): Tri {
  const isDate = op.startsWith("Date");
  const a = isDate ? parseDate(cv) : Number(cv);
  const b = isDate ? parseDate(pv) : Number(pv);
  if (Number.isNaN(a) || Number.isNaN(b)) return "unknown";
  const rel = op.replace(/^(Numeric|Date)/, "");
  switch (rel) {
    case "Equals":
      return a === b;
    case "LessThan":
      return a < b;
    case "LessThanEquals":
      return a <= b;
    case "GreaterThan":
      return a > b;
    case "GreaterThanEquals":
      return a >= b;
    default:
      return "unknown";
  }
}

/** Dates are ISO 8601 or epoch seconds in IAM. */
function parseDate(s: string): number {
  if (/^\d+$/.test(s)) return Number(s) * 1000;
  return Date.parse(s);
}

function ipToInt(ip: string): number | undefined {
  const parts = ip.split(".");
  if (parts.length !== 4) return undefined;
  let n = 0;
  for (const p of parts) {
    const v = Number(p);
    if (!/^\d{1,3}$/.test(p) || v > 255) return undefined;
    n = n * 256 + v;
  }
  return n;
}

/** IPv4 CIDR containment; IPv6 stays undecided rather than guessed. */
function ipInCidr(ip: string, cidr: string): Tri {
  const [base, bitsRaw] = cidr.split("/");
  const a = ipToInt(ip);
  const b = ipToInt(base ?? "");
  if (a === undefined || b === undefined) return "unknown";
  const bits = bitsRaw === undefined ? 32 : Number(bitsRaw);
  if (!(bits >= 0 && bits <= 32)) return "unknown";
  const size = 2 ** (32 - bits);
  return Math.floor(a / size) === Math.floor(b / size);
}

/**
 * Replaces `${key}` policy variables from the context; `${*}`, `${?}`, `${$}` are escapes.
 * Returns undefined when a variable's value is unknown.
 */
export function substituteVariables(s: string, ctx: RequestContext): string | undefined {
  if (!s.includes("${")) return s;
  let unknown = false;
  const out = s.replace(/\$\{([^}]+)\}/g, (_m, inner: string) => {
    if (inner === "*" || inner === "?" || inner === "$") return inner;
    const [key, fallback] = inner.split(",").map((x) => x.trim());
    const v = ctx.get((key ?? "").toLowerCase());
    if (v && v.length > 0 && v[0] !== undefined) return v[0];
    if (fallback !== undefined) return fallback.replace(/^'|'$/g, "");
    unknown = true;
    return "";
  });
  return unknown ? undefined : out;
}
