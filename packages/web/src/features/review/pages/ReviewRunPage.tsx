import {
  Alert,
  Anchor,
  Breadcrumbs,
  Group,
  Loader,
  LoadingOverlay,
  Paper,
  Stack,
  Tabs,
  Text,
  Title,
} from "@mantine/core";
import { Link, useParams, useSearchParams } from "react-router";
import type { ReviewRunDetail, ReviewStatus } from "@infrasec/contracts";
import type { Severity } from "@infrasec/core";
import { ErrorAlert } from "../../../app/ErrorAlert";
import { useApiQuery } from "../../../app/use-api";
import { getReviewRun, listRunFindings } from "../api";
import { runRefLabel } from "../review-format";
import {
  FINDING_STATUS_TABS,
  defaultStatusTab,
  findingParamsFromQuery,
  findingQueryFromParams,
} from "../review-query";
import type { FindingListQuery } from "../review-query";
import { FindingFilters } from "../components/FindingFilters";
import { FindingsTable } from "../components/FindingsTable";
import { ListFooter } from "../components/ListFooter";
import { OutcomeBadge } from "../components/ReviewBadges";
import { ParseErrors } from "../components/ParseErrors";
import { RunCounts } from "../components/RunCounts";
import { RunHeader } from "../components/RunHeader";

const EMPTY_TAB_TEXT: Record<string, string> = {
  new: "This run introduced no finding: nothing new against its base.",
  existing: "No finding was already there before this change.",
  fixed: "This run fixed no finding of its base.",
  suppressed: "No finding was suppressed in this run.",
  unknown: "Every rule could be decided: no value was missing.",
};

function RunFindings({ run }: { run: ReviewRunDetail }) {
  const [params, setParams] = useSearchParams();
  const query = findingQueryFromParams(params, defaultStatusTab(run.counts.byStatus));
  const key = findingParamsFromQuery(query).toString();
  const list = useApiQuery(`review-findings:${run.id}?${key}`, () =>
    listRunFindings(run.id, query),
  );
  const update = (patch: Partial<FindingListQuery>, resetPage = true) =>
    setParams(findingParamsFromQuery({ ...query, ...patch, ...(resetPage ? { offset: 0 } : {}) }), {
      replace: true,
    });
  const filtered = !!(query.severity ?? query.ruleId ?? query.file);
  const items = list.data?.items ?? [];
  return (
    <Stack gap="sm">
      <Tabs
        value={query.status}
        onChange={(v) => {
          const tab = FINDING_STATUS_TABS.find((t) => t.value === v);
          if (tab) update({ status: tab.value });
        }}
      >
        <Tabs.List>
          {FINDING_STATUS_TABS.map((t) => (
            <Tabs.Tab key={t.value} value={t.value}>
              {t.label} ({run.counts.byStatus[t.value]})
            </Tabs.Tab>
          ))}
        </Tabs.List>
      </Tabs>
      <FindingFilters
        query={query}
        onChange={(patch) => {
          const typed: Partial<FindingListQuery> = {};
          for (const [k, v] of Object.entries(patch))
            Object.assign(typed, { [k]: v?.trim() ? v.trim() : undefined });
          update(typed);
        }}
        onClear={() =>
          update({ severity: undefined, ruleId: undefined, file: undefined, offset: 0 })
        }
      />
      <ErrorAlert error={list.error} title="Could not load the findings" />
      <Paper withBorder pos="relative" mih={100}>
        <LoadingOverlay visible={list.loading} overlayProps={{ blur: 0, opacity: 0.4 }} />
        {list.data && items.length === 0 ? (
          <Stack p="md">
            <Alert color="gray">
              <Text size="sm">
                {filtered
                  ? "No finding of this status matches these filters."
                  : EMPTY_TAB_TEXT[query.status]}
              </Text>
            </Alert>
          </Stack>
        ) : (
          <FindingsTable items={items} />
        )}
      </Paper>
      <ListFooter
        query={query}
        shown={items.length}
        total={list.data?.total ?? 0}
        noun={`${query.status} findings`}
        loaded={!!list.data}
        onPage={(patch) => update(patch, false)}
      />
    </Stack>
  );
}

/** /review/runs/:id: one uploaded run with its gate, counts, findings by status and errors. */
export function ReviewRunPage() {
  const { id = "" } = useParams();
  const [params, setParams] = useSearchParams();
  const run = useApiQuery(`review-run:${id}`, () => getReviewRun(id));
  if (run.error && !run.data)
    return <ErrorAlert error={run.error} title="Could not load the run" />;
  if (!run.data) return <Loader aria-label="Loading run" />;
  const r = run.data;

  const open = (status: ReviewStatus, severity?: Severity) => {
    const next = findingParamsFromQuery({
      ...findingQueryFromParams(params, status),
      status,
      severity,
      offset: 0,
    });
    setParams(next, { replace: true });
    document.getElementById("findings")?.scrollIntoView({ behavior: "smooth" });
  };

  return (
    <Stack gap="md">
      <Breadcrumbs>
        <Anchor component={Link} to="/review/runs" size="sm">
          Review runs
        </Anchor>
        <Anchor
          component={Link}
          to={`/review/runs?project=${encodeURIComponent(r.project)}`}
          size="sm"
        >
          {r.project}
        </Anchor>
        <span>{runRefLabel(r)}</span>
      </Breadcrumbs>
      <Group justify="space-between" align="center">
        <Title order={1}>
          {r.project} · {runRefLabel(r)}
        </Title>
        <OutcomeBadge outcome={r.gate.outcome} failing={r.gate.failing} />
      </Group>
      <Paper withBorder p="md">
        <RunHeader run={r} />
      </Paper>
      <RunCounts run={r} onOpen={open} />
      <Title order={2} id="findings">
        Findings
      </Title>
      <RunFindings run={r} />
      {r.errors.length > 0 && (
        <>
          <Title order={2}>Parse errors</Title>
          <Text size="sm" c="dimmed">
            These inputs could not be evaluated; the scan went on without them, so their findings
            are missing from this run.
          </Text>
          <Paper withBorder>
            <ParseErrors errors={r.errors} />
          </Paper>
        </>
      )}
    </Stack>
  );
}
