import type { Executor } from "./executor";

/**
 * Planning data of the team's workflow (issue 5): quarterly milestones, objectives with key
 * results and their linked epics, and the versioned status updates of items. It also holds the
 * read-only history queries the burnup needs; work items themselves belong to the items repo.
 */

export interface MilestoneRecord {
  id: string;
  title: string;
  description: string;
  startDate: string;
  dueDate: string;
  state: "active" | "closed";
  createdAt: string;
  updatedAt: string;
}

export interface ObjectiveRecord {
  id: string;
  title: string;
  description: string;
  quarter: string;
  ownerId: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface KeyResultRecord {
  id: string;
  objectiveId: string;
  title: string;
  ownerId: string | null;
  startValue: number;
  target: number;
  current: number;
  unit: string;
  createdAt: string;
  updatedAt: string;
}

export interface StatusUpdateRecord {
  id: string;
  itemId: string;
  health: string;
  body: string;
  authorId: string | null;
  createdAt: string;
}

/** One stored history entry of an item, its change list parsed. */
export interface ItemHistoryRecord {
  id: string;
  itemId: string;
  actorId: string | null;
  at: string;
  action: string;
  changes: { field: string; from: unknown; to: unknown }[];
  note: string | null;
}

const BATCH = 500;

/** Runs `fn` over slices of `ids`: SQLite limits the bound parameters of one statement. */
async function batched<T>(ids: readonly string[], fn: (slice: string[]) => Promise<T[]>) {
  const out: T[] = [];
  const unique = [...new Set(ids)];
  for (let i = 0; i < unique.length; i += BATCH)
    out.push(...(await fn(unique.slice(i, i + BATCH))));
  return out;
}

function parseChanges(text: string): ItemHistoryRecord["changes"] {
  try {
    const v: unknown = JSON.parse(text);
    return Array.isArray(v) ? (v as ItemHistoryRecord["changes"]) : [];
  } catch {
    return [];
  }
}

type MilestoneRow = {
  id: string;
  title: string;
  description: string;
  start_date: string;
  due_date: string;
  state: string;
  created_at: string;
  updated_at: string;
};

const milestoneFromRow = (r: MilestoneRow): MilestoneRecord => ({
  id: r.id,
  title: r.title,
  description: r.description,
  startDate: r.start_date,
  dueDate: r.due_date,
  state: r.state === "closed" ? "closed" : "active",
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

type ObjectiveRow = {
  id: string;
  title: string;
  description: string;
  quarter: string;
  owner_id: string | null;
  created_at: string;
  updated_at: string;
};

const objectiveFromRow = (r: ObjectiveRow): ObjectiveRecord => ({
  id: r.id,
  title: r.title,
  description: r.description,
  quarter: r.quarter,
  ownerId: r.owner_id,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

type KeyResultRow = {
  id: string;
  objective_id: string;
  title: string;
  owner_id: string | null;
  start_value: number;
  target: number;
  current: number;
  unit: string;
  created_at: string;
  updated_at: string;
};

const keyResultFromRow = (r: KeyResultRow): KeyResultRecord => ({
  id: r.id,
  objectiveId: r.objective_id,
  title: r.title,
  ownerId: r.owner_id,
  // PostgreSQL answers double precision as numbers, SQLite REAL too; Number() guards drivers
  // that hand numerics back as strings.
  startValue: Number(r.start_value),
  target: Number(r.target),
  current: Number(r.current),
  unit: r.unit,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

export function workPlanningRepo(db: Executor) {
  return {
    // Milestones -------------------------------------------------------------------------------
    async insertMilestone(m: MilestoneRecord): Promise<void> {
      await db
        .insertInto("work_milestones")
        .values({
          id: m.id,
          title: m.title,
          description: m.description,
          start_date: m.startDate,
          due_date: m.dueDate,
          state: m.state,
          created_at: m.createdAt,
          updated_at: m.updatedAt,
        })
        .execute();
    },
    async updateMilestone(m: MilestoneRecord): Promise<void> {
      await db
        .updateTable("work_milestones")
        .set({
          title: m.title,
          description: m.description,
          start_date: m.startDate,
          due_date: m.dueDate,
          state: m.state,
          updated_at: m.updatedAt,
        })
        .where("id", "=", m.id)
        .execute();
    },
    async findMilestone(id: string): Promise<MilestoneRecord | undefined> {
      const r = await db
        .selectFrom("work_milestones")
        .selectAll()
        .where("id", "=", id)
        .executeTakeFirst();
      return r ? milestoneFromRow(r) : undefined;
    },
    /** Milestones by start date (earliest first). */
    async listMilestones(state?: "active" | "closed"): Promise<MilestoneRecord[]> {
      let q = db.selectFrom("work_milestones").selectAll();
      if (state) q = q.where("state", "=", state);
      const rows = await q.orderBy("start_date").orderBy("id").execute();
      return rows.map(milestoneFromRow);
    },

    // Objectives and key results ---------------------------------------------------------------
    async insertObjective(o: ObjectiveRecord): Promise<void> {
      await db
        .insertInto("work_objectives")
        .values({
          id: o.id,
          title: o.title,
          description: o.description,
          quarter: o.quarter,
          owner_id: o.ownerId,
          created_at: o.createdAt,
          updated_at: o.updatedAt,
        })
        .execute();
    },
    async updateObjective(o: ObjectiveRecord): Promise<void> {
      await db
        .updateTable("work_objectives")
        .set({
          title: o.title,
          description: o.description,
          quarter: o.quarter,
          owner_id: o.ownerId,
          updated_at: o.updatedAt,
        })
        .where("id", "=", o.id)
        .execute();
    },
    /** Deletes the objective; key results and epic links go with it (cascade). */
    async deleteObjective(id: string): Promise<void> {
      // Explicit deletes as well as the cascade: a connection without foreign keys enforced must
      // not leave orphans behind.
      await db.deleteFrom("work_key_results").where("objective_id", "=", id).execute();
      await db.deleteFrom("work_objective_epics").where("objective_id", "=", id).execute();
      await db.deleteFrom("work_objectives").where("id", "=", id).execute();
    },
    async findObjective(id: string): Promise<ObjectiveRecord | undefined> {
      const r = await db
        .selectFrom("work_objectives")
        .selectAll()
        .where("id", "=", id)
        .executeTakeFirst();
      return r ? objectiveFromRow(r) : undefined;
    },
    /** Objectives of a quarter (all quarters when omitted), newest quarter first. */
    async listObjectives(quarter?: string): Promise<ObjectiveRecord[]> {
      let q = db.selectFrom("work_objectives").selectAll();
      if (quarter) q = q.where("quarter", "=", quarter);
      const rows = await q.orderBy("quarter", "desc").orderBy("created_at").orderBy("id").execute();
      return rows.map(objectiveFromRow);
    },
    async insertKeyResult(k: KeyResultRecord): Promise<void> {
      await db
        .insertInto("work_key_results")
        .values({
          id: k.id,
          objective_id: k.objectiveId,
          title: k.title,
          owner_id: k.ownerId,
          start_value: k.startValue,
          target: k.target,
          current: k.current,
          unit: k.unit,
          created_at: k.createdAt,
          updated_at: k.updatedAt,
        })
        .execute();
    },
    async updateKeyResult(k: KeyResultRecord): Promise<void> {
      await db
        .updateTable("work_key_results")
        .set({
          title: k.title,
          owner_id: k.ownerId,
          start_value: k.startValue,
          target: k.target,
          current: k.current,
          unit: k.unit,
          updated_at: k.updatedAt,
        })
        .where("id", "=", k.id)
        .execute();
    },
    async deleteKeyResult(id: string): Promise<void> {
      await db.deleteFrom("work_key_results").where("id", "=", id).execute();
    },
    async findKeyResult(id: string): Promise<KeyResultRecord | undefined> {
      const r = await db
        .selectFrom("work_key_results")
        .selectAll()
        .where("id", "=", id)
        .executeTakeFirst();
      return r ? keyResultFromRow(r) : undefined;
    },
    /** Key results of the objectives, in creation order. */
    async keyResultsOf(objectiveIds: readonly string[]): Promise<KeyResultRecord[]> {
      const rows = await batched(objectiveIds, (slice) =>
        db.selectFrom("work_key_results").selectAll().where("objective_id", "in", slice).execute(),
      );
      return rows
        .map(keyResultFromRow)
        .sort((a, b) =>
          a.createdAt === b.createdAt
            ? a.id.localeCompare(b.id)
            : a.createdAt < b.createdAt
              ? -1
              : 1,
        );
    },
    /** Replaces the epics linked to an objective. */
    async setObjectiveEpics(objectiveId: string, itemIds: readonly string[]): Promise<void> {
      await db.deleteFrom("work_objective_epics").where("objective_id", "=", objectiveId).execute();
      const rows = [...new Set(itemIds)].map((item_id) => ({
        objective_id: objectiveId,
        item_id,
      }));
      if (rows.length > 0) await db.insertInto("work_objective_epics").values(rows).execute();
    },
    /** Links between objectives and epics, for the given objectives. */
    async epicLinksOfObjectives(
      objectiveIds: readonly string[],
    ): Promise<{ objectiveId: string; itemId: string }[]> {
      const rows = await batched(objectiveIds, (slice) =>
        db
          .selectFrom("work_objective_epics")
          .select(["objective_id", "item_id"])
          .where("objective_id", "in", slice)
          .execute(),
      );
      return rows.map((r) => ({ objectiveId: r.objective_id, itemId: r.item_id }));
    },
    /** Links between objectives and epics, for the given epics. */
    async objectiveLinksOfItems(
      itemIds: readonly string[],
    ): Promise<{ objectiveId: string; itemId: string }[]> {
      const rows = await batched(itemIds, (slice) =>
        db
          .selectFrom("work_objective_epics")
          .select(["objective_id", "item_id"])
          .where("item_id", "in", slice)
          .orderBy("objective_id")
          .execute(),
      );
      return rows.map((r) => ({ objectiveId: r.objective_id, itemId: r.item_id }));
    },

    // Status updates ---------------------------------------------------------------------------
    async insertStatusUpdate(u: StatusUpdateRecord): Promise<void> {
      await db
        .insertInto("work_status_updates")
        .values({
          id: u.id,
          item_id: u.itemId,
          health: u.health,
          body: u.body,
          author_id: u.authorId,
          created_at: u.createdAt,
        })
        .execute();
    },
    /** Status updates of the items, newest first. */
    async statusUpdatesOf(itemIds: readonly string[]): Promise<StatusUpdateRecord[]> {
      const rows = await batched(itemIds, (slice) =>
        db.selectFrom("work_status_updates").selectAll().where("item_id", "in", slice).execute(),
      );
      return rows
        .map((r) => ({
          id: r.id,
          itemId: r.item_id,
          health: r.health,
          body: r.body,
          authorId: r.author_id,
          createdAt: r.created_at,
        }))
        .sort((a, b) =>
          a.createdAt === b.createdAt
            ? b.id.localeCompare(a.id)
            : a.createdAt < b.createdAt
              ? 1
              : -1,
        );
    },

    // Read-only queries on items and their history -------------------------------------------
    /**
     * Items that are, or ever were, in the milestone: the current `milestone_id`, plus items
     * whose history records a change from or to it. The history holds ids as JSON text, so a
     * LIKE on the (UUID, wildcard-free) id finds them without a JSON function per dialect.
     */
    async itemIdsEverInMilestone(milestoneId: string): Promise<string[]> {
      const current = await db
        .selectFrom("work_items")
        .select("id")
        .where("milestone_id", "=", milestoneId)
        .execute();
      const past = await db
        .selectFrom("work_history")
        .select(["item_id", "changes"])
        .where("changes", "like", `%${milestoneId.replace(/[\\%_]/g, "")}%`)
        .execute();
      const ids = new Set(current.map((r) => r.id));
      for (const r of past) {
        if (
          parseChanges(r.changes).some(
            (c) => c.field === "milestoneId" && (c.from === milestoneId || c.to === milestoneId),
          )
        )
          ids.add(r.item_id);
      }
      return [...ids];
    },
    /** History entries of the items, oldest first. */
    async historyOf(itemIds: readonly string[]): Promise<ItemHistoryRecord[]> {
      const rows = await batched(itemIds, (slice) =>
        db.selectFrom("work_history").selectAll().where("item_id", "in", slice).execute(),
      );
      return rows
        .map((r) => ({
          id: r.id,
          itemId: r.item_id,
          actorId: r.actor_id,
          at: r.at,
          action: r.action,
          changes: parseChanges(r.changes),
          note: r.note,
        }))
        .sort((a, b) => (a.at === b.at ? a.id.localeCompare(b.id) : a.at < b.at ? -1 : 1));
    },
  };
}
export type WorkPlanningRepo = ReturnType<typeof workPlanningRepo>;
