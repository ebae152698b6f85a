import { applyLabels, boardMove } from "@infrasec/engines/work";
import type { BoardContentView, BoardView, WorkItemSummary } from "@infrasec/contracts";

/**
 * Optimistic card moves. The page keeps a list of move entries next to the board it loaded:
 * a pending entry shows the card in its new column at once (with the change the move will make,
 * predicted by the engine's board semantics); a failed move drops its entry, which is the
 * rollback; a confirmed entry shows the server's answer until the next load of the board
 * replaces the data it was made on. Everything here is pure so it can be tested without a DOM.
 */

export type BoardColumnContent = BoardContentView["columns"][number];

export interface MoveEntry {
  id: number;
  itemId: string;
  /** Column the card left (for the "undo" wording and the predicted label change). */
  from: string;
  to: string;
  state: "pending" | "done";
  /** The item as the server answered the move (done entries). */
  item?: WorkItemSummary;
  /** The board data the confirmation was made on; a newer load supersedes the entry. */
  base?: BoardContentView;
}

/** The column value holding an item, or null when the item is not on the board. */
export function columnOf(view: BoardContentView, itemId: string): string | null {
  for (const c of view.columns) if (c.items.some((i) => i.id === itemId)) return c.value;
  return null;
}

/** The card as it will look after the move: the column's label (scope mode) or its status. */
export function predictMovedItem(
  board: BoardView,
  item: WorkItemSummary,
  from: string,
  to: string,
): WorkItemSummary {
  if (board.mode === "status") return { ...item, status: to };
  const ops = boardMove({ kind: "label", label: from }, { kind: "label", label: to });
  return { ...item, labels: applyLabels(item.labels, ops.addLabels, ops.removeLabels).labels };
}

function withCount(column: BoardColumnContent, items: WorkItemSummary[], delta: number) {
  const count = Math.max(0, column.count + delta);
  return {
    ...column,
    items,
    count,
    // Limits are soft: a column over its limit is shown red, the move is never refused.
    overLimit: column.wipLimit !== null && count > column.wipLimit,
  };
}

/**
 * The board with the card moved to the top of column `to` (replaced by `moved` when given),
 * counts and over-limit flags recomputed. A card already in `to` is only replaced in place;
 * an unknown card or column leaves the board as it is.
 */
export function moveCard(
  view: BoardContentView,
  itemId: string,
  to: string,
  moved?: WorkItemSummary,
): BoardContentView {
  const from = columnOf(view, itemId);
  if (from === null || !view.columns.some((c) => c.value === to)) return view;
  const source = view.columns.find((c) => c.value === from);
  const original = source?.items.find((i) => i.id === itemId);
  if (!original) return view;
  if (from === to) {
    if (!moved) return view;
    return {
      ...view,
      columns: view.columns.map((c) =>
        c.value === to ? { ...c, items: c.items.map((i) => (i.id === itemId ? moved : i)) } : c,
      ),
    };
  }
  const card = moved ?? predictMovedItem(view.board, original, from, to);
  return {
    ...view,
    columns: view.columns.map((c) => {
      if (c.value === from)
        return withCount(
          c,
          c.items.filter((i) => i.id !== itemId),
          -1,
        );
      if (c.value === to) return withCount(c, [card, ...c.items], +1);
      return c;
    }),
  };
}

/**
 * What the board shows: the loaded data with every pending move applied, and every confirmed
 * move applied as long as the data is the one it was confirmed on.
 */
export function displayedBoard(
  data: BoardContentView,
  entries: readonly MoveEntry[],
): BoardContentView {
  return entries.reduce((view, e) => {
    if (e.state === "pending") return moveCard(view, e.itemId, e.to);
    if (e.base === data && e.item) return moveCard(view, e.itemId, e.to, e.item);
    return view;
  }, data);
}

/** Entries still worth keeping: pending ones, and confirmations of the current data. */
export function liveEntries(
  entries: readonly MoveEntry[],
  data: BoardContentView | undefined,
): MoveEntry[] {
  return entries.filter((e) => e.state === "pending" || e.base === data);
}

/** The item summary of a full item view (the move route answers the full item). */
export function toSummary(item: WorkItemSummary): WorkItemSummary {
  return {
    id: item.id,
    number: item.number,
    kind: item.kind,
    title: item.title,
    status: item.status,
    labels: item.labels,
    assignees: item.assignees,
    owner: item.owner,
    dueDate: item.dueDate,
    weight: item.weight,
    health: item.health,
    confidential: item.confidential,
    milestoneId: item.milestoneId,
    parentId: item.parentId,
    createdAt: item.createdAt,
    updatedAt: item.updatedAt,
    lastActivityAt: item.lastActivityAt,
    closedAt: item.closedAt,
  };
}
