import type { Executor } from "./executor";

export interface TokenRecord {
  id: string;
  userId: string;
  name: string;
  prefix: string;
  secretHash: string;
  scopes: string[];
  expiresAt: string | null;
  lastUsedAt: string | null;
  revokedAt: string | null;
  createdAt: string;
  createdBy: string | null;
}

export interface TokenWithOwner extends TokenRecord {
  username: string;
}

type Row = {
  id: string;
  user_id: string;
  name: string;
  prefix: string;
  secret_hash: string;
  scopes: string;
  expires_at: string | null;
  last_used_at: string | null;
  revoked_at: string | null;
  created_at: string;
  created_by: string | null;
  username: string;
};

const fromRow = (r: Row): TokenWithOwner => ({
  id: r.id,
  userId: r.user_id,
  username: r.username,
  name: r.name,
  prefix: r.prefix,
  secretHash: r.secret_hash,
  scopes: JSON.parse(r.scopes) as string[],
  expiresAt: r.expires_at,
  lastUsedAt: r.last_used_at,
  revokedAt: r.revoked_at,
  createdAt: r.created_at,
  createdBy: r.created_by,
});

/** API tokens; only a hash of each secret is stored. */
export function tokensRepo(db: Executor) {
  const base = () =>
    db
      .selectFrom("api_tokens")
      .innerJoin("users", "users.id", "api_tokens.user_id")
      .selectAll("api_tokens")
      .select("users.username");
  return {
    async insert(t: TokenRecord): Promise<void> {
      await db
        .insertInto("api_tokens")
        .values({
          id: t.id,
          user_id: t.userId,
          name: t.name,
          prefix: t.prefix,
          secret_hash: t.secretHash,
          scopes: JSON.stringify(t.scopes),
          expires_at: t.expiresAt,
          last_used_at: t.lastUsedAt,
          revoked_at: t.revokedAt,
          created_at: t.createdAt,
          created_by: t.createdBy,
        })
        .execute();
    },
    async findByHash(secretHash: string): Promise<TokenWithOwner | undefined> {
      const r = await base().where("api_tokens.secret_hash", "=", secretHash).executeTakeFirst();
      return r && fromRow(r);
    },
    async findById(id: string): Promise<TokenWithOwner | undefined> {
      const r = await base().where("api_tokens.id", "=", id).executeTakeFirst();
      return r && fromRow(r);
    },
    async list(filter: { userId?: string }): Promise<TokenWithOwner[]> {
      let q = base();
      if (filter.userId) q = q.where("api_tokens.user_id", "=", filter.userId);
      const rows = await q.orderBy("api_tokens.created_at", "desc").execute();
      return rows.map(fromRow);
    },
    async revoke(id: string, at: string): Promise<void> {
      await db.updateTable("api_tokens").set({ revoked_at: at }).where("id", "=", id).execute();
    },
    async touch(id: string, at: string): Promise<void> {
      await db.updateTable("api_tokens").set({ last_used_at: at }).where("id", "=", id).execute();
    },
  };
}
export type TokensRepo = ReturnType<typeof tokensRepo>;
