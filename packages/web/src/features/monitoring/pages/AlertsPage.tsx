import { useState } from "react";
import {
  Alert as MantineAlert,
  Code,
  LoadingOverlay,
  Paper,
  Stack,
  Text,
  Title,
} from "@mantine/core";
import { notifications as toast } from "@mantine/notifications";
import { useSearchParams } from "react-router";
import type { AlertStatus } from "@infrasec/contracts";
import { ErrorAlert } from "../../../app/ErrorAlert";
import { useSession } from "../../../app/session";
import { useApiQuery } from "../../../app/use-api";
import { ListFooter } from "../../review/components/ListFooter";
import { bulkAlertStatus, listAlerts } from "../api";
import { STATUS_LABELS } from "../alert-format";
import {
  alertsApiQuery,
  alertsParamsFromView,
  alertsViewFromParams,
  hasAlertFilters,
} from "../monitoring-query";
import type { AlertFilterKey, AlertsView } from "../monitoring-query";
import { AlertBulkBar } from "../components/AlertBulkBar";
import { AlertFilters } from "../components/AlertFilters";
import { AlertTable } from "../components/AlertTable";

function IngestHowTo() {
  return (
    <MantineAlert color="blue" title="No alerts yet">
      <Text size="sm">
        Alerts open when an enabled rule matches an ingested event. Send Falco, osquery or auditd
        events as NDJSON with an API token scoped <Code>alerts:write</Code> (Admin → API tokens):
      </Text>
      <Code block mt="xs">
        {`curl -H "Authorization: Bearer $INFRASEC_TOKEN" -H "Content-Type: application/x-ndjson" \\
  --data-binary @falco-events.ndjson "$INFRASEC_URL/api/v1/monitoring/events?source=falco"`}
      </Code>
    </MantineAlert>
  );
}

/** /monitoring/alerts: the alert queue, filters in the URL, bulk status changes. */
export function AlertsPage() {
  const { can } = useSession();
  const canWrite = can("alerts:write");
  const [params, setParams] = useSearchParams();
  const view = alertsViewFromParams(params);
  const key = alertsParamsFromView(view).toString();
  const list = useApiQuery(`monitoring-alerts?${key}`, () =>
    listAlerts(alertsApiQuery(view, Date.now())),
  );
  const [rawSelection, setSelection] = useState<ReadonlySet<string>>(new Set());
  const items = list.data?.items ?? [];
  // Alerts no longer listed (another page, a filter, a reload) are no longer selected.
  const selection = new Set(items.filter((a) => rawSelection.has(a.id)).map((a) => a.id));
  const selected = items.filter((a) => selection.has(a.id));

  const update = (patch: Partial<AlertsView>, resetPage = true) =>
    setParams(alertsParamsFromView({ ...view, ...patch, ...(resetPage ? { offset: 0 } : {}) }));
  const onFilter = (patch: Partial<Record<AlertFilterKey, string | undefined>>) => {
    const typed: Partial<AlertsView> = {};
    for (const [k, v] of Object.entries(patch))
      Object.assign(typed, { [k]: v?.trim() ? v.trim() : undefined });
    update(typed);
  };

  const toggle = (id: string) => {
    const next = new Set(selection);
    if (next.has(id)) next.delete(id);
    else next.add(id);
    setSelection(next);
  };
  const toggleAll = () =>
    setSelection(selection.size === items.length ? new Set() : new Set(items.map((a) => a.id)));

  const apply = async (ids: string[], status: AlertStatus, comment: string) => {
    const result = await bulkAlertStatus(ids, status, comment || undefined);
    toast.show({
      color: result.failed.length > 0 ? "orange" : "green",
      title: `${result.updated.length} alert${result.updated.length === 1 ? "" : "s"} ${STATUS_LABELS[status]}`,
      message:
        result.failed.length > 0
          ? `${result.failed.length} unchanged: ${result.failed
              .slice(0, 3)
              .map((f) => f.message)
              .join("; ")}`
          : undefined,
    });
    setSelection(new Set());
    list.reload();
  };

  const filtered = hasAlertFilters(view) || view.status !== "open";
  return (
    <Stack gap="sm">
      <Title order={1}>Alerts</Title>
      <Text size="sm" c="dimmed">
        Matches of the detection rules, grouped by rule and host, container or asset: repeats raise
        the count instead of opening new alerts. The rule&apos;s author is shown as the Sigma
        Detection Rule Licence requires.
      </Text>
      <AlertFilters
        view={view}
        onChange={onFilter}
        onStatus={(status) => update({ status })}
        onClear={() => setParams(alertsParamsFromView({ limit: view.limit }))}
      />
      <ErrorAlert error={list.error} title="Could not load alerts" />
      {canWrite && selected.length > 0 && (
        <AlertBulkBar selected={selected} onApply={apply} onClear={() => setSelection(new Set())} />
      )}
      <Paper withBorder pos="relative" mih={120}>
        <LoadingOverlay visible={list.loading} overlayProps={{ blur: 0, opacity: 0.4 }} />
        {list.data && items.length === 0 ? (
          <Stack p="md">
            {filtered ? (
              <MantineAlert color="gray" title="No alert matches these filters">
                <Text size="sm">
                  Clear or change the filters above (the queue opens on open alerts: new and
                  acknowledged).
                </Text>
              </MantineAlert>
            ) : (
              <IngestHowTo />
            )}
          </Stack>
        ) : (
          <AlertTable
            items={items}
            selection={selection}
            selectable={canWrite}
            sort={view.sort}
            onSort={(sort) => update({ sort })}
            onToggle={toggle}
            onToggleAll={toggleAll}
          />
        )}
      </Paper>
      <ListFooter
        query={view}
        shown={items.length}
        total={list.data?.total ?? 0}
        noun="alerts"
        loaded={!!list.data}
        onPage={(patch) => update(patch, false)}
      />
    </Stack>
  );
}
