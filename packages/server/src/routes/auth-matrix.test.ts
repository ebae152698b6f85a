import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ROLES, ROLE_PERMISSIONS, type Permission } from "@infrasec/core";
import { openTestDatabase, type TestDatabase } from "@infrasec/storage/testing";
import { bearer, createTestServer, type TestServer } from "../testing/test-server";

/**
 * Generated from the app's own route table: every registered route, whatever registered it,
 * answers 401 without credentials and 403 to a principal without its permission. A route that
 * declares no permission is denied to everyone, admins included.
 */
let db: TestDatabase;
let t: TestServer;
const UUID = "01a21478-fa76-73a1-8e25-2380d356a560";
const concrete = (url: string) => url.replace(/:[A-Za-z]+/g, UUID).replace(/\*$/, "x");

beforeAll(async () => {
  db = await openTestDatabase("sqlite");
  t = await createTestServer(db);
});
afterAll(async () => {
  await t.close();
  await db.cleanup();
});

describe("route table", () => {
  it("has the API's routes and none without a declared access, outside the docs", () => {
    const undeclared = t.app.routeTable.filter(
      (r) => r.access === undefined && !r.url.startsWith("/api/docs"),
    );
    expect(undeclared).toEqual([]);
    expect(t.app.routeTable.filter((r) => r.url.startsWith("/api/v1/")).length).toBeGreaterThan(25);
  });
});

describe("every protected route", () => {
  it("answers 401 without credentials", async () => {
    const routes = t.app.routeTable.filter(
      (r) => r.access !== "public" && !r.url.startsWith("/api/docs"),
    );
    expect(routes.length).toBeGreaterThan(25);
    for (const r of routes) {
      const res = await t.app.inject({
        method: r.method as "GET",
        url: concrete(r.url),
        payload: r.method === "GET" || r.method === "DELETE" ? undefined : {},
      });
      expect.soft(res.statusCode, `${r.method} ${r.url}`).toBe(401);
      expect
        .soft(res.json<{ error: { code: string } }>().error.code, `${r.method} ${r.url}`)
        .toBe("unauthenticated");
    }
  });

  it("answers 401 to a wrong, revoked or expired token", async () => {
    expect(
      (await t.app.inject({ url: "/api/v1/assets", headers: bearer("isk_nope") })).statusCode,
    ).toBe(401);
    expect(
      (await t.app.inject({ url: "/api/v1/assets", headers: { authorization: "Basic abc" } }))
        .statusCode,
    ).toBe(401);
  });

  it("answers 403 to a role without the permission", async () => {
    const routes = t.app.routeTable.filter(
      (r) => r.access && !["public", "authenticated"].includes(r.access),
    );
    const tokens = new Map<string, string>();
    for (const role of ROLES) tokens.set(role, await t.tokenFor(role));
    let checked = 0;
    for (const r of routes) {
      const perm = r.access as Permission;
      for (const role of ROLES.filter((x) => !ROLE_PERMISSIONS[x].includes(perm))) {
        const res = await t.app.inject({
          method: r.method as "GET",
          url: concrete(r.url),
          headers: bearer(tokens.get(role)!),
          payload: r.method === "GET" || r.method === "DELETE" ? undefined : {},
        });
        expect.soft(res.statusCode, `${role} ${r.method} ${r.url}`).toBe(403);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(50);
  });

  it("answers 403 to a token whose scopes leave the permission out, even an admin's", async () => {
    const scoped = await t.tokenFor("admin", ["alerts:read"]);
    const routes = t.app.routeTable.filter(
      (r) => r.access && !["public", "authenticated", "alerts:read"].includes(r.access),
    );
    for (const r of routes) {
      const res = await t.app.inject({
        method: r.method as "GET",
        url: concrete(r.url),
        headers: bearer(scoped),
        payload: r.method === "GET" || r.method === "DELETE" ? undefined : {},
      });
      expect.soft(res.statusCode, `${r.method} ${r.url}`).toBe(403);
    }
  });

  it("denies a route that declares no access even to an admin", async () => {
    const { buildApp } = await import("../app");
    const app = await buildApp({
      services: t.services,
      config: { bodyLimitBytes: 1024, trustProxy: false, loginRateLimitPerMinute: 10 },
      logger: false,
    });
    app.get("/api/v1/forgotten", () => ({ secret: true }));
    await app.ready();
    const admin = await t.tokenFor("admin");
    const res = await app.inject({ url: "/api/v1/forgotten", headers: bearer(admin) });
    expect(res.statusCode).toBe(403);
    await app.close();
  });
});
