import { AppError, newId, notFound } from "@infrasec/core";
import type { TeamRecord } from "@infrasec/storage";
import type { Ctx, ServiceDeps } from "../shared/service-context";
import { audit, diff, isUniqueViolation, requirePermission } from "../shared/service-context";

export interface TeamView {
  id: string;
  name: string;
  description: string;
  members: { id: string; username: string; displayName: string }[];
  createdAt: string;
}

export function createTeamsService({ store, clock }: ServiceDeps) {
  async function views(teams: TeamRecord[]): Promise<TeamView[]> {
    const members = await store.teams.members(teams.map((t) => t.id));
    return teams.map((t) => ({
      id: t.id,
      name: t.name,
      description: t.description,
      createdAt: t.createdAt,
      members: members
        .filter((m) => m.teamId === t.id)
        .map(({ id, username, displayName }) => ({ id, username, displayName })),
    }));
  }
  async function mustGet(id: string): Promise<TeamRecord> {
    const t = await store.teams.findById(id);
    if (!t) throw notFound("team");
    return t;
  }
  const nameTaken = (name: string) =>
    new AppError("conflict", `a team named ${name} exists already`, [
      { path: "name", message: "already taken" },
    ]);

  return {
    async list(ctx: Ctx): Promise<TeamView[]> {
      requirePermission(ctx, "teams:read");
      return views(await store.teams.list());
    },

    async create(ctx: Ctx, input: { name: string; description?: string }): Promise<TeamView> {
      requirePermission(ctx, "teams:manage");
      const now = clock.now().toISOString();
      const t: TeamRecord = {
        id: newId(clock.now().getTime()),
        name: input.name,
        description: input.description ?? "",
        createdAt: now,
        updatedAt: now,
      };
      try {
        await store.transaction(async (tx) => {
          await tx.teams.insert(t);
          await audit(tx, ctx, clock, {
            action: "team.create",
            targetType: "team",
            targetId: t.id,
            summary: `created team ${t.name}`,
            changes: { name: [null, t.name] },
          });
        });
      } catch (e) {
        if (isUniqueViolation(e)) throw nameTaken(input.name);
        throw e;
      }
      return (await views([t]))[0]!;
    },

    async update(
      ctx: Ctx,
      id: string,
      input: { name?: string; description?: string },
    ): Promise<TeamView> {
      requirePermission(ctx, "teams:manage");
      const before = await mustGet(id);
      const after = { ...before, ...input, updatedAt: clock.now().toISOString() };
      const changes = diff(before, after, ["name", "description"]);
      try {
        await store.transaction(async (tx) => {
          await tx.teams.update(id, after);
          await audit(tx, ctx, clock, {
            action: "team.update",
            targetType: "team",
            targetId: id,
            summary: `updated team ${after.name}`,
            changes,
          });
        });
      } catch (e) {
        if (isUniqueViolation(e)) throw nameTaken(input.name ?? "");
        throw e;
      }
      return (await views([after]))[0]!;
    },

    async setMembers(ctx: Ctx, id: string, userIds: string[]): Promise<TeamView> {
      requirePermission(ctx, "teams:manage");
      const team = await mustGet(id);
      const unique = [...new Set(userIds)];
      const found = await store.users.findByIds(unique);
      const missing = unique.filter((u) => !found.some((f) => f.id === u));
      if (missing.length > 0) {
        throw new AppError(
          "validation_failed",
          "unknown users",
          missing.map((m) => ({ path: "userIds", message: `no user ${m}` })),
        );
      }
      const before = (await store.teams.members([id])).map((m) => m.username).sort();
      const after = found.map((u) => u.username).sort();
      await store.transaction(async (tx) => {
        await tx.teams.setMembers(id, unique);
        await audit(tx, ctx, clock, {
          action: "team.members",
          targetType: "team",
          targetId: id,
          summary: `set members of ${team.name}: ${after.join(", ") || "(none)"}`,
          changes: { members: [before, after] },
        });
      });
      return (await views([team]))[0]!;
    },

    async remove(ctx: Ctx, id: string): Promise<void> {
      requirePermission(ctx, "teams:manage");
      const team = await mustGet(id);
      await store.transaction(async (tx) => {
        await tx.teams.remove(id);
        await audit(tx, ctx, clock, {
          action: "team.delete",
          targetType: "team",
          targetId: id,
          summary: `deleted team ${team.name}`,
        });
      });
    },
  };
}
export type TeamsService = ReturnType<typeof createTeamsService>;
