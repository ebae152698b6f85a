import { Alert, Badge, Group, List, Text } from "@mantine/core";
import type { BulkOutcome } from "../bulk-run";
import { FINDING_STATUS_LABELS } from "../vulns-format";
import { describeOutcome } from "../bulk-run";

const SHOWN = 50;

/** What the last bulk change did to each finding (changed, or already had the status). */
export function BulkOutcomeAlert({
  outcome,
  onClose,
}: {
  outcome: BulkOutcome;
  onClose: () => void;
}) {
  return (
    <Alert
      color="green"
      title={describeOutcome(outcome, FINDING_STATUS_LABELS[outcome.status])}
      withCloseButton
      onClose={onClose}
      closeButtonLabel="Dismiss the bulk change result"
      role="status"
      data-testid="bulk-outcome"
    >
      <List size="sm" spacing={2}>
        {outcome.rows.slice(0, SHOWN).map((r) => (
          <List.Item key={r.id}>
            <Group gap={6} wrap="nowrap">
              <Text size="sm" ff="monospace" style={{ overflowWrap: "anywhere" }}>
                {r.label}
              </Text>
              <Badge size="xs" variant="light" color={r.result === "changed" ? "green" : "gray"}>
                {r.result === "changed" ? "changed" : "already so"}
              </Badge>
            </Group>
          </List.Item>
        ))}
      </List>
      {outcome.rows.length > SHOWN && (
        <Text size="xs" c="dimmed" mt={4}>
          … and {outcome.rows.length - SHOWN} more
        </Text>
      )}
    </Alert>
  );
}
