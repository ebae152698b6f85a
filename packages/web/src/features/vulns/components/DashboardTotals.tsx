import type { ReactNode } from "react";
import { Anchor, Group, Paper, SimpleGrid, Stack, Text } from "@mantine/core";
import { Link } from "react-router";
import { SEVERITIES } from "@infrasec/core";
import type { VulnDashboard } from "@infrasec/contracts";
import { SeverityBadge } from "../../../app/badges";
import { findingsHref } from "../dashboard-view";
import type { DashboardFilters } from "../dashboard-view";

/** One headline number; a link to the list behind it when the list can show exactly those. */
function Stat({
  label,
  value,
  to,
  color,
  testId,
  hint,
}: {
  label: string;
  value: number;
  to?: string;
  color?: string;
  testId: string;
  hint?: string;
}) {
  const number: ReactNode = (
    <Text fz={26} fw={700} c={color} lh={1.1} data-testid={testId}>
      {value}
    </Text>
  );
  return (
    <Paper withBorder p="sm" title={hint}>
      <Stack gap={2}>
        <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
          {label}
        </Text>
        {to ? (
          <Anchor component={Link} to={to} underline="hover" aria-label={`${label}: ${value}`}>
            {number}
          </Anchor>
        ) : (
          number
        )}
      </Stack>
    </Paper>
  );
}

/** The headline numbers: open findings by SLA state, flow in the window, open by severity. */
export function DashboardTotals({
  data,
  filters,
}: {
  data: VulnDashboard;
  filters: DashboardFilters;
}) {
  const t = data.totals;
  const days = data.scope.days;
  return (
    <Stack gap="xs">
      <SimpleGrid cols={{ base: 2, sm: 4, lg: 7 }} spacing="xs">
        <Stat label="Open" value={t.open} to={findingsHref(filters)} testId="total-open" />
        <Stat
          label="Past due"
          value={t.breached}
          color={t.breached > 0 ? "red" : undefined}
          to={findingsHref(filters, { sla: "breached", sort: "slaDue" })}
          testId="total-breached"
        />
        <Stat
          label="Due soon"
          value={t.dueSoon}
          color={t.dueSoon > 0 ? "orange" : undefined}
          to={findingsHref(filters, { sla: "due_soon", sort: "slaDue" })}
          testId="total-due-soon"
        />
        <Stat
          label="On track"
          value={t.onTrack}
          to={findingsHref(filters, { sla: "on_track", sort: "slaDue" })}
          testId="total-on-track"
        />
        <Stat
          label="No SLA clock"
          value={t.noSla}
          to={findingsHref(filters, { sla: "none" })}
          testId="total-no-sla"
          hint="Open findings without a due date, e.g. packages with no fixed version yet"
        />
        <Stat label={`Detected in ${days} d`} value={t.detectedInWindow} testId="total-detected" />
        <Stat
          label={`Fixed in ${days} d`}
          value={t.resolvedInWindow}
          color={t.resolvedInWindow > 0 ? "green" : undefined}
          testId="total-resolved"
        />
      </SimpleGrid>
      <Group gap="md" aria-label="Open findings by severity" role="group">
        {SEVERITIES.map((s) => {
          const n = t.openBySeverity[s];
          const to = findingsHref(filters, { severity: s });
          return (
            <Group key={s} gap={4}>
              <SeverityBadge severity={s} />
              {to && n > 0 ? (
                <Anchor
                  component={Link}
                  to={to}
                  size="sm"
                  fw={600}
                  data-testid={`open-${s}`}
                  aria-label={`${n} open ${s}`}
                >
                  {n}
                </Anchor>
              ) : (
                <Text size="sm" fw={600} data-testid={`open-${s}`}>
                  {n}
                </Text>
              )}
            </Group>
          );
        })}
      </Group>
    </Stack>
  );
}
