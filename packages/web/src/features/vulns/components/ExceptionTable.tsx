import { Anchor, Group, Table, Text } from "@mantine/core";
import { Link } from "react-router";
import type { VulnException } from "@infrasec/contracts";
import { SeverityBadge } from "../../../app/badges";
import { formatDateTime } from "../../../app/format";
import { scopeSummary } from "../exception-format";
import { ExceptionKindBadge, ExceptionStatusBadge, ExceptionWindow } from "./ExceptionBadges";

/** The exceptions queue as a table; the scope links to the exception's page. */
export function ExceptionTable({ items, now }: { items: VulnException[]; now: number }) {
  return (
    <Table.ScrollContainer minWidth={1100}>
      <Table striped aria-label="Exceptions">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Scope</Table.Th>
            <Table.Th>Severity</Table.Th>
            <Table.Th>Status</Table.Th>
            <Table.Th>Findings</Table.Th>
            <Table.Th>Requested by</Table.Th>
            <Table.Th>Requested</Table.Th>
            <Table.Th>Expiry</Table.Th>
            <Table.Th>Decision log</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {items.map((e) => (
            <Table.Tr key={e.id}>
              <Table.Td style={{ maxWidth: 340, overflowWrap: "anywhere" }}>
                <Anchor
                  component={Link}
                  to={`/vulnerabilities/exceptions/${e.id}`}
                  size="sm"
                  fw={500}
                >
                  {scopeSummary(e.scope)}
                </Anchor>
                <Group gap={4} mt={2}>
                  <ExceptionKindBadge kind={e.kind} />
                </Group>
                <Text size="xs" c="dimmed" lineClamp={1} title={e.justification}>
                  {e.justification}
                </Text>
              </Table.Td>
              <Table.Td>
                <SeverityBadge severity={e.severity} />
              </Table.Td>
              <Table.Td style={{ whiteSpace: "nowrap" }}>
                <ExceptionStatusBadge status={e.status} />
              </Table.Td>
              <Table.Td>
                <Text
                  size="sm"
                  title="Findings it dismissed (approved) or dismissed until it ended"
                >
                  {e.coveredCount}
                </Text>
              </Table.Td>
              <Table.Td>
                <Text size="sm">{e.requestedBy.name}</Text>
              </Table.Td>
              <Table.Td style={{ whiteSpace: "nowrap" }}>
                <Text size="sm">{formatDateTime(e.requestedAt)}</Text>
              </Table.Td>
              <Table.Td style={{ whiteSpace: "nowrap" }}>
                <ExceptionWindow exception={e} now={now} />
                {e.status !== "requested" && e.status !== "rejected" && (
                  <Text size="xs" c="dimmed">
                    {formatDateTime(e.expiresAt)}
                  </Text>
                )}
              </Table.Td>
              <Table.Td>
                {e.decisionItem ? (
                  <Anchor
                    component={Link}
                    to={`/work/items/${e.decisionItem.number}`}
                    size="sm"
                    title={e.decisionItem.title}
                  >
                    #{e.decisionItem.number}
                  </Anchor>
                ) : (
                  <Text size="sm" c="dimmed">
                    —
                  </Text>
                )}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
