import { api } from "@infrasec/contracts";
import type { BoardContentView, BoardView, CallInput, WorkItemView } from "@infrasec/contracts";
import { client } from "../../../app/api-client";

/** What the create and update routes accept (defaults applied by the server). */
export type BoardBody = NonNullable<CallInput<typeof api.workCatalog.createBoard>["body"]>;

/** Filters of a board view, as the URL keeps them. */
export interface BoardFilters {
  assignee?: string;
  label?: string;
  q?: string;
}

export async function listBoards(): Promise<BoardView[]> {
  return (await client.call(api.workCatalog.listBoards)).items;
}

export function createBoard(body: BoardBody): Promise<BoardView> {
  return client.call(api.workCatalog.createBoard, { body });
}

export function updateBoard(id: string, body: BoardBody): Promise<BoardView> {
  return client.call(api.workCatalog.updateBoard, { params: { id }, body });
}

export function deleteBoard(id: string): Promise<void> {
  return client.call(api.workCatalog.deleteBoard, { params: { id } });
}

export function boardContent(id: string, filters: BoardFilters): Promise<BoardContentView> {
  return client.call(api.workTriage.board, { params: { id }, query: filters });
}

/** Moves an item to a column; the server applies the label or status change the column means. */
export function moveItem(boardId: string, itemId: string, to: string): Promise<WorkItemView> {
  return client.call(api.workTriage.move, { params: { id: boardId }, body: { itemId, to } });
}
