import { AppError } from "@infrasec/core";
import type { FieldError, WorkTemplate, WorkTemplateInput } from "./template-types";
import { templateSchema } from "./template-types";
import { issuesToErrors, templateFields, toErrorDetails } from "./template-validate-fns";

/**
 * Parses an (admin-edited) template: the schema, then the rules a schema cannot say: unique
 * field keys across sections, `title` reserved, conditions that point at existing fields,
 * score ranges in order, unique options and question ids.
 */
export function parseTemplate(
  input: unknown,
): { ok: true; template: WorkTemplate } | { ok: false; errors: FieldError[] } {
  const r = templateSchema.safeParse(input);
  if (!r.success) return { ok: false, errors: issuesToErrors("template", "template", r.error) };
  const t = r.data;
  const errors: FieldError[] = [];
  const seen = new Set<string>();
  for (const f of templateFields(t)) {
    if (f.key === "title") errors.push({ field: f.key, message: "title is reserved" });
    if (seen.has(f.key)) errors.push({ field: f.key, message: `duplicate field key ${f.key}` });
    seen.add(f.key);
    if (f.type === "score" && f.min > f.max) {
      errors.push({ field: f.key, message: "min is greater than max" });
    }
    if ((f.type === "select" || f.type === "multiselect") && dup(f.options.map((o) => o.value))) {
      errors.push({ field: f.key, message: "option values must be unique" });
    }
    if (f.type === "checklist" && dup(f.questions.map((q) => q.id))) {
      errors.push({ field: f.key, message: "question ids must be unique" });
    }
  }
  for (const f of templateFields(t)) {
    if (f.requiredWhen && !seen.has(f.requiredWhen.field)) {
      errors.push({
        field: f.key,
        message: `requiredWhen refers to unknown field ${f.requiredWhen.field}`,
      });
    }
  }
  return errors.length > 0 ? { ok: false, errors } : { ok: true, template: t };
}

function dup(xs: readonly string[]): boolean {
  return new Set(xs).size !== xs.length;
}

/** Builds a template from its literal input form (defaults applied); throws on a bad template. */
export function defineTemplate(input: WorkTemplateInput): WorkTemplate {
  const r = parseTemplate(input);
  if (!r.ok) {
    throw new AppError(
      "config_invalid",
      `template ${input.id} is invalid`,
      toErrorDetails(r.errors),
    );
  }
  return r.template;
}
