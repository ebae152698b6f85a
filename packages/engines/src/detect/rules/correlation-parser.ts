import { isRecord, type FieldErrors } from "./field-validators";
import {
  CORRELATION_TYPES,
  type CompareOp,
  type CorrelationCondition,
  type CorrelationRule,
  type CorrelationType,
  type RuleHeader,
} from "./rule-types";

const OPS: readonly CompareOp[] = ["gt", "gte", "lt", "lte", "eq", "neq"];
const UNIT_MS: Record<string, number> = { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };
const MAX_TIMESPAN_MS = 30 * 86_400_000;

/** Parses `10s`, `5m`, `1h`, `2d` to milliseconds; undefined when malformed. */
export function parseTimespan(v: unknown): number | undefined {
  if (typeof v !== "string") return undefined;
  const m = /^(\d+)([smhd])$/.exec(v.trim());
  if (!m) return undefined;
  return Number(m[1]) * UNIT_MS[m[2]!]!;
}

function parseCondition(
  v: unknown,
  type: CorrelationType,
  ruleCount: number,
  errs: FieldErrors,
): CorrelationCondition {
  const needsField = type.startsWith("value_");
  if (v === undefined) {
    if (type === "temporal" || type === "temporal_ordered")
      return { comparisons: [{ op: "gte", value: ruleCount }], fields: [] };
    errs.add("correlation.condition", "is required");
    return { comparisons: [], fields: [] };
  }
  if (!isRecord(v)) {
    errs.add("correlation.condition", "must be a map such as { gte: 10 }");
    return { comparisons: [], fields: [] };
  }
  const comparisons: { op: CompareOp; value: number }[] = [];
  let fields: string[] = [];
  let percentile: number | undefined = type === "value_median" ? 50 : undefined;
  for (const [k, x] of Object.entries(v)) {
    if (k === "field") {
      fields = errs.stringList(v, "field", "correlation.condition.field");
      continue;
    }
    if (k === "percentile") {
      if (type !== "value_percentile")
        errs.add("correlation.condition.percentile", `is not used by ${type}`);
      else if (typeof x !== "number" || !Number.isFinite(x) || x < 0 || x > 100)
        errs.add("correlation.condition.percentile", "must be a number from 0 to 100");
      else percentile = x;
      continue;
    }
    if (!(OPS as readonly string[]).includes(k)) {
      errs.add(`correlation.condition.${k}`, `unknown operator; use ${OPS.join(", ")}`);
      continue;
    }
    if (typeof x !== "number" || !Number.isFinite(x))
      errs.add(`correlation.condition.${k}`, "must be a number");
    else comparisons.push({ op: k as CompareOp, value: x });
  }
  if (comparisons.length === 0 || comparisons.length > 2)
    errs.add("correlation.condition", "needs one comparison or two for a range");
  if (needsField && fields.length === 0)
    errs.add("correlation.condition.field", `is required for ${type}`);
  if (!needsField && fields.length > 0)
    errs.add("correlation.condition.field", `is not used by ${type}`);
  if ((type === "value_percentile" || type === "value_median") && fields.length > 1)
    errs.add("correlation.condition.field", `${type} takes exactly one field`);
  return percentile === undefined ? { comparisons, fields } : { comparisons, fields, percentile };
}

function parseAliases(v: unknown, errs: FieldErrors): Map<string, Map<string, string>> {
  const out = new Map<string, Map<string, string>>();
  if (v === undefined || v === null) return out;
  if (!isRecord(v)) {
    errs.add("correlation.aliases", "must be a map");
    return out;
  }
  for (const [alias, m] of Object.entries(v)) {
    if (!isRecord(m)) {
      errs.add(`correlation.aliases.${alias}`, "must map rule names to field names");
      continue;
    }
    const inner = new Map<string, string>();
    for (const [rule, field] of Object.entries(m)) {
      if (typeof field !== "string")
        errs.add(`correlation.aliases.${alias}.${rule}`, "must be a field name");
      else inner.set(rule, field);
    }
    out.set(alias, inner);
  }
  return out;
}

/** Validates a correlation document (Sigma correlation specification v2.1). */
export function parseCorrelation(
  doc: Record<string, unknown>,
  header: RuleHeader,
  errs: FieldErrors,
): CorrelationRule | undefined {
  const c = doc.correlation;
  if (!isRecord(c)) {
    errs.add("correlation", "must be a map");
    return undefined;
  }
  const type = c.type;
  if (typeof type !== "string" || !(CORRELATION_TYPES as readonly string[]).includes(type)) {
    errs.add("correlation.type", `must be one of ${CORRELATION_TYPES.join(", ")}`);
    return undefined;
  }
  const t = type as CorrelationType;
  const rules = errs.stringList(c, "rules", "correlation.rules");
  if (rules.length === 0) errs.add("correlation.rules", "must reference at least one rule");
  if ((t === "temporal" || t === "temporal_ordered") && rules.length < 2) {
    errs.add("correlation.rules", `${t} needs at least two rules`);
  }
  const groupBy = errs.stringList(c, "group-by", "correlation.group-by");
  const timespanMs = parseTimespan(c.timespan);
  if (timespanMs === undefined)
    errs.add("correlation.timespan", "must be a number followed by s, m, h or d (e.g. 5m)");
  else if (timespanMs <= 0 || timespanMs > MAX_TIMESPAN_MS)
    errs.add("correlation.timespan", "must be between 1s and 30d");
  if (c.generate !== undefined && typeof c.generate !== "boolean")
    errs.add("correlation.generate", "must be true or false");
  const condition = parseCondition(c.condition, t, rules.length, errs);
  const aliases = parseAliases(c.aliases, errs);
  return {
    kind: "correlation",
    ...header,
    type: t,
    rules,
    groupBy,
    timespanMs: timespanMs ?? 0,
    condition,
    aliases,
    generate: c.generate === true,
  };
}
