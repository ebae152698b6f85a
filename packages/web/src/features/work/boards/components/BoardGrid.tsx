import { useState } from "react";
import type { DragEvent, ReactNode } from "react";
import { Box, Group, Stack, Text } from "@mantine/core";
import type { BoardContentView, LabelView } from "@infrasec/contracts";
import { boardLanes, columnLoad } from "../board-lanes";
import { BoardCard, CARD_MIME } from "./BoardCard";

const COLUMN_WIDTH = 280;

/**
 * The board: a header row of columns with their load ("n / limit", red over the limit), then a
 * row per swimlane. Every cell is a drop zone for its column: dropping a card moves it to that
 * column (lanes show who works on what; moving between lanes changes nothing).
 */
export function BoardGrid({
  view,
  catalog,
  canMove,
  pendingIds,
  onMove,
}: {
  view: BoardContentView;
  catalog?: readonly LabelView[];
  canMove: boolean;
  pendingIds: ReadonlySet<string>;
  onMove: (itemId: string, to: string) => void;
}) {
  const [dragging, setDragging] = useState<string | null>(null);
  const [over, setOver] = useState<string | null>(null);
  const lanes = boardLanes(view);
  const today = new Date().toISOString().slice(0, 10);
  const template = `repeat(${view.columns.length}, minmax(${COLUMN_WIDTH}px, 1fr))`;

  const accepts = (e: DragEvent) => canMove && e.dataTransfer.types.includes(CARD_MIME);
  const dropHandlers = (column: string, zone: string) => ({
    onDragOver: (e: DragEvent<HTMLDivElement>) => {
      if (!accepts(e)) return;
      e.preventDefault();
      e.dataTransfer.dropEffect = "move";
      if (over !== zone) setOver(zone);
    },
    onDragLeave: (e: DragEvent<HTMLDivElement>) => {
      if (!e.currentTarget.contains(e.relatedTarget as Node | null)) setOver(null);
    },
    onDrop: (e: DragEvent<HTMLDivElement>) => {
      if (!accepts(e)) return;
      e.preventDefault();
      const itemId = e.dataTransfer.getData(CARD_MIME) || dragging;
      setOver(null);
      setDragging(null);
      if (itemId) onMove(itemId, column);
    },
  });

  return (
    <Box style={{ overflowX: "auto" }} pb="sm">
      <Box
        style={{ display: "grid", gridTemplateColumns: template, gap: 8, minWidth: "min-content" }}
      >
        {view.columns.map((c) => (
          <Group
            key={c.value}
            justify="space-between"
            px={8}
            py={6}
            style={{
              borderRadius: 4,
              background: "var(--mantine-color-default-hover)",
              borderTop: `3px solid var(--mantine-color-${c.overLimit ? "red" : "gray"}-filled)`,
            }}
          >
            <Text fw={600} size="sm" role="heading" aria-level={2}>
              {c.title}
            </Text>
            <Text
              size="sm"
              fw={c.overLimit ? 700 : 400}
              c={c.overLimit ? "red" : "dimmed"}
              aria-label={`${c.title}: ${columnLoad(c)}${c.overLimit ? ", over the WIP limit" : ""}`}
              data-testid={`column-load-${c.value}`}
              title={
                c.wipLimit === null
                  ? "Items"
                  : `Items / WIP limit${c.overLimit ? " (over the limit)" : ""}`
              }
            >
              {columnLoad(c)}
            </Text>
          </Group>
        ))}
        {lanes.map((lane) => (
          <LaneRow key={lane.key} title={lane.title} span={view.columns.length}>
            {lane.cells.map(({ column, items }) => {
              const zone = `${lane.key}|${column.value}`;
              return (
                <Stack
                  key={zone}
                  gap={6}
                  p={6}
                  mih={80}
                  role="list"
                  aria-label={lane.title ? `${column.title}, ${lane.title}` : column.title}
                  data-column={column.value}
                  {...dropHandlers(column.value, zone)}
                  style={{
                    borderRadius: 4,
                    background:
                      over === zone
                        ? "var(--mantine-primary-color-light)"
                        : "var(--mantine-color-default-hover)",
                    outline:
                      over === zone ? "2px dashed var(--mantine-primary-color-filled)" : undefined,
                  }}
                >
                  {items.map((item) => (
                    <div role="listitem" key={item.id}>
                      <BoardCard
                        item={item}
                        columns={view.columns}
                        current={column.value}
                        catalog={catalog}
                        canMove={canMove}
                        pending={pendingIds.has(item.id)}
                        today={today}
                        onMove={onMove}
                        onDragState={setDragging}
                      />
                    </div>
                  ))}
                </Stack>
              );
            })}
          </LaneRow>
        ))}
      </Box>
    </Box>
  );
}

/** A swimlane: its title across the whole board, then its cells (or just the cells). */
function LaneRow({ title, span, children }: { title: string; span: number; children: ReactNode }) {
  return (
    <>
      {title && (
        <Text
          fw={600}
          size="sm"
          pt={6}
          style={{
            gridColumn: `1 / span ${span}`,
            borderBottom: "1px solid var(--mantine-color-default-border)",
          }}
        >
          {title}
        </Text>
      )}
      {children}
    </>
  );
}
