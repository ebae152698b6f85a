import { useState } from "react";
import { Badge, Button, Group, Loader, Paper, Stack, Text, Title } from "@mantine/core";
import { notifications as toast } from "@mantine/notifications";
import type { VulnSlaPolicyEdit, VulnSlaPolicyView } from "@infrasec/contracts";
import { ErrorAlert } from "../../../app/ErrorAlert";
import { formatDateTime } from "../../../app/format";
import { useSession } from "../../../app/session";
import { useApiQuery } from "../../../app/use-api";
import { NotFoundPage } from "../../areas/pages/NotFoundPage";
import { Section } from "../../monitoring/components/Section";
import { SlaPolicyForm } from "../components/SlaPolicyForm";
import { SlaPolicyTables } from "../components/SlaPolicyTables";
import { SlaRecomputeProgress } from "../components/SlaRecomputeProgress";
import { getSlaPolicy, updateSlaPolicy } from "../sla-policy-api";

/**
 * /vulnerabilities/policy: the patching (SLA) policy deadlines are computed with, its version
 * and last edit, and the last recompute of open findings' deadlines. Users holding
 * settings:manage edit it here; an edit makes a new version and queues the recompute, whose
 * progress is followed on this page.
 */
export function SlaPolicyPage() {
  const { can } = useSession();
  // The route is not wrapped in <Allowed> (AppRoutes.tsx is at its size limit): same check here.
  const canRead = can("vulns:read");
  const canEdit = can("settings:manage");
  const [editing, setEditing] = useState(false);
  // The view the last save answered with, shown until the next load brings a newer one.
  const [saved, setSaved] = useState<VulnSlaPolicyView>();
  const q = useApiQuery(canRead ? "vulns-sla-policy" : null, getSlaPolicy);
  const v = saved && (!q.data || saved.policy.version >= q.data.policy.version) ? saved : q.data;

  if (!canRead) return <NotFoundPage />;
  if (q.error && !v) return <ErrorAlert error={q.error} title="Could not load the policy" />;
  if (!v) return <Loader aria-label="Loading the patching policy" />;

  const save = async (body: VulnSlaPolicyEdit) => {
    const next = await updateSlaPolicy(body);
    setSaved(next);
    setEditing(false);
    toast.show({
      color: "green",
      message: `Policy saved as version ${next.policy.version}: recomputing ${next.recompute?.total ?? 0} open findings`,
    });
  };

  return (
    <Stack gap="md" maw={1100}>
      <Group justify="space-between" align="flex-end">
        <Stack gap={2}>
          <Title order={1}>Patching policy</Title>
          <Text size="sm" c="dimmed">
            How long each severity may stay open before it breaches its SLA. Every finding&apos;s
            deadline is computed with this policy; the findings list, exports and the dashboard
            count a finding as due soon within the window below.
          </Text>
        </Stack>
        {canEdit && !editing && (
          <Button variant="light" onClick={() => setEditing(true)}>
            Edit policy
          </Button>
        )}
      </Group>
      <Paper withBorder p="md">
        <Stack gap={4}>
          <Group gap="xs">
            <Text fw={600}>{v.policy.name}</Text>
            <Badge variant="light" data-testid="policy-version">
              version {v.policy.version}
            </Badge>
            <Badge variant="outline" color={v.source === "stored" ? "blue" : "gray"}>
              {v.source === "stored" ? "edited" : "server default"}
            </Badge>
          </Group>
          <Text size="sm" c="dimmed" data-testid="policy-edited">
            {v.updatedAt
              ? `Last edited ${formatDateTime(v.updatedAt)} by ${v.updatedBy ?? "unknown"}`
              : "Never edited: the preset the server was started with"}
            {` · deadlines are stamped ${v.stamp}`}
          </Text>
        </Stack>
      </Paper>
      {v.recompute && (
        <Paper withBorder p="md">
          <Section title="Last deadline recompute">
            <SlaRecomputeProgress
              key={v.recompute.id}
              initial={v.recompute}
              onFinished={() => q.reload()}
            />
          </Section>
        </Paper>
      )}
      <Paper withBorder p="md">
        {editing ? (
          <SlaPolicyForm policy={v.policy} onSave={save} onCancel={() => setEditing(false)} />
        ) : (
          <SlaPolicyTables policy={v.policy} />
        )}
      </Paper>
    </Stack>
  );
}
