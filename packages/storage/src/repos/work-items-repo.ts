import { sql } from "kysely";
import type { Executor } from "./executor";
import { bool, int, likeContains } from "./executor";
import { chunks, workItemRelations } from "./work-item-relations";
import type {
  WorkItemRecord,
  WorkVisibility,
  WorkItemFilterRecord,
  WorkItemSort,
  WorkHistoryRecord,
  WorkCommentRecord,
} from "./work-items-records";

export type {
  WorkItemRecord,
  WorkVisibility,
  WorkItemFilterRecord,
  WorkItemSort,
  WorkHistoryRecord,
  WorkCommentRecord,
  WorkVerdictRecord,
  WorkChangeApprovalRecord,
  WorkLinkRecord,
} from "./work-items-records";

type Row = {
  id: string;
  number: number;
  kind: string;
  template_id: string | null;
  title: string;
  status: string;
  description: string;
  fields: string;
  owner_id: string | null;
  created_by: string | null;
  start_date: string | null;
  due_date: string | null;
  weight: number | null;
  health: string | null;
  confidential: number;
  milestone_id: string | null;
  parent_id: string | null;
  search_text: string;
  created_at: string;
  updated_at: string;
  last_activity_at: string;
  closed_at: string | null;
};

const toRow = (r: WorkItemRecord, searchText: string): Row => ({
  id: r.id,
  number: r.number,
  kind: r.kind,
  template_id: r.templateId,
  title: r.title,
  status: r.status,
  description: r.description,
  fields: JSON.stringify(r.fields),
  owner_id: r.ownerId,
  created_by: r.createdBy,
  start_date: r.startDate,
  due_date: r.dueDate,
  weight: r.weight,
  health: r.health,
  confidential: int(r.confidential),
  milestone_id: r.milestoneId,
  parent_id: r.parentId,
  search_text: searchText,
  created_at: r.createdAt,
  updated_at: r.updatedAt,
  last_activity_at: r.lastActivityAt,
  closed_at: r.closedAt,
});

const sortColumns: Record<Exclude<WorkItemSort, "dueDate">, [keyof Row, "asc" | "desc"]> = {
  "-updatedAt": ["updated_at", "desc"],
  updatedAt: ["updated_at", "asc"],
  "-createdAt": ["created_at", "desc"],
  createdAt: ["created_at", "asc"],
  "-number": ["number", "desc"],
  number: ["number", "asc"],
  title: ["title", "asc"],
};

/** Lower-cased title, description and comment bodies: what `q` searches. */
export function workSearchText(title: string, description: string, comments: string[]): string {
  return [title, description, ...comments].join("\n").toLowerCase();
}

// SQLite limits bound parameters per statement; IN lists are sent in chunks of this size.

/**
 * Work items and what hangs off them (labels, people, verdicts, approvals, links, comments,
 * history). Items are written whole: `update` replaces the label, assignee and reviewer sets.
 * The search text is kept here, so every write path keeps it in step with the comments.
 */
export function workItemsRepo(db: Executor) {
  async function hydrate(rows: Row[]): Promise<WorkItemRecord[]> {
    if (rows.length === 0) return [];
    const labels = new Map<string, string[]>();
    const assignees = new Map<string, string[]>();
    const reviewers = new Map<string, string[]>();
    const push = (m: Map<string, string[]>, k: string, v: string) => {
      const l = m.get(k) ?? [];
      l.push(v);
      m.set(k, l);
    };
    for (const ids of chunks(rows.map((r) => r.id))) {
      // The tables keep no order; names sorted give every reader the same one.
      for (const l of await db
        .selectFrom("work_item_labels")
        .select(["item_id", "label"])
        .where("item_id", "in", ids)
        .orderBy("label")
        .execute())
        push(labels, l.item_id, l.label);
      for (const a of await db
        .selectFrom("work_item_assignees")
        .select(["item_id", "user_id"])
        .where("item_id", "in", ids)
        .orderBy("user_id")
        .execute())
        push(assignees, a.item_id, a.user_id);
      for (const a of await db
        .selectFrom("work_item_reviewers")
        .select(["item_id", "user_id"])
        .where("item_id", "in", ids)
        .orderBy("user_id")
        .execute())
        push(reviewers, a.item_id, a.user_id);
    }
    return rows.map((r) => ({
      id: r.id,
      number: Number(r.number),
      kind: r.kind,
      templateId: r.template_id,
      title: r.title,
      status: r.status,
      description: r.description,
      fields: JSON.parse(r.fields) as Record<string, unknown>,
      ownerId: r.owner_id,
      createdBy: r.created_by,
      startDate: r.start_date,
      dueDate: r.due_date,
      weight: r.weight === null ? null : Number(r.weight),
      health: r.health,
      confidential: bool(Number(r.confidential)),
      milestoneId: r.milestone_id,
      parentId: r.parent_id,
      createdAt: r.created_at,
      updatedAt: r.updated_at,
      lastActivityAt: r.last_activity_at,
      closedAt: r.closed_at,
      labels: labels.get(r.id) ?? [],
      assigneeIds: assignees.get(r.id) ?? [],
      reviewerIds: reviewers.get(r.id) ?? [],
    }));
  }

  async function writeSets(r: WorkItemRecord): Promise<void> {
    await db.deleteFrom("work_item_labels").where("item_id", "=", r.id).execute();
    await db.deleteFrom("work_item_assignees").where("item_id", "=", r.id).execute();
    await db.deleteFrom("work_item_reviewers").where("item_id", "=", r.id).execute();
    const labels = [...new Set(r.labels)].map((label) => ({ item_id: r.id, label }));
    if (labels.length > 0) await db.insertInto("work_item_labels").values(labels).execute();
    const assignees = [...new Set(r.assigneeIds)].map((user_id) => ({ item_id: r.id, user_id }));
    if (assignees.length > 0)
      await db.insertInto("work_item_assignees").values(assignees).execute();
    const reviewers = [...new Set(r.reviewerIds)].map((user_id) => ({ item_id: r.id, user_id }));
    if (reviewers.length > 0)
      await db.insertInto("work_item_reviewers").values(reviewers).execute();
  }

  async function commentBodies(itemId: string): Promise<string[]> {
    const rows = await db
      .selectFrom("work_comments")
      .select("body")
      .where("item_id", "=", itemId)
      .orderBy("created_at")
      .orderBy("id")
      .execute();
    return rows.map((r) => r.body);
  }

  function filtered(f: WorkItemFilterRecord, vis: WorkVisibility) {
    let q = db.selectFrom("work_items");
    if (!vis.all) {
      const uid = vis.userId;
      q = q.where((eb) => {
        const ors = [eb("confidential", "=", 0)];
        if (uid) {
          ors.push(
            eb("created_by", "=", uid),
            eb("owner_id", "=", uid),
            eb(
              "id",
              "in",
              eb.selectFrom("work_item_assignees").select("item_id").where("user_id", "=", uid),
            ),
            eb(
              "id",
              "in",
              eb.selectFrom("work_item_reviewers").select("item_id").where("user_id", "=", uid),
            ),
          );
        }
        return eb.or(ors);
      });
    }
    if (f.ids) {
      const ids = [...f.ids];
      if (ids.length === 0) q = q.where(sql<boolean>`1 = 0`);
      else q = q.where("id", "in", ids);
    }
    if (f.kind) q = q.where("kind", "=", f.kind);
    if (f.status) q = q.where("status", "=", f.status);
    if (f.state === "open") q = q.where("closed_at", "is", null);
    if (f.state === "closed") q = q.where("closed_at", "is not", null);
    if (f.ownerId) q = q.where("owner_id", "=", f.ownerId);
    if (f.milestoneId) q = q.where("milestone_id", "=", f.milestoneId);
    if (f.parentId) q = q.where("parent_id", "=", f.parentId);
    if (f.confidential !== undefined) q = q.where("confidential", "=", int(f.confidential));
    if (f.dueOnOrBefore) q = q.where("due_date", "<=", f.dueOnOrBefore);
    if (f.dueOnOrAfter) q = q.where("due_date", ">=", f.dueOnOrAfter);
    if (f.assigneeId) {
      const uid = f.assigneeId;
      q = q.where("id", "in", (eb) =>
        eb.selectFrom("work_item_assignees").select("item_id").where("user_id", "=", uid),
      );
    }
    for (const label of f.labelsAll ?? []) {
      q = q.where("id", "in", (eb) =>
        eb.selectFrom("work_item_labels").select("item_id").where("label", "=", label),
      );
    }
    if (f.linkedTo) {
      const target = f.linkedTo;
      q = q.where("id", "in", (eb) =>
        eb.selectFrom("work_item_links").select("item_id").where("target_id", "=", target),
      );
    }
    for (const term of f.terms ?? []) {
      q = q.where(sql<boolean>`search_text like ${likeContains(term)} escape '\\'`);
    }
    return q;
  }

  return {
    /** The next item number: one UPDATE … RETURNING, serialized by the row lock on PostgreSQL. */
    async nextNumber(): Promise<number> {
      const r = await db
        .updateTable("work_counters")
        .set((eb) => ({ value: eb("value", "+", 1) }))
        .where("name", "=", "item_number")
        .returning("value")
        .executeTakeFirstOrThrow();
      return Number(r.value);
    },
    async insert(r: WorkItemRecord): Promise<void> {
      await db
        .insertInto("work_items")
        .values(toRow(r, workSearchText(r.title, r.description, [])))
        .execute();
      await writeSets(r);
    },
    /** Writes the whole item (sets included) and refreshes its search text. */
    async update(r: WorkItemRecord): Promise<void> {
      const {
        id: _id,
        created_at: _c,
        ...set
      } = toRow(r, workSearchText(r.title, r.description, await commentBodies(r.id)));
      await db.updateTable("work_items").set(set).where("id", "=", r.id).execute();
      await writeSets(r);
    },
    /** Bumps the timestamps without rewriting the item (a comment is activity). */
    async touch(id: string, updatedAt: string, lastActivityAt: string): Promise<void> {
      await db
        .updateTable("work_items")
        .set({ updated_at: updatedAt, last_activity_at: lastActivityAt })
        .where("id", "=", id)
        .execute();
    },
    async findById(id: string): Promise<WorkItemRecord | undefined> {
      const rows = await db.selectFrom("work_items").selectAll().where("id", "=", id).execute();
      return (await hydrate(rows))[0];
    },
    async findByNumber(n: number): Promise<WorkItemRecord | undefined> {
      const rows = await db.selectFrom("work_items").selectAll().where("number", "=", n).execute();
      return (await hydrate(rows))[0];
    },
    async findByIds(ids: readonly string[]): Promise<WorkItemRecord[]> {
      const out: WorkItemRecord[] = [];
      for (const c of chunks([...new Set(ids)])) {
        const rows = await db.selectFrom("work_items").selectAll().where("id", "in", c).execute();
        out.push(...(await hydrate(rows)));
      }
      return out;
    },
    /** Filters, sorts and pages; `limit` null lists every match. */
    async list(
      f: WorkItemFilterRecord,
      vis: WorkVisibility,
      sort: WorkItemSort = "-updatedAt",
      limit: number | null = null,
      offset = 0,
    ): Promise<{ items: WorkItemRecord[]; total: number }> {
      const q = filtered(f, vis);
      const totalRow = await q
        .select((eb) => eb.fn.countAll<number>().as("n"))
        .executeTakeFirstOrThrow();
      let rows = q.selectAll();
      if (sort === "dueDate") {
        // Items without a due date come last on both dialects.
        rows = rows
          .orderBy(sql`case when due_date is null then 1 else 0 end`)
          .orderBy("due_date", "asc");
      } else {
        const [col, dir] = sortColumns[sort];
        rows = rows.orderBy(col, dir);
      }
      rows = rows.orderBy("number", "asc");
      if (limit !== null) rows = rows.limit(limit).offset(offset);
      else if (offset > 0) rows = rows.limit(1_000_000).offset(offset);
      return { items: await hydrate(await rows.execute()), total: Number(totalRow.n) };
    },
    /** Ids of the items carrying a label (catalogue renames and deletions walk them). */
    async idsWithLabel(label: string): Promise<string[]> {
      const rows = await db
        .selectFrom("work_item_labels")
        .select("item_id")
        .where("label", "=", label)
        .execute();
      return rows.map((r) => r.item_id);
    },
    /** How many items carry each label. */
    async labelUsage(): Promise<Map<string, number>> {
      const rows = await db
        .selectFrom("work_item_labels")
        .select(["label", (eb) => eb.fn.countAll<number>().as("n")])
        .groupBy("label")
        .execute();
      return new Map(rows.map((r) => [r.label, Number(r.n)]));
    },

    async addHistory(h: WorkHistoryRecord): Promise<void> {
      await db
        .insertInto("work_history")
        .values({
          id: h.id,
          item_id: h.itemId,
          actor_id: h.actorId,
          at: h.at,
          action: h.action,
          changes: JSON.stringify(h.changes),
          note: h.note,
        })
        .execute();
    },
    /** The history of items, oldest first. */
    async listHistory(itemIds: readonly string[]): Promise<WorkHistoryRecord[]> {
      const out: WorkHistoryRecord[] = [];
      for (const c of chunks([...itemIds])) {
        const rows = await db
          .selectFrom("work_history")
          .selectAll()
          .where("item_id", "in", c)
          .orderBy("at")
          .orderBy("id")
          .execute();
        out.push(
          ...rows.map((r) => ({
            id: r.id,
            itemId: r.item_id,
            actorId: r.actor_id,
            at: r.at,
            action: r.action,
            changes: JSON.parse(r.changes) as WorkHistoryRecord["changes"],
            note: r.note,
          })),
        );
      }
      return out.sort((a, b) => (a.at === b.at ? a.id.localeCompare(b.id) : a.at < b.at ? -1 : 1));
    },

    /** Adds a comment and refreshes the item's search text. */
    async addComment(c: WorkCommentRecord): Promise<void> {
      await db
        .insertInto("work_comments")
        .values({
          id: c.id,
          item_id: c.itemId,
          author_id: c.authorId,
          body: c.body,
          mentions: JSON.stringify(c.mentions),
          created_at: c.createdAt,
        })
        .execute();
      const item = await db
        .selectFrom("work_items")
        .select(["title", "description"])
        .where("id", "=", c.itemId)
        .executeTakeFirst();
      if (item) {
        await db
          .updateTable("work_items")
          .set({
            search_text: workSearchText(
              item.title,
              item.description,
              await commentBodies(c.itemId),
            ),
          })
          .where("id", "=", c.itemId)
          .execute();
      }
    },
    async listComments(itemId: string): Promise<WorkCommentRecord[]> {
      const rows = await db
        .selectFrom("work_comments")
        .selectAll()
        .where("item_id", "=", itemId)
        .orderBy("created_at")
        .orderBy("id")
        .execute();
      return rows.map((r) => ({
        id: r.id,
        itemId: r.item_id,
        authorId: r.author_id,
        body: r.body,
        mentions: JSON.parse(r.mentions) as string[],
        createdAt: r.created_at,
      }));
    },

    ...workItemRelations(db),
  };
}
export type WorkItemsRepo = ReturnType<typeof workItemsRepo>;
