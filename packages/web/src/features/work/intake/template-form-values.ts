import { ApiError } from "@infrasec/contracts";
import type { TemplateView } from "@infrasec/contracts";
import {
  BAU_REQUEST_TEMPLATE,
  CHANGE_REQUEST_TEMPLATE,
  DECISION_TEMPLATE,
  DESIGN_DOC_TEMPLATE,
  SECURITY_REVIEW_TEMPLATE,
  isEmptyValue,
  parseTemplate,
  templateFields,
  validateAgainstTemplate,
} from "@infrasec/engines/work";
import type {
  ChecklistAnswer,
  ScalarField,
  TemplateField,
  WorkTemplate,
} from "@infrasec/engines/work";

/**
 * Form values ↔ template fields. The form keeps what the inputs hold (text as typed, numbers or
 * "", partly filled checklist answers, blank list rows); before validating or sending, values are
 * cleaned into the shape `validateAgainstTemplate` and the server expect, with blanks removed so
 * an optional field left empty is simply absent.
 */

export type FormValues = Record<string, unknown>;

/** The shipped templates, used when the server's definition cannot be read. */
const SHIPPED: readonly WorkTemplate[] = [
  SECURITY_REVIEW_TEMPLATE,
  CHANGE_REQUEST_TEMPLATE,
  BAU_REQUEST_TEMPLATE,
  DECISION_TEMPLATE,
  DESIGN_DOC_TEMPLATE,
];

/** The engine template of a catalogue entry (admins may have edited it, so parse it). */
export function templateFromView(view: Pick<TemplateView, "id" | "definition">): WorkTemplate {
  const parsed = parseTemplate(view.definition);
  if (parsed.ok) return parsed.template;
  const shipped = SHIPPED.find((t) => t.id === view.id);
  if (shipped) return shipped;
  throw new Error(`template ${view.id} has an invalid definition`);
}

/** The shipped template of a kind, for items whose template is not in the catalogue any more. */
export function shippedTemplate(idOrKind: string | null | undefined): WorkTemplate | null {
  if (!idOrKind) return null;
  return SHIPPED.find((t) => t.id === idOrKind || t.kind === idOrKind) ?? null;
}

const trimmed = (v: unknown): string | undefined => {
  if (typeof v !== "string") return undefined;
  const t = v.trim();
  return t === "" ? undefined : t;
};

function cleanNumber(v: unknown): number | string | undefined {
  if (typeof v === "number") return Number.isFinite(v) ? v : undefined;
  const t = trimmed(v);
  if (t === undefined) return undefined;
  const n = Number(t);
  // Kept as text when not a number, so validation names the field instead of dropping it.
  return Number.isFinite(n) ? n : t;
}

function cleanScalar(f: ScalarField, v: unknown): unknown {
  switch (f.type) {
    case "integer":
      return cleanNumber(v);
    case "yes_no":
      return typeof v === "boolean" ? v : undefined;
    case "markdown":
      // Markdown keeps its inner whitespace (indentation, line breaks); only blank is empty.
      return typeof v === "string" && v.trim() !== "" ? v : undefined;
    default:
      return trimmed(v);
  }
}

function cleanStringList(v: unknown): string[] | undefined {
  if (!Array.isArray(v)) return undefined;
  const out = v.map(trimmed).filter((x): x is string => x !== undefined);
  return out.length > 0 ? out : undefined;
}

function cleanChecklist(
  f: Extract<TemplateField, { type: "checklist" }>,
  v: unknown,
): Record<string, ChecklistAnswer> | undefined {
  if (!v || typeof v !== "object") return undefined;
  const answers = v as Record<string, ChecklistAnswer | undefined>;
  const out: Record<string, ChecklistAnswer> = {};
  for (const q of f.questions) {
    const a = answers[q.id];
    if (!a) continue;
    if (a.notApplicable === true) {
      // N/A replaces the answer: what was typed before choosing N/A is not sent.
      const naReason = trimmed(a.naReason);
      out[q.id] =
        naReason === undefined ? { notApplicable: true } : { notApplicable: true, naReason };
      continue;
    }
    const answer = typeof a.answer === "string" && a.answer.trim() !== "" ? a.answer : undefined;
    const evidenceUrl = trimmed(a.evidenceUrl);
    if (answer === undefined && evidenceUrl === undefined) continue;
    out[q.id] = {
      ...(answer !== undefined ? { answer } : {}),
      ...(evidenceUrl !== undefined ? { evidenceUrl } : {}),
    };
  }
  return Object.keys(out).length > 0 ? out : undefined;
}

/** One field's form value in the shape the template expects, or undefined when blank. */
export function cleanFieldValue(f: TemplateField, v: unknown): unknown {
  switch (f.type) {
    case "score":
      return cleanNumber(v);
    case "multiselect":
    case "users":
    case "strings":
      return cleanStringList(v);
    case "list": {
      if (!Array.isArray(v)) return undefined;
      const rows = v
        .map((raw) => {
          const row = (raw ?? {}) as Record<string, unknown>;
          const out: Record<string, unknown> = {};
          for (const c of f.itemFields) {
            const cv = cleanScalar(c, row[c.key]);
            if (cv !== undefined) out[c.key] = cv;
          }
          return out;
        })
        .filter((row) => Object.keys(row).length > 0);
      return rows.length > 0 ? rows : undefined;
    }
    case "checklist":
      return cleanChecklist(f, v);
    default:
      return cleanScalar(f, v);
  }
}

/** Every template field's cleaned value; blank fields are left out. */
export function cleanValues(template: WorkTemplate, values: FormValues): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const f of templateFields(template)) {
    const v = cleanFieldValue(f, values[f.key]);
    if (v !== undefined) out[f.key] = v;
  }
  return out;
}

/** Form values from an item's stored fields (only the template's own keys). */
export function valuesFromFields(
  template: WorkTemplate,
  fields: Readonly<Record<string, unknown>>,
): FormValues {
  const out: FormValues = {};
  for (const f of templateFields(template)) {
    const v = fields[f.key];
    if (v !== undefined && v !== null) out[f.key] = structuredClone(v);
  }
  return out;
}

/**
 * The `fields` of a PATCH: keys whose cleaned value changed, with null for a cleared field (the
 * server merges, and a key set to null clears it). Undefined when nothing changed.
 */
export function changedFields(
  template: WorkTemplate,
  before: Readonly<Record<string, unknown>>,
  after: FormValues,
): Record<string, unknown> | undefined {
  const next = cleanValues(template, after);
  const prev = cleanValues(template, before);
  const out: Record<string, unknown> = {};
  for (const f of templateFields(template)) {
    const a = prev[f.key];
    const b = next[f.key];
    if (JSON.stringify(a) === JSON.stringify(b)) continue;
    out[f.key] = b === undefined ? null : b;
  }
  return Object.keys(out).length > 0 ? out : undefined;
}

/**
 * The title sent for the item. Templates with a title prefix (security reviews) build it from
 * the prefix and the name: the typed one, or the service or feature the request is about.
 */
export function itemTitle(
  template: WorkTemplate | null,
  typed: string,
  values: FormValues,
): string {
  const prefix = template?.titlePrefix;
  if (!prefix) return typed.trim();
  let name = typed.trim();
  if (name.startsWith(prefix)) name = name.slice(prefix.length).trim();
  if (name === "") name = trimmed(values.serviceOrFeature) ?? "";
  return name === "" ? prefix : `${prefix} ${name}`;
}

/** Field errors keyed by path (`steps[0].estimateMinutes`, `prrIdentityAccess.wafCoverage.answer`). */
export type FieldErrors = Record<string, string>;

/**
 * Validates the form with the engine exactly as the server will (`status` = the status whose
 * stage requirements apply; none at intake). Returns the errors by path, empty when valid.
 */
export function validateForm(
  template: WorkTemplate,
  values: FormValues,
  options: { title?: string; status?: string } = {},
): FieldErrors {
  const cleaned = cleanValues(template, values);
  const input =
    template.titlePrefix !== undefined ? { ...cleaned, title: options.title ?? "" } : cleaned;
  const r = validateAgainstTemplate(template, input, { status: options.status });
  const out: FieldErrors = {};
  if (!r.ok) for (const e of r.errors) out[e.field] ??= e.message;
  return out;
}

/** The template field key a path belongs to (`steps[2].phase` → `steps`). */
export function fieldKeyOf(path: string): string {
  return path.split(/[.[]/)[0] ?? path;
}

/** The errors under one field (its own path and every nested path). */
export function errorsUnder(errors: FieldErrors, key: string): FieldErrors {
  const out: FieldErrors = {};
  for (const [path, message] of Object.entries(errors)) {
    if (fieldKeyOf(path) === key) out[path] = message;
  }
  return out;
}

/** True when a field counts as filled in (for progress and summaries). */
export function isFilled(v: unknown): boolean {
  return !isEmptyValue(v);
}

/**
 * A server validation error split into errors on template fields (paths `fields.x…` or bare
 * field keys), errors on the item's own inputs (`title`, `assignees[1]`, …) and the rest.
 */
export function serverFieldErrors(
  error: unknown,
  template: WorkTemplate | null,
): { fields: FieldErrors; item: FieldErrors; other: string[] } {
  const fields: FieldErrors = {};
  const item: FieldErrors = {};
  const other: string[] = [];
  if (!(error instanceof ApiError)) return { fields, item, other };
  const keys = new Set(template ? templateFields(template).map((f) => f.key) : []);
  for (const d of error.details) {
    if (!d.path) {
      other.push(d.message);
      continue;
    }
    // "/body/fields/steps/0/phase", "body.fields.steps.0.phase" and "fields.steps[0].phase" alike.
    let path = d.path
      .replace(/^\//, "")
      .replace(/\//g, ".")
      .replace(/^(body|query|params)\./, "")
      .replace(/\.(\d+)(?=\.|$)/g, "[$1]");
    const inFields = path.startsWith("fields.");
    if (inFields) path = path.slice("fields.".length);
    if (inFields || keys.has(fieldKeyOf(path))) fields[path] ??= d.message;
    else item[path] ??= d.message;
  }
  return { fields, item, other };
}

/** The index of the section holding a field path (title errors belong to the first section). */
export function sectionIndexOf(template: WorkTemplate, path: string): number {
  const key = fieldKeyOf(path);
  const i = template.sections.findIndex((s) => s.fields.some((f) => f.key === key));
  return i < 0 ? 0 : i;
}
