import { afterEach, beforeEach, expect, it, vi } from "vitest";
import SQLite from "better-sqlite3";
import { CompiledQuery, Kysely, PostgresDialect, SqliteDialect, sql } from "kysely";
import pg from "pg";
import { newId } from "@infrasec/core";
import { migrateToLatest, openDatabase } from "../db";
import type { Database } from "../schema/database";
import { createStore } from "../store";
import { POSTGRES_ADMIN_URL, forEachDialect, postgresAvailable } from "../testing/dialects";
import type { TestDatabase } from "../testing/dialects";
import * as searchIndex from "../migrations/2026_11_27_002000_vuln_search_index";
import { COUNT_CAP } from "./vulns-findings-list";
import { vulnsRepo } from "./vulns-repo";
import type { VulnFindingFilter } from "./vulns-repo";

/**
 * The text search is served by the trigram index (migration 002000): the queries the list and
 * the export run for `q` are EXPLAINed, so a query shape that bypasses the index fails here.
 * Also: a common term (more matches than the count cap) and PostgreSQL without pg_trgm.
 */
forEachDialect(({ dialect, open }) => {
  let t: TestDatabase;
  let assetId: string;
  const at = "2026-11-25T10:00:00.000Z";
  const filter = (q: string, more: Partial<VulnFindingFilter> = {}): VulnFindingFilter => ({
    q,
    openStatuses: ["detected"],
    ...more,
  });

  beforeEach(async () => {
    t = await open();
    assetId = newId();
    await t.store.assets.insert({
      id: assetId,
      key: "shop-api",
      name: "shop-api",
      kind: "service",
      description: "",
      ownerTeam: null,
      environment: "production",
      criticality: 3,
      exposure: "internal",
      dataClassification: "internal",
      tags: [],
      identifiers: [],
      createdAt: at,
      updatedAt: at,
    });
  });
  afterEach(async () => {
    await t.cleanup();
  });

  /** `n` findings written straight into the table (fast), package `pkg` for all. */
  async function rows(n: number, pkg: (i: number) => string): Promise<void> {
    const all = Array.from({ length: n }, (_, i) => {
      const vulnId = `CVE-2024-${String(100000 + i)}`;
      return {
        id: newId(),
        asset_id: assetId,
        identity_hash: `h${i}`,
        identity_version: "1",
        identity_fn: "package",
        identity_tuple: "[]",
        identity_basis: "",
        kind: "package",
        vuln_id: vulnId,
        aliases: "[]",
        package: pkg(i),
        fix_state: "unknown",
        severity: "high",
        severity_rank: 3,
        severity_source: "scanner",
        cwes: "[]",
        status: i % 2 ? "detected" : "resolved",
        scanner: "trivy",
        scope: "image",
        scanners: "[]",
        first_seen_at: at,
        last_seen_at: at,
        occurrences_hash: "",
        occurrence_count: 0,
        edited_fields: "[]",
        search_text: `${vulnId.toLowerCase()} ${pkg(i)}`,
        created_at: at,
        updated_at: at,
      };
    });
    for (let i = 0; i < all.length; i += 500) {
      await t.handle.db
        .insertInto("vuln_findings")
        .values(all.slice(i, i + 500))
        .execute();
    }
  }

  /** The SQL the list and an export page run for this filter, captured through a query log. */
  async function capturedQueries(f: VulnFindingFilter): Promise<CompiledQuery[]> {
    const out: CompiledQuery[] = [];
    const log = (e: { level: string; query: CompiledQuery }) => {
      if (e.level === "query") out.push(e.query);
    };
    const db =
      t.dialect === "sqlite"
        ? new Kysely<Database>({
            dialect: new SqliteDialect({ database: new SQLite(t.url.slice("sqlite:".length)) }),
            log,
          })
        : new Kysely<Database>({
            dialect: new PostgresDialect({
              pool: new pg.Pool({ connectionString: t.url, max: 1 }),
            }),
            log,
          });
    try {
      await vulnsRepo(db).list(f, "-severity", 50, 0);
      await vulnsRepo(db).states.exportPage(f, null, 50);
    } finally {
      await db.destroy();
    }
    return out.filter((q) => /search_text|vuln_findings_fts|json_each/.test(q.sql));
  }

  async function plan(q: CompiledQuery): Promise<string> {
    if (t.dialect === "sqlite") {
      const r = await t.handle.db.executeQuery<{ detail: string }>(
        CompiledQuery.raw(`explain query plan ${q.sql}`, [...q.parameters]),
      );
      return r.rows.map((x) => x.detail).join("\n");
    }
    // Sequential and plain index scans off: what is left for the LIKE is a bitmap scan of an
    // index that can serve it, i.e. the trigram index; without one the plan still scans.
    return t.handle.db.transaction().execute(async (trx) => {
      await sql`set local enable_seqscan = off`.execute(trx);
      await sql`set local enable_indexscan = off`.execute(trx);
      const r = await trx.executeQuery<{ "QUERY PLAN": string }>(
        CompiledQuery.raw(`explain ${q.sql}`, [...q.parameters]),
      );
      return r.rows.map((x) => x["QUERY PLAN"]).join("\n");
    });
  }

  const usesIndex =
    dialect === "sqlite"
      ? /SCAN vuln_findings_fts VIRTUAL TABLE INDEX \d+:M/
      : /Bitmap Index Scan on vuln_findings_search_trgm/;

  it("runs the list's count and page and the export page of a selective term on the index", async () => {
    await rows(300, (i) => (i % 100 === 7 ? "openssl" : `lib${i}`));
    const page = await t.store.vulns.list(filter("OPENSSL"), "-severity", 50, 0);
    expect(page.items.map((i) => i.package)).toEqual(["openssl", "openssl", "openssl"]);
    expect(page).toMatchObject({ total: 3, totalIsEstimate: false });

    const queries = await capturedQueries(filter("openssl"));
    const pageQueries = queries.filter((q) => /order by/i.test(q.sql));
    // The list page and the export page, after the term was looked up in the index.
    expect(pageQueries).toHaveLength(2);
    if (dialect === "postgres") {
      // The index count of the term and both pages: each a bitmap scan of the trigram index.
      expect(queries).toHaveLength(4);
      for (const q of queries) expect(await plan(q), q.sql).toMatch(usesIndex);
      return;
    }
    // SQLite: each lookup reads the FTS table; the pages then read the matched findings by
    // rowid (no LIKE over the table).
    const lookups = queries.filter((q) => q.sql.includes("vuln_findings_fts"));
    expect(lookups).toHaveLength(2);
    for (const q of lookups) expect(await plan(q), q.sql).toMatch(usesIndex);
    for (const q of pageQueries) {
      expect(q.sql).not.toMatch(/like/i);
      expect(await plan(q), q.sql).toMatch(/SEARCH f USING INTEGER PRIMARY KEY \(rowid=\?\)/);
    }
  });

  it("walks the sort index testing rowids when a term matches many of few findings", async () => {
    // 100 of 300 match: a page of 10 is met after ~30 index entries, cheaper than 100 lookups.
    await rows(300, (i) => (i % 3 === 0 ? "openssl" : `lib${i}`));
    const f = filter("openssl", { statuses: ["detected"] });
    const page = await t.store.vulns.list(f, "vulnId", 10, 0);
    expect(page.items.map((i) => i.vulnId)).toEqual(
      Array.from({ length: 10 }, (_, k) => `CVE-2024-${100003 + 6 * k}`),
    );
    expect(page).toMatchObject({ total: 50, totalIsEstimate: false });
    if (dialect === "sqlite") {
      const queries = await capturedQueries(filter("openssl"));
      const [listPage] = queries.filter((q) => /order by/i.test(q.sql));
      expect(listPage!.sql).toContain("+f.rowid in");
      const p = await plan(listPage!);
      expect(p).toMatch(/SCAN f USING INDEX vuln_findings_rank_due/);
      expect(p).not.toMatch(/USE TEMP B-TREE FOR ORDER BY/);
    }
  });

  it("walks the sort index for a term with more matches than the cap, total an estimate", async () => {
    await rows(COUNT_CAP + 20, (i) => (i % 1000 === 1 ? "openssl" : "zlib"));
    const common = await t.store.vulns.list(filter("ZLIB"), "-severity", 5, 0);
    expect(common.items).toHaveLength(5);
    expect(common.items.every((i) => i.package === "zlib")).toBe(true);
    expect(common).toMatchObject({ total: COUNT_CAP, totalIsEstimate: true });
    // With another filter the count is the bounded scan's (all rows fit in it here: exact):
    // 5,010 detected, 11 of them openssl.
    const open = await t.store.vulns.list(
      filter("zlib", { statuses: ["detected"] }),
      "-severity",
      5,
      0,
    );
    expect(open).toMatchObject({ total: 4999, totalIsEstimate: false });
    const rare = await t.store.vulns.list(filter("openss"), "-severity", 50, 0);
    expect(rare).toMatchObject({ total: 11, totalIsEstimate: false });
    const exported = await t.store.vulns.states.exportPage(filter("zlib"), null, 20);
    expect(exported).toHaveLength(20);
  });

  it("down removes the index and its triggers; up indexes the findings already stored", async () => {
    const indexObjects = async () =>
      dialect === "sqlite"
        ? (
            await sql<{ name: string }>`select name from sqlite_master
              where name like 'vuln_finding%search%' or name like 'vuln_findings_fts%'
              order by name`.execute(t.handle.db)
          ).rows.map((r) => r.name)
        : (
            await sql<{ name: string }>`select indexname as name from pg_indexes
              where indexname = 'vuln_findings_search_trgm'`.execute(t.handle.db)
          ).rows.map((r) => r.name);
    expect(await indexObjects()).not.toEqual([]);
    await searchIndex.down(t.handle.db);
    expect(await indexObjects()).toEqual([]);
    // Writes work without it; so does search on PostgreSQL, where a database without the index
    // is a supported state (no pg_trgm), with LIKE.
    await rows(20, (i) => (i === 3 ? "openssl" : `lib${i}`));
    if (dialect === "postgres") {
      expect((await t.store.vulns.list(filter("penss"), "-severity", 50, 0)).total).toBe(1);
    }
    await searchIndex.up(t.handle.db);
    expect(await indexObjects()).not.toEqual([]);
    const page = await t.store.vulns.list(filter("penss"), "-severity", 50, 0);
    expect(page.items.map((i) => i.package)).toEqual(["openssl"]);
    if (dialect === "sqlite") {
      const indexed = await sql<{ n: number }>`select count(*) as n from vuln_findings_fts
        where vuln_findings_fts match '"lib1"'`.execute(t.handle.db);
      expect(Number(indexed.rows[0]!.n)).toBe(11); // lib1, lib10 … lib19
    }
  });
});

const pgReady = await postgresAvailable();

it.skipIf(!pgReady)(
  "[postgres] without the right to create pg_trgm: migrates with a warning, searches unindexed",
  async () => {
    const suffix = `${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`;
    const name = `infrasec_t_nx_${suffix}`;
    const role = `infrasec_nx_${suffix}`;
    const admin = new pg.Client({ connectionString: POSTGRES_ADMIN_URL });
    await admin.connect();
    await admin.query(`create role ${role} login`);
    await admin.query(`create database ${name}`);
    const u = new URL(POSTGRES_ADMIN_URL);
    u.pathname = `/${name}`;
    const inDb = new pg.Client({ connectionString: u.toString() });
    await inDb.connect();
    // Tables yes (CREATE on the schema), extensions no (no CREATE on the database).
    await inDb.query(`grant usage, create on schema public to ${role}`);
    await inDb.end();
    u.username = role;
    const warn = vi.spyOn(process, "emitWarning").mockImplementation(() => undefined);
    const handle = openDatabase({ url: u.toString(), poolSize: 2 });
    try {
      await migrateToLatest(handle.db);
      expect(warn).toHaveBeenCalledWith(
        expect.stringContaining("pg_trgm"),
        expect.objectContaining({ code: "INFRASEC_PG_TRGM_MISSING" }),
      );
      const idx =
        await sql`select 1 from pg_indexes where indexname = 'vuln_findings_search_trgm'`.execute(
          handle.db,
        );
      expect(idx.rows).toHaveLength(0);

      const store = createStore(handle);
      const assetId = newId();
      await store.assets.insert({
        id: assetId,
        key: "a",
        name: "a",
        kind: "service",
        description: "",
        ownerTeam: null,
        environment: "production",
        criticality: 1,
        exposure: "internal",
        dataClassification: "internal",
        tags: [],
        identifiers: [],
        createdAt: "2026-11-25T10:00:00.000Z",
        updatedAt: "2026-11-25T10:00:00.000Z",
      });
      const base = { asset_id: assetId, identity_version: "1", identity_fn: "p" };
      await handle.db
        .insertInto("vuln_findings")
        .values(
          ["openssl", "zlib"].map((p, i) => ({
            ...base,
            id: newId(),
            identity_hash: `h${i}`,
            identity_tuple: "[]",
            identity_basis: "",
            kind: "package",
            vuln_id: `CVE-2024-000${i}`,
            aliases: "[]",
            package: p,
            fix_state: "unknown",
            severity: "low",
            severity_rank: 1,
            severity_source: "scanner",
            cwes: "[]",
            status: "detected",
            scanner: "trivy",
            scope: "image",
            scanners: "[]",
            first_seen_at: "2026-11-25T10:00:00.000Z",
            last_seen_at: "2026-11-25T10:00:00.000Z",
            occurrences_hash: "",
            occurrence_count: 0,
            edited_fields: "[]",
            search_text: `cve-2024-000${i} ${p}`,
            created_at: "2026-11-25T10:00:00.000Z",
            updated_at: "2026-11-25T10:00:00.000Z",
          })),
        )
        .execute();
      const page = await store.vulns.list(
        { q: "PENSS", openStatuses: ["detected"] },
        "-severity",
        10,
        0,
      );
      expect(page.items.map((i) => i.package)).toEqual(["openssl"]);
      expect(page).toMatchObject({ total: 1, totalIsEstimate: false });
    } finally {
      warn.mockRestore();
      await handle.close();
      await admin.query(`drop database if exists ${name} with (force)`);
      await admin.query(`drop role if exists ${role}`);
      await admin.end();
    }
  },
);
