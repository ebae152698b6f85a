import { Anchor, Badge, Table, Text } from "@mantine/core";
import { Link } from "react-router";
import type { VulnSlaEvent } from "@infrasec/contracts";
import { SeverityBadge } from "../../../app/badges";
import { formatDateTime, formatRelative } from "../../../app/format";
import { SLA_EVENT_COLORS, SLA_EVENT_LABELS } from "../sla-format";

/** SLA events newest first: what happened, to which finding on which asset, and when it is due. */
export function SlaEventTable({ events, now }: { events: readonly VulnSlaEvent[]; now: number }) {
  return (
    <Table.ScrollContainer minWidth={820}>
      <Table striped aria-label="SLA events">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>When</Table.Th>
            <Table.Th>Event</Table.Th>
            <Table.Th>Severity</Table.Th>
            <Table.Th>Finding</Table.Th>
            <Table.Th>Asset</Table.Th>
            <Table.Th>Owner team</Table.Th>
            <Table.Th>Due</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {events.map((e) => (
            <Table.Tr key={e.id}>
              <Table.Td style={{ whiteSpace: "nowrap" }}>
                <Text size="sm" title={formatDateTime(e.at)}>
                  {formatRelative(e.at, now)}
                </Text>
              </Table.Td>
              <Table.Td>
                <Badge color={SLA_EVENT_COLORS[e.kind]}>{SLA_EVENT_LABELS[e.kind]}</Badge>
              </Table.Td>
              <Table.Td>
                <SeverityBadge severity={e.severity} />
              </Table.Td>
              <Table.Td style={{ maxWidth: 300 }}>
                <Anchor
                  component={Link}
                  to={`/vulnerabilities/findings/${e.findingId}`}
                  size="sm"
                  ff="monospace"
                >
                  {e.vulnId}
                </Anchor>
                <Text size="xs" c="dimmed" lineClamp={1}>
                  {[e.package, e.status.replace(/_/g, " ")].filter(Boolean).join(" · ")}
                </Text>
              </Table.Td>
              <Table.Td>
                <Anchor component={Link} to={`/assets/${e.assetId}`} size="sm">
                  {e.assetKey}
                </Anchor>
              </Table.Td>
              <Table.Td>
                <Text size="sm">{e.ownerTeam ?? "—"}</Text>
              </Table.Td>
              <Table.Td style={{ whiteSpace: "nowrap" }}>
                <Text size="sm">{formatDateTime(e.slaDueAt)}</Text>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
