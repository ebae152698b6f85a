import { ConditionSyntaxError, parseConditionList } from "../condition/condition-parser";
import type { Logsource, SigmaLevel } from "../detect-types";
import { parseCorrelation } from "./correlation-parser";
import { isRecord, type FieldErrors } from "./field-validators";
import type {
  DetectionDef,
  RuleHeader,
  RuleOrigin,
  SigmaDocument,
  SigmaFilter,
  SigmaRule,
} from "./rule-types";

/** Sigma levels, least severe first. */
export const LEVELS: readonly SigmaLevel[] = ["informational", "low", "medium", "high", "critical"];
const STATUSES = ["stable", "test", "experimental", "deprecated", "unsupported"] as const;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Validates `logsource` (spec: mandatory map; attributes are lower-case strings). */
export function parseLogsource(v: unknown, path: string, errs: FieldErrors): Logsource {
  if (!isRecord(v)) {
    errs.add(path, v === undefined ? "is required" : "must be a map");
    return {};
  }
  const out: { product?: string; category?: string; service?: string } = {};
  for (const key of ["product", "category", "service"] as const) {
    const s = errs.optionalString(v, key, `${path}.${key}`, 256);
    if (s === undefined) continue;
    if (s !== s.toLowerCase()) errs.warn(`${path}.${key}`, "should be lower case");
    out[key] = s.toLowerCase();
  }
  errs.optionalString(v, "definition", `${path}.definition`);
  if (!out.product && !out.category && !out.service)
    errs.add(path, "needs at least one of product, category, service");
  return out;
}

/** Validates a detection section: selections plus a parsed condition. */
export function parseDetection(
  v: unknown,
  path: string,
  errs: FieldErrors,
): DetectionDef | undefined {
  if (!isRecord(v)) {
    errs.add(path, v === undefined ? "is required" : "must be a map");
    return undefined;
  }
  const selections = new Map<string, unknown>();
  for (const [k, x] of Object.entries(v)) {
    if (k === "condition") continue;
    if (k === "timeframe") {
      errs.add(`${path}.timeframe`, "is obsolete; express time windows with a correlation rule");
      continue;
    }
    if (!/^[A-Za-z0-9_.-]+$/.test(k))
      errs.add(`${path}.${k}`, "identifier may use only letters, digits, _ . -");
    selections.set(k, x);
  }
  if (selections.size === 0) errs.add(path, "defines no selection");
  const cond = v.condition;
  const list =
    typeof cond === "string" ? [cond] : Array.isArray(cond) ? (cond as unknown[]) : undefined;
  if (!list || list.length === 0 || !list.every((c): c is string => typeof c === "string")) {
    errs.add(
      `${path}.condition`,
      cond === undefined ? "is required" : "must be a string or a list of strings",
    );
    return undefined;
  }
  try {
    return { selections, condition: parseConditionList(list), conditionText: list.join(" or ") };
  } catch (e) {
    if (e instanceof ConditionSyntaxError) {
      errs.add(`${path}.condition`, `${e.message} (at offset ${e.position})`);
      return undefined;
    }
    throw e;
  }
}

const RELATED_TYPES = ["derived", "obsolete", "merged", "renamed", "similar"] as const;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * `taxonomy` (rules, correlations, filters): another taxonomy than the default `sigma` "must be
 * handled by the used tool". `ecs` is handled as far as field names go: they are read as
 * written, and generic JSON events keep their ECS fields (warning: sensor events normalized to
 * Sigma names do not carry them). Any other taxonomy would silently never match: refused.
 */
export function checkTaxonomy(doc: Record<string, unknown>, errs: FieldErrors): void {
  const taxonomy = errs.optionalString(doc, "taxonomy", "taxonomy", 256);
  if (taxonomy === undefined || taxonomy === "sigma") return;
  if (taxonomy === "ecs")
    errs.warn("taxonomy", "ECS field names match generic JSON events only, not sensor events");
  else errs.add("taxonomy", `taxonomy '${taxonomy}' is not supported; use 'sigma' or 'ecs'`);
}

/** `date` and `modified`: ISO 8601 `YYYY-MM-DD` (a warning: the value is informational). */
function checkDates(doc: Record<string, unknown>, errs: FieldErrors): void {
  for (const key of ["date", "modified"]) {
    const v = errs.optionalString(doc, key, key, 64);
    if (v !== undefined && !ISO_DATE.test(v)) errs.warn(key, "should be a date as YYYY-MM-DD");
  }
}

/** `related`: a list of `{id, type}` with one of the five relation types of the specification. */
function checkRelated(v: unknown, errs: FieldErrors): void {
  if (v === undefined || v === null) return;
  if (!Array.isArray(v)) {
    errs.add("related", "must be a list of {id, type}");
    return;
  }
  (v as unknown[]).forEach((r, i) => {
    if (!isRecord(r)) {
      errs.add(`related[${i}]`, "must be a map with id and type");
      return;
    }
    errs.requiredString(r, "id", `related[${i}].id`);
    errs.oneOf(r, "type", `related[${i}].type`, RELATED_TYPES);
    if (r.type === undefined) errs.add(`related[${i}].type`, "is required");
  });
}

/** Header fields shared by detection and correlation rules. */
export function parseHeader(
  doc: Record<string, unknown>,
  origin: RuleOrigin,
  errs: FieldErrors,
): RuleHeader {
  const id = errs.optionalString(doc, "id", "id", 256);
  if (id !== undefined && !UUID.test(id)) errs.warn("id", "should be a UUID");
  const falsepositives = errs.stringList(doc, "falsepositives", "falsepositives");
  checkTaxonomy(doc, errs);
  checkDates(doc, errs);
  checkRelated(doc.related, errs);
  return {
    ...origin,
    id,
    name: errs.optionalString(doc, "name", "name", 256),
    title: errs.requiredString(doc, "title", "title"),
    status: errs.oneOf(doc, "status", "status", STATUSES),
    level: errs.oneOf(doc, "level", "level", LEVELS) ?? "medium",
    author: errs.optionalString(doc, "author", "author"),
    description: errs.optionalString(doc, "description", "description"),
    tags: errs.stringList(doc, "tags", "tags"),
    references: errs.stringList(doc, "references", "references"),
    falsepositives,
  };
}

function parseFilter(
  doc: Record<string, unknown>,
  origin: RuleOrigin,
  errs: FieldErrors,
): SigmaFilter | undefined {
  const title = errs.requiredString(doc, "title", "title");
  const id = errs.optionalString(doc, "id", "id", 256);
  checkTaxonomy(doc, errs);
  checkDates(doc, errs);
  const logsource = parseLogsource(doc.logsource, "logsource", errs);
  const f = doc.filter;
  if (!isRecord(f)) {
    errs.add("filter", "must be a map");
    return undefined;
  }
  const rules = errs.stringList(f, "rules", "filter.rules");
  if (rules.length === 0) errs.add("filter.rules", "must name at least one rule");
  const { rules: _r, ...detection } = f;
  const det = parseDetection(detection, "filter", errs);
  if (!det) return undefined;
  return { kind: "filter", ...origin, id, title, logsource, rules, detection: det };
}

/**
 * Validates one YAML document as a rule, a correlation or a filter. Returns undefined when
 * any error was recorded; the caller reports the errors and skips the document.
 */
export function parseDocument(
  doc: unknown,
  origin: RuleOrigin,
  errs: FieldErrors,
): SigmaDocument | undefined {
  if (!isRecord(doc)) {
    errs.add("(document)", "must be a map");
    return undefined;
  }
  if (doc.action !== undefined) {
    errs.add(
      "action",
      "Sigma 1.0 rule collections ('action: global') are not supported; split the rules",
    );
    return undefined;
  }
  let out: SigmaDocument | undefined;
  if (doc.correlation !== undefined)
    out = parseCorrelation(doc, parseHeader(doc, origin, errs), errs);
  else if (doc.filter !== undefined && doc.detection === undefined)
    out = parseFilter(doc, origin, errs);
  else {
    const header = parseHeader(doc, origin, errs);
    const logsource = parseLogsource(doc.logsource, "logsource", errs);
    const detection = parseDetection(doc.detection, "detection", errs);
    if (detection) out = { kind: "rule", ...header, logsource, detection } satisfies SigmaRule;
  }
  return errs.errors.length > 0 ? undefined : out;
}
