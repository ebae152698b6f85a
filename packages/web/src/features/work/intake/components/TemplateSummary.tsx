import type { TemplateSection, WorkTemplate } from "@infrasec/engines/work";
import { TemplateFieldsView } from "../../shared/TemplateFieldsView";
import { cleanValues } from "../template-form-values";
import type { FieldErrors, FormValues } from "../template-form-values";

/** The answers of the steps so far, read back before submitting, with a way back to each step. */
export function TemplateSummary({
  template,
  values,
  sections,
  errors,
  onEdit,
}: {
  template: WorkTemplate;
  values: FormValues;
  sections: readonly TemplateSection[];
  errors: FieldErrors;
  onEdit: (step: number) => void;
}) {
  return (
    <TemplateFieldsView
      template={template}
      values={cleanValues(template, values)}
      sections={sections}
      errors={errors}
      hideEmpty
      onEdit={onEdit}
    />
  );
}
