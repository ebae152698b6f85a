import { Anchor, Code, Group, Loader, Stack, Table, Text } from "@mantine/core";
import { SEVERITIES } from "@infrasec/core";
import { Link } from "react-router";
import { ErrorAlert } from "../../../app/ErrorAlert";
import { SeverityBadge } from "../../../app/badges";
import { formatDateTime } from "../../../app/format";
import { useApiQuery } from "../../../app/use-api";
import { assetAccessFindings } from "../api";

/** Rows shown on the asset page; the snapshot page lists all of them with filters. */
const SHOWN = 50;

/**
 * The asset's open access findings: those of the latest access snapshot of its account, project
 * or cluster (docs/access/platform.md, "Findings on assets"), most severe first.
 */
export function AssetAccessFindings({ assetId }: { assetId: string }) {
  const q = useApiQuery(`asset-access-findings:${assetId}`, () =>
    assetAccessFindings(assetId, { limit: SHOWN }),
  );
  if (q.error) return <ErrorAlert error={q.error} title="Could not load access findings" />;
  if (!q.data) return <Loader size="sm" aria-label="Loading access findings" />;
  const { snapshot, bySeverity, items, total } = q.data;
  if (!snapshot) return <Text size="sm">No access snapshot covers this asset.</Text>;
  return (
    <Stack gap="xs" aria-label="Access findings">
      <Text size="sm">
        From snapshot{" "}
        <Anchor component={Link} to={`/access/snapshots/${snapshot.id}`}>
          {snapshot.name}
        </Anchor>{" "}
        ({snapshot.provider}, {formatDateTime(snapshot.createdAt)}): {total} open finding
        {total === 1 ? "" : "s"}.
      </Text>
      <Group gap="xs" role="group" aria-label="Open access findings by severity">
        {SEVERITIES.filter((s) => bySeverity[s] > 0).map((s) => (
          <Group key={s} gap={4}>
            <SeverityBadge severity={s} />
            <Text size="sm">{bySeverity[s]}</Text>
          </Group>
        ))}
      </Group>
      {items.length > 0 && (
        <Table striped withTableBorder>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Severity</Table.Th>
              <Table.Th>Finding</Table.Th>
              <Table.Th>Principal</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {items.map((f) => (
              <Table.Tr key={f.id}>
                <Table.Td>
                  <SeverityBadge severity={f.severity} />
                </Table.Td>
                <Table.Td>
                  <Text size="sm">{f.title}</Text>
                  <Text size="xs" c="dimmed">
                    <Code>{f.ruleId}</Code> {f.evidence}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <Text size="sm" style={{ wordBreak: "break-all" }}>
                    {f.principal}
                  </Text>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      {total > items.length && (
        <Anchor component={Link} to={`/access/snapshots/${snapshot.id}`} size="sm">
          {total - items.length} more in the snapshot
        </Anchor>
      )}
    </Stack>
  );
}
