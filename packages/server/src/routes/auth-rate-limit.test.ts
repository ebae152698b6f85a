import { afterAll, beforeAll, expect, it } from "vitest";
import { openTestDatabase, type TestDatabase } from "@infrasec/storage/testing";
import { createTestServer, type TestServer } from "../testing/test-server";

let db: TestDatabase;
let t: TestServer;
beforeAll(async () => {
  db = await openTestDatabase("sqlite");
  t = await createTestServer(db, { loginRateLimitPerMinute: 3 });
});
afterAll(async () => {
  await t.close();
  await db.cleanup();
});

it("rate-limits sign-in attempts per client and answers 429 with an error code", async () => {
  const attempt = () =>
    t.app.inject({
      method: "POST",
      url: "/api/v1/auth/login",
      payload: { username: "nobody", password: "whatever-password" },
    });
  for (let i = 0; i < 3; i++) expect((await attempt()).statusCode).toBe(401);
  const limited = await attempt();
  expect(limited.statusCode).toBe(429);
  expect(limited.json()).toMatchObject({ error: { code: "rate_limited" } });
  // Other routes are not limited by the sign-in budget.
  expect((await t.app.inject({ url: "/healthz" })).statusCode).toBe(200);
});
