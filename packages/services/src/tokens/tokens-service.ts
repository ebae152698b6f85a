import type { Permission } from "@infrasec/core";
import { AppError, can, newId, notFound, roleHas } from "@infrasec/core";
import type { Role } from "@infrasec/core";
import type { TokenWithOwner } from "@infrasec/storage";
import type { Ctx, ServiceDeps } from "../shared/service-context";
import { audit, requirePermission } from "../shared/service-context";
import { TOKEN_PREFIX, randomSecret, sha256 } from "../auth/secrets-fns";

export interface TokenView {
  id: string;
  name: string;
  userId: string;
  username: string;
  prefix: string;
  scopes: Permission[];
  expiresAt: string | null;
  lastUsedAt: string | null;
  revokedAt: string | null;
  createdAt: string;
}

export interface CreateTokenInput {
  name: string;
  userId?: string;
  scopes?: Permission[];
  expiresInDays?: number;
}

const toView = (t: TokenWithOwner): TokenView => ({
  id: t.id,
  name: t.name,
  userId: t.userId,
  username: t.username,
  prefix: t.prefix,
  scopes: t.scopes as Permission[],
  expiresAt: t.expiresAt,
  lastUsedAt: t.lastUsedAt,
  revokedAt: t.revokedAt,
  createdAt: t.createdAt,
});

/** Personal and service-account API tokens. The secret is returned once and stored hashed. */
export function createTokensService({ store, clock }: ServiceDeps) {
  return {
    async list(ctx: Ctx, opts: { all?: boolean } = {}): Promise<TokenView[]> {
      requirePermission(ctx, "tokens:own");
      if (opts.all) requirePermission(ctx, "tokens:manage");
      const rows = await store.tokens.list(opts.all ? {} : { userId: ctx.actor.userId ?? "" });
      return rows.map(toView);
    },

    async create(ctx: Ctx, input: CreateTokenInput): Promise<{ token: TokenView; secret: string }> {
      requirePermission(ctx, "tokens:own");
      const ownerId = input.userId ?? ctx.actor.userId;
      if (!ownerId)
        throw new AppError("validation_failed", "a token needs an owner", [
          { path: "userId", message: "required" },
        ]);
      if (ownerId !== ctx.actor.userId) requirePermission(ctx, "tokens:manage");
      const owner = await store.users.findById(ownerId);
      if (!owner) throw notFound("user");
      if (owner.disabled) throw new AppError("conflict", `user ${owner.username} is disabled`);
      const scopes = [...new Set(input.scopes ?? [])];
      const beyondRole = scopes.filter((s) => !roleHas(owner.role as Role, s));
      if (beyondRole.length > 0) {
        throw new AppError(
          "validation_failed",
          "scopes exceed the owner's role",
          beyondRole.map((s) => ({ path: "scopes", message: `${owner.role} does not hold ${s}` })),
        );
      }
      // A token never carries more than its creator holds, so tokens:own cannot escalate.
      const beyondCreator = scopes.filter((s) => !can(ctx.actor, s));
      if (ownerId === ctx.actor.userId && beyondCreator.length > 0) {
        throw new AppError(
          "forbidden",
          `a token cannot carry permissions you do not hold: ${beyondCreator.join(", ")}`,
        );
      }
      if (ownerId === ctx.actor.userId && ctx.actor.scopes && scopes.length === 0) {
        throw new AppError(
          "forbidden",
          "a scoped token can only create tokens with explicit scopes",
        );
      }
      const secret = `${TOKEN_PREFIX}${randomSecret(32)}`;
      const now = clock.now();
      const rec = {
        id: newId(now.getTime()),
        userId: owner.id,
        name: input.name,
        prefix: secret.slice(0, TOKEN_PREFIX.length + 6),
        secretHash: sha256(secret),
        scopes,
        expiresAt: input.expiresInDays
          ? new Date(now.getTime() + input.expiresInDays * 86_400_000).toISOString()
          : null,
        lastUsedAt: null,
        revokedAt: null,
        createdAt: now.toISOString(),
        createdBy: ctx.actor.userId,
      };
      await store.transaction(async (tx) => {
        await tx.tokens.insert(rec);
        await audit(tx, ctx, clock, {
          action: "token.create",
          targetType: "token",
          targetId: rec.id,
          summary: `created token ${rec.name} (${rec.prefix}…) for ${owner.username}`,
          changes: {
            scopes: [null, scopes.length ? scopes : "role"],
            expiresAt: [null, rec.expiresAt],
          },
        });
      });
      return { token: toView({ ...rec, username: owner.username }), secret };
    },

    async revoke(ctx: Ctx, id: string): Promise<TokenView> {
      requirePermission(ctx, "tokens:own");
      const t = await store.tokens.findById(id);
      // Another user's token is invisible (404) to someone who cannot manage tokens.
      if (!t || (t.userId !== ctx.actor.userId && !can(ctx.actor, "tokens:manage")))
        throw notFound("token");
      if (t.revokedAt) return toView(t);
      const at = clock.now().toISOString();
      await store.transaction(async (tx) => {
        await tx.tokens.revoke(id, at);
        await audit(tx, ctx, clock, {
          action: "token.revoke",
          targetType: "token",
          targetId: id,
          summary: `revoked token ${t.name} (${t.prefix}…) of ${t.username}`,
        });
      });
      return toView({ ...t, revokedAt: at });
    },
  };
}
export type TokensService = ReturnType<typeof createTokensService>;
