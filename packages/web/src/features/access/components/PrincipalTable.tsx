import { Anchor, Badge, Group, Table, Text } from "@mantine/core";
import { Link } from "react-router";
import type { PrincipalRow } from "@infrasec/contracts";
import { formatDateTime, formatRelative } from "../../../app/format";
import { AdminBadge } from "./AccessBadges";

/** Principals of a snapshot; the name opens the principal page. */
export function PrincipalTable({
  items,
  snapshotId,
}: {
  items: readonly PrincipalRow[];
  snapshotId: string;
}) {
  return (
    <Table.ScrollContainer minWidth={900}>
      <Table striped aria-label="Principals">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Principal</Table.Th>
            <Table.Th>Type</Table.Th>
            <Table.Th>Admin</Table.Th>
            <Table.Th ta="right">Escalation paths</Table.Th>
            <Table.Th ta="right">Findings</Table.Th>
            <Table.Th ta="right">Entitlements</Table.Th>
            <Table.Th>Owner</Table.Th>
            <Table.Th>Last used</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {items.map((p) => (
            <Table.Tr key={p.id}>
              <Table.Td style={{ overflowWrap: "anywhere", maxWidth: 360 }}>
                <Anchor
                  component={Link}
                  to={`/access/snapshots/${snapshotId}/principals/${p.id}`}
                  size="sm"
                  fw={500}
                  title={p.principalId}
                >
                  {p.name}
                </Anchor>
              </Table.Td>
              <Table.Td>
                <Text size="sm">{p.type}</Text>
              </Table.Td>
              <Table.Td>
                <AdminBadge admin={p.admin} />
              </Table.Td>
              <Table.Td>
                <Group gap={4} justify="flex-end" wrap="nowrap">
                  {p.hasEscalation && (
                    <Badge size="xs" color="red" variant="light">
                      to admin
                    </Badge>
                  )}
                  <Text size="sm" fw={p.escalationCount > 0 ? 600 : 400}>
                    {p.escalationCount}
                  </Text>
                </Group>
              </Table.Td>
              <Table.Td>
                <Text size="sm" ta="right">
                  {p.findingCount}
                </Text>
              </Table.Td>
              <Table.Td>
                <Text size="sm" ta="right">
                  {p.entitlementCount}
                </Text>
              </Table.Td>
              <Table.Td>
                <Text size="sm">{p.owner ?? "—"}</Text>
              </Table.Td>
              <Table.Td>
                <Text size="sm" title={p.lastUsed ? formatDateTime(p.lastUsed) : undefined}>
                  {p.lastUsed ? formatRelative(p.lastUsed) : "unknown"}
                </Text>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
