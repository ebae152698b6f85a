import { Table, Text } from "@mantine/core";
import type { ReviewRunDetail } from "@infrasec/contracts";

/** Inputs the scanner could not evaluate; the scan went on without them. */
export function ParseErrors({ errors }: { errors: ReviewRunDetail["errors"] }) {
  return (
    <Table.ScrollContainer minWidth={700}>
      <Table striped aria-label="Parse errors">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>File</Table.Th>
            <Table.Th>Problem</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {errors.map((e, i) => (
            <Table.Tr key={`${e.file}:${e.line ?? ""}:${i}`}>
              <Table.Td style={{ maxWidth: 360, overflowWrap: "anywhere" }}>
                <Text size="sm" ff="monospace">
                  {e.file}
                  {e.line !== null ? `:${e.line}` : ""}
                </Text>
              </Table.Td>
              <Table.Td>
                <Text size="sm">{e.message}</Text>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
