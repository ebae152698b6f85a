import { Badge, Code, Group, SimpleGrid, Table, Text } from "@mantine/core";
import type { PrincipalDetail } from "@infrasec/contracts";

function Stat({ label, value }: { label: string; value: number | string }) {
  return (
    <div>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text fw={600}>{value}</Text>
    </div>
  );
}

/** Counts by access level, then the permissions themselves (the server sends at most 500). */
export function PermissionsSummary({ detail }: { detail: PrincipalDetail }) {
  const p = detail.effectivePermissions;
  const levels = Object.entries(p.byLevel).sort((a, b) => b[1] - a[1]);
  return (
    <>
      <SimpleGrid cols={{ base: 2, sm: 4 }}>
        <Stat label="Effective permissions" value={p.total} />
        <Stat label="On all resources" value={p.onAllResources} />
        <Stat label="Conditional" value={p.conditional} />
        <Stat label="Entitlements" value={detail.entitlementCount} />
      </SimpleGrid>
      {levels.length > 0 && (
        <Group gap={6} aria-label="Permissions by access level">
          {levels.map(([level, n]) => (
            <Badge key={level} variant="light" color={/permission/i.test(level) ? "red" : "gray"}>
              {level}: {n}
            </Badge>
          ))}
        </Group>
      )}
      {p.items.length > 0 && (
        <Table.ScrollContainer minWidth={700} mah={360}>
          <Table striped stickyHeader aria-label="Effective permissions">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Permission</Table.Th>
                <Table.Th>Scope</Table.Th>
                <Table.Th>Level</Table.Th>
                <Table.Th>Verdict</Table.Th>
                <Table.Th>Via</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {p.items.map((i) => (
                <Table.Tr key={`${i.permission}@${i.scope}@${i.via ?? ""}`}>
                  <Table.Td>
                    <Code>{i.permission}</Code>
                  </Table.Td>
                  <Table.Td>{i.scope}</Table.Td>
                  <Table.Td>{i.level ?? "—"}</Table.Td>
                  <Table.Td>
                    {i.verdict === "conditional" ? (
                      <Badge color="yellow" variant="light">
                        conditional
                      </Badge>
                    ) : (
                      <Text size="sm">allowed</Text>
                    )}
                  </Table.Td>
                  <Table.Td style={{ overflowWrap: "anywhere" }}>{i.via ?? "—"}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {p.truncated && (
        <Text size="xs" c="dimmed">
          Showing the first {p.items.length} of {p.total} permissions.
        </Text>
      )}
    </>
  );
}
