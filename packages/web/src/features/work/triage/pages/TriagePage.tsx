import { useState } from "react";
import {
  Alert,
  Badge,
  Button,
  Code,
  Group,
  List,
  LoadingOverlay,
  Paper,
  Stack,
  Tabs,
  Text,
  Title,
} from "@mantine/core";
import { notifications as toast } from "@mantine/notifications";
import { useSearchParams } from "react-router";
import type { TriageQueueView, WorkItemSummary } from "@infrasec/contracts";
import { useApiQuery } from "../../../../app/use-api";
import { useSession } from "../../../../app/session";
import { ErrorAlert } from "../../../../app/ErrorAlert";
import { useLabelCatalog } from "../../shared/labels-api";
import { bulkUpdate, listUsernames, triageQueue } from "../api";
import { bulkBody, pruneSelection, toggleAll, toggleOne } from "../bulk-selection";
import type { BulkAction } from "../bulk-selection";
import { TriageTable } from "../components/TriageTable";
import type { TriageRow } from "../components/TriageTable";
import { BulkActionBar } from "../components/BulkActionBar";
import { ReportDrawer } from "../components/ReportDrawer";
import { HygieneModal } from "../components/HygieneModal";

const TABS = ["new", "missing", "stale"] as const;
type Tab = (typeof TABS)[number];

function sectionRows(queue: TriageQueueView | undefined, tab: Tab): TriageRow[] {
  if (!queue) return [];
  if (tab === "new") return queue.untriaged.map((item) => ({ item }));
  if (tab === "missing") {
    return queue.missingFields.map(({ item, missing }) => ({
      item,
      extra: (
        <List size="xs" spacing={0}>
          {missing.map((m) => (
            <List.Item key={`${m.field}:${m.message}`}>
              <Code>{m.field}</Code> {m.message}
            </List.Item>
          ))}
        </List>
      ),
    }));
  }
  return queue.stale.map(({ item, idleDays }) => ({
    item,
    extra: (
      <Text size="sm" c={idleDays >= queue.staleAfterDays * 3 ? "red" : undefined}>
        {idleDays} days
      </Text>
    ),
  }));
}

const EMPTY: Record<Tab, { title: string; text: string }> = {
  new: {
    title: "Nothing waits for triage",
    text: "New requests (labelled InfraSec::triage or without a workflow label) appear here. File one from Intake, or run infrasec items create in a terminal.",
  },
  missing: {
    title: "No item misses a required field",
    text: "Items whose stage or template requires a field they do not have (due date on WIP, health on ongoing work, template answers) appear here.",
  },
  stale: {
    title: "Nothing is stale",
    text: "Open items without activity for the configured number of days appear here.",
  },
};

/** The triage queue for the sync: new, incomplete and stale items, with bulk actions. */
export function TriagePage() {
  const { can } = useSession();
  const canManage = can("work:manage");
  const [params, setParams] = useSearchParams();
  const rawTab = params.get("tab");
  const tab: Tab = TABS.includes(rawTab as Tab) ? (rawTab as Tab) : "new";
  const queue = useApiQuery("triage-queue", triageQueue);
  const catalog = useLabelCatalog();
  const users = useApiQuery(canManage && can("users:read") ? "usernames" : null, listUsernames);
  const [rawSelection, setSelection] = useState<Set<string>>(new Set());
  const [reportOpen, setReportOpen] = useState(false);
  const [hygieneOpen, setHygieneOpen] = useState(false);

  const all = new Map<string, WorkItemSummary>();
  for (const t of TABS) for (const r of sectionRows(queue.data, t)) all.set(r.item.id, r.item);
  // Items that left the queue (after an action or a reload) are no longer selected.
  const selection = pruneSelection(rawSelection, all.keys());
  const selected = [...selection].flatMap((id) => {
    const item = all.get(id);
    return item ? [item] : [];
  });
  const rows = sectionRows(queue.data, tab);
  const counts: Record<Tab, number> = {
    new: queue.data?.untriaged.length ?? 0,
    missing: queue.data?.missingFields.length ?? 0,
    stale: queue.data?.stale.length ?? 0,
  };

  const apply = async (action: BulkAction) => {
    const { updated } = await bulkUpdate(bulkBody([...selection], action));
    toast.show({
      color: "green",
      title: "Bulk change applied",
      message: `${updated} item${updated === 1 ? "" : "s"} updated`,
    });
    setSelection(new Set());
    queue.reload();
  };

  return (
    <Stack gap="sm">
      <Group justify="space-between">
        <Title order={1}>Triage</Title>
        <Group gap="xs">
          <Button variant="default" onClick={() => setReportOpen(true)}>
            Weekly report
          </Button>
          {canManage && (
            <Button variant="default" onClick={() => setHygieneOpen(true)}>
              Run hygiene
            </Button>
          )}
        </Group>
      </Group>
      <ErrorAlert error={queue.error} title="Could not load the triage queue" />
      {canManage && selected.length > 0 && (
        <BulkActionBar
          selected={selected}
          catalog={catalog}
          usernames={users.data ?? []}
          onApply={apply}
          onClear={() => setSelection(new Set())}
        />
      )}
      <Tabs
        value={tab}
        onChange={(v) => setParams(v && v !== "new" ? { tab: v } : {})}
        keepMounted={false}
      >
        <Tabs.List>
          <Tabs.Tab value="new" rightSection={<Badge size="xs">{counts.new}</Badge>}>
            New
          </Tabs.Tab>
          <Tabs.Tab value="missing" rightSection={<Badge size="xs">{counts.missing}</Badge>}>
            Missing fields
          </Tabs.Tab>
          <Tabs.Tab value="stale" rightSection={<Badge size="xs">{counts.stale}</Badge>}>
            Stale
          </Tabs.Tab>
        </Tabs.List>
      </Tabs>
      {tab === "stale" && queue.data && (
        <Text size="sm" c="dimmed">
          Open items without activity for {queue.data.staleAfterDays} days or more.
        </Text>
      )}
      <Paper withBorder pos="relative" mih={120}>
        <LoadingOverlay visible={queue.loading} overlayProps={{ blur: 0, opacity: 0.4 }} />
        {queue.data && rows.length === 0 ? (
          <Stack p="md">
            <Alert color="gray" title={EMPTY[tab].title}>
              <Text size="sm">{EMPTY[tab].text}</Text>
            </Alert>
          </Stack>
        ) : (
          <TriageTable
            label={tab === "new" ? "New" : tab === "missing" ? "Missing fields" : "Stale"}
            rows={rows}
            extraHeader={tab === "missing" ? "Missing" : tab === "stale" ? "Idle" : undefined}
            selection={selection}
            selectable={canManage}
            catalog={catalog}
            onToggle={(id) => setSelection(toggleOne(selection, id))}
            onToggleAll={(ids) => setSelection(toggleAll(selection, ids))}
          />
        )}
      </Paper>
      <ReportDrawer opened={reportOpen} onClose={() => setReportOpen(false)} />
      {hygieneOpen && (
        <HygieneModal
          opened
          onClose={() => setHygieneOpen(false)}
          onApplied={(n) => {
            toast.show({
              color: "green",
              message: `${n} hygiene action${n === 1 ? "" : "s"} applied`,
            });
            queue.reload();
          }}
        />
      )}
    </Stack>
  );
}
