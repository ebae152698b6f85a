import { Anchor, Badge, Group, Table, Text } from "@mantine/core";
import { Link } from "react-router";
import type { ReviewProject } from "@infrasec/contracts";
import { formatDateTime, formatRelative } from "../../../app/format";
import { useApiQuery } from "../../../app/use-api";
import { getReviewRun } from "../api";
import { newHighCritical, trendSummary } from "../review-format";
import { runParamsFromQuery } from "../review-query";
import { OutcomeBadge } from "./ReviewBadges";
import { Sparkline } from "./Sparkline";

const TREND_ARROWS = { up: "▲", down: "▼", flat: "=", none: "" } as const;
const TREND_COLORS = { up: "red", down: "green", flat: "dimmed", none: "dimmed" } as const;

/** New critical and high findings of the latest run (the run list carries no matrix). */
function NewSevere({ runId }: { runId: string }) {
  const detail = useApiQuery(`review-run:${runId}`, () => getReviewRun(runId));
  if (!detail.data)
    return (
      <Text size="sm" c="dimmed">
        …
      </Text>
    );
  const { critical, high } = newHighCritical(detail.data);
  if (critical + high === 0)
    return (
      <Text size="sm" c="dimmed">
        none
      </Text>
    );
  return (
    <Group gap={4} wrap="nowrap">
      {critical > 0 && (
        <Badge color="red" variant="filled">
          {critical} critical
        </Badge>
      )}
      {high > 0 && (
        <Badge color="orange" variant="filled">
          {high} high
        </Badge>
      )}
    </Group>
  );
}

function ProjectRow({ p }: { p: ReviewProject }) {
  const run = p.latestRun;
  const trend = trendSummary(p.trend);
  const runsLink = `/review/runs?${runParamsFromQuery({ project: p.project }).toString()}`;
  return (
    <Table.Tr>
      <Table.Td>
        <Anchor component={Link} to={runsLink} size="sm" fw={500}>
          {p.project}
        </Anchor>
        <Text size="xs" c="dimmed">
          {p.runs} run{p.runs === 1 ? "" : "s"} · default branch {p.defaultBranch}
        </Text>
      </Table.Td>
      <Table.Td style={{ whiteSpace: "nowrap" }}>
        {run ? (
          <Anchor component={Link} to={`/review/runs/${run.id}`} size="sm">
            {formatRelative(run.createdAt)}
          </Anchor>
        ) : (
          <Text size="sm" c="dimmed" title="Only branches or merge requests were uploaded">
            no {p.defaultBranch} run
          </Text>
        )}
      </Table.Td>
      <Table.Td>
        {run && <OutcomeBadge outcome={run.gate.outcome} failing={run.gate.failing} />}
      </Table.Td>
      <Table.Td>{run ? <NewSevere runId={run.id} /> : null}</Table.Td>
      <Table.Td ta="right">
        {run ? (
          <Text size="sm" fw={500}>
            {run.counts.open}
          </Text>
        ) : null}
      </Table.Td>
      <Table.Td>
        {trend.direction === "none" ? (
          <Text size="xs" c="dimmed">
            {trend.label}
          </Text>
        ) : (
          <Group gap="xs" wrap="nowrap">
            <Sparkline trend={p.trend} />
            <Text size="xs" c={TREND_COLORS[trend.direction]} title={trend.label}>
              {TREND_ARROWS[trend.direction]} {Math.abs(trend.delta ?? 0)}
            </Text>
          </Group>
        )}
      </Table.Td>
      <Table.Td style={{ whiteSpace: "nowrap" }}>
        <Text size="xs" title={formatDateTime(p.lastUploadAt)}>
          {formatRelative(p.lastUploadAt)}
        </Text>
      </Table.Td>
    </Table.Tr>
  );
}

/** One row per project: its latest default-branch run, what is new and severe, and the trend. */
export function ProjectsOverview({ projects }: { projects: ReviewProject[] }) {
  return (
    <Table.ScrollContainer minWidth={900}>
      <Table aria-label="Projects">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Project</Table.Th>
            <Table.Th>Latest run</Table.Th>
            <Table.Th>Outcome</Table.Th>
            <Table.Th>New critical / high</Table.Th>
            <Table.Th ta="right">Open</Table.Th>
            <Table.Th>Trend (open)</Table.Th>
            <Table.Th>Last upload</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {projects.map((p) => (
            <ProjectRow key={p.project} p={p} />
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
