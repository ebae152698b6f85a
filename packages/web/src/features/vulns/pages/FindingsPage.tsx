import { useState } from "react";
import {
  Alert,
  Button,
  Code,
  Group,
  LoadingOverlay,
  Paper,
  Stack,
  Text,
  Title,
} from "@mantine/core";
import { notifications as toast } from "@mantine/notifications";
import { Link, useNavigate, useSearchParams } from "react-router";
import type { VulnDismissalReason, VulnFindingStatus } from "@infrasec/contracts";
import { ErrorAlert } from "../../../app/ErrorAlert";
import { useSession } from "../../../app/session";
import { useApiQuery } from "../../../app/use-api";
import { ListFooter } from "../../review/components/ListFooter";
import { listFindings } from "../api";
import { bulkOutcome, bulkStatusBody } from "../bulk-run";
import type { BulkOutcome } from "../bulk-run";
import { bulkChangeStatus } from "../states-api";
import { FINDING_STATUS_LABELS } from "../vulns-format";
import {
  findingsApiQuery,
  findingsParamsFromView,
  findingsViewFromParams,
  hasFindingFilters,
} from "../vulns-query";
import type { FindingFilterKey, FindingsView } from "../vulns-query";
import { BulkOutcomeAlert } from "../components/BulkOutcomeAlert";
import { FindingBulkBar } from "../components/FindingBulkBar";
import { FindingExportMenu } from "../components/FindingExportMenu";
import { FindingFilters } from "../components/FindingFilters";
import { FindingTable } from "../components/FindingTable";

function ImportHowTo({ canWrite }: { canWrite: boolean }) {
  return (
    <Alert color="blue" title="No findings yet">
      <Text size="sm">
        Findings come from scanner reports (Trivy, Grype, SARIF, CycloneDX, OSV-Scanner, GitLab,
        Nessus) imported for an asset of the inventory:{" "}
        {canWrite ? (
          <>
            use <b>Import report</b> above, or
          </>
        ) : (
          "ask someone with write access, or use"
        )}{" "}
        the CLI:
      </Text>
      <Code block mt="xs">
        infrasec vulns import trivy.json --asset shop-api --wait
      </Code>
    </Alert>
  );
}

/** /vulnerabilities/findings: findings with filters in the URL, sorting, paging, bulk changes. */
export function FindingsPage() {
  const { can } = useSession();
  const canWrite = can("vulns:write");
  const canRequest = can("vulns:request_exception");
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const view = findingsViewFromParams(params);
  const key = findingsParamsFromView(view).toString();
  const list = useApiQuery(`vulns-findings?${key}`, () => listFindings(findingsApiQuery(view)));
  const [now] = useState(() => Date.now());
  const [rawSelection, setSelection] = useState<ReadonlySet<string>>(new Set());
  const [outcome, setOutcome] = useState<BulkOutcome | null>(null);
  const items = list.data?.items ?? [];
  // Findings no longer listed (another page, a filter, a reload) are no longer selected.
  const selection = new Set(items.filter((f) => rawSelection.has(f.id)).map((f) => f.id));
  const selected = items.filter((f) => selection.has(f.id));

  const update = (patch: Partial<FindingsView>, resetPage = true) =>
    setParams(findingsParamsFromView({ ...view, ...patch, ...(resetPage ? { offset: 0 } : {}) }));
  const onFilter = (patch: Partial<Record<FindingFilterKey, string | undefined>>) => {
    const typed: Partial<FindingsView> = {};
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
    setSelection(selection.size === items.length ? new Set() : new Set(items.map((f) => f.id)));

  const apply = async (
    ids: string[],
    status: VulnFindingStatus,
    body: { reason?: VulnDismissalReason; comment?: string },
  ) => {
    // One request, all or nothing: an error leaves every finding as it was and stays in the form.
    const result = await bulkChangeStatus(bulkStatusBody(ids, status, body));
    setOutcome(bulkOutcome(status, result, items));
    toast.show({
      color: "green",
      message: `${result.changed} finding${result.changed === 1 ? "" : "s"} ${FINDING_STATUS_LABELS[status]}`,
    });
    setSelection(new Set());
    list.reload();
  };

  return (
    <Stack gap="sm">
      <Group justify="space-between" align="flex-end">
        <Stack gap={2}>
          <Title order={1}>Findings</Title>
          <Text size="sm" c="dimmed">
            One row per problem on an asset: records of several scanners and re-scans merge by
            identity. Most severe first; the SLA clock runs while a finding is open.
          </Text>
        </Stack>
        <Group gap="xs">
          <FindingExportMenu view={view} total={list.data?.total ?? 0} />
          {canWrite && (
            <Button component={Link} to="/vulnerabilities/imports?upload=1">
              Import report
            </Button>
          )}
        </Group>
      </Group>
      <FindingFilters
        view={view}
        onChange={onFilter}
        onStatus={(status) => update({ status })}
        onClear={() => setParams(findingsParamsFromView({ limit: view.limit }))}
      />
      <ErrorAlert error={list.error} title="Could not load findings" />
      {outcome && <BulkOutcomeAlert outcome={outcome} onClose={() => setOutcome(null)} />}
      {(canWrite || canRequest) && selected.length > 0 && (
        <FindingBulkBar
          selected={selected}
          canChange={canWrite}
          canRequest={canRequest}
          onRequested={(e) => void navigate(`/vulnerabilities/exceptions/${e.id}`)}
          onApply={apply}
          onClear={() => setSelection(new Set())}
        />
      )}
      <Paper withBorder pos="relative" mih={120}>
        <LoadingOverlay visible={list.loading} overlayProps={{ blur: 0, opacity: 0.4 }} />
        {list.data && items.length === 0 ? (
          <Stack p="md">
            {hasFindingFilters(view) ? (
              <Alert color="gray" title="No finding matches these filters">
                <Text size="sm">
                  Clear or change the filters above (the list opens on open findings: detected,
                  confirmed and in progress).
                </Text>
              </Alert>
            ) : (
              <ImportHowTo canWrite={canWrite} />
            )}
          </Stack>
        ) : (
          <FindingTable
            items={items}
            now={now}
            selection={selection}
            selectable={canWrite || canRequest}
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
        noun="findings"
        loaded={!!list.data}
        onPage={(patch) => update(patch, false)}
      />
    </Stack>
  );
}
