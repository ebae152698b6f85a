import { useState } from "react";
import { Button, Group, Modal, MultiSelect, Stack, Text } from "@mantine/core";
import type { Team, User } from "@infrasec/contracts";
import { ErrorAlert } from "../../../app/ErrorAlert";

export function TeamMembersModal({
  team,
  users,
  onClose,
  onSave,
}: {
  team: Team;
  users: User[];
  onClose: () => void;
  onSave: (userIds: string[]) => Promise<unknown>;
}) {
  const [selected, setSelected] = useState<string[]>(team.members.map((m) => m.id));
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const save = () => {
    setBusy(true);
    setError(null);
    onSave(selected)
      .then(onClose)
      .catch((e: unknown) => setError(e))
      .finally(() => setBusy(false));
  };
  return (
    <Modal opened onClose={onClose} title={`Members of ${team.name}`} size="lg">
      <Stack gap="sm">
        <ErrorAlert error={error} title="Members not saved" />
        <MultiSelect
          label="Members"
          searchable
          clearable
          data={users.map((u) => ({
            value: u.id,
            label:
              u.displayName && u.displayName !== u.username
                ? `${u.username} (${u.displayName})`
                : u.username,
          }))}
          value={selected}
          onChange={setSelected}
        />
        <Text size="xs" c="dimmed">
          {selected.length} member{selected.length === 1 ? "" : "s"}
        </Text>
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            Cancel
          </Button>
          <Button onClick={save} loading={busy}>
            Save members
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
