import { Anchor, Badge, Button, Code, Stack, Table, Text } from "@mantine/core";
import { Link } from "react-router";
import type { Suppression } from "@infrasec/contracts";
import { formatDateTime, formatRelative } from "../../../app/format";
import { expiryView, isContextKey } from "../suppression-format";

export function SuppressionTable({
  items,
  now,
  canWrite,
  onDelete,
}: {
  items: Suppression[];
  now: number;
  canWrite: boolean;
  onDelete: (s: Suppression) => void;
}) {
  return (
    <Table.ScrollContainer minWidth={1100}>
      <Table striped aria-label="Alert suppressions">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Rule</Table.Th>
            <Table.Th>Conditions</Table.Th>
            <Table.Th>Reason</Table.Th>
            <Table.Th>Expiry</Table.Th>
            <Table.Th ta="right">Hits</Table.Th>
            <Table.Th>Created</Table.Th>
            {canWrite && <Table.Th />}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {items.map((s) => {
            const expiry = expiryView(s.expiresAt, now);
            return (
              <Table.Tr key={s.id}>
                <Table.Td style={{ maxWidth: 240, overflowWrap: "anywhere" }}>
                  {s.ruleId ? (
                    <Anchor
                      component={Link}
                      to={`/monitoring/rules/${encodeURIComponent(s.ruleId)}`}
                      size="sm"
                      ff="monospace"
                    >
                      {s.ruleId}
                    </Anchor>
                  ) : (
                    <Text size="sm" c="dimmed">
                      any rule
                    </Text>
                  )}
                </Table.Td>
                <Table.Td style={{ maxWidth: 320, overflowWrap: "anywhere" }}>
                  <Stack gap={2}>
                    {Object.entries(s.conditions).map(([k, v]) => (
                      <Text
                        key={k}
                        size="xs"
                        ff="monospace"
                        title={isContextKey(k) ? "event context" : "event field"}
                      >
                        <Code>{k}</Code> = {v}
                      </Text>
                    ))}
                    {Object.keys(s.conditions).length === 0 && (
                      <Text size="sm" c="dimmed">
                        every match of the rule
                      </Text>
                    )}
                  </Stack>
                </Table.Td>
                <Table.Td style={{ maxWidth: 320 }}>
                  <Text size="sm">{s.reason}</Text>
                </Table.Td>
                <Table.Td style={{ whiteSpace: "nowrap" }}>
                  <Badge color={expiry.color} title={s.expiresAt ?? undefined}>
                    {expiry.label}
                  </Badge>
                  {s.expiresAt && (
                    <Text size="xs" c="dimmed">
                      until {formatDateTime(s.expiresAt)}
                    </Text>
                  )}
                </Table.Td>
                <Table.Td ta="right">
                  <Text size="sm" c={s.hits > 0 ? undefined : "dimmed"}>
                    {s.hits}
                  </Text>
                  {s.lastHitAt && (
                    <Text size="xs" c="dimmed" title={formatDateTime(s.lastHitAt)}>
                      last {formatRelative(s.lastHitAt, now)}
                    </Text>
                  )}
                </Table.Td>
                <Table.Td style={{ whiteSpace: "nowrap" }}>
                  <Text size="sm">{s.createdBy}</Text>
                  <Text size="xs" c="dimmed">
                    {formatDateTime(s.createdAt)}
                  </Text>
                </Table.Td>
                {canWrite && (
                  <Table.Td>
                    <Button
                      size="xs"
                      variant="subtle"
                      color="red"
                      aria-label={`Delete suppression: ${s.reason}`}
                      onClick={() => onDelete(s)}
                    >
                      Delete
                    </Button>
                  </Table.Td>
                )}
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
