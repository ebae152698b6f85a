import { Stack, Tabs, Title } from "@mantine/core";
import { Navigate, useNavigate, useParams } from "react-router";
import { EpicsTab } from "./EpicsTab";
import { MilestonesTab } from "./MilestonesTab";
import { OkrsTab } from "./OkrsTab";
import { RoadmapTab } from "./RoadmapTab";

export const PLANNING_TABS = [
  { value: "epics", label: "Epics" },
  { value: "milestones", label: "Milestones" },
  { value: "okrs", label: "OKRs" },
  { value: "roadmap", label: "Roadmap" },
] as const;
type PlanningTab = (typeof PLANNING_TABS)[number]["value"];

function isTab(v: string | undefined): v is PlanningTab {
  return PLANNING_TABS.some((t) => t.value === v);
}

/** Planning: epics, quarterly milestones, OKRs and the roadmap, one URL per tab. */
export function PlanningPage() {
  const { tab } = useParams();
  const navigate = useNavigate();
  if (!isTab(tab)) return <Navigate to="/work/planning/epics" replace />;
  return (
    <Stack gap="sm">
      <Title order={1}>Planning</Title>
      <Tabs
        value={tab}
        onChange={(v) => {
          if (v && v !== tab) void navigate(`/work/planning/${v}`);
        }}
        keepMounted={false}
      >
        <Tabs.List>
          {PLANNING_TABS.map((t) => (
            <Tabs.Tab key={t.value} value={t.value}>
              {t.label}
            </Tabs.Tab>
          ))}
        </Tabs.List>
        <Tabs.Panel value="epics" pt="sm">
          <EpicsTab />
        </Tabs.Panel>
        <Tabs.Panel value="milestones" pt="sm">
          <MilestonesTab />
        </Tabs.Panel>
        <Tabs.Panel value="okrs" pt="sm">
          <OkrsTab />
        </Tabs.Panel>
        <Tabs.Panel value="roadmap" pt="sm">
          <RoadmapTab />
        </Tabs.Panel>
      </Tabs>
    </Stack>
  );
}
