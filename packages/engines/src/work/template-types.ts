import { z } from "zod";

/**
 * Work-item templates as serializable data, so admins can edit them later and a template round-
 * trips through JSON. A template is sections of fields; each field has a type, a label, help
 * text, required flags and, where relevant, options, ranges, rubric anchors or checklist
 * questions. `templateSchema` validates an edited template before it is stored.
 */

const key = z
  .string()
  .regex(/^[a-zA-Z][a-zA-Z0-9_]*$/, "a key starts with a letter and holds letters, digits, _");

/** A choice of a select field. */
export const optionSchema = z.strictObject({ value: z.string().min(1), label: z.string().min(1) });

/**
 * Makes a field required only when another field has one of the given values (e.g. a due date
 * for C1–C3 change requests).
 */
export const requiredWhenSchema = z.strictObject({
  field: key,
  in: z.array(z.union([z.string(), z.boolean(), z.number()])).min(1),
});

const base = {
  key,
  label: z.string().min(1),
  help: z.string().optional(),
  /** Required when the item is created. */
  required: z.boolean().default(false),
  /** Statuses at which the field becomes required (required fields per stage). */
  requiredAt: z.array(z.string()).optional(),
  requiredWhen: requiredWhenSchema.optional(),
};

/** Field types that hold one value; they may also appear as columns of a `list` field. */
export const scalarFieldSchema = z.discriminatedUnion("type", [
  z.strictObject({ ...base, type: z.literal("text"), maxLength: z.int().positive().optional() }),
  z.strictObject({
    ...base,
    type: z.literal("markdown"),
    maxLength: z.int().positive().optional(),
  }),
  z.strictObject({ ...base, type: z.literal("url") }),
  z.strictObject({
    ...base,
    type: z.literal("integer"),
    min: z.int().optional(),
    max: z.int().optional(),
  }),
  z.strictObject({ ...base, type: z.literal("yes_no") }),
  z.strictObject({ ...base, type: z.literal("select"), options: z.array(optionSchema).min(1) }),
  z.strictObject({ ...base, type: z.literal("date") }),
  z.strictObject({ ...base, type: z.literal("user") }),
]);
export type ScalarField = z.infer<typeof scalarFieldSchema>;

/** An anchor of a score rubric. */
export const anchorSchema = z.strictObject({ value: z.int(), meaning: z.string().min(1) });

/** A checklist question: answered with text and an evidence link, or N/A with a reason. */
export const checklistQuestionSchema = z.strictObject({
  id: key,
  text: z.string().min(1),
  help: z.string().optional(),
});

/** Every field type a template can use. */
export const fieldSchema = z.discriminatedUnion("type", [
  ...scalarFieldSchema.options,
  z.strictObject({
    ...base,
    type: z.literal("multiselect"),
    options: z.array(optionSchema).min(1),
  }),
  z.strictObject({ ...base, type: z.literal("users"), minItems: z.int().min(0).optional() }),
  z.strictObject({ ...base, type: z.literal("strings"), minItems: z.int().min(0).optional() }),
  z.strictObject({
    ...base,
    type: z.literal("score"),
    min: z.int(),
    max: z.int(),
    anchors: z.array(anchorSchema).default([]),
  }),
  z.strictObject({
    ...base,
    type: z.literal("list"),
    itemFields: z.array(scalarFieldSchema).min(1),
    minItems: z.int().min(0).optional(),
    maxItems: z.int().positive().optional(),
  }),
  z.strictObject({
    ...base,
    type: z.literal("checklist"),
    /** PRR maturity level the checklist belongs to (Experiment, Beta, GA). */
    level: z.string().optional(),
    /** Owner of the section, e.g. InfraSec. */
    owner: z.string().optional(),
    /** When true, an answered question needs an evidence link. */
    requireEvidence: z.boolean().default(true),
    questions: z.array(checklistQuestionSchema).min(1),
  }),
]);
export type TemplateField = z.infer<typeof fieldSchema>;
export type TemplateFieldInput = z.input<typeof fieldSchema>;
export type FieldType = TemplateField["type"];

/** A titled group of fields. */
export const sectionSchema = z.strictObject({
  id: key,
  title: z.string().min(1),
  help: z.string().optional(),
  fields: z.array(fieldSchema),
});
export type TemplateSection = z.infer<typeof sectionSchema>;

/** A work-item template. */
export const templateSchema = z.strictObject({
  id: z.string().regex(/^[a-z][a-z0-9-]*$/, "a template id is kebab-case"),
  version: z.int().positive(),
  kind: z.string().min(1),
  name: z.string().min(1),
  description: z.string().optional(),
  /** When set, the item title must start with this prefix followed by a name. */
  titlePrefix: z.string().optional(),
  sections: z.array(sectionSchema).min(1),
});
export type WorkTemplate = z.infer<typeof templateSchema>;
export type WorkTemplateInput = z.input<typeof templateSchema>;

/** A problem with one value, naming the field by its path (`steps[2].estimateMinutes`). */
export interface FieldError {
  field: string;
  message: string;
}

/** The outcome of validating values against a template. */
export type TemplateValidation =
  { ok: true; values: Record<string, unknown> } | { ok: false; errors: FieldError[] };

/** One answer to a checklist question. */
export interface ChecklistAnswer {
  answer?: string;
  evidenceUrl?: string;
  notApplicable?: boolean;
  naReason?: string;
}
