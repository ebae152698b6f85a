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
import { useApiQuery } from "../../../../app/use-api";
import { useSession } from "../../../../app/session";
import { ErrorAlert } from "../../../../app/ErrorAlert";
import { useLabelCatalog } from "../../shared/labels-api";
import { listWorkItems } from "../../shared/work-items-api";
import {
  ITEM_PAGE_SIZES,
  hasItemFilters,
  itemParamsFromQuery,
  itemQueryFromParams,
  nextItemSort,
  withLabelFilter,
} from "../item-query";
import type { ItemFilterKey, ItemListQuery } from "../item-query";
import { ItemFilters } from "../components/ItemFilters";
import { ItemTable } from "../components/ItemTable";

function EmptyState({ filtered, canCreate }: { filtered: boolean; canCreate: boolean }) {
  if (filtered) {
    return (
      <Alert color="gray" title="No work item matches these filters">
        Clear or change the filters above; closed items show with State “Closed” or “All”.
      </Alert>
    );
  }
  return (
    <Alert color="blue" title="No open work items">
      <Text size="sm">
        {canCreate
          ? "File a request from Intake (security review, BAU request, change request, …), or"
          : "Requests filed through Intake appear here; someone with work access can file one, or"}{" "}
        run <Code>infrasec items create --template security-review …</Code> from a terminal.
      </Text>
    </Alert>
  );
}

/** /work/items: the server-side filtered, sorted and paged list of work items. */
export function ItemListPage() {
  const { can } = useSession();
  const canCreate = can("work:create");
  const [params, setParams] = useSearchParams();
  const query = itemQueryFromParams(params);
  const key = itemParamsFromQuery(query).toString();
  const list = useApiQuery(`work-items?${key}`, () => listWorkItems(query));
  const labels = useLabelCatalog();
  const today = new Date().toISOString().slice(0, 10);

  const update = (patch: Partial<ItemListQuery>, resetPage = true) => {
    setParams(itemParamsFromQuery({ ...query, ...patch, ...(resetPage ? { offset: 0 } : {}) }));
  };
  const onFilter = (patch: Partial<Record<ItemFilterKey, string | undefined>>) => {
    const typed: Partial<ItemListQuery> = {};
    for (const [k, v] of Object.entries(patch))
      Object.assign(typed, { [k]: v === "" ? undefined : v });
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
        <Title order={1}>Work items</Title>
        {canCreate && (
          <Button component={Link} to="/work/intake">
            New request
          </Button>
        )}
      </Group>
      <ItemFilters
        query={query}
        labels={labels}
        onChange={onFilter}
        onClear={() => setParams(itemParamsFromQuery({ sort: query.sort, limit: query.limit }))}
      />
      <ErrorAlert error={list.error} title="Could not load work items" />
      <Paper withBorder pos="relative" mih={120}>
        <LoadingOverlay visible={list.loading} overlayProps={{ blur: 0, opacity: 0.4 }} />
        {list.data && items.length === 0 ? (
          <Stack p="md">
            <EmptyState filtered={hasItemFilters(query)} canCreate={canCreate} />
          </Stack>
        ) : (
          <ItemTable
            items={items}
            sort={query.sort}
            onSort={(c) => update({ sort: nextItemSort(query.sort, c) })}
            labels={labels}
            onLabelClick={(l) => update({ label: withLabelFilter(query.label, l) })}
            today={today}
          />
        )}
      </Paper>
      <Group justify="space-between">
        <Text size="sm" c="dimmed" aria-live="polite">
          {list.data ? `${from}–${to} of ${total} items` : " "}
        </Text>
        <Group gap="sm">
          <Select
            aria-label="Rows per page"
            w={90}
            allowDeselect={false}
            data={ITEM_PAGE_SIZES.map(String)}
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
    </Stack>
  );
}
