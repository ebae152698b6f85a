import type { Executor } from "./executor";
import { bool, int } from "./executor";

export interface UserRecord {
  id: string;
  username: string;
  displayName: string;
  email: string | null;
  role: string;
  kind: "human" | "service";
  passwordHash: string | null;
  mustChangePassword: boolean;
  disabled: boolean;
  failedLogins: number;
  lockedUntil: string | null;
  lastLoginAt: string | null;
  createdAt: string;
  updatedAt: string;
}

type Row = {
  id: string;
  username: string;
  display_name: string;
  email: string | null;
  role: string;
  kind: string;
  password_hash: string | null;
  must_change_password: number;
  disabled: number;
  failed_logins: number;
  locked_until: string | null;
  last_login_at: string | null;
  created_at: string;
  updated_at: string;
};

const fromRow = (r: Row): UserRecord => ({
  id: r.id,
  username: r.username,
  displayName: r.display_name,
  email: r.email,
  role: r.role,
  kind: r.kind === "service" ? "service" : "human",
  passwordHash: r.password_hash,
  mustChangePassword: bool(r.must_change_password),
  disabled: bool(r.disabled),
  failedLogins: r.failed_logins,
  lockedUntil: r.locked_until,
  lastLoginAt: r.last_login_at,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

export type UserPatch = Partial<
  Pick<
    UserRecord,
    | "displayName"
    | "email"
    | "role"
    | "passwordHash"
    | "mustChangePassword"
    | "disabled"
    | "failedLogins"
    | "lockedUntil"
    | "lastLoginAt"
    | "updatedAt"
  >
>;

/** Users: people and service accounts. */
export function usersRepo(db: Executor) {
  return {
    async insert(u: UserRecord): Promise<void> {
      await db
        .insertInto("users")
        .values({
          id: u.id,
          username: u.username,
          display_name: u.displayName,
          email: u.email,
          role: u.role,
          kind: u.kind,
          password_hash: u.passwordHash,
          must_change_password: int(u.mustChangePassword),
          disabled: int(u.disabled),
          failed_logins: u.failedLogins,
          locked_until: u.lockedUntil,
          last_login_at: u.lastLoginAt,
          created_at: u.createdAt,
          updated_at: u.updatedAt,
        })
        .execute();
    },
    async update(id: string, p: UserPatch): Promise<void> {
      const set: Partial<Row> = {};
      if (p.displayName !== undefined) set.display_name = p.displayName;
      if (p.email !== undefined) set.email = p.email;
      if (p.role !== undefined) set.role = p.role;
      if (p.passwordHash !== undefined) set.password_hash = p.passwordHash;
      if (p.mustChangePassword !== undefined) set.must_change_password = int(p.mustChangePassword);
      if (p.disabled !== undefined) set.disabled = int(p.disabled);
      if (p.failedLogins !== undefined) set.failed_logins = p.failedLogins;
      if (p.lockedUntil !== undefined) set.locked_until = p.lockedUntil;
      if (p.lastLoginAt !== undefined) set.last_login_at = p.lastLoginAt;
      if (p.updatedAt !== undefined) set.updated_at = p.updatedAt;
      if (Object.keys(set).length === 0) return;
      await db.updateTable("users").set(set).where("id", "=", id).execute();
    },
    async findById(id: string): Promise<UserRecord | undefined> {
      const r = await db.selectFrom("users").selectAll().where("id", "=", id).executeTakeFirst();
      return r && fromRow(r);
    },
    async findByUsername(username: string): Promise<UserRecord | undefined> {
      const r = await db
        .selectFrom("users")
        .selectAll()
        .where("username", "=", username)
        .executeTakeFirst();
      return r && fromRow(r);
    },
    async findByIds(ids: readonly string[]): Promise<UserRecord[]> {
      if (ids.length === 0) return [];
      const rows = await db
        .selectFrom("users")
        .selectAll()
        .where("id", "in", [...ids])
        .execute();
      return rows.map(fromRow);
    },
    async list(): Promise<UserRecord[]> {
      const rows = await db.selectFrom("users").selectAll().orderBy("username").execute();
      return rows.map(fromRow);
    },
    /** Users, or only those of one role. */
    async count(role?: string): Promise<number> {
      let q = db.selectFrom("users").select((eb) => eb.fn.countAll<number>().as("n"));
      if (role) q = q.where("role", "=", role);
      const r = await q.executeTakeFirstOrThrow();
      return Number(r.n);
    },
  };
}
export type UsersRepo = ReturnType<typeof usersRepo>;
