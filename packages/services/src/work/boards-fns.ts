import { AppError } from "@infrasec/core";
import type { ErrorDetail } from "@infrasec/core";
import type { BoardList, WorkItem, WorkItemKind } from "@infrasec/engines/work";
import {
  STATUS_MODELS,
  WORKFLOW_LABELS,
  isClosedStatus,
  listLoad,
  parseLabel,
} from "@infrasec/engines/work";
import type { BoardColumnRecord, BoardRecord } from "@infrasec/storage";

/**
 * Boards as pure functions: validating a configuration, the shipped default board, and which
 * column (and lane) an item belongs to. The service loads items and applies moves.
 */

/** A board configuration as the API sends it (defaults already applied by the contract). */
export interface BoardInput {
  name: string;
  mode: "scope" | "status";
  scope: string | null;
  columns: { value: string; title?: string; wipLimit: number | null }[];
  swimlanes: "none" | "assignee";
  filterLabels: string[];
  kind: WorkItemKind | null;
}

/**
 * The shipped board has a stable id, so concurrent first readers insert it at most once
 * (insert-if-absent), and links to it survive a re-seed.
 */
export const DEFAULT_BOARD_ID = "0193a0f0-0000-7000-8000-000000000b0a";

/** The default WIP limit of the shipped board's WIP column (soft, shown as n/limit). */
export const DEFAULT_WIP_LIMIT = 5;

/** The team's lifecycle board: triage → backlog → prioritised → WIP (issue lifecycle page). */
export function defaultBoard(now: string): BoardRecord {
  const col = (value: string, wipLimit: number | null = null): BoardColumnRecord => ({
    value,
    title: parseLabel(value).value ?? value,
    wipLimit,
  });
  return {
    id: DEFAULT_BOARD_ID,
    name: "Workflow",
    mode: "scope",
    scope: "InfraSec",
    columns: [
      col(WORKFLOW_LABELS.triage.name),
      col(WORKFLOW_LABELS.backlog.name),
      col(WORKFLOW_LABELS.prioritised.name),
      col(WORKFLOW_LABELS.wip.name, DEFAULT_WIP_LIMIT),
    ],
    swimlanes: "none",
    filterLabels: [],
    kind: null,
    createdAt: now,
    updatedAt: now,
  };
}

/** Every status of the kind's model, or of any model when the board shows every kind. */
function knownStatuses(kind: WorkItemKind | null): Set<string> {
  const models = kind ? [STATUS_MODELS[kind]] : Object.values(STATUS_MODELS);
  return new Set(models.flatMap((m) => m.statuses.map((s) => s.id)));
}

/**
 * Checks a board configuration and fills column titles. Scope mode needs a scope, and each
 * column must be a label of it (`InfraSec::WIP` for scope `InfraSec`); labels are not created
 * here, a board only points at them. Status mode columns must be statuses the board's kind (or
 * any kind) has. Errors name the field (`columns[2].value`).
 */
export function validateBoardInput(
  input: BoardInput,
): Omit<BoardRecord, "id" | "createdAt" | "updatedAt"> {
  const details: ErrorDetail[] = [];
  const scope = input.scope?.trim() || null;
  if (input.mode === "scope" && !scope) {
    details.push({ path: "scope", message: "a scope board needs the label scope of its columns" });
  }
  const statuses = knownStatuses(input.kind);
  const seen = new Set<string>();
  const columns: BoardColumnRecord[] = input.columns.map((c, i) => {
    const value = c.value.trim();
    const path = `columns[${i}].value`;
    if (seen.has(value)) details.push({ path, message: `${value} is already a column` });
    seen.add(value);
    if (input.mode === "scope" && scope) {
      const p = parseLabel(value);
      if (p.scope !== scope) {
        details.push({ path, message: `a column of scope ${scope} is a label ${scope}::<value>` });
      }
    }
    if (input.mode === "status" && !statuses.has(value)) {
      details.push({
        path,
        message: `${value} is not a status${input.kind ? ` of ${input.kind} items` : ""}`,
      });
    }
    const title =
      c.title?.trim() || (input.mode === "scope" ? (parseLabel(value).value ?? value) : value);
    return { value, title, wipLimit: c.wipLimit };
  });
  if (details.length > 0) {
    throw new AppError(
      "validation_failed",
      `invalid board: ${details.map((d) => `${d.path} ${d.message}`).join("; ")}`,
      details,
    );
  }
  return {
    name: input.name.trim(),
    mode: input.mode,
    // The scope only means something in scope mode; status boards store none.
    scope: input.mode === "scope" ? scope : null,
    columns,
    swimlanes: input.swimlanes,
    filterLabels: [...new Set(input.filterLabels)],
    kind: input.kind,
  };
}

/** The column an item belongs to on the board, or null when it is on none of its columns. */
export function columnOf(board: BoardRecord, item: WorkItem): string | null {
  if (board.mode === "status") {
    return board.columns.some((c) => c.value === item.status) ? item.status : null;
  }
  if (isClosedStatus(item)) return null;
  const label = item.labels.find(
    (l) => parseLabel(l).scope === board.scope && board.columns.some((c) => c.value === l),
  );
  return label ?? null;
}

/** Whether a status-mode column holds closed items (then closed items are loaded too). */
export function hasClosedColumn(board: BoardRecord): boolean {
  if (board.mode !== "status") return false;
  const closed = new Set(
    Object.values(STATUS_MODELS).flatMap((m) =>
      m.statuses.filter((s) => s.closed).map((s) => s.id),
    ),
  );
  return board.columns.some((c) => closed.has(c.value));
}

/** The engine's list kind of a column: WIP limits never apply to Open or Closed lists. */
export function listOfColumn(board: BoardRecord, value: string): BoardList {
  if (board.mode === "scope") return { kind: "label", label: value };
  const closed = Object.values(STATUS_MODELS).some((m) =>
    m.statuses.some((s) => s.id === value && s.closed),
  );
  // A status column is a list of its own; it is "closed" only when the status closes items.
  return closed ? { kind: "closed" } : { kind: "label", label: `status:${value}` };
}

/** The list an item is in before a move, for the engine's move table. */
export function listOfItem(board: BoardRecord, item: WorkItem): BoardList {
  if (isClosedStatus(item)) return { kind: "closed" };
  if (board.mode === "status") return listOfColumn(board, item.status);
  const col = columnOf(board, item);
  return col ? { kind: "label", label: col } : { kind: "open" };
}

/** One column's load against its soft WIP limit (by count, as the board stores it). */
export function columnLoad(
  board: BoardRecord,
  column: BoardColumnRecord,
  items: readonly WorkItem[],
): { count: number; overLimit: boolean } {
  const load = listLoad(
    listOfColumn(board, column.value),
    items,
    column.wipLimit === null ? null : { by: "count", max: column.wipLimit },
  );
  return { count: load.count, overLimit: load.over };
}

/** Swimlanes by assignee: usernames sorted, then "unassigned". */
export function assigneeLanes(
  people: readonly { username: string; displayName: string }[],
): { key: string; title: string }[] {
  const byName = new Map<string, string>();
  for (const p of people) byName.set(p.username, p.displayName || p.username);
  return [
    ...[...byName.entries()]
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([key, title]) => ({ key, title })),
    { key: "unassigned", title: "Unassigned" },
  ];
}
