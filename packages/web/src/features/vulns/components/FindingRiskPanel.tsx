import { Badge, Code, Group, Stack, Table, Text } from "@mantine/core";
import type { VulnFindingDetail } from "@infrasec/contracts";
import { PRIORITY_BAND_COLORS } from "../priority-format";
import {
  FACTOR_LABELS,
  cvssText,
  epssText,
  factorLine,
  kevText,
  priorityArithmetic,
} from "../finding-risk-format";
import { FactRow } from "./FactRow";

/** "KEV · due 2026-01-23" in red: CISA lists the vulnerability as exploited in the wild. */
export function KevDueBadge({
  f,
  now,
}: {
  f: Pick<VulnFindingDetail, "kev" | "kevEntry">;
  now: number;
}) {
  if (f.kev !== true) return null;
  const due = f.kevEntry?.dueDate;
  const overdue = f.kevEntry ? kevText(f.kevEntry, now).overdue : false;
  return (
    <Badge
      color="red"
      variant={overdue ? "filled" : "light"}
      title="Listed in CISA's Known Exploited Vulnerabilities catalog"
    >
      KEV{due ? ` · due ${due.slice(0, 10)}` : ""}
    </Badge>
  );
}

/**
 * Why the finding matters: its priority as the sum of its factors (each factor's input, points
 * and maximum, then the sum and the band), exploitation signals (EPSS, KEV) and CVSS.
 */
export function FindingRiskPanel({ f, now }: { f: VulnFindingDetail; now: number }) {
  const p = f.priority;
  const math = priorityArithmetic(p);
  return (
    <Stack gap="sm">
      <Group gap="xs">
        <Badge color={PRIORITY_BAND_COLORS[p.band]} size="lg">
          {p.band}
        </Badge>
        <Text size="sm" fw={600}>
          priority {p.score} of 100
        </Text>
      </Group>
      <Table aria-label="Priority factors" withRowBorders>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Factor</Table.Th>
            <Table.Th>From</Table.Th>
            <Table.Th>Points</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {p.factors.map((factor) => (
            <Table.Tr key={factor.factor}>
              <Table.Td>{FACTOR_LABELS[factor.factor]}</Table.Td>
              <Table.Td>
                <Text size="sm">{factor.input.replace(/_/g, " ")}</Text>
                {factor.note && (
                  <Text size="xs" c="orange">
                    {factor.note}
                  </Text>
                )}
              </Table.Td>
              <Table.Td style={{ whiteSpace: "nowrap" }}>{factorLine(factor)}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      <Stack gap={0} data-testid="priority-arithmetic">
        <Text size="sm" ff="monospace">
          {math.sum}
        </Text>
        <Text size="sm" ff="monospace">
          {math.band}
        </Text>
        <Text size="xs" c="dimmed">
          Model {p.model}: points add up; unknown inputs earn none, so a finding not enriched yet is
          at least this urgent.
        </Text>
      </Stack>
      <Stack gap={4}>
        <FactRow label="EPSS">
          {f.epss ? epssText(f.epss) : "no score (EPSS not imported, or no CVE alias)"}
        </FactRow>
        <FactRow label="CISA KEV">
          {f.kev === true ? (
            <Group gap={6}>
              <KevDueBadge f={f} now={now} />
              {f.kevEntry && <Text size="sm">{kevText(f.kevEntry, now).text}</Text>}
            </Group>
          ) : f.kev === false ? (
            "not listed"
          ) : (
            "not checked yet (KEV catalog not imported)"
          )}
        </FactRow>
        <FactRow label="CVSS">
          <Text size="sm">{cvssText(f.cvss)}</Text>
          {f.cvss.vector && <Code>{f.cvss.vector}</Code>}
        </FactRow>
      </Stack>
    </Stack>
  );
}
