import type { Permission, Role } from "./permissions";
import { roleHas } from "./permissions";

/**
 * Who performs an action. Services receive an Actor, never a request object. `scopes` is set
 * when the actor authenticated with an API token: the effective permissions are then the role's
 * permissions restricted to the token's scopes.
 */
export interface Actor {
  kind: "user" | "token" | "system";
  userId: string | null;
  username: string;
  role: Role;
  tokenId?: string;
  scopes?: readonly Permission[];
}

export const systemActor: Actor = {
  kind: "system",
  userId: null,
  username: "system",
  role: "admin",
};

/** Effective permission check: role grant, narrowed by token scopes when present. */
export function can(actor: Actor, permission: Permission): boolean {
  if (!roleHas(actor.role, permission)) return false;
  if (actor.scopes && !actor.scopes.includes(permission)) return false;
  return true;
}
