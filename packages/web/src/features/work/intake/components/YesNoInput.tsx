import { Group, Radio } from "@mantine/core";

/** A yes/no question; unanswered until the person picks one (no default: the answer matters). */
export function YesNoInput({
  label,
  description,
  value,
  onChange,
  error,
  required,
  disabled,
}: {
  label: string;
  description?: string;
  value: unknown;
  onChange: (v: boolean) => void;
  error?: string;
  required: boolean;
  disabled?: boolean;
}) {
  return (
    <Radio.Group
      label={label}
      description={description}
      withAsterisk={required}
      error={error}
      value={value === true ? "yes" : value === false ? "no" : null}
      onChange={(v) => onChange(v === "yes")}
      disabled={disabled}
    >
      <Group gap="lg" mt={4}>
        <Radio value="yes" label="Yes" disabled={disabled} />
        <Radio value="no" label="No" disabled={disabled} />
      </Group>
    </Radio.Group>
  );
}
