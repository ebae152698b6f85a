import { useState } from "react";
import {
  Anchor,
  Badge,
  Breadcrumbs,
  Button,
  Group,
  Loader,
  LoadingOverlay,
  Paper,
  SegmentedControl,
  Stack,
  Text,
  Title,
} from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { Link, useParams, useSearchParams } from "react-router";
import { ErrorAlert } from "../../../../app/ErrorAlert";
import { useSession } from "../../../../app/session";
import { useApiQuery } from "../../../../app/use-api";
import { Markdown } from "../../shared/Markdown";
import { formatDay } from "../../shared/work-format";
import { getBurnup, updateMilestone } from "../api";
import type { BurnupUnit } from "../api";
import { BurnupChart, BurnupDataTable } from "../components/BurnupChart";
import { ChildItemsTable } from "../components/ChildItemsTable";
import { MilestoneFormModal } from "../components/MilestoneFormModal";
import { ProgressCell } from "../components/ProgressCell";

export function MilestoneDetailPage() {
  const { id = "" } = useParams();
  const { can } = useSession();
  const [params, setParams] = useSearchParams();
  const unit: BurnupUnit = params.get("unit") === "weight" ? "weight" : "count";
  const burnup = useApiQuery(`burnup:${id}:${unit}`, () => getBurnup(id, unit));
  const [editing, setEditing] = useState(false);

  if (burnup.error && !burnup.data)
    return <ErrorAlert error={burnup.error} title="Could not load the milestone" />;
  if (!burnup.data) return <Loader aria-label="Loading milestone" />;
  const { milestone: m, points, items } = burnup.data;

  return (
    <Stack gap="md">
      <Breadcrumbs>
        <Anchor component={Link} to="/work/planning/milestones" size="sm">
          Planning
        </Anchor>
        <Anchor component={Link} to="/work/planning/milestones" size="sm">
          Milestones
        </Anchor>
        <span>{m.title}</span>
      </Breadcrumbs>
      <Group justify="space-between" align="flex-start">
        <Stack gap={4}>
          <Title order={1}>{m.title}</Title>
          <Group gap="xs">
            <Badge color={m.state === "active" ? "green" : "gray"}>{m.state}</Badge>
            <Text size="sm" c="dimmed">
              {formatDay(m.startDate)} → {formatDay(m.dueDate)}
            </Text>
          </Group>
        </Stack>
        {can("work:manage") && (
          <Button variant="default" onClick={() => setEditing(true)}>
            Edit
          </Button>
        )}
      </Group>
      <Paper withBorder p="md">
        <Stack gap="sm">
          <ProgressCell progress={m.progress} label={m.title} width={320} />
          <Markdown source={m.description} empty={null} />
        </Stack>
      </Paper>
      <Group justify="space-between">
        <Title order={2}>Burnup</Title>
        <SegmentedControl
          aria-label="Burnup unit"
          size="xs"
          value={unit}
          onChange={(v) => setParams(v === "weight" ? { unit: "weight" } : {})}
          data={[
            { value: "count", label: "Count" },
            { value: "weight", label: "Weight" },
          ]}
        />
      </Group>
      <Paper withBorder p="md" pos="relative">
        <LoadingOverlay visible={burnup.loading} overlayProps={{ blur: 0, opacity: 0.4 }} />
        <ErrorAlert error={burnup.error} title="Could not load the burnup" />
        <Stack gap="sm">
          <BurnupChart
            points={points}
            unit={unit}
            title={m.title}
            range={{ start: m.startDate.slice(0, 10), end: m.dueDate.slice(0, 10) }}
          />
          <BurnupDataTable points={points} unit={unit} />
        </Stack>
      </Paper>
      <Title order={2}>Items</Title>
      <Paper withBorder>
        <ChildItemsTable
          items={items}
          label="Milestone items"
          empty="No item is in this milestone yet. Set the milestone on an item's page."
        />
      </Paper>
      {editing && (
        <MilestoneFormModal
          opened
          milestone={m}
          onClose={() => setEditing(false)}
          onSave={async (body) => {
            await updateMilestone(m.id, body);
            notifications.show({ color: "green", message: "Milestone saved" });
            burnup.reload();
          }}
        />
      )}
    </Stack>
  );
}
