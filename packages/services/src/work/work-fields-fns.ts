import type { ErrorDetail } from "@infrasec/core";
import { AppError } from "@infrasec/core";
import type { FieldError, TemplateField, WorkTemplate } from "@infrasec/engines/work";
import { validateAgainstTemplate } from "@infrasec/engines/work";

/**
 * Validating an item's template values. Drafts (and items not yet leaving their first status)
 * are checked for types only: a requester may save what they have and fill in the rest later,
 * but never store a value of the wrong type.
 */

/** The template with no field required: validation then checks only the values present. */
export function relaxTemplate(t: WorkTemplate): WorkTemplate {
  const relax = (f: TemplateField): TemplateField => ({
    ...f,
    required: false,
    requiredAt: undefined,
    requiredWhen: undefined,
  });
  return { ...t, sections: t.sections.map((s) => ({ ...s, fields: s.fields.map(relax) })) };
}

/** Field errors as error details under `fields.` (the title keeps its own path). */
export function fieldDetails(errors: readonly FieldError[]): ErrorDetail[] {
  return errors.map((e) => ({
    path: e.field === "title" ? "title" : `fields.${e.field}`,
    message: e.message,
  }));
}

/**
 * Validates values (title included when the template has a title prefix) and throws
 * `validation_failed` naming every field. `complete` false checks types only.
 */
export function assertFields(
  template: WorkTemplate,
  title: string,
  values: Readonly<Record<string, unknown>>,
  opts: { complete: boolean; status: string },
): void {
  const t = opts.complete ? template : relaxTemplate(template);
  const all = template.titlePrefix !== undefined ? { ...values, title } : values;
  const r = validateAgainstTemplate(t, all, { status: opts.status });
  if (!r.ok) {
    throw new AppError(
      "validation_failed",
      `${r.errors.length} problem(s) with the ${template.name} fields: ${r.errors
        .slice(0, 5)
        .map((e) => `${e.field}: ${e.message}`)
        .join("; ")}`,
      fieldDetails(r.errors),
    );
  }
}

/** The title with the template's prefix (`Security Review Request: …`) added when missing. */
export function prefixedTitle(template: WorkTemplate | null, title: string): string {
  const prefix = template?.titlePrefix;
  if (!prefix || title.startsWith(prefix)) return title;
  return `${prefix} ${title}`;
}

/** Merges a fields patch: keys set to null are removed. */
export function mergeFields(
  current: Readonly<Record<string, unknown>>,
  patch: Readonly<Record<string, unknown>>,
): Record<string, unknown> {
  const out: Record<string, unknown> = { ...current };
  for (const [k, v] of Object.entries(patch)) {
    if (v === null) delete out[k];
    else out[k] = v;
  }
  return out;
}

/** @usernames in a comment (lower-case, as usernames are), in order of appearance, unique. */
export function parseMentions(body: string): string[] {
  const out: string[] = [];
  for (const m of body.matchAll(/(^|[^a-zA-Z0-9_.@/-])@([a-z0-9][a-z0-9_.-]{1,63})/g)) {
    // A trailing dot ends the sentence, not the username.
    const name = m[2]!.replace(/[.]+$/, "");
    if (name.length >= 2 && !out.includes(name)) out.push(name);
  }
  return out;
}
