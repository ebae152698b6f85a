import { useEffect, useRef, useState } from "react";
import { Alert, Button, Group, LoadingOverlay, Select, Stack, Text, Title } from "@mantine/core";
import { notifications as toast } from "@mantine/notifications";
import { useNavigate, useParams, useSearchParams } from "react-router";
import type { BoardContentView } from "@infrasec/contracts";
import { useApiQuery } from "../../../../app/use-api";
import { useSession } from "../../../../app/session";
import { errorMessage } from "../../../../app/api-client";
import { ErrorAlert } from "../../../../app/ErrorAlert";
import { ConfirmModal } from "../../../../app/ConfirmModal";
import { useLabelCatalog } from "../../shared/labels-api";
import { boardContent, deleteBoard, listBoards, moveItem, updateBoard } from "../api";
import { boardFiltersFromParams, hasBoardFilters, paramsFromBoardFilters } from "../board-filters";
import { columnOf, displayedBoard, liveEntries, toSummary } from "../board-optimistic-move";
import type { MoveEntry } from "../board-optimistic-move";
import { BoardGrid } from "../components/BoardGrid";
import { BoardFilterBar } from "../components/BoardFilterBar";
import { BoardFormModal } from "../components/BoardFormModal";

/**
 * One board: columns with their WIP load, cards by swimlane, filters in the URL. Moves are
 * optimistic: the card moves at once and goes back (with a message naming it) if the server
 * refuses the move.
 */
export function BoardPage() {
  const { id = "" } = useParams();
  const { can } = useSession();
  const canManage = can("work:manage");
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const filters = boardFiltersFromParams(params);
  const key = `board:${id}?${paramsFromBoardFilters(filters).toString()}`;
  const content = useApiQuery(key, () => boardContent(id, filters));
  const boards = useApiQuery("boards", listBoards);
  const catalog = useLabelCatalog();
  const [entries, setEntries] = useState<MoveEntry[]>([]);
  const [editing, setEditing] = useState(false);
  const [deleting, setDeleting] = useState(false);
  const seq = useRef(0);
  // The data a confirmation is made on (read in callbacks, after the render that showed it).
  const dataRef = useRef<BoardContentView | undefined>(undefined);
  useEffect(() => {
    dataRef.current = content.data;
  });

  const shown = content.data ? displayedBoard(content.data, entries) : undefined;
  const pendingIds = new Set(entries.filter((e) => e.state === "pending").map((e) => e.itemId));
  const board = shown?.board;

  const move = (itemId: string, to: string) => {
    if (!shown || !canManage) return;
    const from = columnOf(shown, itemId);
    if (from === null || from === to) return;
    const number = shown.columns.flatMap((c) => c.items).find((i) => i.id === itemId)?.number;
    const entryId = ++seq.current;
    setEntries((es) => [
      ...liveEntries(es, dataRef.current),
      { id: entryId, itemId, from, to, state: "pending" },
    ]);
    const toTitle = shown.columns.find((c) => c.value === to)?.title ?? to;
    moveItem(id, itemId, to).then(
      (item) => {
        setEntries((es) =>
          es.map((e) =>
            e.id === entryId
              ? { ...e, state: "done", item: toSummary(item), base: dataRef.current }
              : e,
          ),
        );
        content.reload();
      },
      (error: unknown) => {
        // Rollback: without its entry the card is shown where the server has it.
        setEntries((es) => es.filter((e) => e.id !== entryId));
        toast.show({
          color: "red",
          title: `#${number ?? "?"} not moved to ${toTitle}`,
          message: errorMessage(error),
        });
      },
    );
  };

  const setFilters = (patch: Partial<typeof filters>) =>
    setParams(paramsFromBoardFilters({ ...filters, ...patch }));

  return (
    <Stack gap="sm">
      <Group justify="space-between" align="flex-end">
        <Group gap="sm" align="flex-end">
          <Title order={1}>{board?.name ?? "Board"}</Title>
          <Select
            aria-label="Board"
            placeholder="Switch board"
            size="xs"
            w={220}
            allowDeselect={false}
            data={(boards.data ?? []).map((b) => ({ value: b.id, label: b.name }))}
            value={id}
            onChange={(v) => {
              if (v && v !== id) void navigate(`/work/boards/${v}`);
            }}
          />
        </Group>
        {canManage && board && (
          <Group gap="xs">
            <Button variant="default" size="xs" onClick={() => setEditing(true)}>
              Edit board
            </Button>
            <Button variant="default" color="red" size="xs" onClick={() => setDeleting(true)}>
              Delete
            </Button>
          </Group>
        )}
      </Group>
      {board && (
        <Text size="sm" c="dimmed">
          {board.mode === "scope"
            ? `Columns are values of ${board.scope ?? ""}:: labels; moving a card replaces the item's ${board.scope ?? ""} label.`
            : "Columns are statuses; moving a card changes the item's status."}
          {canManage
            ? " Drag a card, or use its ⋯ menu to move it with the keyboard."
            : " You can look but not move cards (moving needs work:manage)."}
        </Text>
      )}
      <BoardFilterBar
        filters={filters}
        catalog={catalog}
        onChange={setFilters}
        onClear={() => setParams({})}
      />
      <ErrorAlert error={content.error} title="Could not load the board" />
      <div style={{ position: "relative", minHeight: 160 }}>
        <LoadingOverlay visible={content.loading} overlayProps={{ blur: 0, opacity: 0.3 }} />
        {shown && (
          <>
            {shown.columns.every((c) => c.items.length === 0) && (
              <Alert
                color="gray"
                mb="sm"
                title={
                  hasBoardFilters(filters) ? "No card matches these filters" : "The board is empty"
                }
              >
                <Text size="sm">
                  {hasBoardFilters(filters)
                    ? "Clear or change the filters above."
                    : board?.mode === "scope"
                      ? `Items appear here when they carry one of the column labels (${board.columns.map((c) => c.value).join(", ")}).`
                      : "Open items with one of the column statuses appear here."}
                </Text>
              </Alert>
            )}
            <BoardGrid
              view={shown}
              catalog={catalog}
              canMove={canManage}
              pendingIds={pendingIds}
              onMove={move}
            />
          </>
        )}
      </div>
      {editing && board && (
        <BoardFormModal
          board={board}
          opened
          catalog={catalog}
          onClose={() => setEditing(false)}
          onSave={async (body) => {
            await updateBoard(board.id, body);
            toast.show({ color: "green", message: "Board saved" });
            content.reload();
            boards.reload();
          }}
        />
      )}
      {board && (
        <ConfirmModal
          opened={deleting}
          title={`Delete board ${board.name}?`}
          confirmLabel="Delete board"
          onClose={() => setDeleting(false)}
          onConfirm={async () => {
            await deleteBoard(board.id);
            toast.show({ message: `Board ${board.name} deleted` });
            void navigate("/work/boards");
          }}
        >
          The board goes away; its items and their labels stay as they are.
        </ConfirmModal>
      )}
    </Stack>
  );
}
