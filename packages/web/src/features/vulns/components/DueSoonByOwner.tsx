import { Anchor, Table, Text } from "@mantine/core";
import { Link } from "react-router";
import { SEVERITIES } from "@infrasec/core";
import type { VulnDashboard } from "@infrasec/contracts";
import { CountLink } from "../charts/ChartParts";
import { dashboardHref, findingsHref } from "../dashboard-view";
import type { DashboardFilters } from "../dashboard-view";
import { Panel } from "./DashboardCharts";

/**
 * Open findings due within 7 days by the asset's owner team. A team opens the dashboard for that
 * team. The findings list cannot filter by team, so counts link to it only when one owner holds
 * everything due (then the list's "due soon" shows exactly these findings).
 */
export function DueSoonByOwner({
  data,
  filters,
}: {
  data: VulnDashboard;
  filters: DashboardFilters;
}) {
  const rows = data.dueNext7Days;
  const exact = rows.length === 1;
  const severities = SEVERITIES.filter((s) => rows.some((r) => r.bySeverity[s] > 0));
  return (
    <Panel
      title="Due in the next 7 days, by owner"
      hint="Open findings whose SLA ends within 7 days."
    >
      {rows.length === 0 ? (
        <Text size="sm">Nothing is due in the next 7 days.</Text>
      ) : (
        <Table striped aria-label="Due in the next 7 days by owner">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Owner team</Table.Th>
              {severities.map((s) => (
                <Table.Th key={s}>{s}</Table.Th>
              ))}
              <Table.Th>Total</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((r) => (
              <Table.Tr key={r.ownerTeam ?? "(none)"}>
                <Table.Td>
                  {r.ownerTeam && !filters.team ? (
                    <Anchor
                      component={Link}
                      to={dashboardHref({ ...filters, team: r.ownerTeam })}
                      size="sm"
                    >
                      {r.ownerTeam}
                    </Anchor>
                  ) : (
                    <Text size="sm">{r.ownerTeam ?? "(no owner team)"}</Text>
                  )}
                </Table.Td>
                {severities.map((s) => (
                  <Table.Td key={s}>
                    <CountLink
                      value={r.bySeverity[s]}
                      to={
                        exact
                          ? findingsHref(filters, { severity: s, sla: "due_soon", sort: "slaDue" })
                          : undefined
                      }
                    />
                  </Table.Td>
                ))}
                <Table.Td>
                  <CountLink
                    value={r.total}
                    to={
                      exact ? findingsHref(filters, { sla: "due_soon", sort: "slaDue" }) : undefined
                    }
                  />
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Panel>
  );
}
