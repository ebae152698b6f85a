import type { Executor } from "./executor";
import type {
  WorkChangeApprovalRecord,
  WorkLinkRecord,
  WorkVerdictRecord,
} from "./work-items-records";

/** Rows per IN (…) list: below the bound-parameter limits of SQLite and PostgreSQL. */
const CHUNK = 500;
export function chunks<T>(xs: readonly T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < xs.length; i += CHUNK) out.push(xs.slice(i, i + CHUNK));
  return out;
}

/**
 * The records attached to work items besides history and comments: review verdicts, change
 * approvals and links. Part of the work-items repo (spread into it), kept apart for size.
 */
export function workItemRelations(db: Executor) {
  return {
    async addVerdict(v: WorkVerdictRecord): Promise<void> {
      await db
        .insertInto("work_item_verdicts")
        .values({
          id: v.id,
          item_id: v.itemId,
          reviewer_id: v.reviewerId,
          verdict: v.verdict,
          level: v.level,
          comment: v.comment,
          at: v.at,
        })
        .execute();
    },
    async listVerdicts(itemIds: readonly string[]): Promise<WorkVerdictRecord[]> {
      const out: WorkVerdictRecord[] = [];
      for (const c of chunks([...itemIds])) {
        const rows = await db
          .selectFrom("work_item_verdicts")
          .selectAll()
          .where("item_id", "in", c)
          .orderBy("at")
          .orderBy("id")
          .execute();
        out.push(
          ...rows.map((r) => ({
            id: r.id,
            itemId: r.item_id,
            reviewerId: r.reviewer_id,
            verdict: r.verdict === "refused" ? ("refused" as const) : ("approved" as const),
            level: r.level,
            comment: r.comment,
            at: r.at,
          })),
        );
      }
      return out;
    },

    async addChangeApproval(a: WorkChangeApprovalRecord): Promise<void> {
      await db
        .insertInto("work_change_approvals")
        .values({
          id: a.id,
          item_id: a.itemId,
          requirement: a.requirement,
          by_id: a.byId,
          capacity: a.capacity,
          at: a.at,
        })
        .execute();
    },
    async listChangeApprovals(itemIds: readonly string[]): Promise<WorkChangeApprovalRecord[]> {
      const out: WorkChangeApprovalRecord[] = [];
      for (const c of chunks([...itemIds])) {
        const rows = await db
          .selectFrom("work_change_approvals")
          .selectAll()
          .where("item_id", "in", c)
          .orderBy("at")
          .orderBy("id")
          .execute();
        out.push(
          ...rows.map((r) => ({
            id: r.id,
            itemId: r.item_id,
            requirement: r.requirement,
            byId: r.by_id,
            capacity: r.capacity,
            at: r.at,
          })),
        );
      }
      return out;
    },

    async addLink(l: WorkLinkRecord): Promise<void> {
      await db
        .insertInto("work_item_links")
        .values({
          id: l.id,
          item_id: l.itemId,
          type: l.type,
          target_kind: l.targetKind,
          target_id: l.targetId,
          created_at: l.createdAt,
        })
        .execute();
    },
    async removeLink(id: string): Promise<void> {
      await db.deleteFrom("work_item_links").where("id", "=", id).execute();
    },
    async listLinks(itemIds: readonly string[]): Promise<WorkLinkRecord[]> {
      const out: WorkLinkRecord[] = [];
      for (const c of chunks([...itemIds])) {
        const rows = await db
          .selectFrom("work_item_links")
          .selectAll()
          .where("item_id", "in", c)
          .orderBy("created_at")
          .orderBy("id")
          .execute();
        out.push(
          ...rows.map((r) => ({
            id: r.id,
            itemId: r.item_id,
            type: r.type,
            targetKind: r.target_kind,
            targetId: r.target_id,
            createdAt: r.created_at,
          })),
        );
      }
      return out;
    },
  };
}
