import { Anchor, Table, Text } from "@mantine/core";
import { Link } from "react-router";
import type { VulnExceptionFinding, VulnFindingStatus } from "@infrasec/contracts";
import { SeverityBadge } from "../../../app/badges";
import { formatDateTime } from "../../../app/format";
import { FINDING_STATUS_LABELS } from "../vulns-format";
import { FindingStatusBadge, SlaText } from "./VulnBadges";

/**
 * The findings an exception covers (or, while requested, would cover): their status now, and
 * the status and due date they had before it applied (restored when it ends).
 */
export function ExceptionFindingsTable({
  findings,
  requested,
  now,
}: {
  findings: VulnExceptionFinding[];
  requested: boolean;
  now: number;
}) {
  if (findings.length === 0)
    return (
      <Text size="sm" c="dimmed">
        {requested
          ? "No stored finding matches the scope yet; findings later imports bring are covered once it is approved."
          : "It covered no finding."}
      </Text>
    );
  return (
    <Table.ScrollContainer minWidth={760}>
      <Table striped aria-label="Covered findings">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Severity</Table.Th>
            <Table.Th>Vulnerability</Table.Th>
            <Table.Th>Asset</Table.Th>
            <Table.Th>Status now</Table.Th>
            <Table.Th>SLA</Table.Th>
            {!requested && <Table.Th>Before the exception</Table.Th>}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {findings.map((f) => (
            <Table.Tr key={f.id}>
              <Table.Td>
                <SeverityBadge severity={f.severity} />
              </Table.Td>
              <Table.Td>
                <Anchor
                  component={Link}
                  to={`/vulnerabilities/findings/${f.id}`}
                  size="sm"
                  ff="monospace"
                >
                  {f.vulnId}
                </Anchor>
                {f.package && (
                  <Text size="xs" c="dimmed" ff="monospace">
                    {f.package}
                  </Text>
                )}
              </Table.Td>
              <Table.Td style={{ overflowWrap: "anywhere" }}>
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
              {!requested && (
                <Table.Td>
                  <Text size="sm">
                    {f.priorStatus
                      ? (FINDING_STATUS_LABELS[f.priorStatus as VulnFindingStatus] ??
                        f.priorStatus.replace(/_/g, " "))
                      : "—"}
                  </Text>
                  {f.priorDueAt && (
                    <Text size="xs" c="dimmed">
                      due {formatDateTime(f.priorDueAt)}
                    </Text>
                  )}
                </Table.Td>
              )}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
