import { Anchor, Checkbox, Stack, Table, Text, UnstyledButton } from "@mantine/core";
import { Link } from "react-router";
import type { VulnFinding } from "@infrasec/contracts";
import { SeverityBadge } from "../../../app/badges";
import { formatDateTime, formatRelative } from "../../../app/format";
import { packageLine } from "../vulns-format";
import { nextSort, sortMark } from "../vulns-query";
import type { FindingSort } from "../vulns-query";
import { ExploitSignals, PriorityBadge } from "./PriorityBadges";
import { FindingStatusBadge, SlaText } from "./VulnBadges";

type Column = Parameters<typeof nextSort>[1];

/** A column header that sorts the server-side list (a second click flips the order). */
function SortHeader({
  label,
  column,
  sort,
  onSort,
}: {
  label: string;
  column: Column;
  sort: FindingSort;
  onSort: (s: FindingSort) => void;
}) {
  return (
    <UnstyledButton
      onClick={() => onSort(nextSort(sort, column))}
      aria-label={`Sort by ${label.toLowerCase()}`}
      style={{ fontWeight: 700, fontSize: "inherit", whiteSpace: "nowrap" }}
    >
      {label}
      {sortMark(sort, column)}
    </UnstyledButton>
  );
}

/** The findings as a table; checkboxes only for people who may change findings. */
export function FindingTable({
  items,
  now,
  selection,
  selectable,
  sort,
  onSort,
  onToggle,
  onToggleAll,
}: {
  items: VulnFinding[];
  now: number;
  selection: ReadonlySet<string>;
  selectable: boolean;
  sort: FindingSort;
  onSort: (s: FindingSort) => void;
  onToggle: (id: string) => void;
  onToggleAll: () => void;
}) {
  const selectedHere = items.filter((f) => selection.has(f.id)).length;
  return (
    <Table.ScrollContainer minWidth={1250}>
      <Table striped aria-label="Findings">
        <Table.Thead>
          <Table.Tr>
            {selectable && (
              <Table.Th w={36}>
                <Checkbox
                  aria-label="Select all findings on this page"
                  checked={items.length > 0 && selectedHere === items.length}
                  indeterminate={selectedHere > 0 && selectedHere < items.length}
                  onChange={onToggleAll}
                />
              </Table.Th>
            )}
            <Table.Th>
              <SortHeader label="Severity" column="severity" sort={sort} onSort={onSort} />
            </Table.Th>
            <Table.Th>
              <SortHeader label="Priority" column="priority" sort={sort} onSort={onSort} />
            </Table.Th>
            <Table.Th>
              <SortHeader label="Vulnerability" column="vulnId" sort={sort} onSort={onSort} />
            </Table.Th>
            <Table.Th>Package → fix</Table.Th>
            <Table.Th>Asset</Table.Th>
            <Table.Th>Status</Table.Th>
            <Table.Th>
              <SortHeader label="SLA" column="slaDue" sort={sort} onSort={onSort} />
            </Table.Th>
            <Table.Th>
              <SortHeader label="First seen" column="firstSeen" sort={sort} onSort={onSort} />
            </Table.Th>
            <Table.Th>
              <SortHeader label="Last seen" column="lastSeen" sort={sort} onSort={onSort} />
            </Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {items.map((f) => {
            const pkg = packageLine(f);
            return (
              <Table.Tr key={f.id} aria-selected={selection.has(f.id) || undefined}>
                {selectable && (
                  <Table.Td>
                    <Checkbox
                      aria-label={`Select ${f.vulnId} on ${f.assetKey}`}
                      checked={selection.has(f.id)}
                      onChange={() => onToggle(f.id)}
                    />
                  </Table.Td>
                )}
                <Table.Td>
                  <SeverityBadge severity={f.severity} />
                </Table.Td>
                <Table.Td style={{ whiteSpace: "nowrap" }}>
                  <Stack gap={2}>
                    <PriorityBadge priority={f.priority} />
                    <ExploitSignals finding={f} />
                  </Stack>
                </Table.Td>
                <Table.Td style={{ maxWidth: 300 }}>
                  <Anchor
                    component={Link}
                    to={`/vulnerabilities/findings/${f.id}`}
                    size="sm"
                    fw={500}
                    ff="monospace"
                  >
                    {f.vulnId}
                  </Anchor>
                  {f.aliases.length > 0 && (
                    <Text size="xs" c="dimmed" style={{ overflowWrap: "anywhere" }}>
                      {f.aliases.join(", ")}
                    </Text>
                  )}
                  {f.title && (
                    <Text size="xs" lineClamp={1} title={f.title}>
                      {f.title}
                    </Text>
                  )}
                </Table.Td>
                <Table.Td style={{ maxWidth: 280, overflowWrap: "anywhere" }}>
                  {pkg.installed ? (
                    <Stack gap={0}>
                      <Text size="sm" ff="monospace">
                        {pkg.installed}
                      </Text>
                      <Text size="xs" c={pkg.fix ? undefined : "dimmed"}>
                        → {pkg.fix ?? "no fix known"}
                        {f.editedFields.includes("fixedVersion") ? " (edited)" : ""}
                      </Text>
                    </Stack>
                  ) : (
                    <Text size="sm" c="dimmed">
                      {f.kind.replace(/_/g, " ")}
                    </Text>
                  )}
                </Table.Td>
                <Table.Td style={{ maxWidth: 200, overflowWrap: "anywhere" }}>
                  <Anchor component={Link} to={`/assets/${f.assetId}`} size="sm">
                    {f.assetKey}
                  </Anchor>
                </Table.Td>
                <Table.Td style={{ whiteSpace: "nowrap" }}>
                  <FindingStatusBadge status={f.status} reason={f.dismissalReason} />
                </Table.Td>
                <Table.Td style={{ whiteSpace: "nowrap" }}>
                  <SlaText finding={f} now={now} />
                </Table.Td>
                <Table.Td style={{ whiteSpace: "nowrap" }}>
                  <Text size="sm">{formatDateTime(f.firstSeenAt)}</Text>
                </Table.Td>
                <Table.Td style={{ whiteSpace: "nowrap" }}>
                  <Text size="sm" title={formatDateTime(f.lastSeenAt)}>
                    {formatRelative(f.lastSeenAt, now)}
                  </Text>
                </Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
