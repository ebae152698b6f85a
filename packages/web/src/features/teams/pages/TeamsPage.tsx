import { useState } from "react";
import { Anchor, Button, Group, Paper, Stack, Table, Text, Title } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { Link } from "react-router";
import type { Team } from "@infrasec/contracts";
import { ConfirmModal } from "../../../app/ConfirmModal";
import { ErrorAlert } from "../../../app/ErrorAlert";
import { useSession } from "../../../app/session";
import { useApiQuery } from "../../../app/use-api";
import { listUsers } from "../../users/api";
import { createTeam, deleteTeam, listTeams, setTeamMembers, updateTeam } from "../api";
import { TeamFormModal } from "../components/TeamFormModal";
import { TeamMembersModal } from "../components/TeamMembersModal";

type Dialog = { kind: "create" } | { kind: "edit" | "members" | "delete"; team: Team } | null;

export function TeamsPage() {
  const { can } = useSession();
  const canManage = can("teams:manage");
  const teams = useApiQuery("teams", listTeams);
  const users = useApiQuery(canManage && can("users:read") ? "users" : null, listUsers);
  const [dialog, setDialog] = useState<Dialog>(null);
  const close = () => setDialog(null);
  const saved = (message: string) => {
    notifications.show({ color: "green", message });
    teams.reload();
  };

  return (
    <Stack gap="sm">
      <Group justify="space-between">
        <Title order={1}>Teams</Title>
        {canManage && <Button onClick={() => setDialog({ kind: "create" })}>New team</Button>}
      </Group>
      <ErrorAlert error={teams.error} title="Could not load teams" />
      <Paper withBorder>
        <Table striped aria-label="Teams">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Team</Table.Th>
              <Table.Th>Members</Table.Th>
              <Table.Th>Assets</Table.Th>
              {canManage && <Table.Th aria-label="Actions" />}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {(teams.data?.items ?? []).map((t) => (
              <Table.Tr key={t.id}>
                <Table.Td>
                  <Text size="sm" fw={500}>
                    {t.name}
                  </Text>
                  <Text size="xs" c="dimmed">
                    {t.description}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <Text size="sm">{t.members.map((m) => m.username).join(", ") || "—"}</Text>
                </Table.Td>
                <Table.Td>
                  <Anchor
                    component={Link}
                    to={`/assets?ownerTeam=${encodeURIComponent(t.name)}`}
                    size="sm"
                  >
                    owned assets
                  </Anchor>
                </Table.Td>
                {canManage && (
                  <Table.Td>
                    <Group gap={4} justify="flex-end" wrap="nowrap">
                      <Button
                        size="compact-sm"
                        variant="subtle"
                        onClick={() => setDialog({ kind: "edit", team: t })}
                      >
                        Rename
                      </Button>
                      <Button
                        size="compact-sm"
                        variant="subtle"
                        disabled={!users.data}
                        onClick={() => setDialog({ kind: "members", team: t })}
                      >
                        Members
                      </Button>
                      <Button
                        size="compact-sm"
                        variant="subtle"
                        color="red"
                        onClick={() => setDialog({ kind: "delete", team: t })}
                      >
                        Delete
                      </Button>
                    </Group>
                  </Table.Td>
                )}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
        {teams.data?.items.length === 0 && (
          <Text size="sm" p="md">
            No teams yet.{canManage ? " Create one with “New team”." : ""}
          </Text>
        )}
      </Paper>
      {dialog?.kind === "create" && (
        <TeamFormModal
          team={null}
          opened
          onClose={close}
          onSave={(name, description) =>
            createTeam(name, description).then(() => saved(`Team ${name} created`))
          }
        />
      )}
      {dialog?.kind === "edit" && (
        <TeamFormModal
          team={dialog.team}
          opened
          onClose={close}
          onSave={(name, description) =>
            updateTeam(dialog.team.id, { name, description }).then(() =>
              saved(`Team ${name} saved`),
            )
          }
        />
      )}
      {dialog?.kind === "members" && users.data && (
        <TeamMembersModal
          team={dialog.team}
          users={users.data.items}
          onClose={close}
          onSave={(ids) => setTeamMembers(dialog.team.id, ids).then(() => saved("Members saved"))}
        />
      )}
      <ConfirmModal
        opened={dialog?.kind === "delete"}
        title="Delete team?"
        confirmLabel="Delete team"
        onClose={close}
        onConfirm={() =>
          dialog?.kind === "delete"
            ? deleteTeam(dialog.team.id).then(() => saved(`Team ${dialog.team.name} deleted`))
            : Promise.resolve()
        }
      >
        {dialog?.kind === "delete" &&
          `Delete ${dialog.team.name}? Assets it owns keep the team name as text; members lose the membership.`}
      </ConfirmModal>
    </Stack>
  );
}
