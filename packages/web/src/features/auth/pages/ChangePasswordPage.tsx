import { useState } from "react";
import type { FormEvent } from "react";
import { Alert, Button, Center, Group, Paper, PasswordInput, Stack, Title } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { ErrorAlert } from "../../../app/ErrorAlert";
import { fieldErrors } from "../../../app/api-client";
import { useSessionState } from "../../../app/session";
import { changePassword } from "../api";

const MIN_LENGTH = 12;

/** `forced`: shown instead of the app until a one-time password is replaced. */
export function ChangePasswordPage({ forced = false }: { forced?: boolean }) {
  const { refresh, signOut } = useSessionState();
  const [current, setCurrent] = useState("");
  const [next, setNext] = useState("");
  const [confirm, setConfirm] = useState("");
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const server = fieldErrors(error);
  const nextError =
    server.newPassword ??
    (next && next.length < MIN_LENGTH ? `At least ${MIN_LENGTH} characters` : undefined);
  const confirmError = confirm && confirm !== next ? "Does not match the new password" : undefined;
  const valid = current.length > 0 && next.length >= MIN_LENGTH && confirm === next;

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!valid) return;
    setBusy(true);
    setError(null);
    changePassword(current, next)
      .then(() => {
        notifications.show({ color: "green", message: "Password changed" });
        setCurrent("");
        setNext("");
        setConfirm("");
        return refresh();
      })
      .catch((err: unknown) => setError(err))
      .finally(() => setBusy(false));
  };

  const form = (
    <form onSubmit={submit} aria-label="Change password">
      <Stack gap="md" maw={420}>
        <Title order={1}>{forced ? "Choose a new password" : "Change password"}</Title>
        {forced && (
          <Alert color="yellow">
            Your password was set by an administrator. Choose your own before continuing.
          </Alert>
        )}
        <ErrorAlert error={error} title="Password not changed" />
        <PasswordInput
          label="Current password"
          autoComplete="current-password"
          required
          value={current}
          error={server.currentPassword}
          onChange={(e) => setCurrent(e.currentTarget.value)}
        />
        <PasswordInput
          label="New password"
          description={`At least ${MIN_LENGTH} characters`}
          autoComplete="new-password"
          required
          value={next}
          error={nextError}
          onChange={(e) => setNext(e.currentTarget.value)}
        />
        <PasswordInput
          label="Confirm new password"
          autoComplete="new-password"
          required
          value={confirm}
          error={confirmError}
          onChange={(e) => setConfirm(e.currentTarget.value)}
        />
        <Group>
          <Button type="submit" loading={busy} disabled={!valid}>
            Change password
          </Button>
          {forced && (
            <Button variant="subtle" color="gray" onClick={() => void signOut()}>
              Sign out
            </Button>
          )}
        </Group>
      </Stack>
    </form>
  );
  if (!forced) return form;
  return (
    <Center mih="100vh" p="md">
      <Paper withBorder shadow="sm" p="xl">
        {form}
      </Paper>
    </Center>
  );
}
