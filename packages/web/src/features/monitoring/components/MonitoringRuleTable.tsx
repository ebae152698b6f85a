import { Anchor, Group, Stack, Switch, Table, Text } from "@mantine/core";
import { Link } from "react-router";
import type { MonitoringRule } from "@infrasec/contracts";
import { techniqueIds } from "../attack-tags";
import { LevelBadge, OriginBadge } from "./AlertBadges";

/** The rule catalogue; the enabled switch only for people who may manage detections. */
export function MonitoringRuleTable({
  items,
  canManage,
  busyId,
  onEnabled,
}: {
  items: MonitoringRule[];
  canManage: boolean;
  busyId: string | null;
  onEnabled: (rule: MonitoringRule, enabled: boolean) => void;
}) {
  return (
    <Table.ScrollContainer minWidth={1000}>
      <Table striped aria-label="Detection rules">
        <Table.Thead>
          <Table.Tr>
            <Table.Th w={90}>Enabled</Table.Th>
            <Table.Th>Level</Table.Th>
            <Table.Th>Rule</Table.Th>
            <Table.Th>Author</Table.Th>
            <Table.Th>ATT&CK</Table.Th>
            <Table.Th>Log source</Table.Th>
            <Table.Th>Origin</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {items.map((r) => (
            <Table.Tr key={r.id}>
              <Table.Td>
                {canManage ? (
                  <Switch
                    aria-label={`Enabled: ${r.title}`}
                    checked={r.enabled}
                    disabled={busyId === r.id}
                    onChange={(e) => onEnabled(r, e.currentTarget.checked)}
                  />
                ) : (
                  <Text size="sm" c={r.enabled ? undefined : "dimmed"}>
                    {r.enabled ? "yes" : "no"}
                  </Text>
                )}
              </Table.Td>
              <Table.Td>
                <LevelBadge level={r.level} />
              </Table.Td>
              <Table.Td style={{ maxWidth: 420 }}>
                <Stack gap={0}>
                  <Anchor
                    component={Link}
                    to={`/monitoring/rules/${encodeURIComponent(r.id)}`}
                    size="sm"
                    fw={500}
                  >
                    {r.title}
                  </Anchor>
                  <Text size="xs" ff="monospace" c="dimmed">
                    {r.id}
                  </Text>
                </Stack>
              </Table.Td>
              <Table.Td style={{ maxWidth: 220 }}>
                <Text size="sm">{r.author ?? "—"}</Text>
              </Table.Td>
              <Table.Td>
                <Group gap={4}>
                  {techniqueIds(r.tags).map((t) => (
                    <Text key={t} size="xs" ff="monospace">
                      {t}
                    </Text>
                  ))}
                </Group>
              </Table.Td>
              <Table.Td style={{ whiteSpace: "nowrap" }}>
                <Text size="sm">
                  {[r.logsource.product, r.logsource.category ?? r.logsource.service]
                    .filter(Boolean)
                    .join(" / ") || "—"}
                </Text>
              </Table.Td>
              <Table.Td>
                <OriginBadge origin={r.origin} />
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
