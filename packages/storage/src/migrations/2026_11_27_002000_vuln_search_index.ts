import { PostgresAdapter, sql } from "kysely";
import type { Kysely } from "kysely";

// Frozen once released: never edit, add a new migration. Kysely<any> on purpose (see 000300).
// Indexed substring search (`q`) over vuln_findings.search_text (issue 4: list p95 ≤ 100 ms at
// 10⁶ findings; a LIKE '%…%' scan took 0.2–1 s). ADR 0203.
//
// SQLite: an FTS5 trigram index with vuln_findings as its external content, keyed by the
// findings' rowid: the list tests "is this finding a match" on its sort index entries (which hold
// the rowid) without reading the finding rows. case_sensitive 1 because search_text is stored
// lower-cased and queries are lower-cased the same way: the index matches exactly what LIKE
// matched. Triggers keep it in sync with every writer (imports, state changes, asset deletes
// that cascade); an upsert that leaves search_text unchanged does not touch the index. The
// rowid of a table without INTEGER PRIMARY KEY is stable except across a rebuild of the table
// (VACUUM keeps it in SQLite 3.53, tested; a future migration that copies vuln_findings into a
// new table would not): after such a rebuild run
// `insert into vuln_findings_fts (vuln_findings_fts) values ('rebuild')`.
//
// PostgreSQL: a pg_trgm GIN index, which LIKE '%…%' uses as is. A role that may not create the
// extension gets no index and a warning: search keeps working, unindexed.
/* eslint-disable @typescript-eslint/no-explicit-any */
export async function up(db: Kysely<any>): Promise<void> {
  if (db.getExecutor().adapter instanceof PostgresAdapter) {
    if (await ensurePgTrgm(db)) {
      await sql`create index vuln_findings_search_trgm on vuln_findings
        using gin (search_text gin_trgm_ops)`.execute(db);
    }
    return;
  }
  await sql`create virtual table vuln_findings_fts using fts5(
    search_text, content = 'vuln_findings', content_rowid = 'rowid',
    tokenize = 'trigram case_sensitive 1'
  )`.execute(db);
  await sql`insert into vuln_findings_fts (vuln_findings_fts) values ('rebuild')`.execute(db);
  // Old entries are removed with FTS5's 'delete' command and the old text, which triggers have.
  await sql`create trigger vuln_findings_search_insert after insert on vuln_findings begin
    insert into vuln_findings_fts (rowid, search_text) values (new.rowid, new.search_text);
  end`.execute(db);
  await sql`create trigger vuln_findings_search_update after update of search_text on vuln_findings
  when old.search_text is not new.search_text begin
    insert into vuln_findings_fts (vuln_findings_fts, rowid, search_text)
      values ('delete', old.rowid, old.search_text);
    insert into vuln_findings_fts (rowid, search_text) values (new.rowid, new.search_text);
  end`.execute(db);
  await sql`create trigger vuln_findings_search_delete after delete on vuln_findings begin
    insert into vuln_findings_fts (vuln_findings_fts, rowid, search_text)
      values ('delete', old.rowid, old.search_text);
  end`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  if (db.getExecutor().adapter instanceof PostgresAdapter) {
    // The extension stays: it may predate this migration or serve other objects.
    await sql`drop index if exists vuln_findings_search_trgm`.execute(db);
    return;
  }
  await sql`drop trigger vuln_findings_search_insert`.execute(db);
  await sql`drop trigger vuln_findings_search_update`.execute(db);
  await sql`drop trigger vuln_findings_search_delete`.execute(db);
  await sql`drop table vuln_findings_fts`.execute(db);
}

/**
 * Whether pg_trgm is (now) installed. Creating it needs superuser or, as it is a trusted
 * extension, CREATE on the database; without either the attempt fails inside a savepoint (the
 * migration runs in a transaction, which an error would otherwise abort) and a warning says
 * what to do.
 */
async function ensurePgTrgm(db: Kysely<any>): Promise<boolean> {
  const installed = await sql`select 1 from pg_extension where extname = 'pg_trgm'`.execute(db);
  if (installed.rows.length > 0) return true;
  await sql`savepoint vuln_search_trgm`.execute(db);
  try {
    await sql`create extension if not exists pg_trgm`.execute(db);
    await sql`release savepoint vuln_search_trgm`.execute(db);
    return true;
  } catch (e) {
    await sql`rollback to savepoint vuln_search_trgm`.execute(db);
    process.emitWarning(
      `vulnerability search stays unindexed: cannot create the PostgreSQL extension pg_trgm ` +
        `(${(e as Error).message}). A superuser can run "create extension pg_trgm" and then ` +
        `"create index vuln_findings_search_trgm on vuln_findings using gin ` +
        `(search_text gin_trgm_ops)".`,
      { code: "INFRASEC_PG_TRGM_MISSING" },
    );
    return false;
  }
}
