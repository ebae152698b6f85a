import {
  Alert,
  Button,
  Code,
  Group,
  LoadingOverlay,
  Paper,
  Select,
  Stack,
  Text,
  Title,
} from "@mantine/core";
import { useSearchParams } from "react-router";
import { SEVERITIES } from "@infrasec/core";
import { ErrorAlert } from "../../../app/ErrorAlert";
import { useApiQuery } from "../../../app/use-api";
import { FilterText } from "../../review/components/FilterText";
import { listFixActions } from "../enrichment-api";
import {
  FIX_ACTION_LIMIT,
  fixActionsParamsFromView,
  fixActionsViewFromParams,
  sortFixActions,
} from "../fix-actions-view";
import type { FixActionsView } from "../fix-actions-view";
import { FixActionTable } from "../components/FixActionTable";

/**
 * /vulnerabilities/fix-actions: open findings grouped into upgrades ("upgrade openssl to 3.0.13
 * fixes 42 findings on 17 assets"), most impact first, one ticket each.
 */
export function FixActionsPage() {
  const [params, setParams] = useSearchParams();
  const view = fixActionsViewFromParams(params);
  const { asset, severity, package: pkg } = view;
  const key = fixActionsParamsFromView({ ...view, sort: "impact" }).toString();
  const list = useApiQuery(`vulns-fix-actions?${key}`, () =>
    listFixActions({ asset, severity, package: pkg, limit: FIX_ACTION_LIMIT }),
  );
  const items = sortFixActions(list.data?.items ?? [], view.sort);
  const total = list.data?.total ?? 0;
  const update = (patch: Partial<FixActionsView>) =>
    setParams(fixActionsParamsFromView({ ...view, ...patch }));
  const filtered = Boolean(asset || severity || pkg);

  return (
    <Stack gap="sm">
      <Stack gap={2}>
        <Title order={1}>Fix actions</Title>
        <Text size="sm" c="dimmed">
          Open findings with a known fix, grouped by package into the one upgrade that fixes them
          all (the highest fixed version any of them needs). Most impact first: the sum of the
          findings&apos; priorities.
        </Text>
      </Stack>
      <Group gap="xs" align="flex-end" role="search" aria-label="Fix action filters">
        <FilterText
          label="Asset"
          placeholder="Key or id"
          w={200}
          value={asset ?? ""}
          onApply={(v) => update({ asset: v.trim() || undefined })}
        />
        <Select
          label="Severity"
          placeholder="Any"
          w={130}
          clearable
          data={SEVERITIES.map((s) => ({ value: s, label: s }))}
          value={severity ?? null}
          onChange={(v) => update({ severity: v ?? undefined })}
        />
        <FilterText
          label="Package"
          placeholder="openssl"
          w={160}
          value={pkg ?? ""}
          onApply={(v) => update({ package: v.trim() || undefined })}
        />
        {filtered && (
          <Button
            variant="subtle"
            color="gray"
            onClick={() => update({ asset: undefined, severity: undefined, package: undefined })}
          >
            Clear filters
          </Button>
        )}
      </Group>
      <ErrorAlert error={list.error} title="Could not load fix actions" />
      <Paper withBorder pos="relative" mih={120}>
        <LoadingOverlay visible={list.loading} overlayProps={{ blur: 0, opacity: 0.4 }} />
        {list.data && items.length === 0 ? (
          <Stack p="md">
            <Alert
              color="gray"
              title={filtered ? "No fix action matches these filters" : "No fix actions"}
            >
              <Text size="sm">
                Fix actions come from open package findings whose scanner reported a fixed version
                (Trivy, Grype, OSV-Scanner…). Import such a report, or try{" "}
                <Code>infrasec vulns fix-actions</Code>.
              </Text>
            </Alert>
          </Stack>
        ) : (
          <FixActionTable items={items} view={view} onSort={(sort) => update({ sort })} />
        )}
      </Paper>
      <Text size="sm" c="dimmed" aria-live="polite">
        {list.data
          ? total > items.length
            ? `The ${items.length} actions with most impact of ${total}; narrow the filters to see others.`
            : `${total} action${total === 1 ? "" : "s"}`
          : " "}
      </Text>
    </Stack>
  );
}
