import { Anchor, Table, Text } from "@mantine/core";
import { Link } from "react-router";
import type { AccessSnapshotDto } from "@infrasec/contracts";
import { formatDateTime, formatRelative } from "../../../app/format";
import { ProviderBadge } from "./AccessBadges";

function Count({ n, color }: { n: number; color: string }) {
  return (
    <Text size="sm" ta="right" fw={n > 0 ? 600 : 400} c={n > 0 ? color : "dimmed"}>
      {n}
    </Text>
  );
}

/** Snapshots, newest first; the name links to the snapshot page. */
export function SnapshotTable({
  items,
  onName,
}: {
  items: readonly AccessSnapshotDto[];
  onName: (name: string) => void;
}) {
  return (
    <Table.ScrollContainer minWidth={900}>
      <Table striped aria-label="Access snapshots">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Snapshot</Table.Th>
            <Table.Th>Name</Table.Th>
            <Table.Th>Provider</Table.Th>
            <Table.Th ta="right">Principals</Table.Th>
            <Table.Th ta="right">Admins</Table.Th>
            <Table.Th ta="right">With escalation</Table.Th>
            <Table.Th ta="right">Critical</Table.Th>
            <Table.Th ta="right">High</Table.Th>
            <Table.Th>Uploaded by</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {items.map((s) => (
            <Table.Tr key={s.id}>
              <Table.Td style={{ whiteSpace: "nowrap" }}>
                <Anchor
                  component={Link}
                  to={`/access/snapshots/${s.id}`}
                  size="sm"
                  fw={500}
                  title={formatDateTime(s.createdAt)}
                  aria-label={`Snapshot ${s.name} of ${formatDateTime(s.createdAt)}`}
                >
                  {formatRelative(s.createdAt)}
                </Anchor>
              </Table.Td>
              <Table.Td>
                <Anchor
                  component="button"
                  type="button"
                  size="sm"
                  c="inherit"
                  onClick={() => onName(s.name)}
                  title="Show only snapshots of this name"
                >
                  {s.name}
                </Anchor>
              </Table.Td>
              <Table.Td>
                <ProviderBadge provider={s.provider} />
              </Table.Td>
              <Table.Td>
                <Count n={s.summary.principals} color="inherit" />
              </Table.Td>
              <Table.Td>
                <Count n={s.summary.admins} color="red" />
              </Table.Td>
              <Table.Td>
                <Count n={s.summary.principalsWithEscalation} color="red" />
              </Table.Td>
              <Table.Td>
                <Count n={s.summary.findingsBySeverity.critical} color="red" />
              </Table.Td>
              <Table.Td>
                <Count n={s.summary.findingsBySeverity.high} color="orange" />
              </Table.Td>
              <Table.Td>
                <Text size="sm">{s.createdBy}</Text>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
