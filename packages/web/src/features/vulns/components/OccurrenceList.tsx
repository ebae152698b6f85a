import { Code, Group, Table, Text } from "@mantine/core";
import { occurrenceParts } from "../vulns-format";

/** The places the finding was seen: paths, lines, layers, ports, report targets. */
export function OccurrenceList({ occurrences }: { occurrences: Record<string, unknown>[] }) {
  if (occurrences.length === 0)
    return (
      <Text size="sm" c="dimmed">
        The report named no place (the finding is about the asset as a whole).
      </Text>
    );
  return (
    <Table aria-label="Occurrences" withRowBorders>
      <Table.Tbody>
        {occurrences.map((o, i) => (
          <Table.Tr key={i}>
            <Table.Td>
              <Group gap="md" wrap="wrap">
                {occurrenceParts(o).map((p) => (
                  <Text key={p.label} size="sm" style={{ overflowWrap: "anywhere" }}>
                    <Text span c="dimmed" size="xs">
                      {p.label}{" "}
                    </Text>
                    <Code>{p.value}</Code>
                  </Text>
                ))}
              </Group>
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}
