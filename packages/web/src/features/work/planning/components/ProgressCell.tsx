import { Group, Progress, Stack, Text } from "@mantine/core";
import type { EpicView } from "@infrasec/contracts";
import { countLabel, progressColor, progressSentence, weightLabel } from "../progress-format";

/** A progress bar with closed/total and, when children are weighted, the weight. */
export function ProgressCell({
  progress,
  label,
  width = 180,
}: {
  progress: EpicView["progress"];
  /** What the progress is of, for the bar's accessible name. */
  label: string;
  width?: number | string;
}) {
  const percent = Math.max(0, Math.min(100, Math.round(progress.percent)));
  const weight = weightLabel(progress);
  return (
    <Stack gap={2} w={width} title={progressSentence(progress)}>
      <Progress.Root size="md">
        <Progress.Section
          value={percent}
          color={progressColor(progress)}
          aria-label={`Progress of ${label}`}
        />
      </Progress.Root>
      <Group gap={6} wrap="nowrap">
        <Text size="xs" fw={600}>
          {percent}%
        </Text>
        <Text size="xs" c="dimmed" style={{ whiteSpace: "nowrap" }}>
          {countLabel(progress)}
          {weight ? ` · ${weight}` : ""}
        </Text>
      </Group>
    </Stack>
  );
}
