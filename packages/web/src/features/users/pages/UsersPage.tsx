import { useState } from "react";
import { Button, Group, Paper, Select, Stack, Table, Text, TextInput, Title } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import type { User } from "@infrasec/contracts";
import type { Role } from "@infrasec/core";
import { StatusBadge } from "../../../app/badges";
import { ErrorAlert } from "../../../app/ErrorAlert";
import { errorMessage } from "../../../app/api-client";
import { formatRelative } from "../../../app/format";
import { useSession } from "../../../app/session";
import { useApiQuery } from "../../../app/use-api";
import { listUsers, updateUser } from "../api";
import { CreateUserModal } from "../components/CreateUserModal";
import { UserActions } from "../components/UserActions";
import { ROLE_LABELS, ROLE_OPTIONS } from "../roles";

function RoleCell({
  user,
  editable,
  onChanged,
}: {
  user: User;
  editable: boolean;
  onChanged: () => void;
}) {
  const [busy, setBusy] = useState(false);
  if (!editable) return <Text size="sm">{ROLE_LABELS[user.role]}</Text>;
  const change = (role: string | null) => {
    if (!role || role === user.role) return;
    setBusy(true);
    updateUser(user.id, { role: role as Role })
      .then(() => {
        notifications.show({
          color: "green",
          message: `${user.username} is now ${ROLE_LABELS[role as Role]}`,
        });
        onChanged();
      })
      .catch((e: unknown) =>
        notifications.show({ color: "red", title: "Role not changed", message: errorMessage(e) }),
      )
      .finally(() => setBusy(false));
  };
  return (
    <Select
      aria-label={`Role of ${user.username}`}
      size="xs"
      w={190}
      data={ROLE_OPTIONS}
      allowDeselect={false}
      value={user.role}
      disabled={busy}
      onChange={change}
    />
  );
}

export function UsersPage() {
  const { can, user: me } = useSession();
  const canManage = can("users:manage");
  const users = useApiQuery("users", listUsers);
  const [creating, setCreating] = useState(false);
  const [filter, setFilter] = useState("");
  const needle = filter.trim().toLowerCase();
  const items = (users.data?.items ?? []).filter(
    (u) =>
      !needle ||
      u.username.includes(needle) ||
      u.displayName.toLowerCase().includes(needle) ||
      (u.email ?? "").toLowerCase().includes(needle),
  );

  return (
    <Stack gap="sm">
      <Group justify="space-between">
        <Title order={1}>Users</Title>
        {canManage && <Button onClick={() => setCreating(true)}>New user</Button>}
      </Group>
      <TextInput
        label="Filter users"
        placeholder="Username, name or email"
        w={300}
        value={filter}
        onChange={(e) => setFilter(e.currentTarget.value)}
      />
      <ErrorAlert error={users.error} title="Could not load users" />
      <Paper withBorder>
        <Table.ScrollContainer minWidth={900}>
          <Table striped aria-label="Users">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>User</Table.Th>
                <Table.Th>Kind</Table.Th>
                <Table.Th>Role</Table.Th>
                <Table.Th>Teams</Table.Th>
                <Table.Th>Status</Table.Th>
                <Table.Th>Last sign-in</Table.Th>
                {canManage && <Table.Th aria-label="Actions" />}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.map((u) => (
                <Table.Tr key={u.id}>
                  <Table.Td>
                    <Text size="sm" fw={500}>
                      {u.username}
                    </Text>
                    <Text size="xs" c="dimmed">
                      {[u.displayName === u.username ? "" : u.displayName, u.email]
                        .filter(Boolean)
                        .join(" · ")}
                    </Text>
                  </Table.Td>
                  <Table.Td>{u.kind === "human" ? "person" : "service"}</Table.Td>
                  <Table.Td>
                    <RoleCell
                      user={u}
                      editable={canManage && u.id !== me.id}
                      onChanged={users.reload}
                    />
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">{u.teams.map((t) => t.name).join(", ") || "—"}</Text>
                  </Table.Td>
                  <Table.Td>
                    <Group gap={4}>
                      {u.disabled ? (
                        <StatusBadge status="disabled" />
                      ) : (
                        <StatusBadge status="active" />
                      )}
                      {u.locked && <StatusBadge status="locked" />}
                    </Group>
                  </Table.Td>
                  <Table.Td>
                    <Text size="xs" title={u.lastLoginAt ?? undefined}>
                      {formatRelative(u.lastLoginAt)}
                    </Text>
                  </Table.Td>
                  {canManage && (
                    <Table.Td>
                      <UserActions user={u} self={u.id === me.id} onChanged={users.reload} />
                    </Table.Td>
                  )}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
        {users.data && items.length === 0 && (
          <Text size="sm" p="md">
            No user matches.
          </Text>
        )}
      </Paper>
      <CreateUserModal
        opened={creating}
        onClose={() => setCreating(false)}
        onCreated={users.reload}
      />
    </Stack>
  );
}
