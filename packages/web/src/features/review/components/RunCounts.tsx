import { Group, Paper, Stack, Table, Text, UnstyledButton } from "@mantine/core";
import { REVIEW_STATUSES } from "@infrasec/contracts";
import type { ReviewRunDetail, ReviewStatus } from "@infrasec/contracts";
import type { Severity } from "@infrasec/core";
import { SeverityBadge } from "../../../app/badges";
import { severityRows } from "../review-format";
import { FINDING_STATUS_COLORS } from "./ReviewBadges";

const STATUS_LABELS: Record<ReviewStatus, string> = {
  new: "New",
  existing: "Existing",
  fixed: "Fixed",
  suppressed: "Suppressed",
  unknown: "Unknown",
};

/**
 * Counts by status (big numbers, each opening its tab) and by severity × status (each cell
 * opening the findings it counts).
 */
export function RunCounts({
  run,
  onOpen,
}: {
  run: ReviewRunDetail;
  onOpen: (status: ReviewStatus, severity?: Severity) => void;
}) {
  const rows = severityRows(run.matrix);
  return (
    <Stack gap="sm">
      <Group gap="sm" role="list" aria-label="Findings by status">
        {REVIEW_STATUSES.map((s) => (
          <Paper
            key={s}
            withBorder
            p="xs"
            miw={110}
            role="listitem"
            aria-label={`${STATUS_LABELS[s]}: ${run.counts.byStatus[s]}`}
          >
            <UnstyledButton onClick={() => onOpen(s)} w="100%" title={`Show ${s} findings`}>
              <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
                {STATUS_LABELS[s]}
              </Text>
              <Text
                size="xl"
                fw={700}
                c={run.counts.byStatus[s] > 0 ? FINDING_STATUS_COLORS[s] : "dimmed"}
              >
                {run.counts.byStatus[s]}
              </Text>
            </UnstyledButton>
          </Paper>
        ))}
        <Paper
          withBorder
          p="xs"
          miw={110}
          role="listitem"
          aria-label={`Parse errors: ${run.counts.errors}`}
        >
          <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
            Parse errors
          </Text>
          <Text size="xl" fw={700} c={run.counts.errors > 0 ? "red" : "dimmed"}>
            {run.counts.errors}
          </Text>
        </Paper>
      </Group>
      {rows.length > 0 && (
        <Table.ScrollContainer minWidth={600}>
          <Table aria-label="Findings by severity and status" withTableBorder>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Severity</Table.Th>
                {REVIEW_STATUSES.map((s) => (
                  <Table.Th key={s} ta="right">
                    {STATUS_LABELS[s]}
                  </Table.Th>
                ))}
                <Table.Th ta="right">Total</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map((r) => (
                <Table.Tr key={r.severity}>
                  <Table.Td>
                    <SeverityBadge severity={r.severity} />
                  </Table.Td>
                  {REVIEW_STATUSES.map((s) => (
                    <Table.Td key={s} ta="right">
                      {r.counts[s] > 0 ? (
                        <Text
                          component="button"
                          type="button"
                          size="sm"
                          fw={600}
                          c={FINDING_STATUS_COLORS[s]}
                          style={{ background: "none", border: 0, cursor: "pointer", padding: 0 }}
                          onClick={() => onOpen(s, r.severity)}
                          aria-label={`${r.counts[s]} ${s} ${r.severity}`}
                        >
                          {r.counts[s]}
                        </Text>
                      ) : (
                        <Text size="sm" c="dimmed">
                          0
                        </Text>
                      )}
                    </Table.Td>
                  ))}
                  <Table.Td ta="right">
                    <Text size="sm" fw={500}>
                      {r.total}
                    </Text>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Stack>
  );
}
