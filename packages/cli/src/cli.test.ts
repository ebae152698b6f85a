import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { loadConfig, startServer } from "@infrasec/server";
import { cli } from "./testing-capture";

let dir: string;
let env: Record<string, string | undefined>;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "infrasec-cli-"));
  env = {
    INFRASEC_DATA_DIR: join(dir, "data"),
    DATABASE_URL: undefined,
    INFRASEC_SERVER: undefined,
    INFRASEC_TOKEN: undefined,
    INFRASEC_CLI_CONFIG: join(dir, "none.json"),
  };
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe("local mode", () => {
  it("creates users and tokens, imports and lists assets, verifies the audit log", async () => {
    const created = await cli(["users", "create", "alice", "--role", "viewer"], env);
    expect(created.code).toBe(0);
    expect(created.out).toMatch(/created human user alice \(viewer\)/);
    expect(created.out).toMatch(/one-time password \(shown once\): \S+/);

    const token = await cli(["tokens", "create", "--user", "alice", "--name", "ci"], env);
    expect(token.code).toBe(0);
    expect(token.out.trim()).toMatch(/^isk_[\w-]{40,}$/);
    const listed = await cli(["tokens", "list", "--json"], env);
    expect(JSON.parse(listed.out)).toEqual([
      expect.objectContaining({ name: "ci", username: "alice" }),
    ]);
    expect(listed.out).not.toContain(token.out.trim());

    const file = join(dir, "assets.yaml");
    writeFileSync(
      file,
      "- key: db-1\n  name: orders-db\n  kind: database\n  criticality: 1\n  identifiers:\n    - { type: hostname, value: orders-db-1 }\n",
    );
    expect((await cli(["assets", "import", file], env)).out).toContain("1 created");
    expect((await cli(["assets", "import", file], env)).out).toContain("1 unchanged");
    const list = await cli(["assets", "list", "--json", "--kind", "database"], env);
    expect(JSON.parse(list.out)).toMatchObject({
      total: 1,
      items: [{ key: "db-1", criticality: 1 }],
    });
    const show = await cli(["assets", "show", "orders-db-1"], env);
    expect(show.out).toMatch(/key\s+db-1/);

    const verify = await cli(["audit", "verify"], env);
    expect(verify).toMatchObject({ code: 0 });
    expect(verify.out).toMatch(/audit log intact: \d+ event/);
  });

  it("exits 1 naming the event when an audit row is edited in the database file", async () => {
    await cli(["users", "create", "bob", "--role", "auditor"], env);
    await cli(["users", "create", "eve", "--role", "viewer"], env);
    const sqlite = new Database(join(dir, "data", "infrasec.sqlite"));
    sqlite.prepare("update audit_events set actor_name = 'someone-else' where seq = 2").run();
    sqlite.close();
    const r = await cli(["audit", "verify"], env);
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/BROKEN at event 2 /);
    const j = await cli(["audit", "verify", "--json"], env);
    expect(JSON.parse(j.out)).toMatchObject({ ok: false, firstBroken: { seq: 2 } });
  });

  it("reports bad input with the line and exit code 2, and writes nothing", async () => {
    const file = join(dir, "bad.csv");
    writeFileSync(file, "key,name,kind,criticality\na,A,host,1\nb,B,host,7\n");
    const r = await cli(["assets", "import", file], env);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/bad\.csv: line 3: row 2\.criticality/);
    expect(JSON.parse((await cli(["assets", "list", "--json"], env)).out)).toMatchObject({
      total: 0,
    });
    expect((await cli(["users", "create", "x", "--role", "overlord"], env)).code).toBe(2);
    expect((await cli(["nonsense"], env)).code).toBe(2);
    expect((await cli(["--help"], env)).code).toBe(0);
    expect((await cli(["assets", "import", join(dir, "missing.yaml")], env)).code).toBe(2);
  });

  it("rejects a bad configuration value naming the setting", async () => {
    const r = await cli(["assets", "list"], { ...env, INFRASEC_PORT: "eighty" });
    expect(r.code).toBe(2);
    expect(r.err).toContain("INFRASEC_PORT");
    const u = await cli(["assets", "list"], { ...env, DATABASE_URL: "mysql://x" });
    expect(u.code).toBe(2);
    expect(u.err).toContain("DATABASE_URL");
    expect(() => loadConfig({ INFRASEC_SECURE_COOKIES: "maybe" }, dir)).toThrow(
      /INFRASEC_SECURE_COOKIES/,
    );
    writeFileSync(
      join(dir, "infrasec.config.json"),
      JSON.stringify({ port: 9090, colour: "blue" }),
    );
    expect(() => loadConfig({}, dir)).toThrow(/colour/);
    writeFileSync(join(dir, "infrasec.config.json"), JSON.stringify({ port: 9090 }));
    expect(loadConfig({}, dir).port).toBe(9090);
    expect(loadConfig({ INFRASEC_PORT: "7070" }, dir).port).toBe(7070);
  });
});

describe("server restart and remote mode", () => {
  it("keeps everything across a restart and serves the CLI remotely", async () => {
    const config = loadConfig(
      {
        INFRASEC_DATA_DIR: join(dir, "data"),
        INFRASEC_PORT: "0",
        INFRASEC_ADMIN_PASSWORD: "first-admin-password",
      },
      dir,
    );
    const first = await startServer(config, { logger: false });
    expect(first.initialAdminPassword).toBeNull();
    const base = first.url;
    const login = await fetch(`${base}/api/v1/auth/login`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ username: "admin", password: "first-admin-password" }),
    });
    expect(login.status).toBe(200);
    await first.close();

    const token = (
      await cli(["tokens", "create", "--user", "admin", "--name", "remote"], env)
    ).out.trim();
    const second = await startServer(
      { ...config, adminPassword: "another-password-ignored" },
      { logger: false },
    );
    try {
      const remote = { ...env, INFRASEC_TOKEN: token };
      const file = join(dir, "a.json");
      writeFileSync(
        file,
        JSON.stringify({
          assets: [
            { key: "edge-lb", name: "edge-lb", kind: "network", exposure: "internet_facing" },
          ],
        }),
      );
      const imported = await cli(["--server", second.url, "assets", "import", file], remote);
      expect(imported).toMatchObject({ code: 0 });
      const listed = await cli(["--server", second.url, "--json", "assets", "list"], remote);
      expect(JSON.parse(listed.out)).toMatchObject({ total: 1, items: [{ key: "edge-lb" }] });
      const stillAdmin = await fetch(`${second.url}/api/v1/auth/login`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ username: "admin", password: "first-admin-password" }),
      });
      expect(stillAdmin.status).toBe(200);
      const denied = await cli(["--server", second.url, "assets", "list"], {
        ...env,
        INFRASEC_TOKEN: "isk_wrong",
      });
      expect(denied.code).toBe(2);
      expect(denied.err).toMatch(/invalid, expired or revoked/);
      expect((await cli(["--server", second.url, "audit", "verify"], remote)).code).toBe(0);
    } finally {
      await second.close();
    }
  });
});
