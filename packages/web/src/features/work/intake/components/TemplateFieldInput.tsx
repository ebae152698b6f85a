import { MultiSelect } from "@mantine/core";
import type { TemplateField } from "@infrasec/engines/work";
import type { FieldErrors } from "../template-form-values";
import { ChecklistInput } from "./ChecklistInput";
import { ListInput } from "./ListInput";
import { ScalarInput } from "./ScalarInput";
import { ScoreInput } from "./ScoreInput";
import { StringsInput, UsersInput } from "./StringsInput";

/** The input of any template field type, by its type. */
export function TemplateFieldInput({
  field,
  value,
  onChange,
  onBlur,
  errors,
  required,
  disabled,
}: {
  field: TemplateField;
  value: unknown;
  onChange: (v: unknown) => void;
  onBlur: () => void;
  /** Errors under this field, by full path. */
  errors: FieldErrors;
  required: boolean;
  disabled?: boolean;
}) {
  const error = errors[field.key];
  switch (field.type) {
    case "score":
      return (
        <ScoreInput
          field={field}
          value={value}
          onChange={onChange}
          error={error}
          required={required}
          disabled={disabled}
        />
      );
    case "checklist":
      return (
        <ChecklistInput
          field={field}
          value={value}
          onChange={onChange}
          onBlur={onBlur}
          errors={errors}
          required={required}
          disabled={disabled}
        />
      );
    case "list":
      return (
        <ListInput
          field={field}
          value={value}
          onChange={onChange}
          onBlur={onBlur}
          errors={errors}
          required={required}
          disabled={disabled}
        />
      );
    case "multiselect":
      return (
        <MultiSelect
          label={field.label}
          description={field.help}
          withAsterisk={required}
          error={error}
          disabled={disabled}
          data={field.options.map((o) => ({ value: o.value, label: o.label }))}
          value={Array.isArray(value) ? (value as string[]) : []}
          searchable
          onBlur={onBlur}
          onChange={onChange}
        />
      );
    case "users":
      return (
        <UsersInput
          label={field.label}
          description={field.help}
          value={value}
          onChange={onChange}
          onBlur={onBlur}
          error={error}
          required={required}
          disabled={disabled}
        />
      );
    case "strings":
      return (
        <StringsInput
          label={field.label}
          description={field.help}
          value={value}
          onChange={onChange}
          onBlur={onBlur}
          error={error}
          required={required}
          disabled={disabled}
        />
      );
    default:
      return (
        <ScalarInput
          field={field}
          value={value}
          onChange={onChange}
          onBlur={onBlur}
          error={error}
          required={required}
          disabled={disabled}
        />
      );
  }
}
