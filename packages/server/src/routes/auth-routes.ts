import type { FastifyInstance } from "fastify";
import { api } from "@infrasec/contracts";
import { AppError } from "@infrasec/core";
import type { Services } from "@infrasec/services";
import { SESSION_COOKIE } from "../plugins/auth";
import { mount } from "./mount";

export interface AuthRouteOptions {
  secureCookies: boolean;
  loginRateLimitPerMinute: number;
  sessionIdleHours: number;
}

export function authRoutes(app: FastifyInstance, services: Services, opts: AuthRouteOptions): void {
  mount(
    app,
    api.auth.login,
    async ({ body, req, reply }) => {
      const { sessionSecret, session } = await services.auth.login(
        body.username,
        body.password,
        req.id,
      );
      reply.setCookie(SESSION_COOKIE, sessionSecret, {
        httpOnly: true,
        sameSite: "strict",
        secure: opts.secureCookies,
        path: "/",
        maxAge: opts.sessionIdleHours * 3600,
      });
      return session;
    },
    { rateLimit: { max: opts.loginRateLimitPerMinute, timeWindow: "1 minute" } },
  );

  mount(
    app,
    api.auth.logout,
    async ({ ctx, req, reply }) => {
      if (req.auth?.sessionSecret) await services.auth.logout(ctx, req.auth.sessionSecret);
      reply.clearCookie(SESSION_COOKIE, { path: "/" });
    },
    { allowWhilePasswordChangeRequired: true },
  );

  mount(
    app,
    api.auth.session,
    async ({ req }) => {
      if (!req.auth) throw new AppError("unauthenticated", "not signed in");
      return services.auth.sessionInfo(req.auth);
    },
    { allowWhilePasswordChangeRequired: true },
  );

  mount(
    app,
    api.auth.changePassword,
    async ({ ctx, body }) => {
      await services.auth.changePassword(ctx, body.currentPassword, body.newPassword);
    },
    {
      allowWhilePasswordChangeRequired: true,
      rateLimit: { max: opts.loginRateLimitPerMinute, timeWindow: "1 minute" },
    },
  );
}
