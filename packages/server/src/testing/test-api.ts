import type { Role } from "@infrasec/core";
import { systemActor } from "@infrasec/core";
import { bearer, type TestServer } from "./test-server";

export type HttpMethod = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";

/** Creates a user with the role and returns a bearer token of theirs. */
export async function tokenFor(t: TestServer, role: Role, username: string): Promise<string> {
  const ctx = { actor: systemActor };
  const { user } = await t.services.users.create(ctx, {
    username,
    role,
    password: "correct horse battery",
  });
  return (await t.services.tokens.create(ctx, { name: "test", userId: user.id })).secret;
}

/** One request through the real app with a bearer token: status and parsed body. */
export async function injectCall<T = unknown>(
  t: TestServer,
  token: string,
  method: HttpMethod,
  url: string,
  payload?: unknown,
): Promise<{ status: number; body: T }> {
  const res = await t.app.inject({
    method,
    url,
    headers: bearer(token),
    ...(payload !== undefined ? { payload: payload as object } : {}),
  });
  return { status: res.statusCode, body: (res.body ? res.json() : undefined) as T };
}

/** Like injectCall, but a status of 300 or more fails the test with the answer's body. */
export async function injectOk<T = unknown>(
  t: TestServer,
  token: string,
  method: HttpMethod,
  url: string,
  payload?: unknown,
): Promise<T> {
  const r = await injectCall<T>(t, token, method, url, payload);
  if (r.status >= 300) throw new Error(`${method} ${url} → ${r.status} ${JSON.stringify(r.body)}`);
  return r.body;
}
