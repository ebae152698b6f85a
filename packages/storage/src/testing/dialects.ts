import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { describe } from "vitest";
import { migrateToLatest, openDatabase } from "../db";
import type { DatabaseHandle, Dialect } from "../db";
import { createStore } from "../store";
import type { Store } from "../store";

/**
 * Runs a suite on SQLite and on PostgreSQL. Each `open()` gives a fresh, migrated database
 * (a temp SQLite file, or a new PostgreSQL database dropped at cleanup). Without a reachable
 * PostgreSQL the PostgreSQL half is reported as skipped, except in CI (CI=true), where a missing
 * PostgreSQL is an error: CI must test both dialects.
 */
export const POSTGRES_ADMIN_URL =
  process.env.INFRASEC_TEST_POSTGRES_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";

export interface TestDatabase {
  dialect: Dialect;
  handle: DatabaseHandle;
  store: Store;
  /** DATABASE_URL for a child process: `sqlite:/path` or `postgres://…`. */
  url: string;
  cleanup(): Promise<void>;
}

async function probePostgres(): Promise<boolean> {
  const client = new pg.Client({
    connectionString: POSTGRES_ADMIN_URL,
    connectionTimeoutMillis: 2000,
  });
  try {
    await client.connect();
    await client.query("select 1");
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

let probed: Promise<boolean> | undefined;
/** Whether PostgreSQL answers; throws in CI when it does not. Probed once per worker. */
export async function postgresAvailable(): Promise<boolean> {
  probed ??= probePostgres();
  const ok = await probed;
  if (!ok && process.env.CI === "true") {
    throw new Error(`PostgreSQL is required in CI but ${POSTGRES_ADMIN_URL} does not answer`);
  }
  return ok;
}

const pgReady = await postgresAvailable();

/** Opens a fresh migrated database of the given dialect. */
export async function openTestDatabase(dialect: Dialect): Promise<TestDatabase> {
  if (dialect === "sqlite") {
    const dir = mkdtempSync(join(tmpdir(), "infrasec-test-"));
    const path = join(dir, "test.sqlite");
    const handle = openDatabase({ sqlitePath: path });
    await migrateToLatest(handle.db);
    return {
      dialect,
      handle,
      store: createStore(handle),
      url: `sqlite:${path}`,
      async cleanup() {
        await handle.close();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  }
  const name = `infrasec_t_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`;
  const admin = new pg.Client({ connectionString: POSTGRES_ADMIN_URL });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const u = new URL(POSTGRES_ADMIN_URL);
  u.pathname = `/${name}`;
  const url = u.toString();
  // Cleanup force-drops the database; a pooled connection still closing at that moment is
  // terminated by the server (57P01), which the pool reports on its idle-error hook: expected.
  const handle = openDatabase({ url, poolSize: 4, onIdleError: () => undefined });
  await migrateToLatest(handle.db);
  return {
    dialect,
    handle,
    store: createStore(handle),
    url,
    async cleanup() {
      await handle.close();
      const c = new pg.Client({ connectionString: POSTGRES_ADMIN_URL });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    },
  };
}

/** Declares the suite once per dialect: `[sqlite] …` and `[postgres] …`. */
export function forEachDialect(
  suite: (ctx: { dialect: Dialect; open: () => Promise<TestDatabase> }) => void,
): void {
  for (const dialect of ["sqlite", "postgres"] as const) {
    describe.skipIf(dialect === "postgres" && !pgReady)(`[${dialect}]`, () => {
      suite({ dialect, open: () => openTestDatabase(dialect) });
    });
  }
}
