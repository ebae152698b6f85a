import type { CreateWorkItemBody, WorkKind } from "@infrasec/contracts";
import type { WorkTemplate } from "@infrasec/engines/work";
import { cleanValues } from "./template-form-values";
import type { FormValues } from "./template-form-values";

/** The item-level inputs of an intake form, besides the template fields. */
export interface IntakeBasics {
  title: string;
  description: string;
  confidential: boolean;
  dueDate: string;
}

/**
 * Templates that ask for required reviewers (design docs, security reviews) keep them in a
 * `requiredReviewers` field; the item's own reviewer list (which approvals count against) gets
 * the same people.
 */
export function reviewersFromFields(fields: Readonly<Record<string, unknown>>): {
  requiredReviewers?: string[];
} {
  const r = fields.requiredReviewers;
  return Array.isArray(r) && r.every((x) => typeof x === "string") ? { requiredReviewers: r } : {};
}

/** The create request of an intake form. */
export function createBody(
  kind: WorkKind,
  template: WorkTemplate | null,
  title: string,
  basics: IntakeBasics,
  values: FormValues,
  draft = false,
): CreateWorkItemBody {
  const fields = template ? cleanValues(template, values) : {};
  return {
    kind,
    ...(template ? { templateId: template.id, fields } : {}),
    ...reviewersFromFields(fields),
    title,
    description: basics.description,
    confidential: basics.confidential,
    ...(basics.dueDate ? { dueDate: basics.dueDate } : {}),
    ...(draft ? { draft: true } : {}),
  };
}
