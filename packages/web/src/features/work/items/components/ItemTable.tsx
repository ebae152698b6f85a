import { Anchor, Badge, Group, Table, Text, Tooltip, UnstyledButton } from "@mantine/core";
import { Link } from "react-router";
import type { LabelView, WorkItemSummary } from "@infrasec/contracts";
import { formatDateTime, formatRelative } from "../../../../app/format";
import { LabelList } from "../../shared/LabelBadge";
import { UserRefList } from "../../shared/UserRefText";
import { formatDay, kindLabel, statusColor, statusLabel } from "../../shared/work-format";
import type { ItemSort, ItemSortColumn } from "../item-query";

function SortHeader({
  column,
  label,
  sort,
  onSort,
}: {
  column: ItemSortColumn;
  label: string;
  sort: ItemSort;
  onSort: (c: ItemSortColumn) => void;
}) {
  const active = sort.replace(/^-/, "") === column;
  const dir = sort.startsWith("-") ? "descending" : "ascending";
  return (
    <Table.Th aria-sort={active ? dir : "none"} style={{ whiteSpace: "nowrap" }}>
      <UnstyledButton onClick={() => onSort(column)} fw={600} fz="sm">
        {label} {active ? (dir === "descending" ? "▼" : "▲") : ""}
      </UnstyledButton>
    </Table.Th>
  );
}

/** A small padlock (inline SVG: the app ships no icon font), named for screen readers. */
export function ConfidentialMark() {
  return (
    <Tooltip label="Confidential">
      <svg
        role="img"
        aria-label="Confidential"
        width="13"
        height="13"
        viewBox="0 0 16 16"
        fill="currentColor"
        style={{ flexShrink: 0, color: "var(--mantine-color-orange-7)" }}
      >
        <path d="M8 1a3.5 3.5 0 0 0-3.5 3.5V7H4a1.5 1.5 0 0 0-1.5 1.5v5A1.5 1.5 0 0 0 4 15h8a1.5 1.5 0 0 0 1.5-1.5v-5A1.5 1.5 0 0 0 12 7h-.5V4.5A3.5 3.5 0 0 0 8 1Zm2 6H6V4.5a2 2 0 1 1 4 0V7Z" />
      </svg>
    </Tooltip>
  );
}

export function StatusBadgeFor({ kind, status }: { kind: string; status: string }) {
  return (
    <Badge color={statusColor(kind, status)} variant="light">
      {statusLabel(kind, status)}
    </Badge>
  );
}

export function ItemTable({
  items,
  sort,
  onSort,
  labels,
  onLabelClick,
  today,
}: {
  items: WorkItemSummary[];
  sort: ItemSort;
  onSort: (c: ItemSortColumn) => void;
  labels: LabelView[] | undefined;
  onLabelClick?: (label: string) => void;
  today: string;
}) {
  return (
    <Table.ScrollContainer minWidth={1100}>
      <Table striped aria-label="Work items">
        <Table.Thead>
          <Table.Tr>
            <SortHeader column="number" label="#" sort={sort} onSort={onSort} />
            <SortHeader column="title" label="Title" sort={sort} onSort={onSort} />
            <Table.Th>Kind</Table.Th>
            <Table.Th>Status</Table.Th>
            <Table.Th>Labels</Table.Th>
            <Table.Th>Assignees</Table.Th>
            <SortHeader column="dueDate" label="Due" sort={sort} onSort={onSort} />
            <SortHeader column="updatedAt" label="Updated" sort={sort} onSort={onSort} />
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {items.map((i) => {
            const overdue = !i.closedAt && i.dueDate !== null && i.dueDate < today;
            return (
              <Table.Tr key={i.id}>
                <Table.Td style={{ whiteSpace: "nowrap" }}>
                  <Anchor component={Link} to={`/work/items/${i.number}`} size="sm" c="dimmed">
                    #{i.number}
                  </Anchor>
                </Table.Td>
                <Table.Td>
                  <Group gap={4} wrap="nowrap">
                    {i.confidential && <ConfidentialMark />}
                    <Anchor component={Link} to={`/work/items/${i.number}`} fw={500} size="sm">
                      {i.title}
                    </Anchor>
                  </Group>
                </Table.Td>
                <Table.Td style={{ whiteSpace: "nowrap" }}>
                  <Text size="sm">{kindLabel(i.kind)}</Text>
                </Table.Td>
                <Table.Td style={{ whiteSpace: "nowrap" }}>
                  <StatusBadgeFor kind={i.kind} status={i.status} />
                </Table.Td>
                <Table.Td
                  onClick={(e) => {
                    const el = (e.target as HTMLElement).closest("[data-label]");
                    const name = el?.getAttribute("data-label");
                    if (name && onLabelClick) onLabelClick(name);
                  }}
                  style={{ cursor: onLabelClick ? "pointer" : undefined }}
                  title={onLabelClick ? "Click a label to filter by it" : undefined}
                >
                  <LabelList labels={i.labels} catalog={labels} />
                </Table.Td>
                <Table.Td>
                  <UserRefList users={i.assignees} empty="Unassigned" />
                </Table.Td>
                <Table.Td style={{ whiteSpace: "nowrap" }}>
                  <Text size="sm" c={overdue ? "red" : undefined} fw={overdue ? 600 : undefined}>
                    {formatDay(i.dueDate)}
                    {overdue ? " (overdue)" : ""}
                  </Text>
                </Table.Td>
                <Table.Td style={{ whiteSpace: "nowrap" }} title={formatDateTime(i.updatedAt)}>
                  <Text size="sm">{formatRelative(i.updatedAt)}</Text>
                </Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
