import { Anchor, Badge, Group, Table, Text, UnstyledButton } from "@mantine/core";
import { Link } from "react-router";
import type { Asset } from "@infrasec/contracts";
import { CriticalityBadge, DataClassBadge, ExposureBadge } from "../../../app/badges";
import { formatDateTime, formatRelative, humanize } from "../../../app/format";
import { KIND_LABELS } from "../asset-labels";
import type { AssetSort } from "../asset-query";

type SortColumn = "name" | "criticality" | "updatedAt" | "kind";

function SortHeader({
  column,
  label,
  sort,
  onSort,
}: {
  column: SortColumn;
  label: string;
  sort: AssetSort;
  onSort: (c: SortColumn) => void;
}) {
  const active = sort.replace(/^-/, "") === column;
  const dir = sort.startsWith("-") ? "descending" : "ascending";
  return (
    <Table.Th aria-sort={active ? dir : "none"}>
      <UnstyledButton onClick={() => onSort(column)} fw={600} fz="sm">
        {label} {active ? (dir === "descending" ? "▼" : "▲") : ""}
      </UnstyledButton>
    </Table.Th>
  );
}

export function AssetTable({
  items,
  sort,
  onSort,
}: {
  items: Asset[];
  sort: AssetSort;
  onSort: (c: SortColumn) => void;
}) {
  return (
    <Table.ScrollContainer minWidth={1000}>
      <Table striped aria-label="Assets">
        <Table.Thead>
          <Table.Tr>
            <SortHeader column="name" label="Name" sort={sort} onSort={onSort} />
            <SortHeader column="kind" label="Kind" sort={sort} onSort={onSort} />
            <Table.Th>Owner team</Table.Th>
            <Table.Th>Environment</Table.Th>
            <SortHeader column="criticality" label="Criticality" sort={sort} onSort={onSort} />
            <Table.Th>Exposure</Table.Th>
            <Table.Th>Data</Table.Th>
            <Table.Th>Tags</Table.Th>
            <SortHeader column="updatedAt" label="Updated" sort={sort} onSort={onSort} />
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {items.map((a) => (
            <Table.Tr key={a.id}>
              <Table.Td style={{ whiteSpace: "nowrap" }}>
                <Anchor component={Link} to={`/assets/${a.id}`} fw={500} size="sm">
                  {a.name}
                </Anchor>
                <Text size="xs" c="dimmed" ff="monospace">
                  {a.key}
                </Text>
              </Table.Td>
              <Table.Td style={{ whiteSpace: "nowrap" }}>{KIND_LABELS[a.kind]}</Table.Td>
              <Table.Td>{a.ownerTeam ?? <Text c="dimmed">—</Text>}</Table.Td>
              <Table.Td style={{ whiteSpace: "nowrap" }}>{humanize(a.environment)}</Table.Td>
              <Table.Td style={{ whiteSpace: "nowrap" }}>
                <CriticalityBadge criticality={a.criticality} />
              </Table.Td>
              <Table.Td style={{ whiteSpace: "nowrap" }}>
                <ExposureBadge exposure={a.exposure} />
              </Table.Td>
              <Table.Td style={{ whiteSpace: "nowrap" }}>
                <DataClassBadge value={a.dataClassification} />
              </Table.Td>
              <Table.Td>
                <Group gap={4}>
                  {a.tags.map((t) => (
                    <Badge
                      key={t}
                      component={Link}
                      to={`/assets?tag=${encodeURIComponent(t)}`}
                      size="sm"
                      variant="outline"
                      color="gray"
                      style={{ cursor: "pointer" }}
                    >
                      {t}
                    </Badge>
                  ))}
                </Group>
              </Table.Td>
              <Table.Td style={{ whiteSpace: "nowrap" }}>
                <Text size="xs" title={formatDateTime(a.updatedAt)}>
                  {formatRelative(a.updatedAt)}
                </Text>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
