import { useState } from "react";
import {
  Alert,
  Button,
  Group,
  LoadingOverlay,
  Paper,
  SegmentedControl,
  Stack,
  Text,
} from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useSearchParams } from "react-router";
import type { MilestoneView } from "@infrasec/contracts";
import { ErrorAlert } from "../../../../app/ErrorAlert";
import { useSession } from "../../../../app/session";
import { useApiQuery } from "../../../../app/use-api";
import { createMilestone, listMilestones, updateMilestone } from "../api";
import { MilestoneFormModal } from "../components/MilestoneFormModal";
import { MilestoneTable } from "../components/MilestoneTable";

type MilestoneState = "active" | "closed" | "all";
const STATES: MilestoneState[] = ["active", "closed", "all"];

export function MilestonesTab() {
  const { can } = useSession();
  const canManage = can("work:manage");
  const [params, setParams] = useSearchParams();
  const raw = params.get("state");
  const state: MilestoneState = STATES.includes(raw as MilestoneState)
    ? (raw as MilestoneState)
    : "all";
  const milestones = useApiQuery(`milestones:${state}`, () => listMilestones(state));
  const [dialog, setDialog] = useState<{ milestone: MilestoneView | null } | null>(null);
  const items = milestones.data?.items ?? [];

  return (
    <Stack gap="sm">
      <Group justify="space-between">
        <SegmentedControl
          aria-label="Milestone state"
          size="xs"
          value={state}
          onChange={(v) => setParams(v === "all" ? {} : { state: v })}
          data={[
            { value: "all", label: "All" },
            { value: "active", label: "Active" },
            { value: "closed", label: "Closed" },
          ]}
        />
        {canManage && <Button onClick={() => setDialog({ milestone: null })}>New milestone</Button>}
      </Group>
      <ErrorAlert error={milestones.error} title="Could not load milestones" />
      <Paper withBorder pos="relative" mih={120}>
        <LoadingOverlay visible={milestones.loading} overlayProps={{ blur: 0, opacity: 0.4 }} />
        {milestones.data && items.length === 0 ? (
          <Stack p="md">
            <Alert color="blue" title="No milestone yet">
              <Text size="sm">
                Milestones are quarterly: the quarter&apos;s commitments and their burnup.
                {canManage
                  ? " Create one with “New milestone”, then set it on items."
                  : " Someone with work:manage can create one."}
              </Text>
            </Alert>
          </Stack>
        ) : (
          <MilestoneTable
            milestones={items}
            onEdit={canManage ? (m) => setDialog({ milestone: m }) : undefined}
          />
        )}
      </Paper>
      {dialog && (
        <MilestoneFormModal
          opened
          milestone={dialog.milestone}
          onClose={() => setDialog(null)}
          onSave={async (body) => {
            const saved = dialog.milestone
              ? await updateMilestone(dialog.milestone.id, body)
              : await createMilestone(body);
            notifications.show({ color: "green", message: `Milestone ${saved.title} saved` });
            milestones.reload();
          }}
        />
      )}
    </Stack>
  );
}
