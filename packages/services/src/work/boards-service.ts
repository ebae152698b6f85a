import { AppError, newId, notFound } from "@infrasec/core";
import type { WorkItemKind } from "@infrasec/engines/work";
import { STATUS_MODELS, boardMove, isClosedStatus } from "@infrasec/engines/work";
import type { BoardRecord, Repos } from "@infrasec/storage";
import type { Ctx, ServiceDeps } from "../shared/service-context";
import { audit, diff, requirePermission } from "../shared/service-context";
import type { BoardContentView, BoardView, BoardViewQuery } from "./boards-view-types";
import type { BoardInput } from "./boards-fns";
import {
  assigneeLanes,
  columnLoad,
  columnOf,
  defaultBoard,
  hasClosedColumn,
  listOfItem,
  validateBoardInput,
} from "./boards-fns";
import type { WorkItemView } from "./work-view-types";
import { loadWorkItemView, loadWorkItems } from "./work-item-store";
import { changeItemLabels, setItemStatus } from "./work-item-mutations";

const toView = (b: BoardRecord): BoardView => ({ ...b, kind: b.kind as WorkItemKind | null });

const TRACKED: (keyof BoardRecord)[] = [
  "name",
  "mode",
  "scope",
  "columns",
  "swimlanes",
  "filterLabels",
  "kind",
];

/** Boards: configuration CRUD, the board's columns with their items, and moves between them. */
export function createBoardsService(deps: ServiceDeps) {
  const { store, clock } = deps;

  /**
   * The shipped "Workflow" board exists whenever no board does: seeded lazily on first read,
   * with a stable id and insert-if-absent so concurrent readers create it once. Seeding is
   * the product's default configuration, not a person's change, so it is not audited.
   */
  async function ensureDefaultBoard(tx: Repos): Promise<void> {
    if ((await tx.workBoards.count()) === 0) {
      await tx.workBoards.insertIfAbsent(defaultBoard(clock.now().toISOString()));
    }
  }

  async function mustGet(tx: Repos, id: string): Promise<BoardRecord> {
    await ensureDefaultBoard(tx);
    const b = await tx.workBoards.findById(id);
    if (!b) throw notFound("board");
    return b;
  }

  return {
    async list(ctx: Ctx): Promise<BoardView[]> {
      requirePermission(ctx, "work:read");
      await ensureDefaultBoard(store);
      return (await store.workBoards.list()).map(toView);
    },

    async create(ctx: Ctx, input: BoardInput): Promise<BoardView> {
      requirePermission(ctx, "work:manage");
      const now = clock.now().toISOString();
      const rec: BoardRecord = {
        ...validateBoardInput(input),
        id: newId(clock.now().getTime()),
        createdAt: now,
        updatedAt: now,
      };
      await store.transaction(async (tx) => {
        await tx.workBoards.insert(rec);
        await audit(tx, ctx, clock, {
          action: "work.board.create",
          targetType: "work_board",
          targetId: rec.id,
          summary: `created board ${rec.name}`,
          changes: Object.fromEntries(TRACKED.map((f) => [f, [null, rec[f]]])),
        });
      });
      return toView(rec);
    },

    async update(ctx: Ctx, id: string, input: BoardInput): Promise<BoardView> {
      requirePermission(ctx, "work:manage");
      const checked = validateBoardInput(input);
      return store.transaction(async (tx) => {
        const before = await mustGet(tx, id);
        const after: BoardRecord = { ...before, ...checked, updatedAt: clock.now().toISOString() };
        const changes = diff(before, after, TRACKED);
        if (Object.keys(changes).length === 0) return toView(before);
        await tx.workBoards.update(after);
        await audit(tx, ctx, clock, {
          action: "work.board.update",
          targetType: "work_board",
          targetId: id,
          summary: `updated board ${after.name}: ${Object.keys(changes).join(", ")}`,
          changes,
        });
        return toView(after);
      });
    },

    async remove(ctx: Ctx, id: string): Promise<void> {
      requirePermission(ctx, "work:manage");
      await store.transaction(async (tx) => {
        const b = await mustGet(tx, id);
        await tx.workBoards.remove(id);
        await audit(tx, ctx, clock, {
          action: "work.board.delete",
          targetType: "work_board",
          targetId: id,
          summary: `deleted board ${b.name} (items are untouched)`,
        });
      });
    },

    /**
     * The board's columns with the visible items on them. Scope mode: open items carrying the
     * column's label; status mode: items in the column's status (closed items only when a column
     * is a closed status). The board's saved filters (labels, kind) and the query's filters
     * (assignee, labels, text) narrow the items; WIP load is counted after filtering, so the
     * numbers match the cards shown.
     */
    async view(ctx: Ctx, id: string, query: BoardViewQuery = {}): Promise<BoardContentView> {
      requirePermission(ctx, "work:read");
      const board = await mustGet(store, id);
      const labels = (query.label ?? "")
        .split(",")
        .map((l) => l.trim())
        .filter(Boolean);
      const loaded = await loadWorkItems(store, ctx, {
        kind: board.kind ?? undefined,
        labelsAll: [...board.filterLabels, ...labels],
        state: hasClosedColumn(board) ? "all" : "open",
        assignee: query.assignee,
        q: query.q,
      });
      const byColumn = new Map<string, typeof loaded>();
      for (const l of loaded) {
        const col = columnOf(board, l.domain);
        if (col === null) continue;
        byColumn.set(col, [...(byColumn.get(col) ?? []), l]);
      }
      const columns = board.columns.map((c) => {
        const items = byColumn.get(c.value) ?? [];
        const load = columnLoad(
          board,
          c,
          items.map((i) => i.domain),
        );
        return {
          value: c.value,
          title: c.title,
          wipLimit: c.wipLimit,
          count: load.count,
          overLimit: load.overLimit,
          items: items.map((i) => i.summary),
        };
      });
      const lanes =
        board.swimlanes === "assignee"
          ? assigneeLanes(columns.flatMap((c) => c.items.flatMap((i) => i.assignees)))
          : [];
      return { board: toView(board), columns, lanes };
    },

    /**
     * Moves an item to a column with GitLab's move semantics (`boardMove`): in scope mode the
     * column's label replaces the item's label of that scope (a closed item is reopened first);
     * in status mode the item moves to the column's status through the status model, guards
     * included. WIP limits are soft, as in GitLab: a move into a full column is allowed, and the
     * next board view reports the column `overLimit`.
     */
    async move(ctx: Ctx, id: string, input: { itemId: string; to: string }): Promise<WorkItemView> {
      requirePermission(ctx, "work:manage");
      return store.transaction(async (tx) => {
        const board = await mustGet(tx, id);
        if (!board.columns.some((c) => c.value === input.to)) {
          throw new AppError("validation_failed", `${input.to} is not a column of ${board.name}`, [
            { path: "to", message: `one of: ${board.columns.map((c) => c.value).join(", ")}` },
          ]);
        }
        const [loaded] = await loadWorkItems(tx, ctx, { ids: [input.itemId], state: "all" });
        if (!loaded) throw notFound("work item");
        const item = loaded.domain;
        const from = listOfItem(board, item);
        let changed = false;
        if (board.mode === "status") {
          if (item.status !== input.to) {
            await setItemStatus(tx, deps, ctx, item.id, input.to, `moved on board ${board.name}`);
            changed = true;
          }
        } else {
          const ops = boardMove(from, { kind: "label", label: input.to });
          if (ops.reopen) {
            await setItemStatus(
              tx,
              deps,
              ctx,
              item.id,
              reopenStatus(item),
              `reopened by a move on board ${board.name}`,
            );
            changed = true;
          }
          if (ops.addLabels.length > 0 || ops.removeLabels.length > 0) {
            await changeItemLabels(tx, deps, ctx, item.id, {
              add: ops.addLabels,
              remove: ops.removeLabels,
            });
            changed = true;
          }
        }
        if (changed) {
          await audit(tx, ctx, clock, {
            action: "work.board.move",
            targetType: "work_item",
            targetId: item.id,
            summary: `moved #${loaded.summary.number} to ${input.to} on board ${board.name}`,
            changes: { boardId: board.id, to: input.to },
          });
        }
        return loadWorkItemView(tx, ctx, item.id, clock.now());
      });
    },
  };
}
export type BoardsService = ReturnType<typeof createBoardsService>;

/** The open status a closed item returns to when a move reopens it. */
function reopenStatus(item: { kind: WorkItemKind; status: string }): string {
  const model = STATUS_MODELS[item.kind];
  const target = model.transitions.find(
    (t) => t.from.includes(item.status) && !isClosedStatus({ kind: item.kind, status: t.to }),
  );
  if (!target) {
    throw new AppError("conflict", `a ${item.kind} in status ${item.status} cannot be reopened`, [
      { path: "itemId", message: "the item is closed for good" },
    ]);
  }
  return target.to;
}
