import { useState } from "react";
import {
  Alert,
  Button,
  Code,
  Group,
  LoadingOverlay,
  Pagination,
  Paper,
  Select,
  Stack,
  Text,
  Title,
} from "@mantine/core";
import { Link, useSearchParams } from "react-router";
import type { AssetListQuery } from "@infrasec/contracts";
import { useApiQuery } from "../../../app/use-api";
import { useSession } from "../../../app/session";
import { ErrorAlert } from "../../../app/ErrorAlert";
import { listAssets } from "../api";
import { PAGE_SIZES, hasFilters, nextSort, paramsFromQuery, queryFromParams } from "../asset-query";
import type { FilterKey } from "../asset-query";
import { AssetFilters } from "../components/AssetFilters";
import { AssetTable } from "../components/AssetTable";
import { ExportMenu } from "../components/ExportMenu";
import { ImportDialog } from "../components/ImportDialog";

function EmptyState({ filtered, canWrite }: { filtered: boolean; canWrite: boolean }) {
  if (filtered) {
    return (
      <Alert color="gray" title="No asset matches these filters">
        Clear or change the filters above.
      </Alert>
    );
  }
  return (
    <Alert color="blue" title="The inventory is empty">
      <Text size="sm">
        {canWrite
          ? "Add an asset with the “New asset” button, import a YAML, JSON or CSV file with “Import”, or"
          : "Someone with write access can add assets here, or"}{" "}
        run <Code>infrasec assets import FILE</Code> from a terminal.
      </Text>
    </Alert>
  );
}

export function AssetListPage() {
  const { can } = useSession();
  const canWrite = can("assets:write");
  const [params, setParams] = useSearchParams();
  const query = queryFromParams(params);
  const key = paramsFromQuery(query).toString();
  const list = useApiQuery(`assets?${key}`, () => listAssets(query));
  const [importOpen, setImportOpen] = useState(false);

  const update = (patch: Partial<AssetListQuery>, resetPage = true) => {
    const next = { ...query, ...patch, ...(resetPage ? { offset: 0 } : {}) };
    setParams(paramsFromQuery(next));
  };
  const onFilter = (patch: Partial<Record<FilterKey, string | undefined>>) => {
    const typed: Partial<AssetListQuery> = {};
    for (const [k, v] of Object.entries(patch)) {
      const value = v === "" ? undefined : v;
      Object.assign(typed, { [k]: k === "criticality" && value ? Number(value) : value });
    }
    update(typed);
  };

  const total = list.data?.total ?? 0;
  const items = list.data?.items ?? [];
  const pages = Math.max(1, Math.ceil(total / query.limit));
  const page = Math.floor(query.offset / query.limit) + 1;
  const from = total === 0 ? 0 : query.offset + 1;
  const to = Math.min(total, query.offset + items.length);

  return (
    <Stack gap="sm">
      <Group justify="space-between">
        <Title order={1}>Assets</Title>
        <Group gap="xs">
          <ExportMenu query={query} total={total} />
          {canWrite && (
            <>
              <Button variant="default" onClick={() => setImportOpen(true)}>
                Import
              </Button>
              <Button component={Link} to="/assets/new">
                New asset
              </Button>
            </>
          )}
        </Group>
      </Group>
      <AssetFilters
        query={query}
        onChange={onFilter}
        onClear={() => setParams(paramsFromQuery({ sort: query.sort, limit: query.limit }))}
      />
      <ErrorAlert error={list.error} title="Could not load assets" />
      <Paper withBorder pos="relative" mih={120}>
        <LoadingOverlay visible={list.loading} overlayProps={{ blur: 0, opacity: 0.4 }} />
        {list.data && items.length === 0 ? (
          <Stack p="md">
            <EmptyState filtered={hasFilters(query)} canWrite={canWrite} />
          </Stack>
        ) : (
          <AssetTable
            items={items}
            sort={query.sort ?? "name"}
            onSort={(c) => update({ sort: nextSort(query.sort ?? "name", c) })}
          />
        )}
      </Paper>
      <Group justify="space-between">
        <Text size="sm" c="dimmed" aria-live="polite">
          {list.data ? `${from}–${to} of ${total} assets` : " "}
        </Text>
        <Group gap="sm">
          <Select
            aria-label="Rows per page"
            w={90}
            allowDeselect={false}
            data={PAGE_SIZES.map(String)}
            value={String(query.limit)}
            onChange={(v) => update({ limit: Number(v ?? 50) })}
          />
          <Pagination
            total={pages}
            value={page}
            onChange={(p) => update({ offset: (p - 1) * query.limit }, false)}
            size="sm"
          />
        </Group>
      </Group>
      <ImportDialog
        opened={importOpen}
        onClose={() => setImportOpen(false)}
        onImported={list.reload}
      />
    </Stack>
  );
}
