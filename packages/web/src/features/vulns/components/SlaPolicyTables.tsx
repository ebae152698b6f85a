import { List, Stack, Table, Text } from "@mantine/core";
import { SEVERITIES } from "@infrasec/core";
import type { VulnSlaPolicy } from "@infrasec/contracts";
import { SeverityBadge } from "../../../app/badges";
import { Section } from "../../monitoring/components/Section";
import { FactRow } from "./FactRow";
import {
  CLOCK_START_LABELS,
  EXCEPTION_EFFECT_LABELS,
  daysLabel,
  hoursLabel,
  overrideSummary,
} from "../sla-policy-format";

/** The policy in force, read-only: targets per severity, rules and adjustments. */
export function SlaPolicyTables({ policy }: { policy: VulnSlaPolicy }) {
  return (
    <Stack gap="md">
      <Section title="Targets by severity">
        <Table withTableBorder striped aria-label="Targets by severity" maw={560}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Severity</Table.Th>
              <Table.Th>Mitigate within</Table.Th>
              <Table.Th>Remediate within</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {SEVERITIES.map((s) => (
              <Table.Tr key={s} data-testid={`target-${s}`}>
                <Table.Td>
                  <SeverityBadge severity={s} />
                </Table.Td>
                <Table.Td>{hoursLabel(policy.targets[s].mitigateHours)}</Table.Td>
                <Table.Td>{daysLabel(policy.targets[s].remediateDays)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Section>
      <Section title="Rules">
        <FactRow label="Clock starts">
          {CLOCK_START_LABELS[policy.thirdPartyClockStart]} (third-party packages)
        </FactRow>
        <FactRow label="Due soon">
          <span data-testid="due-soon-days">{daysLabel(policy.dueSoonDays)}</span> before the
          deadline
        </FactRow>
        <FactRow label="Days counted">
          {policy.calendar === "business" ? "business days" : "calendar days"}
        </FactRow>
        <FactRow label="CISA KEV due date">
          {policy.kevCap ? "caps the deadline" : "not used"}
        </FactRow>
        <FactRow label="EPSS exploitable at">
          {policy.epssThreshold === null ? "not used" : `≥ ${policy.epssThreshold}`}
        </FactRow>
        <FactRow label="An approved exception">
          {EXCEPTION_EFFECT_LABELS[policy.exceptionEffect]}
        </FactRow>
        <FactRow label="Reopened findings">
          {policy.restartOnReactivation ? "restart the clock" : "keep their first deadline"}
        </FactRow>
      </Section>
      <Section title="Overrides by asset">
        {policy.overrides.length === 0 ? (
          <Text size="sm" c="dimmed">
            None: every asset gets the targets above (criticality and environment overrides can be
            set through PUT /api/v1/vulns/sla/policy).
          </Text>
        ) : (
          <List size="sm" spacing={2} aria-label="Overrides by asset">
            {policy.overrides.map((o, i) => (
              <List.Item key={i}>{overrideSummary(o)}</List.Item>
            ))}
          </List>
        )}
      </Section>
      {policy.exploitRules.length > 0 && (
        <Section title="Exploitation rules">
          <List size="sm" spacing={2}>
            {policy.exploitRules.map((r, i) => (
              <List.Item key={i}>
                {[
                  r.when.exploitable !== undefined &&
                    (r.when.exploitable ? "exploitable" : "not exploitable"),
                  r.when.internetFacing !== undefined &&
                    (r.when.internetFacing ? "internet-facing" : "not internet-facing"),
                ]
                  .filter(Boolean)
                  .join(" and ") || "any finding"}
                : {daysLabel(r.days)} ({r.reason})
              </List.Item>
            ))}
          </List>
        </Section>
      )}
    </Stack>
  );
}
