import { useState } from "react";
import type { FormEvent } from "react";
import { Button, Group, Modal, SegmentedControl, Select, Stack, TextInput } from "@mantine/core";
import { usernameSchema } from "@infrasec/contracts";
import type { Role } from "@infrasec/core";
import { ErrorAlert } from "../../../app/ErrorAlert";
import { SecretReveal } from "../../../app/SecretReveal";
import { fieldErrors } from "../../../app/api-client";
import { createUser } from "../api";
import { ROLE_OPTIONS } from "../roles";

export function CreateUserModal({
  opened,
  onClose,
  onCreated,
}: {
  opened: boolean;
  onClose: () => void;
  onCreated: () => void;
}) {
  const [username, setUsername] = useState("");
  const [displayName, setDisplayName] = useState("");
  const [email, setEmail] = useState("");
  const [role, setRole] = useState<Role>("viewer");
  const [kind, setKind] = useState<"human" | "service">("human");
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [created, setCreated] = useState<{ username: string; password: string | null } | null>(
    null,
  );
  const server = fieldErrors(error);
  const check = usernameSchema.safeParse(username);
  const usernameError =
    username && !check.success ? (check.error.issues[0]?.message ?? "Invalid") : server.username;

  const close = () => {
    setUsername("");
    setDisplayName("");
    setEmail("");
    setRole("viewer");
    setKind("human");
    setError(null);
    setCreated(null);
    onClose();
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!check.success) return;
    setBusy(true);
    setError(null);
    createUser({
      username: username.trim(),
      displayName: displayName.trim() || undefined,
      email: email.trim() || undefined,
      role,
      kind,
    })
      .then((r) => {
        setCreated({ username: r.user.username, password: r.initialPassword });
        onCreated();
      })
      .catch((err: unknown) => setError(err))
      .finally(() => setBusy(false));
  };

  return (
    <Modal opened={opened} onClose={close} title="New user" size="md">
      {created ? (
        <Stack gap="sm">
          {created.password ? (
            <SecretReveal
              label={`One-time password for ${created.username}`}
              secret={created.password}
              note="Give it to the user over a trusted channel. They must choose their own password at first sign-in."
            />
          ) : (
            <div>User {created.username} created. Service accounts sign in with API tokens.</div>
          )}
          <Group justify="flex-end">
            <Button onClick={close}>Done</Button>
          </Group>
        </Stack>
      ) : (
        <form onSubmit={submit} aria-label="New user">
          <Stack gap="sm">
            <ErrorAlert error={error} title="User not created" />
            <SegmentedControl
              aria-label="Account kind"
              value={kind}
              onChange={(v) => setKind(v)}
              data={[
                { value: "human", label: "Person" },
                { value: "service", label: "Service account" },
              ]}
            />
            <TextInput
              label="Username"
              required
              value={username}
              error={usernameError}
              onChange={(e) => setUsername(e.currentTarget.value)}
            />
            <TextInput
              label="Display name"
              value={displayName}
              error={server.displayName}
              onChange={(e) => setDisplayName(e.currentTarget.value)}
            />
            <TextInput
              label="Email"
              type="email"
              value={email}
              error={server.email}
              onChange={(e) => setEmail(e.currentTarget.value)}
            />
            <Select
              label="Role"
              data={ROLE_OPTIONS}
              allowDeselect={false}
              value={role}
              error={server.role}
              onChange={(v) => setRole(v ?? "viewer")}
            />
            <Group justify="flex-end">
              <Button variant="default" onClick={close}>
                Cancel
              </Button>
              <Button type="submit" loading={busy} disabled={!check.success}>
                Create user
              </Button>
            </Group>
          </Stack>
        </form>
      )}
    </Modal>
  );
}
