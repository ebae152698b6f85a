import { Badge, Checkbox, Fieldset, Group, Stack, Text, TextInput, Textarea } from "@mantine/core";
import type { ChecklistAnswer, TemplateField } from "@infrasec/engines/work";
import type { FieldErrors } from "../template-form-values";

type ChecklistField = Extract<TemplateField, { type: "checklist" }>;

/**
 * A production-readiness checklist: every question gets an answer and an evidence link, or N/A
 * with the reason it does not apply (a reviewer must see why).
 */
export function ChecklistInput({
  field,
  value,
  onChange,
  onBlur,
  errors,
  required,
  disabled,
}: {
  field: ChecklistField;
  value: unknown;
  onChange: (v: Record<string, ChecklistAnswer>) => void;
  onBlur: () => void;
  errors: FieldErrors;
  required: boolean;
  disabled?: boolean;
}) {
  const answers = (value && typeof value === "object" ? value : {}) as Record<
    string,
    ChecklistAnswer
  >;
  const set = (id: string, patch: Partial<ChecklistAnswer>) =>
    onChange({ ...answers, [id]: { ...answers[id], ...patch } });
  const answered = field.questions.filter((q) => {
    const a = answers[q.id];
    return a?.notApplicable === true || (a?.answer ?? "").trim() !== "";
  }).length;
  return (
    <Fieldset
      legend={
        <Group gap="xs">
          <Text fw={600} size="sm">
            {field.label}
            {required && <span style={{ color: "var(--mantine-color-error)" }}> *</span>}
          </Text>
          {field.level && <Badge variant="outline">{field.level}</Badge>}
          {field.owner && <Badge variant="light">{field.owner}</Badge>}
          <Text size="xs" c="dimmed">
            {answered}/{field.questions.length} answered
          </Text>
        </Group>
      }
      aria-label={field.label}
      p="sm"
    >
      <Stack gap="sm">
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
        {field.questions.map((q, i) => {
          const a = answers[q.id] ?? {};
          const at = `${field.key}.${q.id}`;
          const na = a.notApplicable === true;
          return (
            <Stack
              key={q.id}
              gap={4}
              pt={i > 0 ? "xs" : 0}
              style={i > 0 ? { borderTop: "1px solid var(--mantine-color-default-border)" } : {}}
              role="group"
              aria-label={q.text}
            >
              <Group justify="space-between" align="flex-start" wrap="nowrap">
                <Text size="sm" fw={500}>
                  {q.text}
                </Text>
                <Checkbox
                  label="N/A"
                  aria-label={`Not applicable: ${q.text}`}
                  checked={na}
                  disabled={disabled}
                  onChange={(e) => set(q.id, { notApplicable: e.currentTarget.checked })}
                />
              </Group>
              {q.help && (
                <Text size="xs" c="dimmed">
                  {q.help}
                </Text>
              )}
              {errors[at] && (
                <Text size="xs" c="red">
                  {errors[at]}
                </Text>
              )}
              {na ? (
                <TextInput
                  label="Why it does not apply"
                  aria-label={`Why it does not apply: ${q.text}`}
                  size="xs"
                  withAsterisk
                  value={a.naReason ?? ""}
                  error={errors[`${at}.naReason`]}
                  disabled={disabled}
                  onChange={(e) => set(q.id, { naReason: e.currentTarget.value })}
                  onBlur={onBlur}
                />
              ) : (
                <Group align="flex-start" grow gap="xs">
                  <Textarea
                    label="Answer"
                    aria-label={`Answer: ${q.text}`}
                    size="xs"
                    autosize
                    minRows={1}
                    maxRows={8}
                    value={a.answer ?? ""}
                    error={errors[`${at}.answer`]}
                    disabled={disabled}
                    onChange={(e) => set(q.id, { answer: e.currentTarget.value })}
                    onBlur={onBlur}
                  />
                  <TextInput
                    label={field.requireEvidence ? "Evidence link" : "Evidence link (optional)"}
                    aria-label={`Evidence link: ${q.text}`}
                    size="xs"
                    type="url"
                    placeholder="https://…"
                    value={a.evidenceUrl ?? ""}
                    error={errors[`${at}.evidenceUrl`]}
                    disabled={disabled}
                    onChange={(e) => set(q.id, { evidenceUrl: e.currentTarget.value })}
                    onBlur={onBlur}
                  />
                </Group>
              )}
            </Stack>
          );
        })}
      </Stack>
    </Fieldset>
  );
}
