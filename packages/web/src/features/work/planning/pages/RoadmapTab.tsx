import { Group, LoadingOverlay, Paper, Select, Stack, Text } from "@mantine/core";
import { useSearchParams } from "react-router";
import { ErrorAlert } from "../../../../app/ErrorAlert";
import { useApiQuery } from "../../../../app/use-api";
import { getRoadmap } from "../api";
import { QuarterPicker } from "../components/QuarterPicker";
import { RoadmapTimeline } from "../components/RoadmapTimeline";
import { quarterOrCurrent } from "../quarters";

const SPANS = ["2", "4", "6", "8"];

export function RoadmapTab() {
  const [params, setParams] = useSearchParams();
  const from = quarterOrCurrent(params.get("from"));
  const span = SPANS.includes(params.get("quarters") ?? "") ? Number(params.get("quarters")) : 4;
  const roadmap = useApiQuery(`roadmap:${from}:${span}`, () => getRoadmap(from, span));
  const set = (patch: Record<string, string>) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(patch)) next.set(k, v);
    setParams(next);
  };
  return (
    <Stack gap="sm">
      <Group justify="space-between" align="flex-end">
        <Group align="flex-end">
          <QuarterPicker label="From" value={from} onChange={(q) => set({ from: q })} />
          <Select
            label="Quarters"
            w={100}
            allowDeselect={false}
            data={SPANS}
            value={String(span)}
            onChange={(v) => v && set({ quarters: v })}
          />
        </Group>
        <Text size="xs" c="dimmed">
          Bars run from an epic&apos;s start to its due date, coloured by the owner&apos;s health
          (or the assessed one when none is declared). Click a bar to open the epic.
        </Text>
      </Group>
      <ErrorAlert error={roadmap.error} title="Could not load the roadmap" />
      <Paper withBorder p="md" pos="relative" mih={120}>
        <LoadingOverlay visible={roadmap.loading} overlayProps={{ blur: 0, opacity: 0.4 }} />
        {roadmap.data && (
          <RoadmapTimeline quarters={roadmap.data.quarters} epics={roadmap.data.epics} />
        )}
      </Paper>
    </Stack>
  );
}
