import { Anchor, Group, SimpleGrid, Stack, Text } from "@mantine/core";
import type { ReactNode } from "react";
import { Link } from "react-router";
import type { ReviewRunDetail } from "@infrasec/contracts";
import { SeverityBadge } from "../../../app/badges";
import { formatDateTime } from "../../../app/format";
import { modeLabel } from "../review-format";
import { OutcomeBadge } from "./ReviewBadges";
import { CommitLink, MergeRequestLink, PipelineLink } from "./RunLinks";

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <Stack gap={2}>
      <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
        {label}
      </Text>
      <div>{children}</div>
    </Stack>
  );
}

/** Where the run came from and what the gate decided. */
export function RunHeader({ run }: { run: ReviewRunDetail }) {
  return (
    <SimpleGrid cols={{ base: 2, sm: 4 }} spacing="md" verticalSpacing="sm">
      <Fact label="Project">
        <Anchor
          component={Link}
          to={`/review/runs?project=${encodeURIComponent(run.project)}`}
          size="sm"
        >
          {run.project}
        </Anchor>
      </Fact>
      <Fact label="Ref">
        <Text size="sm" ff="monospace">
          {run.ref}
        </Text>
      </Fact>
      <Fact label="Merge request">
        <MergeRequestLink run={run} />
      </Fact>
      <Fact label="Commit">
        <CommitLink run={run} />
      </Fact>
      <Fact label="Pipeline">
        <PipelineLink run={run} />
      </Fact>
      <Fact label="Base">
        <Stack gap={0}>
          <Text size="sm">
            {run.baseRef ?? run.defaultBranch}
            {run.baseRunId && (
              <>
                {" · "}
                <Anchor component={Link} to={`/review/runs/${run.baseRunId}`} size="sm">
                  base run
                </Anchor>
              </>
            )}
          </Text>
          <Text size="xs" c="dimmed">
            {modeLabel(run)}
          </Text>
        </Stack>
      </Fact>
      <Fact label="Gate threshold">
        <Group gap={4}>
          <Text size="sm">new findings ≥</Text>
          <SeverityBadge severity={run.gate.failOn} />
        </Group>
      </Fact>
      <Fact label="Outcome">
        <Group gap="xs">
          <OutcomeBadge outcome={run.gate.outcome} failing={run.gate.failing} />
          <Text size="xs" c="dimmed">
            {run.gate.failing} failing
          </Text>
        </Group>
      </Fact>
      <Fact label="Uploaded">
        <Text size="sm">
          {formatDateTime(run.createdAt)}
          {run.uploadedBy ? ` by ${run.uploadedBy}` : ""}
        </Text>
      </Fact>
      <Fact label="Suppressions">
        <Anchor
          component={Link}
          to={`/review/suppressions?project=${encodeURIComponent(run.project)}`}
          size="sm"
        >
          {run.suppressions.active} active · {run.suppressions.expired} expired ·{" "}
          {run.suppressions.stale} stale
        </Anchor>
      </Fact>
      <Fact label="Scanner">
        <Text size="sm">{run.tool ? `${run.tool.name} ${run.tool.version}` : "—"}</Text>
      </Fact>
    </SimpleGrid>
  );
}
