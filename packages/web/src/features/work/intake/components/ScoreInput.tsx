import { Group, Radio, Stack, Text } from "@mantine/core";
import type { TemplateField } from "@infrasec/engines/work";

type ScoreField = Extract<TemplateField, { type: "score" }>;

/**
 * A rubric score (risk dimension): one radio per value, each labelled with its published anchor
 * where there is one, so the requester reads the rubric while answering.
 */
export function ScoreInput({
  field,
  value,
  onChange,
  error,
  required,
  disabled,
}: {
  field: ScoreField;
  value: unknown;
  onChange: (v: number) => void;
  error?: string;
  required: boolean;
  disabled?: boolean;
}) {
  const values: number[] = [];
  for (let v = field.min; v <= field.max; v++) values.push(v);
  const anchor = (v: number) => field.anchors.find((a) => a.value === v)?.meaning;
  return (
    <Radio.Group
      label={field.label}
      description={field.help}
      withAsterisk={required}
      error={error}
      value={typeof value === "number" ? String(value) : null}
      onChange={(v) => onChange(Number(v))}
      disabled={disabled}
    >
      <Stack gap={4} mt={6}>
        <Group gap="md">
          {values.map((v) => (
            <Radio
              key={v}
              value={String(v)}
              label={anchor(v) ? `${v} — ${anchor(v)}` : String(v)}
              disabled={disabled}
            />
          ))}
        </Group>
        <Text size="xs" c="dimmed">
          {field.min} (lowest) to {field.max} (highest)
          {field.anchors.length === 0 ? "; no published anchors for the values in between" : ""}.
        </Text>
      </Stack>
    </Radio.Group>
  );
}
