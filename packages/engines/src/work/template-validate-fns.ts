import { z } from "zod";
import type { ErrorDetail } from "@infrasec/core";
import { AppError } from "@infrasec/core";
import type {
  ChecklistAnswer,
  FieldError,
  ScalarField,
  TemplateField,
  TemplateValidation,
  WorkTemplate,
} from "./template-types";

// Bounded inputs (ARCHITECTURE §5): every free-text value and list has a ceiling.
const TEXT_MAX = 500;
const MARKDOWN_MAX = 100_000;
const LIST_MAX = 200;

/** Options of `validateAgainstTemplate`. */
export interface ValidateOptions {
  /** The status the item is in (or moving to): fields with `requiredAt` this status are required. */
  status?: string;
}

/** True for values that count as "not filled in": absent, null, blank text, empty list. */
export function isEmptyValue(v: unknown): boolean {
  if (v === undefined || v === null) return true;
  if (typeof v === "string") return v.trim() === "";
  if (Array.isArray(v)) return v.length === 0;
  return false;
}

function oneOf(values: readonly string[], what: string): z.ZodType<string> {
  return z
    .string()
    .refine((v) => values.includes(v), `${what} must be one of: ${values.join(", ")}`);
}

function scalarSchema(f: ScalarField): z.ZodType {
  switch (f.type) {
    case "text":
      return z.string().max(f.maxLength ?? TEXT_MAX);
    case "markdown":
      return z.string().max(f.maxLength ?? MARKDOWN_MAX);
    case "url":
      return z.url({ protocol: /^https?$/, error: "must be an http(s) link" });
    case "integer": {
      let s = z.int();
      if (f.min !== undefined) s = s.min(f.min);
      if (f.max !== undefined) s = s.max(f.max);
      return s;
    }
    case "yes_no":
      return z.boolean({ error: "must be yes (true) or no (false)" });
    case "select":
      return oneOf(
        f.options.map((o) => o.value),
        "the value",
      );
    case "date":
      return z.iso.date({ error: "must be a date (YYYY-MM-DD)" });
    case "user":
      return z.string().min(1).max(100);
  }
}

function fieldSchemaOf(f: TemplateField): z.ZodType {
  switch (f.type) {
    case "multiselect":
      return z
        .array(
          oneOf(
            f.options.map((o) => o.value),
            "each value",
          ),
        )
        .max(LIST_MAX);
    case "users":
    case "strings":
      return z
        .array(
          z
            .string()
            .min(1)
            .max(f.type === "users" ? 100 : TEXT_MAX),
        )
        .min(f.minItems ?? 0)
        .max(LIST_MAX);
    case "score":
      return z
        .int()
        .min(f.min, `must be between ${f.min} and ${f.max}`)
        .max(f.max, `must be between ${f.min} and ${f.max}`);
    case "list":
      return z
        .array(z.record(z.string(), z.unknown()))
        .min(f.minItems ?? 0, `needs at least ${f.minItems ?? 0} entr(ies)`)
        .max(f.maxItems ?? LIST_MAX);
    case "checklist":
      return z.record(z.string(), z.unknown());
    default:
      return scalarSchema(f);
  }
}

/** Maps zod issues to field errors under `path`, prefixing messages with the field label. */
export function issuesToErrors(path: string, label: string, err: z.ZodError): FieldError[] {
  return err.issues.map((i) => ({
    field: [path, ...i.path.map((p) => (typeof p === "number" ? `[${p}]` : `.${String(p)}`))]
      .join("")
      .replace(/\.\[/g, "["),
    message: `${label}: ${i.message}`,
  }));
}

function validateRows(f: Extract<TemplateField, { type: "list" }>, rows: unknown[]): FieldError[] {
  const errors: FieldError[] = [];
  rows.forEach((raw, i) => {
    const row = raw as Record<string, unknown>;
    const at = `${f.key}[${i}]`;
    for (const k of Object.keys(row)) {
      if (!f.itemFields.some((c) => c.key === k)) {
        errors.push({ field: `${at}.${k}`, message: `${f.label}: unknown field ${k}` });
      }
    }
    for (const c of f.itemFields) {
      const v = row[c.key];
      if (isEmptyValue(v)) {
        if (c.required) errors.push({ field: `${at}.${c.key}`, message: `${c.label} is required` });
        continue;
      }
      const r = scalarSchema(c).safeParse(v);
      if (!r.success) errors.push(...issuesToErrors(`${at}.${c.key}`, c.label, r.error));
    }
  });
  return errors;
}

function validateChecklist(
  f: Extract<TemplateField, { type: "checklist" }>,
  answers: Record<string, unknown>,
  required: boolean,
): FieldError[] {
  const errors: FieldError[] = [];
  for (const k of Object.keys(answers)) {
    if (!f.questions.some((q) => q.id === k)) {
      errors.push({ field: `${f.key}.${k}`, message: `${f.label}: unknown question ${k}` });
    }
  }
  const url = z.url({ protocol: /^https?$/ });
  for (const q of f.questions) {
    const at = `${f.key}.${q.id}`;
    const a = answers[q.id] as ChecklistAnswer | undefined;
    if (a === undefined || a === null || typeof a !== "object") {
      if (required) {
        errors.push({ field: at, message: `"${q.text}" needs an answer or N/A with a reason` });
      }
      continue;
    }
    if (a.notApplicable === true) {
      // N/A is allowed only with a reason: the reviewer must see why the question does not apply.
      if (isEmptyValue(a.naReason)) {
        errors.push({ field: `${at}.naReason`, message: `"${q.text}" is N/A without a reason` });
      }
      continue;
    }
    if (isEmptyValue(a.answer)) {
      errors.push({ field: `${at}.answer`, message: `"${q.text}" needs an answer` });
    } else if (typeof a.answer !== "string" || a.answer.length > MARKDOWN_MAX) {
      errors.push({ field: `${at}.answer`, message: `"${q.text}": the answer must be text` });
    }
    if (isEmptyValue(a.evidenceUrl)) {
      if (f.requireEvidence) {
        errors.push({ field: `${at}.evidenceUrl`, message: `"${q.text}" needs an evidence link` });
      }
    } else if (!url.safeParse(a.evidenceUrl).success) {
      errors.push({
        field: `${at}.evidenceUrl`,
        message: `"${q.text}": evidence must be an http(s) link`,
      });
    }
  }
  return errors;
}

/** Every field of a template, in order, across its sections. */
export function templateFields(t: WorkTemplate): TemplateField[] {
  return t.sections.flatMap((s) => s.fields);
}

/** Whether a field is required, given the other values and the item's status. */
export function isFieldRequired(
  f: TemplateField,
  values: Readonly<Record<string, unknown>>,
  status?: string,
): boolean {
  if (f.required) return true;
  if (status !== undefined && f.requiredAt?.includes(status)) return true;
  if (f.requiredWhen) {
    const other = values[f.requiredWhen.field];
    return f.requiredWhen.in.some((v) => v === other);
  }
  return false;
}

/**
 * Validates values against a template: required fields (also per status and conditional), types,
 * ranges, options, list rows, checklist answers (answer + evidence link, or N/A with a reason)
 * and the title prefix. Unknown fields are errors. Every error names its field path.
 */
export function validateAgainstTemplate(
  template: WorkTemplate,
  values: Readonly<Record<string, unknown>>,
  options: ValidateOptions = {},
): TemplateValidation {
  const errors: FieldError[] = [];
  const fields = templateFields(template);
  const out: Record<string, unknown> = {};
  const known = new Set(fields.map((f) => f.key));
  if (template.titlePrefix !== undefined) known.add("title");
  for (const k of Object.keys(values)) {
    if (!known.has(k)) errors.push({ field: k, message: `unknown field ${k}` });
  }
  if (template.titlePrefix !== undefined) {
    const title = values.title;
    const prefix = template.titlePrefix;
    if (typeof title !== "string" || !title.startsWith(prefix)) {
      errors.push({ field: "title", message: `the title must start with "${prefix}"` });
    } else if (title.slice(prefix.length).trim() === "") {
      errors.push({ field: "title", message: `the title needs a name after "${prefix}"` });
    } else {
      out.title = title;
    }
  }
  for (const f of fields) {
    const v = values[f.key];
    const required = isFieldRequired(f, values, options.status);
    if (f.type !== "checklist" && isEmptyValue(v)) {
      if (required) errors.push({ field: f.key, message: `${f.label} is required` });
      continue;
    }
    if (f.type === "checklist" && (v === undefined || v === null)) {
      if (required) errors.push(...validateChecklist(f, {}, true));
      continue;
    }
    const r = fieldSchemaOf(f).safeParse(v);
    // Rows are checked even when the count is wrong, so one pass shows every problem.
    const rowsReadable =
      f.type === "list" && Array.isArray(v) && v.every((x) => typeof x === "object" && x !== null);
    if (!r.success) {
      errors.push(...issuesToErrors(f.key, f.label, r.error));
      if (rowsReadable) errors.push(...validateRows(f, v as unknown[]));
      continue;
    }
    if (f.type === "list") errors.push(...validateRows(f, v as unknown[]));
    if (f.type === "checklist") {
      errors.push(...validateChecklist(f, v as Record<string, unknown>, required));
    }
    out[f.key] = r.data;
  }
  return errors.length > 0 ? { ok: false, errors } : { ok: true, values: out };
}

/** Field errors as `AppError` details (`path` = field). */
export function toErrorDetails(errors: readonly FieldError[]): ErrorDetail[] {
  return errors.map((e) => ({ path: e.field, message: e.message }));
}

/** Throws `validation_failed` naming every field when the values do not fit the template. */
export function assertValidAgainstTemplate(
  template: WorkTemplate,
  values: Readonly<Record<string, unknown>>,
  options: ValidateOptions = {},
): Record<string, unknown> {
  const r = validateAgainstTemplate(template, values, options);
  if (!r.ok) {
    throw new AppError(
      "validation_failed",
      `${r.errors.length} problem(s) with the ${template.name} fields`,
      toErrorDetails(r.errors),
    );
  }
  return r.values;
}
