import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConfig, startServer } from "@infrasec/server";
import { openTestDatabase, postgresAvailable, type TestDatabase } from "@infrasec/storage/testing";
import { cli } from "./testing-capture";

const pgUp = await postgresAvailable();

describe.skipIf(!pgUp)("[postgres] CLI and server with DATABASE_URL", () => {
  let db: TestDatabase;
  let dir: string;
  let env: Record<string, string | undefined>;
  beforeAll(async () => {
    db = await openTestDatabase("postgres");
    dir = mkdtempSync(join(tmpdir(), "infrasec-cli-pg-"));
    env = {
      DATABASE_URL: db.url,
      INFRASEC_DATA_DIR: join(dir, "unused"),
      INFRASEC_SERVER: undefined,
      INFRASEC_TOKEN: undefined,
      INFRASEC_CLI_CONFIG: join(dir, "none.json"),
    };
  });
  afterAll(async () => {
    await db.cleanup();
    rmSync(dir, { recursive: true, force: true });
  });

  it("holds the acceptance points on PostgreSQL", async () => {
    expect((await cli(["users", "create", "alice", "--role", "viewer"], env)).code).toBe(0);
    const viewerToken = (
      await cli(["tokens", "create", "--user", "alice", "--name", "ci"], env)
    ).out.trim();
    const config = loadConfig(
      {
        ...env,
        INFRASEC_PORT: "0",
        INFRASEC_ADMIN_PASSWORD: "postgres-admin-password",
      },
      dir,
    );
    const server = await startServer(config, { logger: false });
    try {
      expect((await fetch(`${server.url}/api/v1/assets`)).status).toBe(401);
      const auth = { authorization: `Bearer ${viewerToken}`, "content-type": "application/json" };
      expect((await fetch(`${server.url}/api/v1/assets`, { headers: auth })).status).toBe(200);
      const body = JSON.stringify({ key: "pg-host", name: "pg-host", kind: "host" });
      expect(
        (await fetch(`${server.url}/api/v1/assets`, { method: "POST", headers: auth, body }))
          .status,
      ).toBe(403);
      const ready = await fetch(`${server.url}/readyz`);
      expect(await ready.json()).toMatchObject({ database: "postgres" });
    } finally {
      await server.close();
    }
    const file = join(dir, "a.yaml");
    writeFileSync(file, "- { key: pg-host, name: pg-host, kind: host }\n");
    expect((await cli(["assets", "import", file], env)).out).toContain("1 created");
    expect((await cli(["audit", "verify"], env)).code).toBe(0);

    const client = new pg.Client({ connectionString: db.url });
    await client.connect();
    await client.query("update audit_events set summary = 'edited' where seq = 3");
    await client.end();
    const broken = await cli(["audit", "verify"], env);
    expect(broken.code).toBe(1);
    expect(broken.out).toMatch(/BROKEN at event 3 /);
  });
});
