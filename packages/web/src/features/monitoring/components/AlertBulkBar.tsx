import { useState } from "react";
import { Button, Group, Modal, Paper, Stack, Text, Textarea } from "@mantine/core";
import type { Alert, AlertStatus } from "@infrasec/contracts";
import { ErrorAlert } from "../../../app/ErrorAlert";
import { BULK_STATUSES, bulkPlan, describeBulk } from "../alert-format";

/**
 * Bulk status changes on the selected alerts. The confirmation states how many alerts change
 * and how many are left alone because their status does not allow it; the server checks each
 * alert on its own and answers which ones failed.
 */
export function AlertBulkBar({
  selected,
  onApply,
  onClear,
}: {
  selected: Alert[];
  onApply: (ids: string[], status: AlertStatus, comment: string) => Promise<unknown>;
  onClear: () => void;
}) {
  const [target, setTarget] = useState<AlertStatus | null>(null);
  const [comment, setComment] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const plan = target ? bulkPlan(selected, target) : { eligible: [], skipped: [] };
  const close = () => {
    setTarget(null);
    setError(null);
    setComment("");
  };
  const confirm = () => {
    if (!target) return;
    setBusy(true);
    setError(null);
    onApply(plan.eligible, target, comment.trim())
      .then(close)
      .catch((e: unknown) => setError(e))
      .finally(() => setBusy(false));
  };
  const action = BULK_STATUSES.find((b) => b.status === target);
  return (
    <Paper withBorder p="sm" role="region" aria-label="Bulk actions">
      <Group gap="sm">
        <Text size="sm" fw={600}>
          {selected.length} selected
        </Text>
        {BULK_STATUSES.map((b) => (
          <Button
            key={b.status}
            size="xs"
            variant="light"
            color={b.color}
            onClick={() => setTarget(b.status)}
          >
            {b.label}…
          </Button>
        ))}
        <Button size="xs" variant="default" ml="auto" onClick={onClear}>
          Clear selection
        </Button>
      </Group>
      <Modal opened={target !== null} onClose={close} title="Confirm status change">
        {target && (
          <Stack gap="sm">
            <Text size="sm">{describeBulk(target, plan.eligible.length, plan.skipped.length)}</Text>
            <Textarea
              label="Comment"
              description="Kept in each alert's history"
              autosize
              minRows={2}
              maxLength={2000}
              value={comment}
              onChange={(e) => setComment(e.currentTarget.value)}
            />
            <ErrorAlert error={error} title="Nothing was changed" />
            <Group justify="flex-end">
              <Button variant="default" onClick={close}>
                Cancel
              </Button>
              <Button
                color={action?.color}
                loading={busy}
                disabled={plan.eligible.length === 0}
                onClick={confirm}
              >
                {action?.label} {plan.eligible.length}
              </Button>
            </Group>
          </Stack>
        )}
      </Modal>
    </Paper>
  );
}
