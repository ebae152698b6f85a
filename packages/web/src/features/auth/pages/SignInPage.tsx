import { useState } from "react";
import type { FormEvent } from "react";
import { Button, Center, Paper, PasswordInput, Stack, Text, TextInput, Title } from "@mantine/core";
import { ErrorAlert } from "../../../app/ErrorAlert";
import { fieldErrors } from "../../../app/api-client";
import { useSessionState } from "../../../app/session";
import { login } from "../api";

export function SignInPage() {
  const { setSession } = useSessionState();
  const [username, setUsername] = useState("");
  const [password, setPassword] = useState("");
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const fields = fieldErrors(error);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    login(username.trim(), password)
      .then((session) => setSession(session))
      .catch((err: unknown) => {
        setError(err);
        setBusy(false);
      });
  };

  return (
    <Center mih="100vh" p="md">
      <Paper withBorder shadow="sm" p="xl" w={380}>
        <form onSubmit={submit} aria-label="Sign in">
          <Stack gap="md">
            <div>
              <Title order={1}>infrasec</Title>
              <Text size="sm" c="dimmed">
                Sign in to continue
              </Text>
            </div>
            <ErrorAlert error={error} title="Sign-in failed" />
            <TextInput
              label="Username"
              name="username"
              autoComplete="username"
              autoFocus
              required
              value={username}
              error={fields.username}
              onChange={(e) => setUsername(e.currentTarget.value)}
            />
            <PasswordInput
              label="Password"
              name="password"
              autoComplete="current-password"
              required
              value={password}
              error={fields.password}
              onChange={(e) => setPassword(e.currentTarget.value)}
            />
            <Button type="submit" loading={busy} fullWidth>
              Sign in
            </Button>
            <Text size="xs" c="dimmed">
              First start: the admin password was printed by the server or set with
              INFRASEC_ADMIN_PASSWORD.
            </Text>
          </Stack>
        </form>
      </Paper>
    </Center>
  );
}
