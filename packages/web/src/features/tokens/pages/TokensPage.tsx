import { useState } from "react";
import {
  Badge,
  Button,
  Code,
  Group,
  Paper,
  Stack,
  Switch,
  Table,
  Text,
  Title,
  Tooltip,
} from "@mantine/core";
import { notifications } from "@mantine/notifications";
import type { ApiToken } from "@infrasec/contracts";
import { StatusBadge } from "../../../app/badges";
import { ConfirmModal } from "../../../app/ConfirmModal";
import { ErrorAlert } from "../../../app/ErrorAlert";
import { formatDateTime, formatRelative } from "../../../app/format";
import { useSession } from "../../../app/session";
import { useApiQuery } from "../../../app/use-api";
import { listTokens, revokeToken, tokenStatus } from "../api";
import { CreateTokenModal } from "../components/CreateTokenModal";

export function TokensPage() {
  const { can } = useSession();
  const canAll = can("tokens:manage");
  const [all, setAll] = useState(false);
  const tokens = useApiQuery(`tokens:${all}`, () => listTokens(all));
  const [creating, setCreating] = useState(false);
  const [revoking, setRevoking] = useState<ApiToken | null>(null);

  return (
    <Stack gap="sm">
      <Group justify="space-between">
        <Title order={1}>API tokens</Title>
        <Button onClick={() => setCreating(true)}>New token</Button>
      </Group>
      <Text size="sm" c="dimmed">
        Tokens authenticate the CLI (<Code>INFRASEC_TOKEN</Code>) and CI pipelines with{" "}
        <Code>Authorization: Bearer …</Code>. Secrets are shown once and stored hashed.
      </Text>
      {canAll && (
        <Switch
          label="Show every user's tokens"
          checked={all}
          onChange={(e) => setAll(e.currentTarget.checked)}
        />
      )}
      <ErrorAlert error={tokens.error} title="Could not load tokens" />
      <Paper withBorder>
        <Table.ScrollContainer minWidth={900}>
          <Table striped aria-label="API tokens">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Name</Table.Th>
                {all && <Table.Th>Owner</Table.Th>}
                <Table.Th>Prefix</Table.Th>
                <Table.Th>Scopes</Table.Th>
                <Table.Th>Expires</Table.Th>
                <Table.Th>Last used</Table.Th>
                <Table.Th>Status</Table.Th>
                <Table.Th aria-label="Actions" />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {(tokens.data?.items ?? []).map((t) => {
                const status = tokenStatus(t);
                return (
                  <Table.Tr key={t.id}>
                    <Table.Td>
                      <Text size="sm" fw={500}>
                        {t.name}
                      </Text>
                      <Text size="xs" c="dimmed">
                        created {formatDateTime(t.createdAt)}
                      </Text>
                    </Table.Td>
                    {all && <Table.Td>{t.username}</Table.Td>}
                    <Table.Td>
                      <Code>{t.prefix}…</Code>
                    </Table.Td>
                    <Table.Td>
                      {t.scopes.length === 0 ? (
                        <Text size="sm">all of role</Text>
                      ) : (
                        <Tooltip label={t.scopes.join(", ")} multiline w={300}>
                          <Badge variant="outline" color="gray">
                            {t.scopes.length} scope{t.scopes.length === 1 ? "" : "s"}
                          </Badge>
                        </Tooltip>
                      )}
                    </Table.Td>
                    <Table.Td>
                      <Text size="xs">{t.expiresAt ? formatDateTime(t.expiresAt) : "never"}</Text>
                    </Table.Td>
                    <Table.Td>
                      <Text size="xs">{formatRelative(t.lastUsedAt)}</Text>
                    </Table.Td>
                    <Table.Td>
                      <StatusBadge status={status} />
                    </Table.Td>
                    <Table.Td>
                      {status === "active" && (
                        <Button
                          size="compact-sm"
                          variant="subtle"
                          color="red"
                          onClick={() => setRevoking(t)}
                        >
                          Revoke
                        </Button>
                      )}
                    </Table.Td>
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
        {tokens.data?.items.length === 0 && (
          <Text size="sm" p="md">
            No tokens yet. Create one with “New token”, or from a terminal with{" "}
            <Code>infrasec tokens create --user NAME --name ci</Code>.
          </Text>
        )}
      </Paper>
      <CreateTokenModal
        opened={creating}
        onClose={() => setCreating(false)}
        onCreated={tokens.reload}
      />
      <ConfirmModal
        opened={revoking !== null}
        title="Revoke token?"
        confirmLabel="Revoke token"
        onClose={() => setRevoking(null)}
        onConfirm={() =>
          revoking
            ? revokeToken(revoking.id).then(() => {
                notifications.show({ color: "green", message: `Token ${revoking.name} revoked` });
                tokens.reload();
              })
            : Promise.resolve()
        }
      >
        {revoking &&
          `Revoke “${revoking.name}” (${revoking.prefix}…) of ${revoking.username}? Anything using it stops working immediately.`}
      </ConfirmModal>
    </Stack>
  );
}
