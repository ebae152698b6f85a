import { useState } from "react";
import { Alert, Anchor, Code, Group, Loader, SimpleGrid, Stack, Text, Title } from "@mantine/core";
import { Link, useSearchParams } from "react-router";
import { ErrorAlert } from "../../../app/ErrorAlert";
import { useApiQuery } from "../../../app/use-api";
import { formatDateTime } from "../../../app/format";
import { getDashboard, listSlaEvents } from "../sla-api";
import { dashboardFiltersFromParams, dashboardParamsFromFilters } from "../dashboard-view";
import {
  BurndownPanel,
  CompliancePanel,
  MttrPanel,
  OpenByAgePanel,
  Panel,
} from "../components/DashboardCharts";
import { DashboardFilterBar } from "../components/DashboardFilterBar";
import { DashboardTotals } from "../components/DashboardTotals";
import { DueSoonByOwner } from "../components/DueSoonByOwner";
import { RunSweepButton } from "../components/RunSweepButton";
import { SlaEventTable } from "../components/SlaEventTable";

const RECENT_EVENTS = 8;

/**
 * /vulnerabilities/dashboard: the landing page of the area — what is past due or due soon, how
 * SLAs were kept, how fast things get fixed, and the latest SLA events. Numbers link to the
 * findings list behind them where the list can show exactly those findings.
 */
export function DashboardPage() {
  const [params, setParams] = useSearchParams();
  const filters = dashboardFiltersFromParams(params);
  const key = dashboardParamsFromFilters(filters).toString();
  const [now] = useState(() => Date.now());
  const dash = useApiQuery(`vulns-dashboard?${key}`, () =>
    getDashboard({ asset: filters.asset, team: filters.team, days: filters.days }),
  );
  const events = useApiQuery(`vulns-sla-events-recent?${key}`, () =>
    listSlaEvents({ asset: filters.asset, team: filters.team, limit: RECENT_EVENTS }),
  );
  const d = dash.data;
  const reload = () => {
    dash.reload();
    events.reload();
  };

  return (
    <Stack gap="sm">
      <Group justify="space-between" align="flex-end">
        <Stack gap={2}>
          <Title order={1}>Vulnerability dashboard</Title>
          <Text size="sm" c="dimmed">
            Open findings against their SLA, compliance over the window, time to fix and the
            burndown. {d && `Computed ${formatDateTime(d.generatedAt)}.`}
          </Text>
        </Stack>
        <RunSweepButton onDone={reload} />
      </Group>
      <DashboardFilterBar
        filters={filters}
        onChange={(next) => setParams(dashboardParamsFromFilters(next))}
      />
      {filters.team && (
        <Text size="xs" c="dimmed">
          The findings list cannot filter by owner team, so with a team filter the numbers are not
          links.
        </Text>
      )}
      <ErrorAlert error={dash.error} title="Could not load the dashboard" />
      {!d && dash.loading && <Loader size="sm" />}
      {d && (
        <>
          <DashboardTotals data={d} filters={filters} />
          {d.totals.open === 0 && d.totals.resolvedInWindow === 0 && (
            <Alert color="blue" title="Nothing to measure yet">
              <Text size="sm">
                Import scanner reports (Vulnerabilities → Imports, or{" "}
                <Code>infrasec vulns import trivy.json --asset KEY</Code>), or load the demo data
                with <Code>infrasec demo load</Code>.
              </Text>
            </Alert>
          )}
          <SimpleGrid cols={{ base: 1, lg: 2 }} spacing="sm">
            <OpenByAgePanel data={d} filters={filters} />
            <DueSoonByOwner data={d} filters={filters} />
            <CompliancePanel data={d} filters={filters} />
            <Stack gap="sm">
              <MttrPanel data={d} />
              <BurndownPanel data={d} />
            </Stack>
          </SimpleGrid>
        </>
      )}
      <Panel title="Latest SLA events" hint="Due-soon and breached clocks, newest first.">
        <ErrorAlert error={events.error} title="Could not load SLA events" />
        {events.data && events.data.items.length === 0 ? (
          <Text size="sm">No SLA event yet: the sweep records one when a clock moves.</Text>
        ) : (
          <SlaEventTable events={events.data?.items ?? []} now={now} />
        )}
        <Anchor component={Link} to="/vulnerabilities/sla-events" size="sm">
          All SLA events
        </Anchor>
      </Panel>
    </Stack>
  );
}
