import { Anchor, Button, Group, Stack, Table, Text } from "@mantine/core";
import { Link } from "react-router";
import type { ReviewDecision, ReviewItem } from "@infrasec/contracts";
import { REVIEW_DECISIONS } from "@infrasec/contracts";
import { formatDateTime, formatRelative } from "../../../app/format";
import { DECISION_LABELS } from "../campaign-form";
import { DecisionBadge, FlagBadge } from "./AccessBadges";

const DECISION_COLORS = { keep: "green", revoke: "red", modify: "yellow" } as const;

/** Review items with their flags, decision and, where allowed, the decision buttons. */
export function ReviewItemsTable({
  items,
  snapshotId,
  canDecide,
  onDecide,
}: {
  items: readonly ReviewItem[];
  snapshotId: string;
  canDecide: (item: ReviewItem) => boolean;
  onDecide: (item: ReviewItem, decision: ReviewDecision) => void;
}) {
  return (
    <Table.ScrollContainer minWidth={1100}>
      <Table striped aria-label="Review items" verticalSpacing="xs">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Identity</Table.Th>
            <Table.Th>Entitlement</Table.Th>
            <Table.Th>Flags</Table.Th>
            <Table.Th>Last used</Table.Th>
            <Table.Th>Reviewer</Table.Th>
            <Table.Th>Decision</Table.Th>
            <Table.Th>Decide</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {items.map((i) => (
            <Table.Tr key={i.id} data-item={i.id}>
              <Table.Td style={{ overflowWrap: "anywhere", maxWidth: 240 }}>
                <Anchor
                  component={Link}
                  to={`/access/snapshots/${snapshotId}/principals/${encodeURIComponent(i.principalId)}`}
                  size="sm"
                  fw={500}
                  title={i.principalId}
                >
                  {i.principalName}
                </Anchor>
                <Text size="xs" c="dimmed">
                  {i.principalType}
                  {i.owner ? ` · ${i.owner}` : ""}
                </Text>
              </Table.Td>
              <Table.Td style={{ overflowWrap: "anywhere", maxWidth: 260 }}>
                <Text size="sm">{i.entitlement.name}</Text>
                <Text size="xs" c="dimmed">
                  {i.entitlement.kind.replace(/_/g, " ")}
                  {i.entitlement.scope ? ` · ${i.entitlement.scope}` : ""}
                </Text>
              </Table.Td>
              <Table.Td>
                <Group gap={4} maw={200}>
                  {i.flags.map((f) => (
                    <FlagBadge key={f} flag={f} />
                  ))}
                  {i.change === "added" && !i.flags.includes("new_since_certification") && (
                    <FlagBadge flag="new_since_certification" />
                  )}
                </Group>
              </Table.Td>
              <Table.Td>
                <Text size="sm" title={i.lastUsed ? formatDateTime(i.lastUsed) : undefined}>
                  {i.lastUsed ? formatRelative(i.lastUsed) : "unknown"}
                </Text>
              </Table.Td>
              <Table.Td>
                <Text size="sm">{i.reviewer}</Text>
              </Table.Td>
              <Table.Td style={{ maxWidth: 280 }}>
                <Stack gap={2}>
                  <Group gap={4}>
                    <DecisionBadge decision={i.decision} />
                    {i.verification && (
                      <Text size="xs" c={i.verification === "revoked" ? "green" : "red"}>
                        {i.verification === "revoked" ? "verified gone" : "still present"}
                      </Text>
                    )}
                  </Group>
                  {i.justification && (
                    <Text size="xs" style={{ overflowWrap: "anywhere" }}>
                      {i.justification}
                    </Text>
                  )}
                  {i.followUpTicket && (
                    <Text size="xs" c="dimmed" style={{ overflowWrap: "anywhere" }}>
                      Ticket: {i.followUpTicket}
                    </Text>
                  )}
                  {i.decidedBy && (
                    <Text size="xs" c="dimmed">
                      {i.decidedBy}, {formatDateTime(i.decidedAt)}
                    </Text>
                  )}
                </Stack>
              </Table.Td>
              <Table.Td>
                {canDecide(i) ? (
                  <Group gap={4} wrap="nowrap">
                    {REVIEW_DECISIONS.map((d) => (
                      <Button
                        key={d}
                        size="compact-xs"
                        variant={i.decision === d ? "filled" : "light"}
                        color={DECISION_COLORS[d]}
                        onClick={() => onDecide(i, d)}
                        aria-label={`${DECISION_LABELS[d]} ${i.principalName}: ${i.entitlement.name}`}
                      >
                        {DECISION_LABELS[d]}
                      </Button>
                    ))}
                  </Group>
                ) : (
                  <Text size="xs" c="dimmed">
                    —
                  </Text>
                )}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
