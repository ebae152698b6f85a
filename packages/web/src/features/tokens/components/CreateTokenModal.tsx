import { useState } from "react";
import type { FormEvent } from "react";
import { Button, Group, Modal, MultiSelect, Select, Stack, TextInput } from "@mantine/core";
import type { Permission } from "@infrasec/core";
import { ErrorAlert } from "../../../app/ErrorAlert";
import { SecretReveal } from "../../../app/SecretReveal";
import { fieldErrors } from "../../../app/api-client";
import { useSession } from "../../../app/session";
import { createToken } from "../api";

const EXPIRY_OPTIONS = [
  { value: "7", label: "7 days" },
  { value: "30", label: "30 days" },
  { value: "90", label: "90 days" },
  { value: "180", label: "180 days" },
  { value: "365", label: "1 year" },
  { value: "730", label: "2 years" },
  { value: "never", label: "No expiry" },
];

export function CreateTokenModal({
  opened,
  onClose,
  onCreated,
}: {
  opened: boolean;
  onClose: () => void;
  onCreated: () => void;
}) {
  const { permissions } = useSession();
  const [name, setName] = useState("");
  const [scopes, setScopes] = useState<string[]>([]);
  const [expiry, setExpiry] = useState("90");
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [secret, setSecret] = useState<string | null>(null);
  const server = fieldErrors(error);
  const nameError = name.length > 100 ? "At most 100 characters" : server.name;

  const close = () => {
    setName("");
    setScopes([]);
    setExpiry("90");
    setError(null);
    setSecret(null);
    onClose();
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!name.trim()) return;
    setBusy(true);
    setError(null);
    createToken({
      name: name.trim(),
      scopes: scopes.length > 0 ? (scopes as Permission[]) : undefined,
      expiresInDays: expiry === "never" ? undefined : Number(expiry),
    })
      .then((r) => {
        setSecret(r.secret);
        onCreated();
      })
      .catch((err: unknown) => setError(err))
      .finally(() => setBusy(false));
  };

  return (
    <Modal
      opened={opened}
      onClose={close}
      title="New API token"
      size="lg"
      closeOnClickOutside={!secret}
    >
      {secret ? (
        <Stack gap="sm">
          <SecretReveal
            label="Token secret"
            secret={secret}
            note="Copy it now and store it in your CI variables or password manager. infrasec keeps only a hash and cannot show it again."
          />
          <Group justify="flex-end">
            <Button onClick={close}>I have copied it</Button>
          </Group>
        </Stack>
      ) : (
        <form onSubmit={submit} aria-label="New API token">
          <Stack gap="sm">
            <ErrorAlert error={error} title="Token not created" />
            <TextInput
              label="Token name"
              description="What uses it, e.g. gitlab-ci or laptop"
              required
              value={name}
              error={nameError}
              onChange={(e) => setName(e.currentTarget.value)}
            />
            <MultiSelect
              label="Scopes"
              description="Leave empty for all permissions of your role; choose fewer for automation"
              searchable
              clearable
              data={[...permissions]}
              value={scopes}
              error={server.scopes}
              onChange={setScopes}
            />
            <Select
              label="Expires after"
              data={EXPIRY_OPTIONS}
              allowDeselect={false}
              value={expiry}
              error={server.expiresInDays}
              onChange={(v) => setExpiry(v ?? "90")}
            />
            <Group justify="flex-end">
              <Button variant="default" onClick={close}>
                Cancel
              </Button>
              <Button type="submit" loading={busy} disabled={!name.trim()}>
                Create token
              </Button>
            </Group>
          </Stack>
        </form>
      )}
    </Modal>
  );
}
