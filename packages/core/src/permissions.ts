import { z } from "zod";

/**
 * Roles and the permission matrix. Every route declares one permission; a request is allowed
 * only when the actor's role grants it (and, for API tokens, the token's scopes include it).
 * docs/permissions.md shows this matrix; a test keeps the two identical.
 */
export const ROLES = [
  "admin",
  "security_engineer",
  "sirt",
  "engineer",
  "auditor",
  "viewer",
] as const;
export const roleSchema = z.enum(ROLES);
export type Role = z.infer<typeof roleSchema>;

export const PERMISSIONS = [
  "assets:read",
  "assets:write",
  "users:read",
  "users:manage",
  "teams:read",
  "teams:manage",
  "tokens:own",
  "tokens:manage",
  "audit:read",
  "audit:export",
  "review:read",
  "review:run",
  "review:manage",
  "vulns:read",
  "vulns:write",
  "vulns:request_exception",
  "vulns:approve_exception",
  "access:read",
  "access:write",
  "posture:read",
  "posture:write",
  "alerts:read",
  "alerts:write",
  "detections:manage",
  "work:read",
  "work:create",
  "work:manage",
  "settings:manage",
] as const;
export const permissionSchema = z.enum(PERMISSIONS);
export type Permission = z.infer<typeof permissionSchema>;

const READ_AREAS: Permission[] = [
  "assets:read",
  "review:read",
  "vulns:read",
  "access:read",
  "posture:read",
  "alerts:read",
  "work:read",
];

/** Role → permissions. Admin holds every permission; the others are listed explicitly. */
export const ROLE_PERMISSIONS: Readonly<Record<Role, readonly Permission[]>> = {
  admin: PERMISSIONS,
  security_engineer: [
    ...READ_AREAS,
    "assets:write",
    "users:read",
    "teams:read",
    "tokens:own",
    "audit:read",
    "audit:export",
    "review:run",
    "review:manage",
    "vulns:write",
    "vulns:request_exception",
    "vulns:approve_exception",
    "access:write",
    "posture:write",
    "alerts:write",
    "detections:manage",
    "work:create",
    "work:manage",
  ],
  sirt: [...READ_AREAS, "users:read", "teams:read", "tokens:own", "alerts:write", "work:create"],
  engineer: [
    "assets:read",
    "review:read",
    "review:run",
    "vulns:read",
    "vulns:request_exception",
    "work:read",
    "work:create",
    "teams:read",
    "tokens:own",
  ],
  auditor: [...READ_AREAS, "users:read", "teams:read", "tokens:own", "audit:read", "audit:export"],
  viewer: [...READ_AREAS, "teams:read", "tokens:own"],
};

export function roleHas(role: Role, permission: Permission): boolean {
  return ROLE_PERMISSIONS[role].includes(permission);
}
