import { Anchor, Badge, Group, Stack, Table, Text } from "@mantine/core";
import { Link } from "react-router";
import type { ReviewSuppression } from "@infrasec/contracts";
import { expiryView, suppressionStateBadges, suppressionWhere } from "../suppression-expiry";
import { shortSha } from "../review-format";
import { isInfrasecRuleId } from "../rule-labels";

/** Suppressions from the latest default-branch run of each project, soonest expiry first (the server's order). */
export function SuppressionTable({ items }: { items: ReviewSuppression[] }) {
  return (
    <Table.ScrollContainer minWidth={1100}>
      <Table striped aria-label="Suppressions">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Rule</Table.Th>
            <Table.Th>Where</Table.Th>
            <Table.Th>Reason</Table.Th>
            <Table.Th>Owner</Table.Th>
            <Table.Th>Expiry</Table.Th>
            <Table.Th ta="right">Matched</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {items.map((s) => {
            const expiry = expiryView(s.expiresInDays);
            return (
              <Table.Tr key={s.id}>
                <Table.Td style={{ whiteSpace: "nowrap" }}>
                  <Stack gap={2}>
                    {s.rules.map((rule) =>
                      isInfrasecRuleId(rule) ? (
                        <Anchor
                          key={rule}
                          component={Link}
                          to={`/review/rules/${encodeURIComponent(rule)}`}
                          size="sm"
                          ff="monospace"
                        >
                          {rule}
                        </Anchor>
                      ) : (
                        <Text key={rule} size="sm" ff="monospace" title="Checkov or Trivy id">
                          {rule}
                        </Text>
                      ),
                    )}
                    <Text size="xs" c="dimmed">
                      {s.source}
                    </Text>
                  </Stack>
                </Table.Td>
                <Table.Td style={{ maxWidth: 340, overflowWrap: "anywhere" }}>
                  <Text size="sm">{s.project}</Text>
                  <Text size="xs" ff="monospace">
                    {suppressionWhere(s)}
                  </Text>
                  <Anchor component={Link} to={`/review/runs/${s.runId}`} size="xs" c="dimmed">
                    {s.ref} @ {shortSha(s.commit)}
                  </Anchor>
                </Table.Td>
                <Table.Td style={{ maxWidth: 320 }}>
                  <Text size="sm">{s.reason}</Text>
                </Table.Td>
                <Table.Td>
                  {s.owner ? (
                    <Text size="sm">{s.owner}</Text>
                  ) : (
                    <Text size="sm" c="dimmed">
                      —
                    </Text>
                  )}
                </Table.Td>
                <Table.Td style={{ whiteSpace: "nowrap" }}>
                  <Group gap={4} wrap="nowrap">
                    <Badge color={expiry.color} title={s.until ?? undefined}>
                      {expiry.label}
                    </Badge>
                    {suppressionStateBadges(s).map((b) => (
                      <Badge key={b.label} color={b.color} variant="filled" title={b.title}>
                        {b.label}
                      </Badge>
                    ))}
                  </Group>
                  {s.until && (
                    <Text size="xs" c="dimmed">
                      until {s.until}
                    </Text>
                  )}
                </Table.Td>
                <Table.Td ta="right">
                  <Text size="sm" c={s.matched > 0 ? undefined : "dimmed"}>
                    {s.matched}
                  </Text>
                </Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
