import type { Actor, Clock, Permission } from "@infrasec/core";
import { AppError, can, newId } from "@infrasec/core";
import type { Repos, Store } from "@infrasec/storage";

/** Dependencies every service factory receives. */
export interface ServiceDeps {
  store: Store;
  clock: Clock;
}

/** Who is acting and on behalf of which request (for the audit trail). */
export interface Ctx {
  actor: Actor;
  requestId?: string;
}

/** Throws `forbidden` unless the actor holds the permission (defence in depth behind routes). */
export function requirePermission(ctx: Ctx, permission: Permission): void {
  if (!can(ctx.actor, permission)) {
    throw new AppError("forbidden", `this action needs the ${permission} permission`);
  }
}

export interface AuditInput {
  action: string;
  targetType: string;
  targetId: string | null;
  summary: string;
  changes?: Record<string, unknown> | null;
}

/** Appends the audit event inside the caller's transaction. */
export async function audit(tx: Repos, ctx: Ctx, clock: Clock, e: AuditInput): Promise<void> {
  await tx.audit.append({
    id: newId(clock.now().getTime()),
    at: clock.now().toISOString(),
    actorId: ctx.actor.userId,
    actorName: ctx.actor.username,
    action: e.action,
    targetType: e.targetType,
    targetId: e.targetId,
    requestId: ctx.requestId ?? null,
    summary: e.summary,
    changes: e.changes ? JSON.stringify(e.changes) : null,
  });
}

/** `{ field: [before, after] }` for the fields that changed; secrets must be left out by callers. */
export function diff<T extends object>(
  before: T,
  after: T,
  fields: (keyof T)[],
): Record<string, [unknown, unknown]> {
  const out: Record<string, [unknown, unknown]> = {};
  for (const f of fields) {
    if (JSON.stringify(before[f]) !== JSON.stringify(after[f]))
      out[String(f)] = [before[f], after[f]];
  }
  return out;
}

/** True for a unique-constraint violation on either dialect, so callers can answer `conflict`. */
export function isUniqueViolation(e: unknown): boolean {
  const err = e as { code?: string; message?: string };
  return (
    err.code === "23505" ||
    err.code === "SQLITE_CONSTRAINT_UNIQUE" ||
    err.code === "SQLITE_CONSTRAINT_PRIMARYKEY"
  );
}
