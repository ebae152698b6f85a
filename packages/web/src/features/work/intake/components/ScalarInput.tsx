import { NumberInput, Select, TextInput, Textarea } from "@mantine/core";
import type { ScalarField } from "@infrasec/engines/work";
import { MarkdownEditor } from "../../shared/MarkdownEditor";
import { YesNoInput } from "./YesNoInput";

/** Input of a one-value field, at the top level of a form or as a column of a list row. */
export function ScalarInput({
  field,
  value,
  onChange,
  onBlur,
  error,
  required,
  disabled,
  label,
  compact,
}: {
  field: ScalarField;
  value: unknown;
  onChange: (v: unknown) => void;
  onBlur?: () => void;
  error?: string;
  required: boolean;
  disabled?: boolean;
  /** Accessible label when it must differ from the field label (list rows). */
  label?: string;
  /** Inside a list row: no help text, plain textareas for Markdown. */
  compact?: boolean;
}) {
  const text = typeof value === "string" ? value : "";
  const common = {
    label: field.label,
    "aria-label": label,
    description: compact ? undefined : field.help,
    withAsterisk: required,
    error,
    disabled,
    onBlur,
  };
  switch (field.type) {
    case "markdown":
      return compact ? (
        <Textarea
          {...common}
          autosize
          minRows={2}
          maxRows={12}
          value={text}
          onChange={(e) => onChange(e.currentTarget.value)}
        />
      ) : (
        <MarkdownEditor
          label={field.label}
          description={field.help}
          withAsterisk={required}
          value={text}
          error={error}
          disabled={disabled}
          onBlur={onBlur}
          onChange={onChange}
        />
      );
    case "integer":
      return (
        <NumberInput
          {...common}
          allowDecimal={false}
          min={field.min}
          max={field.max}
          value={typeof value === "number" || typeof value === "string" ? value : ""}
          onChange={(v) => onChange(v)}
        />
      );
    case "yes_no":
      return (
        <YesNoInput
          label={label ?? field.label}
          description={compact ? undefined : field.help}
          value={value}
          onChange={onChange}
          error={error}
          required={required}
          disabled={disabled}
        />
      );
    case "select":
      return (
        <Select
          {...common}
          data={field.options.map((o) => ({ value: o.value, label: o.label }))}
          value={text || null}
          searchable={field.options.length > 8}
          clearable={!required}
          allowDeselect={!required}
          onChange={(v) => onChange(v ?? "")}
        />
      );
    case "date":
      return (
        <TextInput
          {...common}
          type="date"
          value={text}
          onChange={(e) => onChange(e.currentTarget.value)}
        />
      );
    case "url":
      return (
        <TextInput
          {...common}
          type="url"
          placeholder="https://…"
          value={text}
          onChange={(e) => onChange(e.currentTarget.value)}
        />
      );
    case "user":
      return (
        <TextInput
          {...common}
          placeholder="username"
          leftSection="@"
          value={text}
          onChange={(e) => onChange(e.currentTarget.value.replace(/^@/, ""))}
        />
      );
    case "text":
      return (
        <TextInput
          {...common}
          maxLength={field.maxLength}
          value={text}
          onChange={(e) => onChange(e.currentTarget.value)}
        />
      );
  }
}
