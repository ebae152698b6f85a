import { Stack, Text } from "@mantine/core";
import { isFieldRequired } from "@infrasec/engines/work";
import type { TemplateSection } from "@infrasec/engines/work";
import type { FieldErrors, FormValues } from "../template-form-values";
import { errorsUnder } from "../template-form-values";
import { TemplateFieldInput } from "./TemplateFieldInput";

/** The inputs of one template section, in template order. */
export function TemplateSectionFields({
  section,
  values,
  errors,
  status,
  onChange,
  onBlur,
  disabled,
  showHelp = true,
}: {
  section: TemplateSection;
  values: FormValues;
  errors: FieldErrors;
  /** The item's status: fields required at it are marked required. */
  status?: string;
  onChange: (key: string, value: unknown) => void;
  onBlur: (key: string) => void;
  disabled?: boolean;
  showHelp?: boolean;
}) {
  return (
    <Stack gap="sm">
      {showHelp && section.help && (
        <Text size="sm" c="dimmed">
          {section.help}
        </Text>
      )}
      {section.fields.map((f) => (
        <TemplateFieldInput
          key={f.key}
          field={f}
          value={values[f.key]}
          errors={errorsUnder(errors, f.key)}
          required={isFieldRequired(f, values, status)}
          disabled={disabled}
          onChange={(v) => onChange(f.key, v)}
          onBlur={() => onBlur(f.key)}
        />
      ))}
    </Stack>
  );
}
