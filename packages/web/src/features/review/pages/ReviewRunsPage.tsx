import { Alert, LoadingOverlay, Paper, Stack, Text, Title } from "@mantine/core";
import { useSearchParams } from "react-router";
import { ErrorAlert } from "../../../app/ErrorAlert";
import { useApiQuery } from "../../../app/use-api";
import { listReviewProjects, listReviewRuns } from "../api";
import { hasRunFilters, runParamsFromQuery, runQueryFromParams } from "../review-query";
import type { RunFilterKey, RunListQuery } from "../review-query";
import { ListFooter } from "../components/ListFooter";
import { ProjectsOverview } from "../components/ProjectsOverview";
import { RunFilters } from "../components/RunFilters";
import { RunTable } from "../components/RunTable";
import { UploadHowTo } from "../components/UploadHowTo";

/** /review/runs: the projects overview, then every uploaded run with filters in the URL. */
export function ReviewRunsPage() {
  const [params, setParams] = useSearchParams();
  const query = runQueryFromParams(params);
  const key = runParamsFromQuery(query).toString();
  const projects = useApiQuery("review-projects", listReviewProjects);
  const list = useApiQuery(`review-runs?${key}`, () => listReviewRuns(query));

  const update = (patch: Partial<RunListQuery>, resetPage = true) =>
    setParams(runParamsFromQuery({ ...query, ...patch, ...(resetPage ? { offset: 0 } : {}) }));
  const onFilter = (patch: Partial<Record<RunFilterKey, string | undefined>>) => {
    const typed: Partial<RunListQuery> = {};
    for (const [k, v] of Object.entries(patch)) {
      const value = v?.trim() ? v.trim() : undefined;
      if (k === "mergeRequest") {
        const n = value ? Number(value.replace(/^!/, "")) : NaN;
        typed.mergeRequest = Number.isInteger(n) && n > 0 ? n : undefined;
      } else Object.assign(typed, { [k]: value });
    }
    update(typed);
  };

  const items = list.data?.items ?? [];
  const total = list.data?.total ?? 0;
  const noRunsAtAll = projects.data?.items.length === 0;

  return (
    <Stack gap="sm">
      <Title order={1}>Review runs</Title>
      <ErrorAlert error={projects.error} title="Could not load the projects" />
      {noRunsAtAll ? (
        <UploadHowTo />
      ) : (
        <>
          <Title order={2}>Projects</Title>
          <Paper withBorder pos="relative" mih={80}>
            <LoadingOverlay visible={projects.loading} overlayProps={{ blur: 0, opacity: 0.4 }} />
            {projects.data && <ProjectsOverview projects={projects.data.items} />}
          </Paper>
          <Title order={2}>Runs</Title>
          <RunFilters
            query={query}
            onChange={onFilter}
            onClear={() => setParams(runParamsFromQuery({ limit: query.limit }))}
          />
          <ErrorAlert error={list.error} title="Could not load review runs" />
          <Paper withBorder pos="relative" mih={120}>
            <LoadingOverlay visible={list.loading} overlayProps={{ blur: 0, opacity: 0.4 }} />
            {list.data && items.length === 0 ? (
              <Stack p="md">
                {hasRunFilters(query) ? (
                  <Alert color="gray" title="No run matches these filters">
                    <Text size="sm">Clear or change the filters above.</Text>
                  </Alert>
                ) : (
                  <UploadHowTo />
                )}
              </Stack>
            ) : (
              <RunTable items={items} onProject={(project) => update({ project })} />
            )}
          </Paper>
          <ListFooter
            query={query}
            shown={items.length}
            total={total}
            noun="runs"
            loaded={!!list.data}
            onPage={(patch) => update(patch, false)}
          />
        </>
      )}
    </Stack>
  );
}
