import type { Executor } from "./executor";

export interface SessionRecord {
  idHash: string;
  userId: string;
  csrfToken: string;
  createdAt: string;
  expiresAt: string;
  lastSeenAt: string;
}

/** Browser sessions, keyed by the hash of the cookie secret. */
export function sessionsRepo(db: Executor) {
  return {
    async insert(s: SessionRecord): Promise<void> {
      await db
        .insertInto("sessions")
        .values({
          id_hash: s.idHash,
          user_id: s.userId,
          csrf_token: s.csrfToken,
          created_at: s.createdAt,
          expires_at: s.expiresAt,
          last_seen_at: s.lastSeenAt,
        })
        .execute();
    },
    async find(idHash: string): Promise<SessionRecord | undefined> {
      const r = await db
        .selectFrom("sessions")
        .selectAll()
        .where("id_hash", "=", idHash)
        .executeTakeFirst();
      return (
        r && {
          idHash: r.id_hash,
          userId: r.user_id,
          csrfToken: r.csrf_token,
          createdAt: r.created_at,
          expiresAt: r.expires_at,
          lastSeenAt: r.last_seen_at,
        }
      );
    },
    async touch(idHash: string, lastSeenAt: string, expiresAt: string): Promise<void> {
      await db
        .updateTable("sessions")
        .set({ last_seen_at: lastSeenAt, expires_at: expiresAt })
        .where("id_hash", "=", idHash)
        .execute();
    },
    async remove(idHash: string): Promise<void> {
      await db.deleteFrom("sessions").where("id_hash", "=", idHash).execute();
    },
    async removeForUser(userId: string): Promise<void> {
      await db.deleteFrom("sessions").where("user_id", "=", userId).execute();
    },
    async removeExpired(now: string): Promise<number> {
      const r = await db.deleteFrom("sessions").where("expires_at", "<", now).executeTakeFirst();
      return Number(r.numDeletedRows);
    },
  };
}
export type SessionsRepo = ReturnType<typeof sessionsRepo>;
