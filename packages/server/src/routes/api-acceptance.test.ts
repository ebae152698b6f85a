import { afterEach, beforeEach, expect, it } from "vitest";
import { sql } from "kysely";
import { forEachDialect, type TestDatabase } from "@infrasec/storage/testing";
import { bearer, createTestServer, setCookie, type TestServer } from "../testing/test-server";

const newAsset = {
  key: "web-1",
  name: "web-1",
  kind: "host",
  criticality: 2,
  exposure: "internet_facing",
  identifiers: [{ type: "ip", value: "10.1.2.3" }],
};

forEachDialect(({ open }) => {
  let db: TestDatabase;
  let t: TestServer;
  beforeEach(async () => {
    db = await open();
    t = await createTestServer(db);
  });
  afterEach(async () => {
    await t.close();
    await db.cleanup();
  });

  it("401 without credentials, 200 for a viewer, 403 for a viewer's POST, 201 plus an audit event for an admin", async () => {
    const anon = await t.app.inject({ url: "/api/v1/assets" });
    expect(anon.statusCode).toBe(401);
    expect(anon.json()).toMatchObject({ error: { code: "unauthenticated" } });

    const viewer = await t.tokenFor("viewer");
    expect(
      (await t.app.inject({ url: "/api/v1/assets", headers: bearer(viewer) })).statusCode,
    ).toBe(200);
    const denied = await t.app.inject({
      method: "POST",
      url: "/api/v1/assets",
      headers: bearer(viewer),
      payload: newAsset,
    });
    expect(denied.statusCode).toBe(403);
    expect(denied.json()).toMatchObject({ error: { code: "forbidden" } });

    const admin = await t.tokenFor("admin");
    const created = await t.app.inject({
      method: "POST",
      url: "/api/v1/assets",
      headers: { ...bearer(admin), "x-request-id": "req-accept-1" },
      payload: newAsset,
    });
    expect(created.statusCode).toBe(201);
    const asset = created.json<{ id: string; identifiers: unknown[] }>();
    expect(asset.identifiers).toEqual([{ type: "ip", value: "10.1.2.3" }]);
    const events = await t.app.inject({
      url: `/api/v1/audit?action=asset.create`,
      headers: bearer(admin),
    });
    expect(events.json<{ items: unknown[] }>().items).toEqual([
      expect.objectContaining({
        action: "asset.create",
        targetId: asset.id,
        requestId: "req-accept-1",
        actorName: expect.stringMatching(/^admin-/),
      }),
    ]);
    const list = await t.app.inject({ url: "/api/v1/assets?q=web", headers: bearer(viewer) });
    expect(list.json()).toMatchObject({ total: 1, items: [{ key: "web-1" }] });
  });

  it("names the offending field for bad bodies and answers 413 for oversized ones", async () => {
    const admin = await t.tokenFor("admin");
    const post = (payload: string, type = "application/json") =>
      t.app.inject({
        method: "POST",
        url: "/api/v1/assets",
        headers: { ...bearer(admin), "content-type": type },
        payload,
      });
    const malformed = await post("{ nope");
    expect(malformed.statusCode).toBe(400);
    expect(malformed.json()).toMatchObject({ error: { code: "malformed_json" } });
    const unknown = await post(JSON.stringify({ ...newAsset, colour: "red" }));
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json()).toMatchObject({
      error: { code: "validation_failed", details: [{ path: "body.colour" }] },
    });
    const wrongType = await post(JSON.stringify({ ...newAsset, criticality: "high" }));
    expect(wrongType.json()).toMatchObject({ error: { details: [{ path: "body.criticality" }] } });
    const outOfRange = await post(JSON.stringify({ ...newAsset, criticality: 9 }));
    expect(outOfRange.json()).toMatchObject({ error: { details: [{ path: "body.criticality" }] } });
    const huge = await post(
      JSON.stringify({ ...newAsset, description: "x".repeat(2 * 1024 * 1024) }),
    );
    expect(huge.statusCode).toBe(413);
    expect(huge.json()).toMatchObject({ error: { code: "payload_too_large" } });
    const text = await post("hello", "text/plain");
    expect(text.statusCode).toBe(415);
    const badQuery = await t.app.inject({
      url: "/api/v1/assets?limit=100000",
      headers: bearer(admin),
    });
    expect(badQuery.json()).toMatchObject({ error: { details: [{ path: "query.limit" }] } });
    const dup = await post(JSON.stringify(newAsset));
    expect(dup.statusCode).toBe(201);
    expect((await post(JSON.stringify(newAsset))).statusCode).toBe(409);
    expect(
      (await t.app.inject({ url: "/api/v1/assets/not-a-uuid", headers: bearer(admin) })).statusCode,
    ).toBe(400);
    expect(
      (
        await t.app.inject({
          url: "/api/v1/assets/01a21478-fa76-73a1-8e25-2380d356a560",
          headers: bearer(admin),
        })
      ).statusCode,
    ).toBe(404);
  });

  it("signs in with a cookie, requires the CSRF token for changes, and signs out", async () => {
    await t.services.users.bootstrapAdmin(
      { actor: { kind: "system", userId: null, username: "system", role: "admin" } },
      "a-long-admin-password",
    );
    const { cookie, csrf } = await t.signIn("admin", "a-long-admin-password");
    expect(cookie).toMatch(/^infrasec_session=/);
    const session = await t.app.inject({ url: "/api/v1/auth/session", headers: { cookie } });
    expect(session.json()).toMatchObject({
      user: { username: "admin", role: "admin" },
      mustChangePassword: false,
    });
    const noCsrf = await t.app.inject({
      method: "POST",
      url: "/api/v1/assets",
      headers: { cookie },
      payload: newAsset,
    });
    expect(noCsrf.statusCode).toBe(403);
    expect(noCsrf.json()).toMatchObject({ error: { code: "csrf_failed" } });
    const withCsrf = await t.app.inject({
      method: "POST",
      url: "/api/v1/assets",
      headers: { cookie, "x-csrf-token": csrf },
      payload: newAsset,
    });
    expect(withCsrf.statusCode).toBe(201);
    const out = await t.app.inject({
      method: "POST",
      url: "/api/v1/auth/logout",
      headers: { cookie, "x-csrf-token": csrf },
    });
    expect(out.statusCode).toBe(204);
    expect(
      (await t.app.inject({ url: "/api/v1/auth/session", headers: { cookie } })).statusCode,
    ).toBe(401);
  });

  it("locks an account after five failures and forces a one-time password to be changed", async () => {
    const admin = await t.tokenFor("admin");
    const created = await t.app.inject({
      method: "POST",
      url: "/api/v1/users",
      headers: bearer(admin),
      payload: { username: "carol", role: "engineer" },
    });
    const { initialPassword } = created.json<{ initialPassword: string }>();
    expect(initialPassword).toMatch(/^[\w-]{23}$/);
    const login = (password: string) =>
      t.app.inject({
        method: "POST",
        url: "/api/v1/auth/login",
        payload: { username: "carol", password },
      });
    const first = await login(initialPassword);
    expect(first.json()).toMatchObject({ mustChangePassword: true });
    const cookie = setCookie(first);
    const csrf = first.json<{ csrfToken: string }>().csrfToken;
    expect((await t.app.inject({ url: "/api/v1/assets", headers: { cookie } })).statusCode).toBe(
      403,
    );
    const changed = await t.app.inject({
      method: "POST",
      url: "/api/v1/auth/password",
      headers: { cookie, "x-csrf-token": csrf },
      payload: { currentPassword: initialPassword, newPassword: "carol-new-password-1" },
    });
    expect(changed.statusCode).toBe(204);
    expect((await t.app.inject({ url: "/api/v1/assets", headers: { cookie } })).statusCode).toBe(
      200,
    );

    for (let i = 0; i < 4; i++) expect((await login("wrong-password")).statusCode).toBe(401);
    expect((await login("wrong-password")).statusCode).toBe(401);
    const locked = await login("carol-new-password-1");
    expect(locked.statusCode).toBe(423);
    expect(locked.json()).toMatchObject({ error: { code: "account_locked" } });
    t.clock.advance(16 * 60_000);
    expect((await login("carol-new-password-1")).statusCode).toBe(200);
    const audit = await t.app.inject({
      url: "/api/v1/audit?action=auth.lockout",
      headers: bearer(admin),
    });
    expect(audit.json<{ items: unknown[] }>().items).toHaveLength(1);
  });

  it("revokes and expires tokens, never stores or lists their secrets", async () => {
    const admin = await t.tokenFor("admin");
    const r = await t.app.inject({
      method: "POST",
      url: "/api/v1/tokens",
      headers: bearer(admin),
      payload: { name: "ci", expiresInDays: 1, scopes: ["assets:read"] },
    });
    expect(r.statusCode).toBe(201);
    const { token, secret } = r.json<{ token: { id: string; prefix: string }; secret: string }>();
    expect(secret.startsWith(token.prefix)).toBe(true);
    expect(
      (await t.app.inject({ url: "/api/v1/assets", headers: bearer(secret) })).statusCode,
    ).toBe(200);
    expect(
      (
        await t.app.inject({
          method: "POST",
          url: "/api/v1/assets",
          headers: bearer(secret),
          payload: newAsset,
        })
      ).statusCode,
    ).toBe(403);
    const listed = await t.app.inject({ url: "/api/v1/tokens", headers: bearer(admin) });
    expect(listed.body).not.toContain(secret);
    const stored = await sql<{
      n: number;
    }>`select count(*) as n from api_tokens where secret_hash = ${secret}`.execute(db.handle.db);
    expect(Number(stored.rows[0]!.n)).toBe(0);
    t.clock.advance(2 * 86_400_000);
    expect(
      (await t.app.inject({ url: "/api/v1/assets", headers: bearer(secret) })).statusCode,
    ).toBe(401);
    const other = await t.app.inject({
      method: "POST",
      url: "/api/v1/tokens",
      headers: bearer(admin),
      payload: { name: "x" },
    });
    const second = other.json<{ token: { id: string }; secret: string }>();
    expect(
      (
        await t.app.inject({
          method: "DELETE",
          url: `/api/v1/tokens/${second.token.id}`,
          headers: bearer(admin),
        })
      ).statusCode,
    ).toBe(200);
    expect(
      (await t.app.inject({ url: "/api/v1/assets", headers: bearer(second.secret) })).statusCode,
    ).toBe(401);
  });

  it("imports all or nothing, idempotently, and correlates identifiers", async () => {
    const admin = await t.tokenFor("admin");
    const bad =
      "assets:\n  - key: a\n    name: a\n    kind: host\n  - key: b\n    name: b\n    kind: spaceship\n";
    const rejected = await t.app.inject({
      method: "POST",
      url: "/api/v1/assets/import",
      headers: bearer(admin),
      payload: { format: "yaml", content: bad },
    });
    expect(rejected.statusCode).toBe(400);
    expect(rejected.json()).toMatchObject({
      error: { details: [{ line: 5, path: "assets[1].kind" }] },
    });
    expect(
      (await t.app.inject({ url: "/api/v1/assets", headers: bearer(admin) })).json(),
    ).toMatchObject({ total: 0 });

    const csv =
      "key,name,kind,criticality,identifiers,tags\nweb-1,Web 1,host,1,hostname:Web-1.Example.com.;ip:10.0.0.5,pci;edge\nimg,API image,container_image,2,image:registry.example.com/api:1.2,\n";
    const first = await t.app.inject({
      method: "POST",
      url: "/api/v1/assets/import",
      headers: bearer(admin),
      payload: { format: "csv", content: csv },
    });
    expect(first.json()).toEqual({ created: 2, updated: 0, unchanged: 0, total: 2 });
    const again = await t.app.inject({
      method: "POST",
      url: "/api/v1/assets/import",
      headers: bearer(admin),
      payload: { format: "csv", content: csv },
    });
    expect(again.json()).toEqual({ created: 0, updated: 0, unchanged: 2, total: 2 });
    const changed = await t.app.inject({
      method: "POST",
      url: "/api/v1/assets/import",
      headers: bearer(admin),
      payload: { format: "csv", content: csv.replace("Web 1", "Web One") },
    });
    expect(changed.json()).toEqual({ created: 0, updated: 1, unchanged: 1, total: 2 });

    const correlate = async (value: string) =>
      (
        await t.app.inject({
          url: `/api/v1/assets/correlate?value=${encodeURIComponent(value)}`,
          headers: bearer(admin),
        })
      ).json<{ asset: { key: string } | null; matchedBy: string }>();
    expect(await correlate("WEB-1.example.com")).toMatchObject({
      asset: { key: "web-1" },
      matchedBy: "hostname",
    });
    expect(await correlate("10.0.0.5")).toMatchObject({ asset: { key: "web-1" }, matchedBy: "ip" });
    expect(await correlate("registry.example.com/api:1.2")).toMatchObject({
      asset: { key: "img" },
      matchedBy: "image",
    });
    expect(await correlate("10.9.9.9")).toEqual({ asset: null, matchedBy: null });
    const history = await t.app.inject({ url: "/api/v1/assets?q=web", headers: bearer(admin) });
    const id = history.json<{ items: { id: string }[] }>().items[0]!.id;
    const h = await t.app.inject({ url: `/api/v1/assets/${id}/history`, headers: bearer(admin) });
    expect(h.json<{ items: { action: string }[] }>().items.map((e) => e.action)).toEqual([
      "asset.import",
      "asset.import",
    ]);
  });

  it("verifies the audit chain, names an edited event, and exports NDJSON and CSV", async () => {
    const admin = await t.tokenFor("admin");
    await t.app.inject({
      method: "POST",
      url: "/api/v1/assets",
      headers: bearer(admin),
      payload: newAsset,
    });
    const ok = await t.app.inject({ url: "/api/v1/audit/verify", headers: bearer(admin) });
    expect(ok.json()).toMatchObject({ ok: true, firstBroken: null });
    const ndjson = await t.app.inject({
      url: "/api/v1/audit/export?format=ndjson",
      headers: bearer(admin),
    });
    expect(ndjson.headers["content-type"]).toContain("ndjson");
    const lines = ndjson.body
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l) as { action: string });
    expect(lines.map((l) => l.action)).toContain("asset.create");
    const csv = await t.app.inject({
      url: "/api/v1/audit/export?format=csv&action=asset.create",
      headers: bearer(admin),
    });
    expect(csv.body.split("\n")[0]).toBe(
      "seq,id,at,actorName,action,targetType,targetId,requestId,summary,changes,hash",
    );
    expect(csv.body.trim().split("\n")).toHaveLength(2);

    await sql`update audit_events set summary = 'tampered' where action = 'asset.create'`.execute(
      db.handle.db,
    );
    const broken = await t.app.inject({ url: "/api/v1/audit/verify", headers: bearer(admin) });
    const seq = (
      await sql<{
        seq: number;
      }>`select seq from audit_events where action = 'asset.create'`.execute(db.handle.db)
    ).rows[0]!.seq;
    expect(broken.json()).toMatchObject({ ok: false, firstBroken: { seq: Number(seq) } });
  });

  it("serves health, readiness, OpenAPI and metrics", async () => {
    expect((await t.app.inject({ url: "/healthz" })).json()).toEqual({ status: "ok" });
    expect((await t.app.inject({ url: "/readyz" })).json()).toMatchObject({
      status: "ready",
      database: db.dialect,
    });
    const doc = await t.app.inject({ url: "/api/docs/json" });
    expect(doc.statusCode).toBe(200);
    expect(doc.json<{ paths: Record<string, unknown> }>().paths["/api/v1/assets"]).toBeDefined();
    expect((await t.app.inject({ url: "/metrics" })).statusCode).toBe(401);
    const admin = await t.tokenFor("admin");
    const metrics = await t.app.inject({ url: "/metrics", headers: bearer(admin) });
    expect(metrics.body).toContain("infrasec_http_requests_total");
    expect(
      (await t.app.inject({ url: "/api/v1/nothing-here", headers: bearer(admin) })).statusCode,
    ).toBe(404);
  });
});
