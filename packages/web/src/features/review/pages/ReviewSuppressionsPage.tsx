import { Alert, Code, LoadingOverlay, Paper, Stack, Text, Title } from "@mantine/core";
import { useSearchParams } from "react-router";
import { ErrorAlert } from "../../../app/ErrorAlert";
import { useApiQuery } from "../../../app/use-api";
import { listReviewSuppressions } from "../api";
import {
  hasSuppressionFilters,
  suppressionParamsFromQuery,
  suppressionQueryFromParams,
} from "../review-query";
import type { SuppressionFilterKey, SuppressionListQuery } from "../review-query";
import { ListFooter } from "../components/ListFooter";
import { SuppressionFilters } from "../components/SuppressionFilters";
import { SuppressionTable } from "../components/SuppressionTable";

/** /review/suppressions: every suppression of the latest runs, what expires first on top. */
export function ReviewSuppressionsPage() {
  const [params, setParams] = useSearchParams();
  const query = suppressionQueryFromParams(params);
  const key = suppressionParamsFromQuery(query).toString();
  const list = useApiQuery(`review-suppressions?${key}`, () => listReviewSuppressions(query));
  const update = (patch: Partial<SuppressionListQuery>, resetPage = true) =>
    setParams(
      suppressionParamsFromQuery({ ...query, ...patch, ...(resetPage ? { offset: 0 } : {}) }),
    );
  const onFilter = (patch: Partial<Record<SuppressionFilterKey, string | undefined>>) => {
    const typed: Partial<SuppressionListQuery> = {};
    for (const [k, v] of Object.entries(patch)) {
      const value = v?.trim() ? v.trim() : undefined;
      Object.assign(typed, {
        [k]: k === "expiringWithinDays" && value !== undefined ? Number(value) : value,
      });
    }
    update(typed);
  };
  const items = list.data?.items ?? [];
  return (
    <Stack gap="sm">
      <Title order={1}>Suppressions</Title>
      <Text size="sm" c="dimmed">
        Suppressions found in the latest default-branch run of each project. Each carries a reason;
        expired ones no longer suppress, and stale ones matched no finding and can be removed.
      </Text>
      <SuppressionFilters
        query={query}
        onChange={onFilter}
        onClear={() => setParams(suppressionParamsFromQuery({ limit: query.limit }))}
      />
      <ErrorAlert error={list.error} title="Could not load suppressions" />
      <Paper withBorder pos="relative" mih={120}>
        <LoadingOverlay visible={list.loading} overlayProps={{ blur: 0, opacity: 0.4 }} />
        {list.data && items.length === 0 ? (
          <Stack p="md">
            {hasSuppressionFilters(query) ? (
              <Alert color="gray" title="No suppression matches these filters">
                <Text size="sm">Clear or change the filters above.</Text>
              </Alert>
            ) : (
              <Alert color="blue" title="No suppressions in the latest default-branch runs">
                <Text size="sm">
                  Suppressions are written next to the code, with a reason, and arrive with the runs
                  uploaded by <Code>infrasec review . --upload</Code>:{" "}
                  <Code>{`# infrasec:ignore AWS-S3-001 reason="…" until=2026-12-31 owner=@team`}</Code>
                  , or an entry in the review config file.
                </Text>
              </Alert>
            )}
          </Stack>
        ) : (
          <SuppressionTable items={items} />
        )}
      </Paper>
      <ListFooter
        query={query}
        shown={items.length}
        total={list.data?.total ?? 0}
        noun="suppressions"
        loaded={!!list.data}
        onPage={(patch) => update(patch, false)}
      />
    </Stack>
  );
}
