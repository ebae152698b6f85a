import { Anchor, Badge, Table, Text, UnstyledButton } from "@mantine/core";
import { Link } from "react-router";
import type { WorkItemView } from "@infrasec/contracts";
import { statusLabel } from "../../shared/work-format";
import { DECISION_STATUS_COLORS, decidedOn, supersededBy } from "../decision-record";

/** The Decision Log as a table; a row selects the record shown in the detail pane. */
export function DecisionTable({
  items,
  selected,
  onSelect,
}: {
  items: WorkItemView[];
  selected: number | null;
  onSelect: (number: number) => void;
}) {
  return (
    <Table highlightOnHover aria-label="Decisions">
      <Table.Thead>
        <Table.Tr>
          <Table.Th w={60}>#</Table.Th>
          <Table.Th>Title</Table.Th>
          <Table.Th>Status</Table.Th>
          <Table.Th>Decided</Table.Th>
          <Table.Th>Superseded by</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {items.map((d) => {
          const by = supersededBy(d, items);
          const active = d.number === selected;
          return (
            <Table.Tr
              key={d.id}
              aria-selected={active}
              bg={active ? "var(--mantine-primary-color-light)" : undefined}
            >
              <Table.Td>
                <Text size="sm" c="dimmed">
                  #{d.number}
                </Text>
              </Table.Td>
              <Table.Td>
                <UnstyledButton
                  onClick={() => onSelect(d.number)}
                  aria-label={`Show decision #${d.number} ${d.title}`}
                >
                  <Text size="sm" fw={active ? 600 : 500}>
                    {d.title}
                  </Text>
                </UnstyledButton>
              </Table.Td>
              <Table.Td>
                <Badge color={DECISION_STATUS_COLORS[d.status] ?? "gray"}>
                  {statusLabel(d.kind, d.status)}
                </Badge>
              </Table.Td>
              <Table.Td style={{ whiteSpace: "nowrap" }}>
                <Text size="sm">{decidedOn(d) ?? "—"}</Text>
              </Table.Td>
              <Table.Td>
                {by?.number != null ? (
                  <Anchor component={Link} to={`/work/items/${by.number}`} size="sm">
                    #{by.number}
                    {by.title ? ` ${by.title}` : ""}
                  </Anchor>
                ) : (
                  <Text size="sm" c="dimmed">
                    —
                  </Text>
                )}
              </Table.Td>
            </Table.Tr>
          );
        })}
      </Table.Tbody>
    </Table>
  );
}
