import { Stack, Tabs, Text, Title } from "@mantine/core";
import { Navigate, useNavigate, useParams } from "react-router";
import { LabelsPanel } from "../components/LabelsPanel";
import { SettingsPanel } from "../components/SettingsPanel";
import { TemplatesPanel } from "../components/TemplatesPanel";

const TABS = [
  { value: "labels", label: "Labels" },
  { value: "templates", label: "Templates" },
  { value: "settings", label: "Settings" },
] as const;
type AdminTab = (typeof TABS)[number]["value"];

function isTab(v: string | undefined): v is AdminTab {
  return TABS.some((t) => t.value === v);
}

/** Workflow administration: the label catalogue, the templates and the workflow settings. */
export function WorkflowAdminPage() {
  const { tab } = useParams();
  const navigate = useNavigate();
  if (!isTab(tab)) return <Navigate to="/admin/workflow/labels" replace />;
  return (
    <Stack gap="sm">
      <Title order={1}>Workflow</Title>
      <Text size="sm" c="dimmed">
        The team&apos;s workflow as configuration: labels, the templates behind intake forms, and
        triage hygiene settings.
      </Text>
      <Tabs
        value={tab}
        onChange={(v) => {
          if (v && v !== tab) void navigate(`/admin/workflow/${v}`);
        }}
        keepMounted={false}
      >
        <Tabs.List>
          {TABS.map((t) => (
            <Tabs.Tab key={t.value} value={t.value}>
              {t.label}
            </Tabs.Tab>
          ))}
        </Tabs.List>
        <Tabs.Panel value="labels" pt="sm">
          <LabelsPanel />
        </Tabs.Panel>
        <Tabs.Panel value="templates" pt="sm">
          <TemplatesPanel />
        </Tabs.Panel>
        <Tabs.Panel value="settings" pt="sm">
          <SettingsPanel />
        </Tabs.Panel>
      </Tabs>
    </Stack>
  );
}
