import type { Role } from "@infrasec/core";
import { AppError, ROLES, newId, notFound } from "@infrasec/core";
import type { UserRecord } from "@infrasec/storage";
import type { Ctx, ServiceDeps } from "../shared/service-context";
import { audit, diff, isUniqueViolation, requirePermission } from "../shared/service-context";
import { generatePassword, hashPassword } from "../auth/secrets-fns";

/** A user as the API shows it: never the password hash. */
export interface UserView {
  id: string;
  username: string;
  displayName: string;
  email: string | null;
  role: Role;
  kind: "human" | "service";
  disabled: boolean;
  locked: boolean;
  lastLoginAt: string | null;
  createdAt: string;
  teams: { id: string; name: string }[];
}

export interface CreateUserInput {
  username: string;
  displayName?: string;
  email?: string;
  role: Role;
  kind?: "human" | "service";
  password?: string;
}

export interface UpdateUserInput {
  displayName?: string;
  email?: string | null;
  role?: Role;
  disabled?: boolean;
}

const USERNAME = /^[a-z0-9][a-z0-9_.-]{1,63}$/;

export function createUsersService({ store, clock }: ServiceDeps) {
  async function view(u: UserRecord): Promise<UserView> {
    const teams = await store.teams.teamsOfUsers([u.id]);
    return toView(
      u,
      teams.map((t) => ({ id: t.id, name: t.name })),
      clock.now().toISOString(),
    );
  }

  async function mustGet(id: string): Promise<UserRecord> {
    const u = await store.users.findById(id);
    if (!u) throw notFound("user");
    return u;
  }

  return {
    async list(ctx: Ctx): Promise<UserView[]> {
      requirePermission(ctx, "users:read");
      const users = await store.users.list();
      const memberships = await store.teams.teamsOfUsers(users.map((u) => u.id));
      const now = clock.now().toISOString();
      return users.map((u) =>
        toView(
          u,
          memberships.filter((m) => m.userId === u.id).map((m) => ({ id: m.id, name: m.name })),
          now,
        ),
      );
    },

    async get(ctx: Ctx, id: string): Promise<UserView> {
      requirePermission(ctx, "users:read");
      return view(await mustGet(id));
    },

    /** Creates a user; a human without a password gets a one-time password, returned once. */
    async create(
      ctx: Ctx,
      input: CreateUserInput,
    ): Promise<{ user: UserView; initialPassword: string | null }> {
      requirePermission(ctx, "users:manage");
      if (!USERNAME.test(input.username)) {
        throw new AppError("validation_failed", "invalid username", [
          { path: "username", message: "lowercase letters, digits, _ . - (2 to 64 characters)" },
        ]);
      }
      if (!ROLES.includes(input.role)) {
        throw new AppError("validation_failed", "invalid role", [
          { path: "role", message: `one of ${ROLES.join(", ")}` },
        ]);
      }
      if (input.password !== undefined && input.password.length < 12) {
        throw new AppError("validation_failed", "password too short", [
          { path: "password", message: "at least 12 characters" },
        ]);
      }
      const kind = input.kind ?? "human";
      const initialPassword = kind === "human" && !input.password ? generatePassword() : null;
      const password = input.password ?? initialPassword;
      const now = clock.now().toISOString();
      const rec: UserRecord = {
        id: newId(clock.now().getTime()),
        username: input.username,
        displayName: input.displayName ?? input.username,
        email: input.email ?? null,
        role: input.role,
        kind,
        passwordHash: kind === "human" && password ? await hashPassword(password) : null,
        mustChangePassword: initialPassword !== null,
        disabled: false,
        failedLogins: 0,
        lockedUntil: null,
        lastLoginAt: null,
        createdAt: now,
        updatedAt: now,
      };
      try {
        await store.transaction(async (tx) => {
          await tx.users.insert(rec);
          await audit(tx, ctx, clock, {
            action: "user.create",
            targetType: "user",
            targetId: rec.id,
            summary: `created ${kind} user ${rec.username} with role ${rec.role}`,
            changes: { username: [null, rec.username], role: [null, rec.role], kind: [null, kind] },
          });
        });
      } catch (e) {
        if (isUniqueViolation(e)) {
          throw new AppError("conflict", `a user named ${input.username} exists already`, [
            { path: "username", message: "already taken" },
          ]);
        }
        throw e;
      }
      return { user: await view(rec), initialPassword };
    },

    async update(ctx: Ctx, id: string, input: UpdateUserInput): Promise<UserView> {
      requirePermission(ctx, "users:manage");
      const before = await mustGet(id);
      if (
        id === ctx.actor.userId &&
        (input.disabled === true || (input.role && input.role !== before.role))
      ) {
        throw new AppError("conflict", "you cannot disable yourself or change your own role");
      }
      const after: UserRecord = {
        ...before,
        displayName: input.displayName ?? before.displayName,
        email: input.email !== undefined ? input.email : before.email,
        role: input.role ?? before.role,
        disabled: input.disabled ?? before.disabled,
        updatedAt: clock.now().toISOString(),
      };
      const changes = diff(before, after, ["displayName", "email", "role", "disabled"]);
      await store.transaction(async (tx) => {
        await tx.users.update(id, after);
        if (after.disabled) await tx.sessions.removeForUser(id);
        await audit(tx, ctx, clock, {
          action: "user.update",
          targetType: "user",
          targetId: id,
          summary: `updated user ${before.username}: ${Object.keys(changes).join(", ") || "no change"}`,
          changes,
        });
      });
      return view(after);
    },

    async unlock(ctx: Ctx, id: string): Promise<UserView> {
      requirePermission(ctx, "users:manage");
      const u = await mustGet(id);
      await store.transaction(async (tx) => {
        await tx.users.update(id, {
          failedLogins: 0,
          lockedUntil: null,
          updatedAt: clock.now().toISOString(),
        });
        await audit(tx, ctx, clock, {
          action: "user.unlock",
          targetType: "user",
          targetId: id,
          summary: `unlocked ${u.username}`,
        });
      });
      return view(await mustGet(id));
    },

    async resetPassword(ctx: Ctx, id: string): Promise<{ initialPassword: string }> {
      requirePermission(ctx, "users:manage");
      const u = await mustGet(id);
      if (u.kind === "service")
        throw new AppError("conflict", "service accounts sign in with API tokens only");
      const initialPassword = generatePassword();
      const passwordHash = await hashPassword(initialPassword);
      await store.transaction(async (tx) => {
        await tx.users.update(id, {
          passwordHash,
          mustChangePassword: true,
          failedLogins: 0,
          lockedUntil: null,
          updatedAt: clock.now().toISOString(),
        });
        await tx.sessions.removeForUser(id);
        await audit(tx, ctx, clock, {
          action: "user.reset_password",
          targetType: "user",
          targetId: id,
          summary: `issued a one-time password for ${u.username}`,
        });
      });
      return { initialPassword };
    },

    /**
     * First start: when there are no users, creates `admin` with the given password or a
     * generated one-time password (returned so the caller can print it once).
     */
    async bootstrapAdmin(
      ctx: Ctx,
      password?: string,
    ): Promise<{ created: boolean; initialPassword: string | null }> {
      // Keyed on admins, not on users: local commands (`infrasec demo load`, `users create`) may
      // create other users before the first `serve`, and the installation still needs an admin.
      // An existing `admin` username of another role is left alone (never silently promoted).
      if ((await store.users.count("admin")) > 0 || (await store.users.findByUsername("admin")))
        return { created: false, initialPassword: null };
      const r = await this.create(ctx, {
        username: "admin",
        displayName: "Administrator",
        role: "admin",
        password,
      });
      return { created: true, initialPassword: r.initialPassword };
    },
  };
}
export type UsersService = ReturnType<typeof createUsersService>;

function toView(u: UserRecord, teams: { id: string; name: string }[], now: string): UserView {
  return {
    id: u.id,
    username: u.username,
    displayName: u.displayName,
    email: u.email,
    role: u.role as Role,
    kind: u.kind,
    disabled: u.disabled,
    locked: u.lockedUntil !== null && u.lockedUntil > now,
    lastLoginAt: u.lastLoginAt,
    createdAt: u.createdAt,
    teams,
  };
}
