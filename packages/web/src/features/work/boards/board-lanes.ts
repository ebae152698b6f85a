import type { BoardContentView, WorkItemSummary } from "@infrasec/contracts";
import type { BoardColumnContent } from "./board-optimistic-move";

/** One swimlane row of the board: a cell per column. */
export interface BoardLane {
  key: string;
  title: string;
  cells: { column: BoardColumnContent; items: WorkItemSummary[] }[];
}

export const UNASSIGNED_LANE = "unassigned";
/** The single lane of a board without swimlanes. */
export const ALL_LANE = "";

/**
 * The lane a card belongs to: the first lane (in display order) of one of its assignees, so a
 * card with several assignees appears exactly once (it is dragged as one card).
 */
export function laneOf(item: WorkItemSummary, laneKeys: readonly string[]): string {
  const mine = new Set(item.assignees.map((a) => a.username));
  for (const key of laneKeys) if (mine.has(key)) return key;
  return UNASSIGNED_LANE;
}

/**
 * The board as rows: one row per lane when the board has assignee swimlanes (lanes in the
 * server's order, an extra "Unassigned" row when a card has no lane of its own), otherwise
 * a single row holding every card.
 */
export function boardLanes(view: BoardContentView): BoardLane[] {
  if (view.board.swimlanes === "none" || view.lanes.length === 0) {
    return [
      {
        key: ALL_LANE,
        title: "",
        cells: view.columns.map((column) => ({ column, items: column.items })),
      },
    ];
  }
  const lanes = [...view.lanes];
  const keys = lanes.map((l) => l.key);
  const used = new Set(view.columns.flatMap((c) => c.items.map((i) => laneOf(i, keys))));
  if (used.has(UNASSIGNED_LANE) && !keys.includes(UNASSIGNED_LANE)) {
    lanes.push({ key: UNASSIGNED_LANE, title: "Unassigned" });
  }
  return lanes.map((lane) => ({
    key: lane.key,
    title: lane.title,
    cells: view.columns.map((column) => ({
      column,
      items: column.items.filter((i) => laneOf(i, keys) === lane.key),
    })),
  }));
}

/** "3 / 5" for a column with a WIP limit, "3" without one. */
export function columnLoad(column: BoardColumnContent): string {
  return column.wipLimit === null ? String(column.count) : `${column.count} / ${column.wipLimit}`;
}

/** Initials for an avatar: "Ada Lovelace" → "AL", "ada" → "AD". */
export function initials(displayName: string, username: string): string {
  const words = (displayName || username)
    .trim()
    .split(/[\s._-]+/)
    .filter(Boolean);
  const [first = username, second] = words;
  if (second) return `${first.slice(0, 1)}${second.slice(0, 1)}`.toUpperCase();
  return first.slice(0, 2).toUpperCase();
}
