import {
  Alert,
  Code,
  Group,
  LoadingOverlay,
  Paper,
  SegmentedControl,
  Stack,
  Text,
} from "@mantine/core";
import { useSearchParams } from "react-router";
import { ErrorAlert } from "../../../../app/ErrorAlert";
import { useApiQuery } from "../../../../app/use-api";
import { listEpics } from "../api";
import { EpicTable } from "../components/EpicTable";

type EpicState = "open" | "closed" | "all";
const STATES: EpicState[] = ["open", "closed", "all"];

export function EpicsTab() {
  const [params, setParams] = useSearchParams();
  const raw = params.get("state");
  const state: EpicState = STATES.includes(raw as EpicState) ? (raw as EpicState) : "open";
  const epics = useApiQuery(`epics:${state}`, () => listEpics(state));
  const items = epics.data?.items ?? [];
  return (
    <Stack gap="sm">
      <Group justify="space-between">
        <SegmentedControl
          aria-label="Epic state"
          size="xs"
          value={state}
          onChange={(v) => setParams(v === "open" ? {} : { state: v })}
          data={[
            { value: "open", label: "Open" },
            { value: "closed", label: "Closed" },
            { value: "all", label: "All" },
          ]}
        />
        <Text size="xs" c="dimmed">
          Declared health is the owner&apos;s; assessed health comes from progress against the dates
          and the freshness of status updates.
        </Text>
      </Group>
      <ErrorAlert error={epics.error} title="Could not load epics" />
      <Paper withBorder pos="relative" mih={120}>
        <LoadingOverlay visible={epics.loading} overlayProps={{ blur: 0, opacity: 0.4 }} />
        {epics.data && items.length === 0 ? (
          <Stack p="md">
            <Alert color="blue" title={state === "open" ? "No open epic" : "No epic here"}>
              <Text size="sm">
                An epic is a work item of kind “Epic”: create one from Intake, or run{" "}
                <Code>infrasec items create --template epic --title …</Code>. Items join it by
                setting it as their parent.
              </Text>
            </Alert>
          </Stack>
        ) : (
          <EpicTable epics={items} />
        )}
      </Paper>
    </Stack>
  );
}
