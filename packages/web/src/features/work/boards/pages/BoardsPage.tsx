import { useState } from "react";
import {
  Alert,
  Anchor,
  Badge,
  Button,
  Group,
  LoadingOverlay,
  Paper,
  Stack,
  Table,
  Text,
  Title,
} from "@mantine/core";
import { notifications as toast } from "@mantine/notifications";
import { Link, useNavigate } from "react-router";
import { useApiQuery } from "../../../../app/use-api";
import { useSession } from "../../../../app/session";
import { ErrorAlert } from "../../../../app/ErrorAlert";
import { formatRelative } from "../../../../app/format";
import { useLabelCatalog } from "../../shared/labels-api";
import { createBoard, listBoards } from "../api";
import { BoardFormModal } from "../components/BoardFormModal";

/** The board picker: every board with what its columns are; managers create boards here. */
export function BoardsPage() {
  const { can } = useSession();
  const canManage = can("work:manage");
  const navigate = useNavigate();
  const boards = useApiQuery("boards", listBoards);
  const catalog = useLabelCatalog();
  const [creating, setCreating] = useState(false);
  const items = boards.data ?? [];
  return (
    <Stack gap="sm" maw={1100}>
      <Group justify="space-between">
        <Title order={1}>Boards</Title>
        {canManage && <Button onClick={() => setCreating(true)}>New board</Button>}
      </Group>
      <ErrorAlert error={boards.error} title="Could not load boards" />
      <Paper withBorder pos="relative" mih={100}>
        <LoadingOverlay visible={boards.loading} overlayProps={{ blur: 0, opacity: 0.4 }} />
        {boards.data && items.length === 0 ? (
          <Stack p="md">
            <Alert color="gray" title="No board yet">
              <Text size="sm">
                {canManage
                  ? "Create one with “New board”: its columns are the values of a label scope (InfraSec::triage, ::backlog, ::WIP…) or statuses."
                  : "Someone with work:manage can create a board."}
              </Text>
            </Alert>
          </Stack>
        ) : (
          <Table striped aria-label="Boards">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Board</Table.Th>
                <Table.Th>Columns</Table.Th>
                <Table.Th>Swimlanes</Table.Th>
                <Table.Th>Filter</Table.Th>
                <Table.Th>Updated</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.map((b) => (
                <Table.Tr key={b.id}>
                  <Table.Td>
                    <Anchor component={Link} to={`/work/boards/${b.id}`} fw={500} size="sm">
                      {b.name}
                    </Anchor>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">
                      {b.mode === "scope" ? `${b.scope ?? ""}:: ` : "status: "}
                      {b.columns.map((c) => c.title).join(" → ")}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">{b.swimlanes === "assignee" ? "by assignee" : "none"}</Text>
                  </Table.Td>
                  <Table.Td>
                    <Group gap={4}>
                      {b.filterLabels.map((l) => (
                        <Badge key={l} variant="outline" size="sm">
                          {l}
                        </Badge>
                      ))}
                      {b.filterLabels.length === 0 && (
                        <Text size="sm" c="dimmed">
                          —
                        </Text>
                      )}
                    </Group>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">{formatRelative(b.updatedAt)}</Text>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </Paper>
      {creating && (
        <BoardFormModal
          board={null}
          opened
          catalog={catalog}
          onClose={() => setCreating(false)}
          onSave={async (body) => {
            const board = await createBoard(body);
            toast.show({ color: "green", message: `Board ${board.name} created` });
            void navigate(`/work/boards/${board.id}`);
          }}
        />
      )}
    </Stack>
  );
}
