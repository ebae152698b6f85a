import { useState } from "react";
import type { FormEvent } from "react";
import { Button, Group, Modal, Stack, TextInput, Textarea } from "@mantine/core";
import type { Team } from "@infrasec/contracts";
import { ErrorAlert } from "../../../app/ErrorAlert";
import { fieldErrors } from "../../../app/api-client";

const NAME_RE = /^[A-Za-z0-9][A-Za-z0-9 _.-]*$/;

function nameError(name: string): string | undefined {
  const n = name.trim();
  if (!n) return undefined;
  if (n.length < 2) return "At least 2 characters";
  if (n.length > 100) return "At most 100 characters";
  if (!NAME_RE.test(n)) return "Letters, digits, space, _ . - (starting with a letter or digit)";
  return undefined;
}

/** Create (team = null) or rename/describe a team. */
export function TeamFormModal({
  team,
  opened,
  onClose,
  onSave,
}: {
  team: Team | null;
  opened: boolean;
  onClose: () => void;
  onSave: (name: string, description: string) => Promise<unknown>;
}) {
  const [name, setName] = useState(team?.name ?? "");
  const [description, setDescription] = useState(team?.description ?? "");
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const server = fieldErrors(error);
  const localName = nameError(name);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (localName || !name.trim()) return;
    setBusy(true);
    setError(null);
    onSave(name.trim(), description)
      .then(onClose)
      .catch((err: unknown) => setError(err))
      .finally(() => setBusy(false));
  };
  return (
    <Modal opened={opened} onClose={onClose} title={team ? `Edit team ${team.name}` : "New team"}>
      <form onSubmit={submit} aria-label={team ? "Edit team" : "New team"}>
        <Stack gap="sm">
          <ErrorAlert error={error} title="Team not saved" />
          <TextInput
            label="Team name"
            required
            value={name}
            error={localName ?? server.name}
            onChange={(e) => setName(e.currentTarget.value)}
          />
          <Textarea
            label="Description"
            autosize
            minRows={2}
            value={description}
            error={server.description}
            onChange={(e) => setDescription(e.currentTarget.value)}
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={busy} disabled={!name.trim() || Boolean(localName)}>
              {team ? "Save" : "Create team"}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
