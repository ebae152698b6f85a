import { Anchor, Progress, Table, Text } from "@mantine/core";
import { Link } from "react-router";
import type { VulnImportJob } from "@infrasec/contracts";
import { formatDateTime } from "../../../app/format";
import { isJobActive, jobPercent } from "../vulns-format";
import { JobStatusBadge } from "./VulnBadges";

/** Recent import jobs, newest first. */
export function JobTable({ jobs }: { jobs: VulnImportJob[] }) {
  return (
    <Table.ScrollContainer minWidth={900}>
      <Table striped aria-label="Import jobs">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Started</Table.Th>
            <Table.Th>Asset</Table.Th>
            <Table.Th>Scanner / scope</Table.Th>
            <Table.Th>File</Table.Th>
            <Table.Th>Status</Table.Th>
            <Table.Th>Result</Table.Th>
            <Table.Th>By</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {jobs.map((j) => (
            <Table.Tr key={j.id}>
              <Table.Td style={{ whiteSpace: "nowrap" }}>
                <Anchor component={Link} to={`/vulnerabilities/imports/${j.id}`} size="sm">
                  {formatDateTime(j.createdAt)}
                </Anchor>
              </Table.Td>
              <Table.Td>
                <Anchor component={Link} to={`/assets/${j.assetId}`} size="sm">
                  {j.assetKey}
                </Anchor>
              </Table.Td>
              <Table.Td>
                <Text size="sm">
                  {j.scanner ?? j.format ?? "—"} / {j.scope}
                </Text>
              </Table.Td>
              <Table.Td style={{ maxWidth: 220, overflowWrap: "anywhere" }}>
                <Text size="sm">{j.fileName ?? "—"}</Text>
              </Table.Td>
              <Table.Td style={{ whiteSpace: "nowrap" }}>
                <JobStatusBadge status={j.status} />
                {isJobActive(j.status) && (
                  <Progress value={jobPercent(j)} size="xs" mt={4} aria-label="Progress" />
                )}
              </Table.Td>
              <Table.Td>
                <Text size="sm">
                  {j.status === "failed"
                    ? (j.error ?? "failed")
                    : j.status === "waiting_confirmation"
                      ? `would close ${j.toClose} of ${j.openInScope}`
                      : `${j.counts.created} new, ${j.counts.updated} updated, ${j.counts.closed} closed`}
                </Text>
              </Table.Td>
              <Table.Td>
                <Text size="sm">{j.createdBy}</Text>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
