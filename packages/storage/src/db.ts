import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import SQLite from "better-sqlite3";
import { Kysely, Migrator, PostgresDialect, SqliteDialect } from "kysely";
import type { Migration, MigrationProvider } from "kysely";
import pg from "pg";
import { AppError } from "@infrasec/core";
import { migrations } from "./migrations/index";
import type { Database } from "./schema/database";

export type Dialect = "sqlite" | "postgres";

export interface DatabaseHandle {
  db: Kysely<Database>;
  dialect: Dialect;
  /** Where the data lives, for logs: the SQLite file or the PostgreSQL URL without password. */
  location: string;
  close(): Promise<void>;
}

export interface DatabaseOptions {
  /** `postgres://…` selects PostgreSQL; otherwise SQLite at `sqlitePath`. */
  url?: string;
  sqlitePath?: string;
  /** PostgreSQL pool size. */
  poolSize?: number;
  /** Told when an idle PostgreSQL connection fails (it is dropped from the pool either way). */
  onIdleError?: (err: Error) => void;
}

/** Opens the database: SQLite (WAL, foreign keys on) by default, PostgreSQL for a postgres URL. */
export function openDatabase(opts: DatabaseOptions): DatabaseHandle {
  const url = opts.url ?? "";
  if (/^postgres(ql)?:\/\//.test(url)) {
    // Integers of int8 columns (count(*)) come back as strings; counts here fit in a double.
    pg.types.setTypeParser(20, (v: string) => Number(v));
    const pool = new pg.Pool({ connectionString: url, max: opts.poolSize ?? 10 });
    // An idle pooled connection that the server terminates (restart, failover, an admin's
    // pg_terminate_backend) is reported as an 'error' event on the pool; without a listener Node
    // treats it as unhandled and the whole process dies. The pool already discards that client
    // and the next query opens a new one, so a warning is all this deserves.
    pool.on("error", (err) => {
      opts.onIdleError?.(err);
    });
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
    return { db, dialect: "postgres", location: redactUrl(url), close: () => db.destroy() };
  }
  if (url && !url.startsWith("sqlite:")) {
    throw new AppError(
      "config_invalid",
      `DATABASE_URL must start with postgres:// or sqlite: (got "${redactUrl(url)}")`,
    );
  }
  const path = url.startsWith("sqlite:")
    ? url.slice("sqlite:".length)
    : (opts.sqlitePath ?? ":memory:");
  if (path !== ":memory:") mkdirSync(dirname(path), { recursive: true });
  const sqlite = new SQLite(path);
  sqlite.pragma("journal_mode = WAL");
  sqlite.pragma("foreign_keys = ON");
  sqlite.pragma("busy_timeout = 5000");
  sqlite.pragma("synchronous = NORMAL");
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: sqlite }) });
  return { db, dialect: "sqlite", location: path, close: () => db.destroy() };
}

function redactUrl(url: string): string {
  return url.replace(/\/\/([^:@/]+):[^@/]*@/, "//$1:***@");
}

const provider: MigrationProvider = {
  getMigrations: (): Promise<Record<string, Migration>> => Promise.resolve(migrations),
};

/** Applies pending migrations; returns the names applied. Throws with the failing name. */
export async function migrateToLatest(db: Kysely<Database>): Promise<string[]> {
  const migrator = new Migrator({ db, provider });
  const { error, results } = await migrator.migrateToLatest();
  const failed = results?.find((r) => r.status === "Error");
  if (error) {
    throw new AppError(
      "internal",
      `migration ${failed?.migrationName ?? "?"} failed: ${error instanceof Error ? error.message : JSON.stringify(error)}`,
      [],
      {
        cause: error,
      },
    );
  }
  return (results ?? []).filter((r) => r.status === "Success").map((r) => r.migrationName);
}

/** Names of applied and pending migrations, for `infrasec db status`. */
export async function migrationStatus(
  db: Kysely<Database>,
): Promise<{ name: string; applied: boolean }[]> {
  const migrator = new Migrator({ db, provider });
  const all = await migrator.getMigrations();
  return all.map((m) => ({ name: m.name, applied: m.executedAt !== undefined }));
}
