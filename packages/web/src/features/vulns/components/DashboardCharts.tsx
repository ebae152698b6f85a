import type { ReactNode } from "react";
import { Paper, Stack, Text, Title } from "@mantine/core";
import { SEVERITIES } from "@infrasec/core";
import type { Severity } from "@infrasec/core";
import type { VulnComplianceRow, VulnDashboard } from "@infrasec/contracts";
import { SEVERITY_COLORS } from "../../../app/theme";
import { ChartDataTable, CountLink } from "../charts/ChartParts";
import { formatPercent } from "../charts/chart-geometry";
import { LineChart } from "../charts/LineChart";
import { PercentBars } from "../charts/PercentBars";
import { StackedBarChart } from "../charts/StackedBarChart";
import {
  burndownDescription,
  complianceDescription,
  complianceDetail,
  complianceLabel,
  complianceRows,
  dashboardHref,
  findingsHref,
  mttrDescription,
  mttrSeries,
  openByAgeBars,
  openByAgeDescription,
  severitiesPresent,
} from "../dashboard-view";
import type { DashboardFilters } from "../dashboard-view";

const severitySeries = (list: readonly Severity[]) =>
  list.map((s) => ({ key: s, label: s, color: SEVERITY_COLORS[s] }));

/** A titled dashboard panel; `aria-label` makes it a landmark tests and readers can find. */
export function Panel({
  title,
  hint,
  children,
}: {
  title: string;
  hint?: string;
  children: ReactNode;
}) {
  return (
    <Paper withBorder p="sm" component="section" aria-label={title}>
      <Stack gap={6}>
        <Title order={2} fz="md">
          {title}
        </Title>
        {hint && (
          <Text size="xs" c="dimmed">
            {hint}
          </Text>
        )}
        {children}
      </Stack>
    </Paper>
  );
}

export function OpenByAgePanel({
  data,
  filters,
}: {
  data: VulnDashboard;
  filters: DashboardFilters;
}) {
  const present = severitiesPresent(data);
  return (
    <Panel
      title="Open findings by age"
      hint="Days since first detection; a bar segment opens the open findings of that severity, oldest first."
    >
      {data.totals.open === 0 ? (
        <Text size="sm">No open findings.</Text>
      ) : (
        <StackedBarChart
          title="Open findings by severity and age"
          description={openByAgeDescription(data)}
          data={openByAgeBars(data)}
          series={severitySeries(present)}
          unit="findings"
          linkOf={(_bucket, severity) =>
            findingsHref(filters, { severity: severity as Severity, sort: "firstSeen" })
          }
        />
      )}
      <ChartDataTable
        caption="Open findings by severity and age"
        rows={data.openByAge.rows}
        rowKey={(r) => r.severity}
        columns={[
          { label: "Severity", cell: (r) => r.severity },
          ...data.openByAge.buckets.map((b, i) => ({
            label: `${b} d`,
            cell: (r: VulnDashboard["openByAge"]["rows"][number]) => r.counts[i] ?? 0,
          })),
          {
            label: "Total",
            cell: (r) => (
              <CountLink value={r.total} to={findingsHref(filters, { severity: r.severity })} />
            ),
          },
        ]}
      />
    </Panel>
  );
}

function ComplianceTable({
  caption,
  rows,
  what,
  link,
}: {
  caption: string;
  rows: readonly VulnComplianceRow[];
  what: "severity" | "team" | "kind";
  link?: (r: VulnComplianceRow) => string | undefined;
}) {
  return (
    <ChartDataTable
      caption={caption}
      rows={rows}
      rowKey={(r) => r.key ?? "(none)"}
      columns={[
        {
          label: what === "kind" ? "Asset kind" : what === "team" ? "Team" : "Severity",
          cell: (r) => complianceLabel(r.key, what),
        },
        { label: "Met", cell: (r) => r.met },
        { label: "Missed", cell: (r) => r.missed },
        {
          label: "Open past due",
          cell: (r) => <CountLink value={r.openBreached} to={link?.(r)} />,
        },
        { label: "Compliance", cell: (r) => formatPercent(r.compliancePct) },
      ]}
    />
  );
}

export function CompliancePanel({
  data,
  filters,
}: {
  data: VulnDashboard;
  filters: DashboardFilters;
}) {
  const c = data.slaCompliance;
  const bySeverityLink = (r: VulnComplianceRow) =>
    r.key ? findingsHref(filters, { severity: r.key as Severity, sla: "breached" }) : undefined;
  const teamLink = (key: string) =>
    filters.team ? undefined : dashboardHref({ ...filters, team: key || undefined });
  return (
    <Panel
      title={`SLA compliance, last ${c.windowDays} days`}
      hint={
        `Met ÷ (met + missed + open past due): ${formatPercent(c.overall.compliancePct)} overall ` +
        `(${complianceDetail(c.overall)}).`
      }
    >
      <Text size="sm" fw={600}>
        By severity
      </Text>
      {c.bySeverity.every((r) => r.compliancePct === null) ? (
        <Text size="sm" c="dimmed">
          Nothing was due or closed in the window.
        </Text>
      ) : (
        <PercentBars
          title="SLA compliance by severity"
          description={complianceDescription(c.bySeverity, "severity")}
          rows={complianceRows(c.bySeverity, "severity")}
          detailOf={(k) => complianceDetail(c.bySeverity.find((r) => (r.key ?? "") === k)!)}
          linkOf={(k) =>
            k ? findingsHref(filters, { severity: k as Severity, sla: "breached" }) : undefined
          }
        />
      )}
      <ComplianceTable
        caption="SLA compliance by severity"
        rows={c.bySeverity}
        what="severity"
        link={bySeverityLink}
      />
      <Text size="sm" fw={600} mt="xs">
        By owner team
      </Text>
      {c.byTeam.length === 0 ? (
        <Text size="sm" c="dimmed">
          Nothing was due or closed in the window.
        </Text>
      ) : (
        <>
          <PercentBars
            title="SLA compliance by owner team"
            description={complianceDescription(c.byTeam, "team")}
            rows={complianceRows(c.byTeam, "team")}
            detailOf={(k) => complianceDetail(c.byTeam.find((r) => (r.key ?? "") === k)!)}
            linkOf={(k) => (k ? teamLink(k) : undefined)}
          />
          <ComplianceTable caption="SLA compliance by owner team" rows={c.byTeam} what="team" />
        </>
      )}
      <Text size="sm" fw={600} mt="xs">
        By asset kind
      </Text>
      {c.byAssetKind.length === 0 ? (
        <Text size="sm" c="dimmed">
          Nothing was due or closed in the window.
        </Text>
      ) : (
        <>
          <PercentBars
            title="SLA compliance by asset kind"
            description={complianceDescription(c.byAssetKind, "asset kind")}
            rows={complianceRows(c.byAssetKind, "kind")}
            detailOf={(k) => complianceDetail(c.byAssetKind.find((r) => (r.key ?? "") === k)!)}
          />
          <ComplianceTable
            caption="SLA compliance by asset kind"
            rows={c.byAssetKind}
            what="kind"
          />
        </>
      )}
    </Panel>
  );
}

export function MttrPanel({ data }: { data: VulnDashboard }) {
  const m = mttrSeries(data);
  return (
    <Panel
      title="Mean time to remediate"
      hint="Mean days from first detection to fix of the findings fixed in each month (UTC)."
    >
      {m.severities.length === 0 ? (
        <Text size="sm">No finding was fixed in these months.</Text>
      ) : (
        <LineChart
          title="Mean time to remediate by severity and month"
          description={mttrDescription(m)}
          labels={m.months}
          series={severitySeries(m.severities)}
          lines={m.lines}
          unit="days"
        />
      )}
      <ChartDataTable
        caption="Mean time to remediate by month"
        rows={m.months}
        rowKey={(month) => month}
        columns={[
          { label: "Month", cell: (month) => month },
          ...SEVERITIES.filter((s) => s !== "info").map((s) => ({
            label: s,
            cell: (month: string) => {
              const line = m.lines.find((l) => l.key === s);
              const v = line?.values[m.months.indexOf(month)] ?? null;
              const n = m.resolved.get(`${month}|${s}`) ?? 0;
              return v === null ? "—" : `${v} d (${n} fixed)`;
            },
          })),
        ]}
      />
    </Panel>
  );
}

export function BurndownPanel({ data }: { data: VulnDashboard }) {
  const points = data.burndown;
  return (
    <Panel title="Burndown" hint="Open findings at the end of each day (UTC); today so far.">
      <LineChart
        title="Open findings per day"
        description={burndownDescription(data)}
        labels={points.map((p) => p.day)}
        series={[{ key: "open", label: "open", color: "indigo" }]}
        lines={[{ key: "open", values: points.map((p) => p.open) }]}
        unit="findings"
        formatLabel={(day) => day.slice(5)}
      />
      <ChartDataTable
        caption="Burndown"
        rows={[...points].reverse()}
        rowKey={(p) => p.day}
        columns={[
          { label: "Day", cell: (p) => p.day },
          { label: "Open", cell: (p) => p.open },
          { label: "Detected", cell: (p) => p.detected },
          { label: "Closed", cell: (p) => p.closed },
        ]}
      />
    </Panel>
  );
}
