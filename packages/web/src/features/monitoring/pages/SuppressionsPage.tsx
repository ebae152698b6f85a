import { useState } from "react";
import {
  Alert as MantineAlert,
  Button,
  Group,
  LoadingOverlay,
  Paper,
  Stack,
  Switch,
  Text,
  Title,
} from "@mantine/core";
import { notifications as toast } from "@mantine/notifications";
import { useSearchParams } from "react-router";
import type { Suppression } from "@infrasec/contracts";
import { ConfirmModal } from "../../../app/ConfirmModal";
import { ErrorAlert } from "../../../app/ErrorAlert";
import { useSession } from "../../../app/session";
import { useApiQuery } from "../../../app/use-api";
import { FilterText } from "../../review/components/FilterText";
import { deleteSuppression, listSuppressions } from "../api";
import { suppressionsParamsFromView, suppressionsViewFromParams } from "../monitoring-query";
import type { SuppressionsView } from "../monitoring-query";
import { SuppressionFormModal } from "../components/SuppressionFormModal";
import { SuppressionTable } from "../components/SuppressionTable";

/**
 * /monitoring/suppressions: what is dropped instead of alerting, why, until when, how often.
 * `?new=1&ruleId=…&conditions=…` opens the form prefilled (from an alert's "Suppress similar").
 */
export function SuppressionsPage() {
  const { can } = useSession();
  const canWrite = can("alerts:write");
  const [params, setParams] = useSearchParams();
  const view = suppressionsViewFromParams(params);
  const key = suppressionsParamsFromView(view).toString();
  const list = useApiQuery(`monitoring-suppressions?${key}`, () =>
    listSuppressions({
      ...(view.ruleId ? { ruleId: view.ruleId } : {}),
      includeExpired: view.includeExpired ? "true" : "false",
    }),
  );
  const [now] = useState(() => Date.now());
  const creatingFromUrl = canWrite && params.get("new") === "1";
  const [creating, setCreating] = useState(false);
  const [deleting, setDeleting] = useState<Suppression | null>(null);
  const formOpen = creating || creatingFromUrl;

  const update = (patch: Partial<SuppressionsView>) =>
    setParams(suppressionsParamsFromView({ ...view, ...patch }));
  const closeForm = () => {
    setCreating(false);
    if (creatingFromUrl) setParams(suppressionsParamsFromView(view));
  };

  const items = list.data?.items ?? [];
  return (
    <Stack gap="sm">
      <Group justify="space-between">
        <Title order={1}>Alert suppressions</Title>
        {canWrite && <Button onClick={() => setCreating(true)}>New suppression</Button>}
      </Group>
      <Text size="sm" c="dimmed">
        A suppression drops the matches of a rule (or of any rule) that meet its conditions; each
        dropped match is counted as a hit, never silently lost. Expired suppressions stop applying.
      </Text>
      <Group gap="md" align="flex-end" role="search" aria-label="Suppression filters">
        <FilterText
          label="Rule id"
          placeholder="Sigma id"
          w={260}
          value={view.ruleId ?? ""}
          onApply={(v) => update({ ruleId: v.trim() || undefined })}
        />
        <Switch
          label="Show expired"
          checked={view.includeExpired}
          onChange={(e) => update({ includeExpired: e.currentTarget.checked })}
          mb={8}
        />
      </Group>
      <ErrorAlert error={list.error} title="Could not load suppressions" />
      <Paper withBorder pos="relative" mih={120}>
        <LoadingOverlay visible={list.loading} overlayProps={{ blur: 0, opacity: 0.4 }} />
        {list.data && items.length === 0 ? (
          <Stack p="md">
            <MantineAlert color="gray" title="No suppressions">
              <Text size="sm">
                {view.ruleId || !view.includeExpired
                  ? "None match these filters (expired ones are hidden unless shown). "
                  : ""}
                Create one with “New suppression”, or from an alert with “Suppress similar”.
              </Text>
            </MantineAlert>
          </Stack>
        ) : (
          <SuppressionTable items={items} now={now} canWrite={canWrite} onDelete={setDeleting} />
        )}
      </Paper>
      {formOpen && (
        <SuppressionFormModal
          opened
          initialRuleId={creatingFromUrl ? (params.get("ruleId") ?? "") : (view.ruleId ?? "")}
          initialConditions={creatingFromUrl ? (params.get("conditions") ?? "") : ""}
          onClose={closeForm}
          onCreated={() => {
            toast.show({ color: "green", message: "Suppression created" });
            closeForm();
            list.reload();
          }}
        />
      )}
      <ConfirmModal
        opened={deleting !== null}
        title="Delete suppression"
        confirmLabel="Delete"
        onClose={() => setDeleting(null)}
        onConfirm={async () => {
          if (!deleting) return;
          await deleteSuppression(deleting.id);
          toast.show({ color: "green", message: "Suppression deleted" });
          list.reload();
        }}
      >
        Matches it drops today will open alerts again. Reason: {deleting?.reason}
      </ConfirmModal>
    </Stack>
  );
}
