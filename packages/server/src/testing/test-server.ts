import type { FastifyInstance, LightMyRequestResponse } from "fastify";
import type { Permission, Role } from "@infrasec/core";
import { ManualClock, systemActor } from "@infrasec/core";
import { createServices, type Services } from "@infrasec/services";
import type { TestDatabase } from "@infrasec/storage/testing";
import { buildApp } from "../app";

export interface TestServer {
  app: FastifyInstance;
  services: Services;
  clock: ManualClock;
  /** Creates a user of the role and returns a bearer token for it (optionally scoped). */
  tokenFor(role: Role, scopes?: Permission[]): Promise<string>;
  /** Signs in through the API and returns the cookie header and CSRF token. */
  signIn(username: string, password: string): Promise<{ cookie: string; csrf: string }>;
  close(): Promise<void>;
}

let counter = 0;

/** A real app (all plugins, real routes) over a test database, driven with inject(). */
export async function createTestServer(
  db: TestDatabase,
  opts: { loginRateLimitPerMinute?: number } = {},
): Promise<TestServer> {
  const clock = new ManualClock("2026-11-25T12:00:00.000Z");
  const services = createServices({ store: db.store, clock });
  const app = await buildApp({
    services,
    config: {
      bodyLimitBytes: 1024 * 1024,
      trustProxy: false,
      loginRateLimitPerMinute: opts.loginRateLimitPerMinute ?? 1000,
    },
    logger: false,
  });
  await app.ready();
  const ctx = { actor: systemActor };
  return {
    app,
    services,
    clock,
    async tokenFor(role, scopes) {
      const { user } = await services.users.create(ctx, {
        username: `${role.replace("_", "-")}-${++counter}`,
        role,
        password: "correct horse battery",
      });
      const { secret } = await services.tokens.create(ctx, {
        name: "test",
        userId: user.id,
        scopes,
      });
      return secret;
    },
    async signIn(username, password) {
      const res = await app.inject({
        method: "POST",
        url: "/api/v1/auth/login",
        payload: { username, password },
      });
      if (res.statusCode !== 200) throw new Error(`sign-in failed: ${res.statusCode} ${res.body}`);
      const cookie = setCookie(res);
      return { cookie, csrf: res.json<{ csrfToken: string }>().csrfToken };
    },
    close: () => app.close(),
  };
}

export function setCookie(res: LightMyRequestResponse): string {
  const raw = res.headers["set-cookie"];
  const first = Array.isArray(raw) ? raw[0] : raw;
  return (first ?? "").split(";")[0] ?? "";
}

export const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
