import type { FastifyInstance, FastifyRequest } from "fastify";
import type { Actor } from "@infrasec/core";
import { can } from "@infrasec/core";
import type { Authenticated, Services } from "@infrasec/services";
import { safeEqualText } from "./safe-equal";
import { sendError } from "./error-handler";
import "../routes/route-access";

export const SESSION_COOKIE = "infrasec_session";

declare module "fastify" {
  interface FastifyRequest {
    auth: (Authenticated & { via: "session" | "token"; sessionSecret?: string }) | null;
  }
}

/** The actor of an authenticated request (routes run only after the auth hook allowed them). */
export function actorOf(req: FastifyRequest): Actor {
  if (!req.auth) throw new Error("route reached without authentication");
  return req.auth.actor;
}

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * Default deny: every request is authenticated (cookie session or bearer token) and authorized
 * against the access its route declares. A route that declares nothing is refused. Cookie
 * sessions must echo their CSRF token on every mutation; bearer tokens are immune to CSRF.
 */
export function registerAuth(app: FastifyInstance, services: Services): void {
  app.decorateRequest("auth", null);
  app.addHook("onRequest", async (req, reply) => {
    const config = req.routeOptions.config;
    const access = config.access;
    if (req.routeOptions.url === undefined) return; // 404 handler: nothing to protect
    if (access === undefined)
      return sendError(reply, req, "forbidden", "this route declares no permission and is denied");

    const header = req.headers.authorization;
    if (header) {
      const m = /^Bearer\s+(\S+)$/i.exec(header);
      const auth = m ? await services.auth.authenticateToken(m[1]!) : null;
      if (!auth)
        return sendError(
          reply,
          req,
          "unauthenticated",
          "the API token is invalid, expired or revoked",
        );
      req.auth = { ...auth, via: "token" };
    } else {
      const secret = req.cookies[SESSION_COOKIE];
      const auth = secret ? await services.auth.authenticateSession(secret) : null;
      if (auth) req.auth = { ...auth, via: "session", sessionSecret: secret };
    }
    if (access === "public") return;
    if (!req.auth)
      return sendError(
        reply,
        req,
        "unauthenticated",
        "sign in or send an API token (Authorization: Bearer …)",
      );
    if (req.auth.via === "session" && !SAFE_METHODS.has(req.method)) {
      const sent = req.headers["x-csrf-token"];
      if (
        typeof sent !== "string" ||
        !req.auth.csrfToken ||
        !safeEqualText(sent, req.auth.csrfToken)
      ) {
        return sendError(reply, req, "csrf_failed", "missing or wrong x-csrf-token header");
      }
    }
    if (
      req.auth.mustChangePassword &&
      req.auth.via === "session" &&
      !config.allowWhilePasswordChangeRequired
    ) {
      return sendError(
        reply,
        req,
        "forbidden",
        "change your one-time password first (POST /api/v1/auth/password)",
      );
    }
    if (access !== "authenticated" && !can(req.auth.actor, access)) {
      return sendError(reply, req, "forbidden", `this action needs the ${access} permission`);
    }
  });
}
