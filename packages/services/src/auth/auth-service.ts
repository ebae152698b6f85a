import type { Actor, Permission, Role } from "@infrasec/core";
import { AppError, PERMISSIONS, can } from "@infrasec/core";
import type { UserRecord } from "@infrasec/storage";
import type { Ctx, ServiceDeps } from "../shared/service-context";
import { audit } from "../shared/service-context";
import {
  TOKEN_PREFIX,
  dummyHash,
  hashPassword,
  randomSecret,
  safeEqual,
  sha256,
  verifyPassword,
} from "./secrets-fns";

export interface AuthPolicy {
  /** Consecutive failures that lock an account. */
  maxFailedLogins: number;
  lockMinutes: number;
  /** Idle lifetime of a browser session; each use extends it. */
  sessionIdleHours: number;
}

export const DEFAULT_AUTH_POLICY: AuthPolicy = {
  maxFailedLogins: 5,
  lockMinutes: 15,
  sessionIdleHours: 12,
};

export interface SessionInfo {
  user: {
    id: string;
    username: string;
    displayName: string;
    role: Role;
    kind: "human" | "service";
    teams: { id: string; name: string }[];
  };
  permissions: Permission[];
  csrfToken: string | null;
  mustChangePassword: boolean;
}

export interface Authenticated {
  actor: Actor;
  /** Set for cookie sessions: mutations must echo it in x-csrf-token. */
  csrfToken: string | null;
  mustChangePassword: boolean;
}

const invalidCredentials = () =>
  new AppError("invalid_credentials", "invalid username or password");

export function createAuthService(
  { store, clock }: ServiceDeps,
  policy: AuthPolicy = DEFAULT_AUTH_POLICY,
) {
  const now = () => clock.now();
  const iso = () => now().toISOString();
  const sessionExpiry = () =>
    new Date(now().getTime() + policy.sessionIdleHours * 3600_000).toISOString();

  const actorOf = (u: UserRecord, extra: Partial<Actor> = {}): Actor => ({
    kind: "user",
    userId: u.id,
    username: u.username,
    role: u.role as Role,
    ...extra,
  });

  async function info(u: UserRecord, actor: Actor, csrfToken: string | null): Promise<SessionInfo> {
    const teams = await store.teams.teamsOfUsers([u.id]);
    return {
      user: {
        id: u.id,
        username: u.username,
        displayName: u.displayName,
        role: u.role as Role,
        kind: u.kind,
        teams: teams.map((t) => ({ id: t.id, name: t.name })),
      },
      permissions: PERMISSIONS.filter((p) => can(actor, p)),
      csrfToken,
      mustChangePassword: u.mustChangePassword,
    };
  }

  return {
    /**
     * Password sign-in. Failures count towards a lock-out; an unknown user costs the same time
     * as a wrong password. Returns the cookie secret (only its hash is stored).
     */
    async login(
      username: string,
      password: string,
      requestId?: string,
    ): Promise<{ sessionSecret: string; session: SessionInfo }> {
      const u = await store.users.findByUsername(username.trim().toLowerCase());
      if (!u || !u.passwordHash || u.kind !== "human") {
        await verifyPassword(await dummyHash(), password);
        throw invalidCredentials();
      }
      const systemCtx: Ctx = { actor: actorOf(u), requestId };
      if (u.lockedUntil && u.lockedUntil > iso()) {
        throw new AppError(
          "account_locked",
          `account locked after repeated failed sign-ins; try again after ${u.lockedUntil} or ask an administrator to unlock it`,
        );
      }
      const ok = await verifyPassword(u.passwordHash, password);
      if (!ok || u.disabled) {
        const failed = u.failedLogins + 1;
        const lock = failed >= policy.maxFailedLogins;
        await store.transaction(async (tx) => {
          await tx.users.update(u.id, {
            failedLogins: lock ? 0 : failed,
            lockedUntil: lock
              ? new Date(now().getTime() + policy.lockMinutes * 60_000).toISOString()
              : u.lockedUntil,
          });
          await audit(tx, systemCtx, clock, {
            action: lock ? "auth.lockout" : "auth.login_failed",
            targetType: "user",
            targetId: u.id,
            summary: lock
              ? `locked ${u.username} for ${policy.lockMinutes} minutes after ${failed} failed sign-ins`
              : `failed sign-in for ${u.username}`,
          });
        });
        throw invalidCredentials();
      }
      const sessionSecret = randomSecret();
      const csrfToken = randomSecret(24);
      await store.transaction(async (tx) => {
        await tx.users.update(u.id, { failedLogins: 0, lockedUntil: null, lastLoginAt: iso() });
        await tx.sessions.insert({
          idHash: sha256(sessionSecret),
          userId: u.id,
          csrfToken,
          createdAt: iso(),
          expiresAt: sessionExpiry(),
          lastSeenAt: iso(),
        });
        await audit(tx, systemCtx, clock, {
          action: "auth.login",
          targetType: "user",
          targetId: u.id,
          summary: `${u.username} signed in`,
        });
      });
      return { sessionSecret, session: await info(u, actorOf(u), csrfToken) };
    },

    /** Resolves a session cookie; expired sessions and disabled users authenticate nobody. */
    async authenticateSession(secret: string): Promise<Authenticated | null> {
      if (!secret || secret.length > 200) return null;
      const s = await store.sessions.find(sha256(secret));
      if (!s || s.expiresAt <= iso()) return null;
      const u = await store.users.findById(s.userId);
      if (!u || u.disabled) return null;
      // Slide the expiry at most once a minute so reads do not turn into writes.
      if (now().getTime() - new Date(s.lastSeenAt).getTime() > 60_000) {
        await store.sessions.touch(s.idHash, iso(), sessionExpiry());
      }
      return {
        actor: actorOf(u),
        csrfToken: s.csrfToken,
        mustChangePassword: u.mustChangePassword,
      };
    },

    /** Resolves a bearer token; the actor's permissions are narrowed to the token's scopes. */
    async authenticateToken(secret: string): Promise<Authenticated | null> {
      if (!secret.startsWith(TOKEN_PREFIX) || secret.length > 200) return null;
      const t = await store.tokens.findByHash(sha256(secret));
      if (!t || t.revokedAt || (t.expiresAt && t.expiresAt <= iso())) return null;
      const u = await store.users.findById(t.userId);
      if (!u || u.disabled) return null;
      if (!t.lastUsedAt || now().getTime() - new Date(t.lastUsedAt).getTime() > 60_000) {
        await store.tokens.touch(t.id, iso());
      }
      const scopes = t.scopes.length > 0 ? (t.scopes as Permission[]) : undefined;
      return {
        actor: actorOf(u, { kind: "token", tokenId: t.id, scopes }),
        csrfToken: null,
        mustChangePassword: false,
      };
    },

    async sessionInfo(auth: Authenticated): Promise<SessionInfo> {
      const u = await store.users.findById(auth.actor.userId ?? "");
      if (!u) throw new AppError("unauthenticated", "the session's user no longer exists");
      const s = await info(u, auth.actor, auth.csrfToken);
      return { ...s, mustChangePassword: auth.mustChangePassword };
    },

    async logout(ctx: Ctx, sessionSecret: string): Promise<void> {
      await store.transaction(async (tx) => {
        await tx.sessions.remove(sha256(sessionSecret));
        await audit(tx, ctx, clock, {
          action: "auth.logout",
          targetType: "user",
          targetId: ctx.actor.userId,
          summary: `${ctx.actor.username} signed out`,
        });
      });
    },

    async changePassword(ctx: Ctx, currentPassword: string, newPassword: string): Promise<void> {
      const u = await store.users.findById(ctx.actor.userId ?? "");
      if (!u || !u.passwordHash) throw new AppError("forbidden", "this account has no password");
      if (!(await verifyPassword(u.passwordHash, currentPassword))) {
        throw new AppError("validation_failed", "current password is wrong", [
          { path: "currentPassword", message: "does not match" },
        ]);
      }
      if (newPassword.length < 12) {
        throw new AppError("validation_failed", "password too short", [
          { path: "newPassword", message: "at least 12 characters" },
        ]);
      }
      if (safeEqual(currentPassword, newPassword)) {
        throw new AppError("validation_failed", "choose a new password", [
          { path: "newPassword", message: "must differ from the current one" },
        ]);
      }
      const passwordHash = await hashPassword(newPassword);
      await store.transaction(async (tx) => {
        await tx.users.update(u.id, { passwordHash, mustChangePassword: false, updatedAt: iso() });
        await audit(tx, ctx, clock, {
          action: "auth.change_password",
          targetType: "user",
          targetId: u.id,
          summary: `${u.username} changed their password`,
        });
      });
    },
  };
}
export type AuthService = ReturnType<typeof createAuthService>;
