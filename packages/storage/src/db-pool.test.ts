import pg from "pg";
import { sql } from "kysely";
import { describe, expect, it } from "vitest";
import { openDatabase } from "./db";
import { POSTGRES_ADMIN_URL, postgresAvailable } from "./testing/dialects";

const pgReady = await postgresAvailable();

describe.skipIf(!pgReady)("PostgreSQL pool", () => {
  it("survives the server terminating an idle connection and reports it", async () => {
    const errors: Error[] = [];
    const handle = openDatabase({
      url: POSTGRES_ADMIN_URL,
      poolSize: 1,
      onIdleError: (e) => errors.push(e),
    });
    try {
      const first = await sql<{ pid: number }>`select pg_backend_pid() as pid`.execute(handle.db);
      const pid = first.rows[0]?.pid;
      expect(pid).toBeTypeOf("number");
      const admin = new pg.Client({ connectionString: POSTGRES_ADMIN_URL });
      await admin.connect();
      await admin.query("select pg_terminate_backend($1)", [pid]);
      await admin.end();
      // The idle client learns of the termination asynchronously.
      for (let i = 0; i < 50 && errors.length === 0; i++)
        await new Promise((r) => setTimeout(r, 20));
      expect(errors.length).toBe(1);
      const next = await sql<{ pid: number }>`select pg_backend_pid() as pid`.execute(handle.db);
      expect(next.rows[0]?.pid).not.toBe(pid);
    } finally {
      await handle.close();
    }
  });
});
