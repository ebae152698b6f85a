import { Code, Table, Text } from "@mantine/core";

function display(v: unknown): string {
  return typeof v === "string" ? v : JSON.stringify(v);
}

/** The values a rule read, with the sensor field each came from (Sigma name → source field). */
export function MatchedFields({
  fields,
  provenance,
  label = "Matched fields",
}: {
  fields: Readonly<Record<string, unknown>>;
  provenance?: Readonly<Record<string, string>>;
  label?: string;
}) {
  const entries = Object.entries(fields);
  if (entries.length === 0)
    return (
      <Text size="sm" c="dimmed">
        The rule read no field (a keyword or correlation match).
      </Text>
    );
  return (
    <Table aria-label={label} withTableBorder verticalSpacing={4}>
      <Table.Thead>
        <Table.Tr>
          <Table.Th>Field</Table.Th>
          <Table.Th>Value</Table.Th>
          {provenance && <Table.Th>From sensor field</Table.Th>}
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {entries.map(([k, v]) => (
          <Table.Tr key={k}>
            <Table.Td style={{ whiteSpace: "nowrap" }}>
              <Code>{k}</Code>
            </Table.Td>
            <Table.Td style={{ overflowWrap: "anywhere" }}>
              <mark style={{ background: "var(--mantine-color-yellow-light)", color: "inherit" }}>
                <Text span size="sm" ff="monospace">
                  {display(v)}
                </Text>
              </mark>
            </Table.Td>
            {provenance && (
              <Table.Td>
                {provenance[k] ? (
                  <Code>{provenance[k]}</Code>
                ) : (
                  <Text size="sm" c="dimmed">
                    —
                  </Text>
                )}
              </Table.Td>
            )}
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}
