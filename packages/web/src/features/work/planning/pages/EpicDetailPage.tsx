import {
  Anchor,
  Breadcrumbs,
  Button,
  Grid,
  Group,
  Loader,
  Paper,
  SimpleGrid,
  Stack,
  Text,
  Title,
} from "@mantine/core";
import { notifications } from "@mantine/notifications";
import type { ReactNode } from "react";
import { Link, useParams } from "react-router";
import type { ObjectiveView } from "@infrasec/contracts";
import { ErrorAlert } from "../../../../app/ErrorAlert";
import { useSession } from "../../../../app/session";
import { useApiQuery } from "../../../../app/use-api";
import { UserRefText } from "../../shared/UserRefText";
import { formatDay, itemRef } from "../../shared/work-format";
import { addStatusUpdate, getEpic, listObjectives } from "../api";
import { BandBadge } from "../components/BandBadge";
import { ChildItemsTable } from "../components/ChildItemsTable";
import { EpicHealth } from "../components/EpicHealth";
import { ProgressCell } from "../components/ProgressCell";
import { StatusUpdateForm } from "../components/StatusUpdateForm";
import { StatusUpdateTimeline } from "../components/StatusUpdateTimeline";
import { currentQuarter, quartersSpanning } from "../quarters";

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

/**
 * Objectives linked to the epic. The API lists objectives per quarter, so the quarters the
 * epic's dates span (and the current one) are read and matched by id.
 */
function LinkedObjectives({
  ids,
  startDate,
  dueDate,
}: {
  ids: readonly string[];
  startDate: string | null;
  dueDate: string | null;
}) {
  const quarters = [...new Set([currentQuarter(), ...quartersSpanning([startDate, dueDate])])];
  const key = ids.length > 0 ? `objectives:${quarters.join(",")}` : null;
  const objectives = useApiQuery(key, async () => {
    const lists = await Promise.all(quarters.map((q) => listObjectives(q)));
    const byId = new Map<string, ObjectiveView>();
    for (const l of lists) for (const o of l.items) byId.set(o.id, o);
    return byId;
  });
  if (ids.length === 0) {
    return (
      <Text size="sm" c="dimmed">
        No objective links this epic. Link it from an objective on the OKRs tab.
      </Text>
    );
  }
  return (
    <Stack gap={6}>
      <ErrorAlert error={objectives.error} title="Could not load the objectives" />
      {ids.map((id) => {
        const o = objectives.data?.get(id);
        if (!o) {
          return (
            <Text key={id} size="sm" c="dimmed">
              {objectives.loading ? "Loading…" : "An objective of another quarter"}
            </Text>
          );
        }
        return (
          <Group key={id} gap="xs" wrap="nowrap">
            <BandBadge band={o.band} score={o.score} />
            <Anchor
              component={Link}
              to={`/work/planning/okrs?quarter=${encodeURIComponent(o.quarter)}`}
              size="sm"
            >
              {o.title}
            </Anchor>
            <Text size="xs" c="dimmed">
              {o.quarter}
            </Text>
          </Group>
        );
      })}
    </Stack>
  );
}

export function EpicDetailPage() {
  const { id = "" } = useParams();
  const { can } = useSession();
  const epic = useApiQuery(`epic:${id}`, () => getEpic(id));

  if (epic.error && !epic.data)
    return <ErrorAlert error={epic.error} title="Could not load the epic" />;
  if (!epic.data) return <Loader aria-label="Loading epic" />;
  const e = epic.data;

  return (
    <Stack gap="md">
      <Breadcrumbs>
        <Anchor component={Link} to="/work/planning/epics" size="sm">
          Planning
        </Anchor>
        <Anchor component={Link} to="/work/planning/epics" size="sm">
          Epics
        </Anchor>
        <span>{itemRef(e.item.number)}</span>
      </Breadcrumbs>
      <Group justify="space-between" align="flex-start">
        <Title order={1}>
          <Text span c="dimmed" inherit mr={8}>
            {itemRef(e.item.number)}
          </Text>
          {e.item.title}
        </Title>
        <Button component={Link} to={`/work/items/${e.item.number}`} variant="default">
          Open item
        </Button>
      </Group>
      <Paper withBorder p="md">
        <SimpleGrid cols={{ base: 2, md: 5 }} spacing="md">
          <Fact label="Owner">
            <UserRefText user={e.item.owner} />
          </Fact>
          <Fact label="Start">{formatDay(e.startDate)}</Fact>
          <Fact label="Due">{formatDay(e.dueDate)}</Fact>
          <Fact label="Health (declared · assessed)">
            <EpicHealth epic={e} />
          </Fact>
          <Fact label="Progress">
            <ProgressCell progress={e.progress} label={e.item.title} width="100%" />
          </Fact>
        </SimpleGrid>
      </Paper>
      <Grid gap="md">
        <Grid.Col span={{ base: 12, lg: 7 }}>
          <Stack gap="md">
            <Title order={2}>Children</Title>
            <Paper withBorder>
              <ChildItemsTable
                items={e.children}
                label="Children"
                empty="No child items yet. Set this epic as the parent of an item on the item's page."
              />
            </Paper>
            <Title order={2}>Linked objectives</Title>
            <Paper withBorder p="md">
              <LinkedObjectives ids={e.objectiveIds} startDate={e.startDate} dueDate={e.dueDate} />
            </Paper>
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 5 }}>
          <Stack gap="md">
            <Title order={2}>Status updates</Title>
            {can("work:create") && (
              <Paper withBorder p="md">
                <StatusUpdateForm
                  key={e.updates.length}
                  initialHealth={e.item.health}
                  onSubmit={async (health, body) => {
                    await addStatusUpdate(e.item.id, health, body);
                    notifications.show({ color: "green", message: "Status update posted" });
                    epic.reload();
                  }}
                />
              </Paper>
            )}
            <Paper withBorder p="md">
              <StatusUpdateTimeline updates={e.updates} />
            </Paper>
          </Stack>
        </Grid.Col>
      </Grid>
    </Stack>
  );
}
