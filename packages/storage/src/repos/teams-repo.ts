import type { Executor } from "./executor";

export interface TeamRecord {
  id: string;
  name: string;
  description: string;
  createdAt: string;
  updatedAt: string;
}

/** Teams and their membership. */
export function teamsRepo(db: Executor) {
  return {
    async insert(t: TeamRecord): Promise<void> {
      await db
        .insertInto("teams")
        .values({
          id: t.id,
          name: t.name,
          description: t.description,
          created_at: t.createdAt,
          updated_at: t.updatedAt,
        })
        .execute();
    },
    async update(
      id: string,
      p: { name?: string; description?: string; updatedAt: string },
    ): Promise<void> {
      await db
        .updateTable("teams")
        .set({
          ...(p.name !== undefined ? { name: p.name } : {}),
          ...(p.description !== undefined ? { description: p.description } : {}),
          updated_at: p.updatedAt,
        })
        .where("id", "=", id)
        .execute();
    },
    async remove(id: string): Promise<void> {
      await db.deleteFrom("teams").where("id", "=", id).execute();
    },
    async findById(id: string): Promise<TeamRecord | undefined> {
      const r = await db.selectFrom("teams").selectAll().where("id", "=", id).executeTakeFirst();
      return (
        r && {
          id: r.id,
          name: r.name,
          description: r.description,
          createdAt: r.created_at,
          updatedAt: r.updated_at,
        }
      );
    },
    async findByName(name: string): Promise<TeamRecord | undefined> {
      const r = await db
        .selectFrom("teams")
        .selectAll()
        .where("name", "=", name)
        .executeTakeFirst();
      return (
        r && {
          id: r.id,
          name: r.name,
          description: r.description,
          createdAt: r.created_at,
          updatedAt: r.updated_at,
        }
      );
    },
    async list(): Promise<TeamRecord[]> {
      const rows = await db.selectFrom("teams").selectAll().orderBy("name").execute();
      return rows.map((r) => ({
        id: r.id,
        name: r.name,
        description: r.description,
        createdAt: r.created_at,
        updatedAt: r.updated_at,
      }));
    },
    async setMembers(teamId: string, userIds: readonly string[]): Promise<void> {
      await db.deleteFrom("team_members").where("team_id", "=", teamId).execute();
      if (userIds.length > 0) {
        await db
          .insertInto("team_members")
          .values([...new Set(userIds)].map((user_id) => ({ team_id: teamId, user_id })))
          .execute();
      }
    },
    /** Membership rows joined with names, for the given teams (all teams when omitted). */
    async members(teamIds?: readonly string[]) {
      let q = db
        .selectFrom("team_members")
        .innerJoin("users", "users.id", "team_members.user_id")
        .select([
          "team_members.team_id as teamId",
          "users.id as id",
          "users.username as username",
          "users.display_name as displayName",
        ]);
      if (teamIds) {
        if (teamIds.length === 0) return [];
        q = q.where("team_members.team_id", "in", [...teamIds]);
      }
      return q.orderBy("users.username").execute();
    },
    /** Teams of the given users, as (userId, team) pairs. */
    async teamsOfUsers(userIds: readonly string[]) {
      if (userIds.length === 0) return [];
      return db
        .selectFrom("team_members")
        .innerJoin("teams", "teams.id", "team_members.team_id")
        .select(["team_members.user_id as userId", "teams.id as id", "teams.name as name"])
        .where("team_members.user_id", "in", [...userIds])
        .orderBy("teams.name")
        .execute();
    },
  };
}
export type TeamsRepo = ReturnType<typeof teamsRepo>;
