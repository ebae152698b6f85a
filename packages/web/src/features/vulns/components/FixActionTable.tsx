import { Anchor, Badge, Group, Stack, Table, Text, UnstyledButton } from "@mantine/core";
import { Link } from "react-router";
import type { VulnFixAction } from "@infrasec/contracts";
import { SeverityBadge } from "../../../app/badges";
import { fixActionFindingsHref, severityMix } from "../fix-actions-view";
import type { FixActionSort, FixActionsView } from "../fix-actions-view";

function SortHeader({
  label,
  column,
  sort,
  onSort,
}: {
  label: string;
  column: FixActionSort;
  sort: FixActionSort;
  onSort: (s: FixActionSort) => void;
}) {
  return (
    <UnstyledButton
      onClick={() => onSort(column)}
      aria-label={`Sort by ${label.toLowerCase()}`}
      aria-pressed={sort === column}
      style={{ fontWeight: 700, fontSize: "inherit", whiteSpace: "nowrap" }}
    >
      {label}
      {sort === column ? " ↓" : ""}
    </UnstyledButton>
  );
}

/** Upgrades that fix open findings, one row each, linking to the findings they fix. */
export function FixActionTable({
  items,
  view,
  onSort,
}: {
  items: readonly VulnFixAction[];
  view: FixActionsView;
  onSort: (s: FixActionSort) => void;
}) {
  const header = (label: string, column: FixActionSort) => (
    <SortHeader label={label} column={column} sort={view.sort} onSort={onSort} />
  );
  return (
    <Table.ScrollContainer minWidth={1000}>
      <Table striped aria-label="Fix actions">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{header("Package", "package")}</Table.Th>
            <Table.Th>{header("Severity", "severity")}</Table.Th>
            <Table.Th>{header("KEV", "kev")}</Table.Th>
            <Table.Th>{header("Findings", "findings")}</Table.Th>
            <Table.Th>{header("Assets", "assets")}</Table.Th>
            <Table.Th>Vulnerabilities</Table.Th>
            <Table.Th>{header("Impact", "impact")}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {items.map((a) => (
            <Table.Tr key={`${a.package}@${a.fixedVersion}`} data-testid={`fix-${a.package}`}>
              <Table.Td style={{ maxWidth: 360 }}>
                <Text size="sm" fw={600}>
                  {a.summary}
                </Text>
                <Text size="xs" c="dimmed" ff="monospace" style={{ overflowWrap: "anywhere" }}>
                  {a.installedVersions.join(", ")} → {a.fixedVersion}
                </Text>
              </Table.Td>
              <Table.Td>
                <Stack gap={2}>
                  <SeverityBadge severity={a.maxSeverity} />
                  <Text size="xs" c="dimmed">
                    {severityMix(a.severityCounts)}
                  </Text>
                </Stack>
              </Table.Td>
              <Table.Td>
                {a.kevCount > 0 ? (
                  <Badge
                    color="red"
                    variant="filled"
                    title="Findings in CISA's Known Exploited Vulnerabilities catalog"
                  >
                    KEV {a.kevCount}
                  </Badge>
                ) : (
                  <Text size="sm" c="dimmed">
                    —
                  </Text>
                )}
              </Table.Td>
              <Table.Td>
                <Anchor
                  component={Link}
                  to={fixActionFindingsHref(a, view)}
                  size="sm"
                  fw={600}
                  aria-label={`${a.findingCount} findings fixed by upgrading ${a.package}`}
                  title="Open findings in this package (any without a known fix are listed too)"
                >
                  {a.findingCount}
                </Anchor>
              </Table.Td>
              <Table.Td>
                <Text size="sm">{a.assetCount}</Text>
              </Table.Td>
              <Table.Td style={{ maxWidth: 260 }}>
                <Group gap={4}>
                  {a.vulnIds.slice(0, 4).map((id) => (
                    <Text key={id} size="xs" ff="monospace">
                      {id}
                    </Text>
                  ))}
                  {a.vulnCount > Math.min(4, a.vulnIds.length) && (
                    <Text size="xs" c="dimmed">
                      +{a.vulnCount - Math.min(4, a.vulnIds.length)} more
                    </Text>
                  )}
                </Group>
              </Table.Td>
              <Table.Td>
                <Text
                  size="sm"
                  title={a.maxPriority === null ? undefined : `highest priority ${a.maxPriority}`}
                >
                  {Math.round(a.impact)}
                </Text>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
