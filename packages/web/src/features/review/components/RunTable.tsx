import { Anchor, Group, Table, Text } from "@mantine/core";
import { Link } from "react-router";
import type { ReviewRun } from "@infrasec/contracts";
import { formatDateTime, formatRelative } from "../../../app/format";
import { OutcomeBadge } from "./ReviewBadges";
import { CommitLink, MergeRequestLink, PipelineLink } from "./RunLinks";

function Count({ n, color }: { n: number; color: string }) {
  return (
    <Text size="sm" fw={n > 0 ? 600 : 400} c={n > 0 ? color : "dimmed"} ta="right">
      {n}
    </Text>
  );
}

/** Review runs, newest first; the time links to the run page. */
export function RunTable({
  items,
  onProject,
}: {
  items: ReviewRun[];
  onProject: (project: string) => void;
}) {
  return (
    <Table.ScrollContainer minWidth={1050}>
      <Table striped aria-label="Review runs">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Run</Table.Th>
            <Table.Th>Project</Table.Th>
            <Table.Th>Ref</Table.Th>
            <Table.Th>MR</Table.Th>
            <Table.Th>Commit</Table.Th>
            <Table.Th>Pipeline</Table.Th>
            <Table.Th>Outcome</Table.Th>
            <Table.Th ta="right">New</Table.Th>
            <Table.Th ta="right">Existing</Table.Th>
            <Table.Th ta="right">Fixed</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {items.map((r) => (
            <Table.Tr key={r.id}>
              <Table.Td style={{ whiteSpace: "nowrap" }}>
                <Anchor
                  component={Link}
                  to={`/review/runs/${r.id}`}
                  size="sm"
                  fw={500}
                  title={formatDateTime(r.createdAt)}
                  aria-label={`Run of ${r.project} at ${r.ref}, ${formatDateTime(r.createdAt)}`}
                >
                  {formatRelative(r.createdAt)}
                </Anchor>
              </Table.Td>
              <Table.Td>
                <Anchor
                  component="button"
                  type="button"
                  size="sm"
                  c="inherit"
                  onClick={() => onProject(r.project)}
                  title="Show only this project's runs"
                >
                  {r.project}
                </Anchor>
              </Table.Td>
              <Table.Td style={{ maxWidth: 220, overflowWrap: "anywhere" }}>
                <Text size="sm" ff="monospace">
                  {r.ref}
                </Text>
              </Table.Td>
              <Table.Td>
                <MergeRequestLink run={r} />
              </Table.Td>
              <Table.Td>
                <CommitLink run={r} />
              </Table.Td>
              <Table.Td>
                <PipelineLink run={r} />
              </Table.Td>
              <Table.Td>
                <Group gap={4} wrap="nowrap">
                  <OutcomeBadge outcome={r.gate.outcome} failing={r.gate.failing} />
                  <Text size="xs" c="dimmed" title="Gate threshold">
                    ≥ {r.gate.failOn}
                  </Text>
                </Group>
              </Table.Td>
              <Table.Td>
                <Count n={r.counts.byStatus.new} color="red" />
              </Table.Td>
              <Table.Td>
                <Count n={r.counts.byStatus.existing} color="orange" />
              </Table.Td>
              <Table.Td>
                <Count n={r.counts.byStatus.fixed} color="green" />
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
