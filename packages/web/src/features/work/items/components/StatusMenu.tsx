import { useState } from "react";
import { Badge, Button, Group, Menu, Modal, Stack, Text, Textarea } from "@mantine/core";
import type { WorkItemView } from "@infrasec/contracts";
import { statusColor, statusLabel } from "../../shared/work-format";
import { statusNeedsReason } from "../item-rules";

/**
 * The item's status, and (for people who may change it) a menu of the statuses the model allows
 * from here (`derived.allowedStatuses`). Moves that need a reason (cancel, abort, reject) ask
 * for it; the server checks the guards and says which one failed.
 */
export function StatusMenu({
  item,
  canChange,
  onChange,
}: {
  item: WorkItemView;
  canChange: boolean;
  onChange: (status: string, note?: string) => Promise<void>;
}) {
  const [pending, setPending] = useState<string | null>(null);
  const [note, setNote] = useState("");
  const [busy, setBusy] = useState(false);
  const badge = (
    <Badge size="lg" color={statusColor(item.kind, item.status)} data-testid="item-status">
      {statusLabel(item.kind, item.status)}
    </Badge>
  );
  const allowed = item.derived.allowedStatuses;
  if (!canChange || allowed.length === 0) return badge;

  const choose = async (to: string) => {
    if (statusNeedsReason(item.kind, item.status, to)) {
      setNote("");
      setPending(to);
      return;
    }
    setBusy(true);
    await onChange(to);
    setBusy(false);
  };

  return (
    <Group gap={6}>
      {badge}
      <Menu position="bottom-start" withinPortal>
        <Menu.Target>
          <Button size="compact-sm" variant="default" loading={busy}>
            Change status
          </Button>
        </Menu.Target>
        <Menu.Dropdown>
          <Menu.Label>Move to</Menu.Label>
          {allowed.map((s) => (
            <Menu.Item key={s} onClick={() => void choose(s)}>
              {statusLabel(item.kind, s)}
            </Menu.Item>
          ))}
        </Menu.Dropdown>
      </Menu>
      <Modal
        opened={pending !== null}
        onClose={() => setPending(null)}
        title={`Move to “${pending ? statusLabel(item.kind, pending) : ""}”`}
      >
        <Stack gap="sm">
          <Text size="sm">Say why; the reason is kept in the item's history.</Text>
          <Textarea
            label="Reason"
            withAsterisk
            autosize
            minRows={2}
            data-autofocus
            value={note}
            onChange={(e) => setNote(e.currentTarget.value)}
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setPending(null)}>
              Cancel
            </Button>
            <Button
              disabled={note.trim() === ""}
              loading={busy}
              onClick={() => {
                const to = pending;
                if (!to) return;
                setBusy(true);
                void onChange(to, note.trim()).then(() => {
                  setBusy(false);
                  setPending(null);
                });
              }}
            >
              Move
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Group>
  );
}
