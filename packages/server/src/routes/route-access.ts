import type { Permission } from "@infrasec/core";

/** What a route needs: a permission, any signed-in principal, or nothing. */
export type RouteAccess = Permission | "authenticated" | "public";

declare module "fastify" {
  interface FastifyContextConfig {
    /** Every route declares it; a route without it is denied (see plugins/auth). */
    access?: RouteAccess;
    /** Cookie sessions that must change their password may still call these. */
    allowWhilePasswordChangeRequired?: boolean;
  }
}
