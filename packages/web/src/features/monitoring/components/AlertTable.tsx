import { Anchor, Badge, Checkbox, Group, Stack, Table, Text, UnstyledButton } from "@mantine/core";
import { Link } from "react-router";
import type { Alert } from "@infrasec/contracts";
import { formatDateTime, formatRelative } from "../../../app/format";
import { entityParts } from "../alert-format";
import type { AlertsView } from "../monitoring-query";
import { AlertStatusBadge, LevelBadge } from "./AlertBadges";

type Sort = AlertsView["sort"];

/** A column header that sorts the server-side list (asc ↔ desc on the same key). */
function SortHeader({
  label,
  field,
  sort,
  onSort,
}: {
  label: string;
  field: "lastSeen" | "firstSeen" | "level" | "count";
  sort: Sort;
  onSort: (s: Sort) => void;
}) {
  const active = sort === field || sort === `-${field}`;
  const desc = sort === `-${field}`;
  return (
    <UnstyledButton
      onClick={() => onSort(active && desc ? field : (`-${field}` as Sort))}
      aria-label={`Sort by ${label.toLowerCase()}`}
      style={{ fontWeight: 700, fontSize: "inherit", whiteSpace: "nowrap" }}
    >
      {label}
      {active ? (desc ? " ↓" : " ↑") : ""}
    </UnstyledButton>
  );
}

/** The queue as a table; checkboxes only for people who may change alerts. */
export function AlertTable({
  items,
  selection,
  selectable,
  sort,
  onSort,
  onToggle,
  onToggleAll,
}: {
  items: Alert[];
  selection: ReadonlySet<string>;
  selectable: boolean;
  sort: Sort;
  onSort: (s: Sort) => void;
  onToggle: (id: string) => void;
  onToggleAll: () => void;
}) {
  const selectedHere = items.filter((a) => selection.has(a.id)).length;
  return (
    <Table.ScrollContainer minWidth={1100}>
      <Table striped aria-label="Alerts">
        <Table.Thead>
          <Table.Tr>
            {selectable && (
              <Table.Th w={36}>
                <Checkbox
                  aria-label="Select all alerts on this page"
                  checked={items.length > 0 && selectedHere === items.length}
                  indeterminate={selectedHere > 0 && selectedHere < items.length}
                  onChange={onToggleAll}
                />
              </Table.Th>
            )}
            <Table.Th>
              <SortHeader label="Level" field="level" sort={sort} onSort={onSort} />
            </Table.Th>
            <Table.Th>Rule</Table.Th>
            <Table.Th>Host / container / asset</Table.Th>
            <Table.Th ta="right">
              <SortHeader label="Count" field="count" sort={sort} onSort={onSort} />
            </Table.Th>
            <Table.Th>
              <SortHeader label="First seen" field="firstSeen" sort={sort} onSort={onSort} />
            </Table.Th>
            <Table.Th>
              <SortHeader label="Last seen" field="lastSeen" sort={sort} onSort={onSort} />
            </Table.Th>
            <Table.Th>Status</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {items.map((a) => {
            const e = entityParts(a);
            return (
              <Table.Tr key={a.id} aria-selected={selection.has(a.id) || undefined}>
                {selectable && (
                  <Table.Td>
                    <Checkbox
                      aria-label={`Select alert ${a.ruleTitle}${e.host ? ` on ${e.host}` : ""}`}
                      checked={selection.has(a.id)}
                      onChange={() => onToggle(a.id)}
                    />
                  </Table.Td>
                )}
                <Table.Td>
                  <LevelBadge level={a.level} />
                </Table.Td>
                <Table.Td style={{ maxWidth: 380 }}>
                  <Anchor component={Link} to={`/monitoring/alerts/${a.id}`} size="sm" fw={500}>
                    {a.ruleTitle}
                  </Anchor>
                  <Text size="xs" c="dimmed">
                    {a.ruleAuthor ? `by ${a.ruleAuthor}` : "author not stated"}
                  </Text>
                </Table.Td>
                <Table.Td style={{ maxWidth: 320, overflowWrap: "anywhere" }}>
                  <Stack gap={0}>
                    {e.host && <Text size="sm">{e.host}</Text>}
                    {(e.pod ?? e.container) && (
                      <Text size="xs" ff="monospace" title={a.containerId ?? undefined}>
                        {e.pod ?? e.container}
                        {e.image ? ` · ${e.image}` : ""}
                      </Text>
                    )}
                    {a.assetId && (
                      <Anchor component={Link} to={`/assets/${a.assetId}`} size="xs">
                        {a.assetName ?? a.assetKey ?? "asset"}
                      </Anchor>
                    )}
                    {!e.host && !e.container && !e.pod && !a.assetId && (
                      <Text size="sm" c="dimmed">
                        —
                      </Text>
                    )}
                  </Stack>
                </Table.Td>
                <Table.Td ta="right">
                  <Text size="sm" fw={a.count > 1 ? 600 : undefined}>
                    {a.count}
                  </Text>
                </Table.Td>
                <Table.Td style={{ whiteSpace: "nowrap" }}>
                  <Text size="sm">{formatDateTime(a.firstSeen)}</Text>
                </Table.Td>
                <Table.Td style={{ whiteSpace: "nowrap" }}>
                  <Text size="sm" title={formatDateTime(a.lastSeen)}>
                    {formatRelative(a.lastSeen)}
                  </Text>
                </Table.Td>
                <Table.Td style={{ whiteSpace: "nowrap" }}>
                  <Group gap={4} wrap="nowrap">
                    <AlertStatusBadge status={a.status} />
                    {a.incidentNumber !== null && (
                      <Badge variant="outline" color="red" title="Escalated to SIRT">
                        #{a.incidentNumber}
                      </Badge>
                    )}
                  </Group>
                </Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
