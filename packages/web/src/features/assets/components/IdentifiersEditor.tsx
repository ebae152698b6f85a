import { ActionIcon, Button, Group, Select, Stack, Text, TextInput } from "@mantine/core";
import { IDENTIFIER_OPTIONS } from "../asset-labels";

interface Row {
  type: string;
  value: string;
}

export function IdentifiersEditor({
  rows,
  errors,
  onChange,
}: {
  rows: Row[];
  errors: (index: number, field: "type" | "value") => string | undefined;
  onChange: (rows: Row[]) => void;
}) {
  const set = (i: number, patch: Partial<Row>) =>
    onChange(rows.map((r, j) => (j === i ? { ...r, ...patch } : r)));
  return (
    <Stack gap={6}>
      <Text size="sm" fw={500}>
        Identifiers
      </Text>
      <Text size="xs" c="dimmed">
        What scanners and sensors report for this asset (hostname, IP, FQDN, cloud resource id,
        image, digest, repository URL); used to correlate findings and alerts.
      </Text>
      {rows.map((row, i) => (
        <Group key={i} gap="xs" align="flex-start" wrap="nowrap">
          <Select
            aria-label={`Identifier ${i + 1} type`}
            data={IDENTIFIER_OPTIONS}
            w={190}
            allowDeselect={false}
            value={row.type || null}
            error={errors(i, "type")}
            onChange={(v) => set(i, { type: v ?? "" })}
          />
          <TextInput
            aria-label={`Identifier ${i + 1} value`}
            style={{ flex: 1 }}
            value={row.value}
            error={errors(i, "value")}
            onChange={(e) => set(i, { value: e.currentTarget.value })}
          />
          <ActionIcon
            variant="subtle"
            color="gray"
            mt={4}
            aria-label={`Remove identifier ${i + 1}`}
            onClick={() => onChange(rows.filter((_, j) => j !== i))}
          >
            ✕
          </ActionIcon>
        </Group>
      ))}
      <Group>
        <Button
          variant="light"
          size="xs"
          onClick={() => onChange([...rows, { type: "hostname", value: "" }])}
        >
          Add identifier
        </Button>
      </Group>
    </Stack>
  );
}
