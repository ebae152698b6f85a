import type { Executor } from "./executor";

/** A board column: a label (scope mode) or a status (status mode), with a soft WIP limit. */
export interface BoardColumnRecord {
  value: string;
  title: string;
  wipLimit: number | null;
}

export interface BoardRecord {
  id: string;
  name: string;
  mode: "scope" | "status";
  scope: string | null;
  columns: BoardColumnRecord[];
  swimlanes: "none" | "assignee";
  filterLabels: string[];
  kind: string | null;
  createdAt: string;
  updatedAt: string;
}

type Row = {
  id: string;
  name: string;
  mode: string;
  scope: string | null;
  columns: string;
  swimlanes: string;
  filter_labels: string;
  kind: string | null;
  created_at: string;
  updated_at: string;
};

const toRow = (b: BoardRecord): Row => ({
  id: b.id,
  name: b.name,
  mode: b.mode,
  scope: b.scope,
  columns: JSON.stringify(b.columns),
  swimlanes: b.swimlanes,
  filter_labels: JSON.stringify(b.filterLabels),
  kind: b.kind,
  created_at: b.createdAt,
  updated_at: b.updatedAt,
});

const fromRow = (r: Row): BoardRecord => ({
  id: r.id,
  name: r.name,
  mode: r.mode === "status" ? "status" : "scope",
  scope: r.scope,
  columns: JSON.parse(r.columns) as BoardColumnRecord[],
  swimlanes: r.swimlanes === "assignee" ? "assignee" : "none",
  filterLabels: JSON.parse(r.filter_labels) as string[],
  kind: r.kind,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

/** Board configurations (columns, WIP limits, swimlanes, saved filters) as rows. */
export function workBoardsRepo(db: Executor) {
  return {
    async insert(b: BoardRecord): Promise<void> {
      await db.insertInto("work_boards").values(toRow(b)).execute();
    },
    /**
     * Inserts unless a board with the id exists; true when inserted. Lets concurrent first
     * readers seed the shipped default board (stable id) without creating it twice.
     */
    async insertIfAbsent(b: BoardRecord): Promise<boolean> {
      const r = await db
        .insertInto("work_boards")
        .values(toRow(b))
        .onConflict((oc) => oc.column("id").doNothing())
        .executeTakeFirst();
      return Number(r.numInsertedOrUpdatedRows ?? 0) > 0;
    },
    async update(b: BoardRecord): Promise<void> {
      const { id: _id, created_at: _c, ...set } = toRow(b);
      await db.updateTable("work_boards").set(set).where("id", "=", b.id).execute();
    },
    async remove(id: string): Promise<void> {
      await db.deleteFrom("work_boards").where("id", "=", id).execute();
    },
    async findById(id: string): Promise<BoardRecord | undefined> {
      const r = await db
        .selectFrom("work_boards")
        .selectAll()
        .where("id", "=", id)
        .executeTakeFirst();
      return r ? fromRow(r) : undefined;
    },
    /** Every board, oldest first (the shipped default leads). */
    async list(): Promise<BoardRecord[]> {
      const rows = await db
        .selectFrom("work_boards")
        .selectAll()
        .orderBy("created_at")
        .orderBy("id")
        .execute();
      return rows.map(fromRow);
    },
    async count(): Promise<number> {
      const r = await db
        .selectFrom("work_boards")
        .select((eb) => eb.fn.countAll<number>().as("n"))
        .executeTakeFirstOrThrow();
      return Number(r.n);
    },
  };
}
export type WorkBoardsRepo = ReturnType<typeof workBoardsRepo>;
