import { Anchor, Badge, Table, Text } from "@mantine/core";
import { Link } from "react-router";
import type { WorkItemSummary } from "@infrasec/contracts";
import { UserRefList } from "../../shared/UserRefText";
import {
  formatDay,
  itemRef,
  kindLabel,
  statusColor,
  statusLabel,
  weightLabel,
} from "../../shared/work-format";

/** Work items of an epic or a milestone: reference, title, kind, status, weight, people, due. */
export function ChildItemsTable({
  items,
  label,
  empty,
}: {
  items: readonly WorkItemSummary[];
  /** Accessible name of the table. */
  label: string;
  empty: string;
}) {
  if (items.length === 0) {
    return (
      <Text size="sm" c="dimmed" p="md">
        {empty}
      </Text>
    );
  }
  return (
    <Table.ScrollContainer minWidth={760}>
      <Table striped aria-label={label}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Item</Table.Th>
            <Table.Th>Kind</Table.Th>
            <Table.Th>Status</Table.Th>
            <Table.Th>Weight</Table.Th>
            <Table.Th>Assignees</Table.Th>
            <Table.Th>Due</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {items.map((i) => (
            <Table.Tr key={i.id}>
              <Table.Td>
                <Text size="xs" c="dimmed" component="span" mr={6}>
                  {itemRef(i.number)}
                </Text>
                <Anchor component={Link} to={`/work/items/${i.number}`} size="sm">
                  {i.title}
                </Anchor>
              </Table.Td>
              <Table.Td style={{ whiteSpace: "nowrap" }}>{kindLabel(i.kind)}</Table.Td>
              <Table.Td>
                <Badge color={statusColor(i.kind, i.status)}>{statusLabel(i.kind, i.status)}</Badge>
              </Table.Td>
              <Table.Td style={{ whiteSpace: "nowrap" }}>{weightLabel(i.weight)}</Table.Td>
              <Table.Td>
                <UserRefList users={i.assignees} />
              </Table.Td>
              <Table.Td style={{ whiteSpace: "nowrap" }}>{formatDay(i.dueDate)}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
