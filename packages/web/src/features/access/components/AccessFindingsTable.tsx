import { Anchor, Code, Table, Text } from "@mantine/core";
import { Link } from "react-router";
import type { AccessFindingDto } from "@infrasec/contracts";
import { SeverityBadge } from "../../../app/badges";
import { nodeLabel } from "../escalation-graph";

/** Findings of a snapshot; the principal links to its page when the snapshot is known. */
export function AccessFindingsTable({
  items,
  snapshotId,
  showPrincipal = true,
}: {
  items: readonly AccessFindingDto[];
  snapshotId: string;
  showPrincipal?: boolean;
}) {
  return (
    <Table.ScrollContainer minWidth={800}>
      <Table striped aria-label="Access findings">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Severity</Table.Th>
            <Table.Th>Rule</Table.Th>
            <Table.Th>Finding</Table.Th>
            {showPrincipal && <Table.Th>Principal</Table.Th>}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {items.map((f) => (
            <Table.Tr key={f.fingerprint}>
              <Table.Td>
                <SeverityBadge severity={f.severity} />
              </Table.Td>
              <Table.Td>
                <Code>{f.ruleId}</Code>
              </Table.Td>
              <Table.Td style={{ overflowWrap: "anywhere" }}>
                <Text size="sm" fw={500}>
                  {f.title}
                </Text>
                <Text size="xs" c="dimmed">
                  {f.evidence}
                </Text>
              </Table.Td>
              {showPrincipal && (
                <Table.Td style={{ overflowWrap: "anywhere" }}>
                  <Anchor
                    component={Link}
                    size="sm"
                    to={`/access/snapshots/${snapshotId}/principals/${encodeURIComponent(f.principal)}`}
                    title={f.principal}
                  >
                    {nodeLabel(f.principal, 60)}
                  </Anchor>
                </Table.Td>
              )}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
