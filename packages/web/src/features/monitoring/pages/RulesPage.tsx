import { useState } from "react";
import {
  Accordion,
  Alert as MantineAlert,
  Button,
  Group,
  LoadingOverlay,
  Paper,
  Stack,
  Text,
  Title,
} from "@mantine/core";
import { notifications as toast } from "@mantine/notifications";
import { useNavigate, useSearchParams } from "react-router";
import type { MonitoringRule } from "@infrasec/contracts";
import { ErrorAlert } from "../../../app/ErrorAlert";
import { errorMessage } from "../../../app/api-client";
import { useSession } from "../../../app/session";
import { useApiQuery } from "../../../app/use-api";
import { ListFooter } from "../../review/components/ListFooter";
import { listRules, setRuleEnabled } from "../api";
import {
  hasRuleFilters,
  rulesApiQuery,
  rulesParamsFromView,
  rulesViewFromParams,
} from "../monitoring-query";
import type { RuleFilterKey, RulesView } from "../monitoring-query";
import { MonitoringRuleTable } from "../components/MonitoringRuleTable";
import { RuleFilters } from "../components/RuleFilters";
import { RuleTestPanel } from "../components/RuleTestPanel";
import { RuleUploadModal } from "../components/RuleUploadModal";

/** /monitoring/rules: the built-in pack and uploaded rules, enable/disable, upload, test. */
export function RulesPage() {
  const { can } = useSession();
  const canManage = can("detections:manage");
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const view = rulesViewFromParams(params);
  const key = rulesParamsFromView(view).toString();
  const list = useApiQuery(`monitoring-rules?${key}`, () => listRules(rulesApiQuery(view)));
  const [busyId, setBusyId] = useState<string | null>(null);
  const [uploading, setUploading] = useState(false);

  const update = (patch: Partial<RulesView>, resetPage = true) =>
    setParams(rulesParamsFromView({ ...view, ...patch, ...(resetPage ? { offset: 0 } : {}) }));
  const onFilter = (patch: Partial<Record<RuleFilterKey, string | undefined>>) => {
    const typed: Partial<RulesView> = {};
    for (const [k, v] of Object.entries(patch))
      Object.assign(typed, { [k]: v?.trim() ? v.trim() : undefined });
    update(typed);
  };
  const onEnabled = (rule: MonitoringRule, enabled: boolean) => {
    setBusyId(rule.id);
    setRuleEnabled(rule.id, enabled)
      .then(() => {
        toast.show({
          color: "green",
          message: `${rule.title} ${enabled ? "enabled" : "disabled"}`,
        });
        list.reload();
      })
      .catch((e: unknown) =>
        toast.show({ color: "red", title: "Not changed", message: errorMessage(e) }),
      )
      .finally(() => setBusyId(null));
  };

  const items = list.data?.items ?? [];
  return (
    <Stack gap="sm">
      <Group justify="space-between">
        <Title order={1}>Detection rules</Title>
        {canManage && <Button onClick={() => setUploading(true)}>Upload rule</Button>}
      </Group>
      <Text size="sm" c="dimmed">
        Sigma rules run on every ingested event: the built-in pack for Linux hosts and containers
        and the rules uploaded here. Authors are shown as the Sigma Detection Rule Licence requires.
      </Text>
      <Accordion variant="contained">
        <Accordion.Item value="test">
          <Accordion.Control>
            <Text fw={600}>Test against a pasted event</Text>
          </Accordion.Control>
          <Accordion.Panel>
            <RuleTestPanel />
          </Accordion.Panel>
        </Accordion.Item>
      </Accordion>
      <RuleFilters
        view={view}
        onChange={onFilter}
        onClear={() => setParams(rulesParamsFromView({ limit: view.limit }))}
      />
      <ErrorAlert error={list.error} title="Could not load the rules" />
      <Paper withBorder pos="relative" mih={120}>
        <LoadingOverlay visible={list.loading} overlayProps={{ blur: 0, opacity: 0.4 }} />
        {list.data && items.length === 0 ? (
          <Stack p="md">
            <MantineAlert
              color="gray"
              title={hasRuleFilters(view) ? "No rule matches these filters" : "No rules"}
            >
              <Text size="sm">
                {hasRuleFilters(view)
                  ? "Clear or change the filters above."
                  : "Upload a Sigma rule with the button above."}
              </Text>
            </MantineAlert>
          </Stack>
        ) : (
          <MonitoringRuleTable
            items={items}
            canManage={canManage}
            busyId={busyId}
            onEnabled={onEnabled}
          />
        )}
      </Paper>
      <ListFooter
        query={view}
        shown={items.length}
        total={list.data?.total ?? 0}
        noun="rules"
        loaded={!!list.data}
        onPage={(patch) => update(patch, false)}
      />
      {uploading && (
        <RuleUploadModal
          opened
          onClose={() => setUploading(false)}
          onUploaded={(r) => {
            setUploading(false);
            toast.show({
              color: r.warnings.length > 0 ? "orange" : "green",
              title: r.created ? "Rule uploaded" : "Rule replaced",
              message:
                r.warnings.length > 0
                  ? r.warnings.map((w) => `${w.field}: ${w.message}`).join("; ")
                  : r.rule.title,
            });
            void navigate(`/monitoring/rules/${encodeURIComponent(r.rule.id)}`);
          }}
        />
      )}
    </Stack>
  );
}
