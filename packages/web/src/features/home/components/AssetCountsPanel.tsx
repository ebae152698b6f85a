import { Anchor, Group, Loader, Paper, SimpleGrid, Stack, Table, Text, Title } from "@mantine/core";
import { Link } from "react-router";
import { CriticalityBadge } from "../../../app/badges";
import { ErrorAlert } from "../../../app/ErrorAlert";
import { useApiQuery } from "../../../app/use-api";
import { KIND_LABELS } from "../../assets/asset-labels";
import { loadAssetCounts } from "../api";

/** Asset inventory at a glance; every number links to the filtered list behind it. */
export function AssetCountsPanel() {
  const counts = useApiQuery("asset-counts", loadAssetCounts);
  return (
    <Paper withBorder p="md">
      <Stack gap="sm">
        <Group justify="space-between">
          <Title order={2}>Assets</Title>
          {counts.data && (
            <Anchor component={Link} to="/assets" size="sm">
              {counts.data.total} in the inventory
            </Anchor>
          )}
        </Group>
        <ErrorAlert error={counts.error} title="Could not count assets" />
        {!counts.data && !counts.error && <Loader size="sm" aria-label="Loading asset counts" />}
        {counts.data && counts.data.total === 0 && (
          <Text size="sm">
            The inventory is empty. Add assets on the{" "}
            <Anchor component={Link} to="/assets">
              Assets
            </Anchor>{" "}
            page or with <code>infrasec assets import FILE</code>.
          </Text>
        )}
        {counts.data && counts.data.total > 0 && (
          <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md" style={{ alignItems: "start" }}>
            <Table aria-label="Assets by kind">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Kind</Table.Th>
                  <Table.Th ta="right">Assets</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {counts.data.byKind
                  .filter((k) => k.count > 0)
                  .map((k) => (
                    <Table.Tr key={k.kind}>
                      <Table.Td>{KIND_LABELS[k.kind]}</Table.Td>
                      <Table.Td ta="right">
                        <Anchor component={Link} to={`/assets?kind=${k.kind}`}>
                          {k.count}
                        </Anchor>
                      </Table.Td>
                    </Table.Tr>
                  ))}
              </Table.Tbody>
            </Table>
            <Table aria-label="Assets by criticality">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Criticality</Table.Th>
                  <Table.Th ta="right">Assets</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {counts.data.byCriticality.map((c) => (
                  <Table.Tr key={c.criticality}>
                    <Table.Td>
                      <CriticalityBadge criticality={c.criticality} />
                    </Table.Td>
                    <Table.Td ta="right">
                      <Anchor component={Link} to={`/assets?criticality=${c.criticality}`}>
                        {c.count}
                      </Anchor>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </SimpleGrid>
        )}
      </Stack>
    </Paper>
  );
}
