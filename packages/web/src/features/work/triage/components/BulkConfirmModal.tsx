import { useState } from "react";
import { Alert, Button, Group, List, Modal, Stack, Text } from "@mantine/core";
import { ApiError, errorMessage } from "../../../../app/api-client";
import type { WorkItemSummary } from "@infrasec/contracts";
import { bulkErrorLines, describeBulk, scopedNotes } from "../bulk-selection";
import type { BulkAction } from "../bulk-selection";

/**
 * Confirms a bulk action with the count and the items, then runs it. The server applies it to
 * all items or none; its error names the item that failed, and details pointing at an entry of
 * `ids` are shown with that item's number.
 */
export function BulkConfirmModal({
  opened,
  action,
  items,
  onConfirm,
  onClose,
}: {
  opened: boolean;
  action: BulkAction;
  items: WorkItemSummary[];
  onConfirm: () => Promise<unknown>;
  onClose: () => void;
}) {
  const [busy, setBusy] = useState(false);
  const [errorLines, setErrorLines] = useState<string[] | null>(null);
  const close = () => {
    setErrorLines(null);
    onClose();
  };
  const confirm = () => {
    setBusy(true);
    setErrorLines(null);
    onConfirm()
      .then(close)
      .catch((e: unknown) => {
        const numbers = new Map(items.map((i) => [i.id, i.number]));
        setErrorLines(
          e instanceof ApiError
            ? bulkErrorLines(
                e.message,
                e.details,
                items.map((i) => i.id),
                (id) => numbers.get(id),
              )
            : [errorMessage(e)],
        );
      })
      .finally(() => setBusy(false));
  };
  const notes = action.type === "labels" ? scopedNotes(action.add) : [];
  const refs = items.map((i) => `#${i.number}`);
  return (
    <Modal opened={opened} onClose={close} title="Confirm bulk change">
      <Stack gap="sm">
        <Text size="sm">{describeBulk(action, items.length)}</Text>
        <Text size="sm" c="dimmed">
          Items: {refs.slice(0, 30).join(", ")}
          {refs.length > 30 ? ` and ${refs.length - 30} more` : ""}
        </Text>
        {notes.length > 0 && (
          <Alert color="blue" title="Scoped labels">
            <List size="sm">
              {notes.map((n) => (
                <List.Item key={n}>{n}</List.Item>
              ))}
            </List>
          </Alert>
        )}
        <Text size="xs" c="dimmed">
          All or nothing: if one item cannot be changed, none is.
        </Text>
        {errorLines && (
          <Alert color="red" title="Nothing was changed" role="alert">
            <Stack gap={2}>
              {errorLines.map((l) => (
                <Text key={l} size="sm">
                  {l}
                </Text>
              ))}
            </Stack>
          </Alert>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={close}>
            Cancel
          </Button>
          <Button
            loading={busy}
            color={action.type === "close" ? "red" : undefined}
            onClick={confirm}
          >
            {action.type === "close" ? `Close ${items.length}` : `Apply to ${items.length}`}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
