import type { ReactNode } from "react";
import { Anchor, Badge, Checkbox, Table, Text } from "@mantine/core";
import { Link } from "react-router";
import type { LabelView, WorkItemSummary } from "@infrasec/contracts";
import { formatDateTime, formatRelative } from "../../../../app/format";
import { LabelList } from "../../shared/LabelBadge";
import { UserRefList } from "../../shared/UserRefText";
import { kindLabel, statusColor, statusLabel } from "../../shared/work-format";
import { headerState } from "../bulk-selection";
import type { Selection } from "../bulk-selection";

export interface TriageRow {
  item: WorkItemSummary;
  /** The section's own column (missing fields, idle days). */
  extra?: ReactNode;
}

/** One section of the triage queue as a table; checkboxes only for people who may act. */
export function TriageTable({
  label,
  rows,
  extraHeader,
  selection,
  selectable,
  catalog,
  onToggle,
  onToggleAll,
}: {
  label: string;
  rows: TriageRow[];
  extraHeader?: string;
  selection: Selection;
  selectable: boolean;
  catalog?: readonly LabelView[];
  onToggle: (id: string) => void;
  onToggleAll: (ids: string[]) => void;
}) {
  const ids = rows.map((r) => r.item.id);
  const header = headerState(selection, ids);
  return (
    <Table.ScrollContainer minWidth={900}>
      <Table striped highlightOnHover aria-label={label}>
        <Table.Thead>
          <Table.Tr>
            {selectable && (
              <Table.Th w={36}>
                <Checkbox
                  aria-label={`Select all in ${label}`}
                  checked={header === "all"}
                  indeterminate={header === "some"}
                  onChange={() => onToggleAll(ids)}
                />
              </Table.Th>
            )}
            <Table.Th w={60}>#</Table.Th>
            <Table.Th>Title</Table.Th>
            <Table.Th>Kind</Table.Th>
            <Table.Th>Status</Table.Th>
            <Table.Th>Labels</Table.Th>
            <Table.Th>Assignees</Table.Th>
            {extraHeader && <Table.Th>{extraHeader}</Table.Th>}
            <Table.Th>Last activity</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map(({ item, extra }) => (
            <Table.Tr key={item.id} aria-selected={selection.has(item.id) || undefined}>
              {selectable && (
                <Table.Td>
                  <Checkbox
                    aria-label={`Select #${item.number}`}
                    checked={selection.has(item.id)}
                    onChange={() => onToggle(item.id)}
                  />
                </Table.Td>
              )}
              <Table.Td>
                <Anchor component={Link} to={`/work/items/${item.number}`} size="sm">
                  #{item.number}
                </Anchor>
              </Table.Td>
              <Table.Td>
                <Anchor component={Link} to={`/work/items/${item.number}`} size="sm" c="inherit">
                  {item.confidential && (
                    <span role="img" aria-label="confidential" title="Confidential">
                      🔒{" "}
                    </span>
                  )}
                  {item.title}
                </Anchor>
              </Table.Td>
              <Table.Td style={{ whiteSpace: "nowrap" }}>
                <Text size="sm">{kindLabel(item.kind)}</Text>
              </Table.Td>
              <Table.Td style={{ whiteSpace: "nowrap" }}>
                <Badge variant="light" color={statusColor(item.kind, item.status)}>
                  {statusLabel(item.kind, item.status)}
                </Badge>
              </Table.Td>
              <Table.Td>
                <LabelList labels={item.labels} catalog={catalog} />
              </Table.Td>
              <Table.Td>
                <UserRefList users={item.assignees} empty="unassigned" />
              </Table.Td>
              {extraHeader && <Table.Td>{extra}</Table.Td>}
              <Table.Td style={{ whiteSpace: "nowrap" }}>
                <Text size="sm" title={formatDateTime(item.lastActivityAt)}>
                  {formatRelative(item.lastActivityAt)}
                </Text>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
