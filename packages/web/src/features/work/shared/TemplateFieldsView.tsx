import { Anchor, Badge, Button, Group, List, Stack, Table, Text, Title } from "@mantine/core";
import type { ReactNode } from "react";
import { isEmptyValue } from "@infrasec/engines/work";
import type {
  ChecklistAnswer,
  ScalarField,
  TemplateField,
  TemplateSection,
  WorkTemplate,
} from "@infrasec/engines/work";
import { Markdown } from "./Markdown";

/** Only http(s) addresses become links; anything else is shown as text. */
export function SafeLink({ href, children }: { href: string; children?: ReactNode }) {
  if (!/^https?:\/\//i.test(href.trim())) return <Text span>{href}</Text>;
  return (
    <Anchor href={href.trim()} target="_blank" rel="noopener noreferrer" size="sm">
      {children ?? href}
    </Anchor>
  );
}

const dash = (
  <Text span c="dimmed" size="sm">
    —
  </Text>
);

function ScalarValue({ field, value }: { field: ScalarField; value: unknown }) {
  if (isEmptyValue(value)) return dash;
  switch (field.type) {
    case "markdown":
      return <Markdown source={String(value)} />;
    case "url":
      return <SafeLink href={String(value)} />;
    case "yes_no":
      return (
        <Badge variant="light" color={value === true ? "orange" : "gray"}>
          {value === true ? "Yes" : value === false ? "No" : String(value)}
        </Badge>
      );
    case "select":
      return (
        <Text span size="sm">
          {field.options.find((o) => o.value === value)?.label ?? String(value)}
        </Text>
      );
    case "user":
      return (
        <Text span size="sm">
          @{String(value)}
        </Text>
      );
    default:
      return (
        <Text span size="sm">
          {String(value)}
        </Text>
      );
  }
}

function ChecklistValue({
  field,
  value,
}: {
  field: Extract<TemplateField, { type: "checklist" }>;
  value: unknown;
}) {
  const answers = (value && typeof value === "object" ? value : {}) as Record<
    string,
    ChecklistAnswer | undefined
  >;
  return (
    <Table withTableBorder fz="sm" aria-label={field.label} verticalSpacing={4}>
      <Table.Thead>
        <Table.Tr>
          <Table.Th w="40%">Question</Table.Th>
          <Table.Th>Answer</Table.Th>
          <Table.Th w="25%">Evidence</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {field.questions.map((q) => {
          const a = answers[q.id];
          return (
            <Table.Tr key={q.id}>
              <Table.Td>{q.text}</Table.Td>
              {a?.notApplicable ? (
                <Table.Td colSpan={2}>
                  <Badge variant="outline" color="gray" mr={6}>
                    N/A
                  </Badge>
                  <Text span size="sm">
                    {a.naReason ?? ""}
                  </Text>
                </Table.Td>
              ) : (
                <>
                  <Table.Td>{a?.answer ? <Markdown source={a.answer} /> : dash}</Table.Td>
                  <Table.Td>
                    {a?.evidenceUrl ? <SafeLink href={a.evidenceUrl}>evidence</SafeLink> : dash}
                  </Table.Td>
                </>
              )}
            </Table.Tr>
          );
        })}
      </Table.Tbody>
    </Table>
  );
}

/** A template field's value, read-only, in the form that suits its type. */
export function FieldValue({ field, value }: { field: TemplateField; value: unknown }) {
  switch (field.type) {
    case "score": {
      if (typeof value !== "number") return dash;
      const anchor = field.anchors.find((a) => a.value === value);
      return (
        <Text span size="sm">
          <b>{value}</b> of {field.max}
          {anchor ? ` — ${anchor.meaning}` : ""}
        </Text>
      );
    }
    case "multiselect":
    case "users":
    case "strings": {
      const list = Array.isArray(value) ? (value as unknown[]).map(String) : [];
      if (list.length === 0) return dash;
      const show = (v: string) =>
        field.type === "users"
          ? `@${v}`
          : field.type === "multiselect"
            ? (field.options.find((o) => o.value === v)?.label ?? v)
            : v;
      return (
        <List size="sm" spacing={0}>
          {list.map((v, i) => (
            <List.Item key={`${v}-${i}`}>
              {/^https?:\/\//.test(v) ? <SafeLink href={v} /> : show(v)}
            </List.Item>
          ))}
        </List>
      );
    }
    case "list": {
      const rows = Array.isArray(value) ? (value as Record<string, unknown>[]) : [];
      if (rows.length === 0) return dash;
      return (
        <Table withTableBorder fz="sm" aria-label={field.label} verticalSpacing={4}>
          <Table.Thead>
            <Table.Tr>
              {field.itemFields.map((c) => (
                <Table.Th key={c.key}>{c.label}</Table.Th>
              ))}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((row, i) => (
              <Table.Tr key={i}>
                {field.itemFields.map((c) => (
                  <Table.Td key={c.key}>
                    <ScalarValue field={c} value={row[c.key]} />
                  </Table.Td>
                ))}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      );
    }
    case "checklist":
      return <ChecklistValue field={field} value={value} />;
    default:
      return <ScalarValue field={field} value={value} />;
  }
}

/**
 * Template values by section with their labels (item page, and the intake's review step).
 * `errors` (by path) marks fields that still need an answer.
 */
export function TemplateFieldsView({
  template,
  values,
  sections = template.sections,
  errors,
  hideEmpty,
  onEdit,
}: {
  template: WorkTemplate;
  values: Readonly<Record<string, unknown>>;
  sections?: readonly TemplateSection[];
  errors?: Readonly<Record<string, string>>;
  hideEmpty?: boolean;
  onEdit?: (sectionIndex: number) => void;
}) {
  const problems = (key: string) =>
    Object.entries(errors ?? {}).filter(
      ([p]) => p === key || p.startsWith(`${key}.`) || p.startsWith(`${key}[`),
    );
  return (
    <Stack gap="md">
      {sections.map((s) => {
        const index = template.sections.indexOf(s);
        const fields = s.fields.filter(
          (f) => !hideEmpty || !isEmptyValue(values[f.key]) || problems(f.key).length > 0,
        );
        if (hideEmpty && fields.length === 0) return null;
        return (
          <Stack key={s.id} gap={6} component="section" aria-label={s.title}>
            <Group justify="space-between">
              <Title order={3} size="h5">
                {s.title}
              </Title>
              {onEdit && (
                <Button
                  size="compact-xs"
                  variant="subtle"
                  onClick={() => onEdit(index)}
                  aria-label={`Edit ${s.title}`}
                >
                  Edit
                </Button>
              )}
            </Group>
            {fields.map((f) => {
              const p = problems(f.key);
              const wide = f.type === "checklist" || f.type === "list" || f.type === "markdown";
              return (
                <div key={f.key}>
                  <Group gap="xs" align="flex-start" wrap={wide ? "wrap" : "nowrap"}>
                    <Text size="sm" c="dimmed" w={wide ? "100%" : 280} style={{ flexShrink: 0 }}>
                      {f.label}
                    </Text>
                    <div style={{ flex: 1, minWidth: 0, width: wide ? "100%" : undefined }}>
                      <FieldValue field={f} value={values[f.key]} />
                    </div>
                  </Group>
                  {p.map(([path, message]) => (
                    <Text key={path} size="xs" c="red">
                      {message}
                    </Text>
                  ))}
                </div>
              );
            })}
          </Stack>
        );
      })}
    </Stack>
  );
}
