import type { Executor } from "./executor";
import { containsText } from "./executor";
import { GENESIS_HASH, auditHash } from "./audit-hash";

export interface AuditEventRecord {
  seq: number;
  id: string;
  at: string;
  actorId: string | null;
  actorName: string;
  action: string;
  targetType: string;
  targetId: string | null;
  requestId: string | null;
  summary: string;
  changes: string | null;
  prevHash: string;
  hash: string;
}

export type NewAuditEvent = Omit<AuditEventRecord, "seq" | "prevHash" | "hash">;

export interface AuditQuery {
  actor?: string;
  action?: string;
  targetType?: string;
  targetId?: string;
  since?: string;
  until?: string;
  q?: string;
}

type Row = {
  seq: number;
  id: string;
  at: string;
  actor_id: string | null;
  actor_name: string;
  action: string;
  target_type: string;
  target_id: string | null;
  request_id: string | null;
  summary: string;
  changes: string | null;
  prev_hash: string;
  hash: string;
};

const fromRow = (r: Row): AuditEventRecord => ({
  seq: Number(r.seq),
  id: r.id,
  at: r.at,
  actorId: r.actor_id,
  actorName: r.actor_name,
  action: r.action,
  targetType: r.target_type,
  targetId: r.target_id,
  requestId: r.request_id,
  summary: r.summary,
  changes: r.changes,
  prevHash: r.prev_hash,
  hash: r.hash,
});

export interface ChainBreak {
  seq: number;
  id: string;
  reason: string;
}

/** The append-only, hash-chained audit log. Call `append` inside the mutation's transaction. */
export function auditRepo(db: Executor, dialect: "sqlite" | "postgres") {
  return {
    async append(e: NewAuditEvent): Promise<AuditEventRecord> {
      // The head row is locked for the rest of the transaction, so concurrent appends from
      // several server processes on PostgreSQL queue up instead of forking the chain. SQLite
      // serializes writers already.
      const headQuery = db.selectFrom("audit_head").select(["seq", "hash"]).where("id", "=", 1);
      const head = await (
        dialect === "postgres" ? headQuery.forUpdate() : headQuery
      ).executeTakeFirstOrThrow();
      const seq = Number(head.seq) + 1;
      const prevHash = head.hash;
      const hash = auditHash({ ...e, seq, prevHash });
      await db
        .insertInto("audit_events")
        .values({
          seq,
          id: e.id,
          at: e.at,
          actor_id: e.actorId,
          actor_name: e.actorName,
          action: e.action,
          target_type: e.targetType,
          target_id: e.targetId,
          request_id: e.requestId,
          summary: e.summary,
          changes: e.changes,
          prev_hash: prevHash,
          hash,
        })
        .execute();
      await db.updateTable("audit_head").set({ seq, hash }).where("id", "=", 1).execute();
      return { ...e, seq, prevHash, hash };
    },

    async list(f: AuditQuery, limit: number, before?: number): Promise<AuditEventRecord[]> {
      let q = db.selectFrom("audit_events").selectAll();
      if (f.actor) q = q.where("actor_name", "=", f.actor);
      if (f.action) q = q.where("action", "=", f.action);
      if (f.targetType) q = q.where("target_type", "=", f.targetType);
      if (f.targetId) q = q.where("target_id", "=", f.targetId);
      if (f.since) q = q.where("at", ">=", f.since);
      if (f.until) q = q.where("at", "<=", f.until);
      if (f.q) q = q.where(containsText("summary", f.q));
      if (before !== undefined) q = q.where("seq", "<", before);
      const rows = await q.orderBy("seq", "desc").limit(limit).execute();
      return rows.map(fromRow);
    },

    /** Walks the whole chain in seq order, in batches, and returns the first break if any. */
    async verify(batchSize = 1000): Promise<{ checked: number; firstBroken: ChainBreak | null }> {
      let prevHash = GENESIS_HASH;
      let expectedSeq = 1;
      let checked = 0;
      for (;;) {
        const rows = await db
          .selectFrom("audit_events")
          .selectAll()
          .where("seq", ">=", expectedSeq)
          .orderBy("seq")
          .limit(batchSize)
          .execute();
        for (const row of rows) {
          const e = fromRow(row);
          if (e.seq !== expectedSeq) {
            return {
              checked,
              firstBroken: {
                seq: expectedSeq,
                id: e.id,
                reason: `event ${expectedSeq} is missing (next present is ${e.seq})`,
              },
            };
          }
          if (e.prevHash !== prevHash) {
            return {
              checked,
              firstBroken: {
                seq: e.seq,
                id: e.id,
                reason: "prev_hash does not match the previous event's hash",
              },
            };
          }
          if (auditHash(e) !== e.hash) {
            return {
              checked,
              firstBroken: {
                seq: e.seq,
                id: e.id,
                reason: "content does not match its hash (the event was edited)",
              },
            };
          }
          prevHash = e.hash;
          expectedSeq++;
          checked++;
        }
        if (rows.length < batchSize) break;
      }
      const head = await db
        .selectFrom("audit_head")
        .select(["seq", "hash"])
        .where("id", "=", 1)
        .executeTakeFirst();
      if (head && (Number(head.seq) !== expectedSeq - 1 || head.hash !== prevHash)) {
        return {
          checked,
          firstBroken: {
            seq: Number(head.seq),
            id: "",
            reason: `the chain ends at event ${expectedSeq - 1} but the head records event ${Number(head.seq)}: events were deleted from the end`,
          },
        };
      }
      return { checked, firstBroken: null };
    },
  };
}
export type AuditRepo = ReturnType<typeof auditRepo>;
