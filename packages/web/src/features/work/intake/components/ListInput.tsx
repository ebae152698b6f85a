import { ActionIcon, Button, Group, Paper, SimpleGrid, Stack, Text } from "@mantine/core";
import { changeTimeEstimate, isFieldRequired } from "@infrasec/engines/work";
import type { ChangeStep, TemplateField } from "@infrasec/engines/work";
import type { FieldErrors } from "../template-form-values";
import { cleanFieldValue } from "../template-form-values";
import { ScalarInput } from "./ScalarInput";

type ListField = Extract<TemplateField, { type: "list" }>;
type Row = Record<string, unknown>;

/** Estimated minutes of a change's steps, as the change template asks ("incl. rollback"). */
function StepsEstimate({ field, rows }: { field: ListField; rows: Row[] }) {
  const cleaned = cleanFieldValue(field, rows);
  if (!Array.isArray(cleaned)) return null;
  const steps = (cleaned as Row[]).filter(
    (r): r is Row & ChangeStep =>
      typeof r.phase === "string" && typeof r.estimateMinutes === "number",
  );
  if (steps.length === 0) return null;
  const t = changeTimeEstimate(steps);
  return (
    <Text size="xs" c="dimmed" aria-live="polite">
      Estimated {t.totalMinutes} min including rollback ({t.withoutRollbackMinutes} min without):
      pre-change {t.byPhase["pre-change"]}, change {t.byPhase.change}, post-change{" "}
      {t.byPhase["post-change"]}, rollback {t.byPhase.rollback}.
    </Text>
  );
}

/**
 * Rows of a list field (change steps, decision options with pros and cons, alternatives): add,
 * remove and reorder rows; each row's columns are ordinary inputs.
 */
export function ListInput({
  field,
  value,
  onChange,
  onBlur,
  errors,
  required,
  disabled,
}: {
  field: ListField;
  value: unknown;
  onChange: (v: Row[]) => void;
  onBlur: () => void;
  errors: FieldErrors;
  required: boolean;
  disabled?: boolean;
}) {
  const rows = Array.isArray(value) ? (value as Row[]) : [];
  const wide = field.itemFields.some((c) => c.type === "markdown");
  const setRow = (i: number, key: string, v: unknown) =>
    onChange(rows.map((r, j) => (j === i ? { ...r, [key]: v } : r)));
  const move = (i: number, by: number) => {
    const next = [...rows];
    const [row] = next.splice(i, 1);
    if (row) next.splice(i + by, 0, row);
    onChange(next);
  };
  const isSteps = field.key === "steps" && field.itemFields.some((c) => c.key === "phase");
  return (
    <Stack gap={6} role="group" aria-label={field.label}>
      <div>
        <Text size="sm" fw={500}>
          {field.label}
          {required && <span style={{ color: "var(--mantine-color-error)" }}> *</span>}
        </Text>
        {field.help && (
          <Text size="xs" c="dimmed">
            {field.help}
          </Text>
        )}
        {errors[field.key] && (
          <Text size="xs" c="red">
            {errors[field.key]}
          </Text>
        )}
      </div>
      {rows.length === 0 && (
        <Text size="sm" c="dimmed">
          No entries yet{field.minItems ? ` (at least ${field.minItems} needed)` : ""}. Use “Add
          row”.
        </Text>
      )}
      {rows.map((row, i) => (
        <Paper key={i} withBorder p="xs">
          <Group justify="space-between" mb={4}>
            <Text size="xs" fw={600} c="dimmed">
              {field.label} {i + 1}
            </Text>
            {!disabled && (
              <Group gap={4}>
                <ActionIcon
                  variant="subtle"
                  size="sm"
                  aria-label={`Move ${field.label} ${i + 1} up`}
                  disabled={i === 0}
                  onClick={() => move(i, -1)}
                >
                  ↑
                </ActionIcon>
                <ActionIcon
                  variant="subtle"
                  size="sm"
                  aria-label={`Move ${field.label} ${i + 1} down`}
                  disabled={i === rows.length - 1}
                  onClick={() => move(i, 1)}
                >
                  ↓
                </ActionIcon>
                <Button
                  size="compact-xs"
                  variant="subtle"
                  color="red"
                  aria-label={`Remove ${field.label} ${i + 1}`}
                  onClick={() => onChange(rows.filter((_, j) => j !== i))}
                >
                  Remove
                </Button>
              </Group>
            )}
          </Group>
          <SimpleGrid cols={wide ? 2 : field.itemFields.length} spacing="xs" verticalSpacing={6}>
            {field.itemFields.map((c) => (
              <ScalarInput
                key={c.key}
                field={c}
                compact
                label={`${field.label} ${i + 1} ${c.label}`}
                value={row[c.key]}
                required={isFieldRequired(c, row)}
                error={errors[`${field.key}[${i}].${c.key}`]}
                disabled={disabled}
                onBlur={onBlur}
                onChange={(v) => setRow(i, c.key, v)}
              />
            ))}
          </SimpleGrid>
        </Paper>
      ))}
      {isSteps && <StepsEstimate field={field} rows={rows} />}
      {!disabled && (field.maxItems === undefined || rows.length < field.maxItems) && (
        <Group>
          <Button
            size="compact-sm"
            variant="light"
            aria-label={`Add a row to ${field.label}`}
            onClick={() => onChange([...rows, {}])}
          >
            Add row
          </Button>
        </Group>
      )}
    </Stack>
  );
}
