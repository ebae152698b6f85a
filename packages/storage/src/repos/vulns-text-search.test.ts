import { afterEach, beforeEach, expect, it } from "vitest";
import { sql } from "kysely";
import { newId } from "@infrasec/core";
import { forEachDialect, type TestDatabase } from "../testing/dialects";
import type { VulnFindingFilter, VulnFindingRecord } from "./vulns-repo";

/**
 * Substring search `q` over findings (migration 002000, ADR 0203) on both dialects: the
 * semantics of LIKE '%q%' on the lower-cased search text, served by the trigram index, in the
 * findings list and in export pages (one filter builder).
 */
forEachDialect(({ open }) => {
  let t: TestDatabase;
  let assetId: string;
  const at = "2026-11-25T10:00:00.000Z";
  const open_ = ["detected", "confirmed", "in_progress"];

  beforeEach(async () => {
    t = await open();
    assetId = await asset("shop-api");
  });
  afterEach(async () => {
    await t.cleanup();
  });

  async function asset(key: string): Promise<string> {
    const id = newId();
    await t.store.assets.insert({
      id,
      key,
      name: key,
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
    return id;
  }

  function finding(
    vulnId: string,
    p: { pkg?: string; title?: string; aliases?: string[]; asset?: string } = {},
  ): VulnFindingRecord {
    return {
      id: newId(),
      assetId: p.asset ?? assetId,
      identityHash: newId(),
      identityVersion: "1",
      identityFn: "package",
      identityTuple: [],
      identityBasis: "",
      kind: "package",
      vulnId,
      aliases: p.aliases ?? [],
      title: p.title ?? null,
      package: p.pkg ?? null,
      purl: null,
      version: "1.0.0",
      fixedVersion: null,
      fixState: "unknown",
      severity: "high",
      severitySource: "scanner",
      scannerSeverity: "high",
      cvssScore: null,
      cvssVector: null,
      cwes: [],
      status: "detected",
      dismissalReason: null,
      resolution: null,
      resolvedAt: null,
      scanner: "trivy",
      scope: "image",
      coverageTarget: null,
      coverageClass: null,
      scanners: ["trivy"],
      firstSeenAt: at,
      lastSeenAt: at,
      firstJobId: null,
      lastJobId: null,
      slaPolicy: null,
      slaDueAt: null,
      occurrencesHash: "",
      occurrenceCount: 0,
      editedFields: [],
      createdAt: at,
      updatedAt: at,
    };
  }

  const filter = (q: string, more: Partial<VulnFindingFilter> = {}): VulnFindingFilter => ({
    q,
    openStatuses: open_,
    ...more,
  });
  /** The vulnerability ids the list finds for `q`, sorted, with the list's total. */
  async function search(q: string, more: Partial<VulnFindingFilter> = {}) {
    const page = await t.store.vulns.list(filter(q, more), "vulnId", 100, 0);
    return { ids: page.items.map((i) => i.vulnId).sort(), total: page.total };
  }
  /** The same search through the export pages (keyset, two rows a page). */
  async function exported(q: string): Promise<string[]> {
    const out: string[] = [];
    let after: string | null = null;
    for (;;) {
      const rows = await t.store.vulns.states.exportPage(filter(q), after, 2);
      out.push(...rows.map((r) => r.vulnId));
      if (rows.length < 2) return out.sort();
      after = rows[rows.length - 1]!.id;
    }
  }

  async function seedCorpus(): Promise<void> {
    await t.store.vulns.insertMany([
      finding("CVE-2024-0001", { pkg: "openssl", title: "OpenSSL: Buffer Overflow in X509" }),
      finding("CVE-2024-0002", { pkg: "libssl-dev", title: "TLS renegotiation" }),
      finding("CVE-2024-0003", { pkg: "zlib", title: "inflate 100% CPU" }),
      finding("CVE-2024-0004", { pkg: "glib_c", title: "path a\\b handling" }),
      finding("GHSA-aaaa-bbbb-cccc", { pkg: "lodash", aliases: ["CVE-2021-23337"] }),
      finding("CVE-2024-0005", { pkg: "Ünïcode-Pkg", title: "ÄÖÜ handling" }),
    ]);
  }

  it("finds substrings in the middle of a word, case-insensitively, in list and export", async () => {
    await seedCorpus();
    expect(await search("penss")).toEqual({ ids: ["CVE-2024-0001"], total: 1 });
    expect(await search("OVERFLOW in x5")).toEqual({ ids: ["CVE-2024-0001"], total: 1 });
    expect((await search("ssl")).ids).toEqual(["CVE-2024-0001", "CVE-2024-0002"]);
    expect((await search("2021-2333")).ids).toEqual(["GHSA-aaaa-bbbb-cccc"]);
    expect((await search("nïcode-p")).ids).toEqual(["CVE-2024-0005"]);
    expect((await search("äöü")).ids).toEqual(["CVE-2024-0005"]);
    expect(await search("not-there-at-all")).toEqual({ ids: [], total: 0 });
    expect(await exported("SSL")).toEqual(["CVE-2024-0001", "CVE-2024-0002"]);
    expect(await exported("2024-000")).toEqual([
      "CVE-2024-0001",
      "CVE-2024-0002",
      "CVE-2024-0003",
      "CVE-2024-0004",
      "CVE-2024-0005",
    ]);
  });

  it("matches 1–2 character queries (no trigram: LIKE)", async () => {
    await seedCorpus();
    expect((await search("X")).ids).toEqual(["CVE-2024-0001"]);
    expect((await search("Gh")).ids).toEqual(["GHSA-aaaa-bbbb-cccc"]);
    expect((await search("ü")).ids).toEqual(["CVE-2024-0005"]);
    expect(await exported("gH")).toEqual(["GHSA-aaaa-bbbb-cccc"]);
  });

  it("treats % _ \\ and quotes in the query literally", async () => {
    await seedCorpus();
    await t.store.vulns.insertMany([
      finding("CVE-2024-0006", { pkg: "q", title: 'say "hello" now' }),
      finding("CVE-2024-0007", { pkg: "glibxc", title: "path ab handling" }),
    ]);
    expect((await search("0%")).ids).toEqual(["CVE-2024-0003"]);
    expect((await search("100% c")).ids).toEqual(["CVE-2024-0003"]);
    expect((await search("b_c")).ids).toEqual(["CVE-2024-0004"]);
    expect((await search("_")).ids).toEqual(["CVE-2024-0004"]);
    expect((await search("a\\b")).ids).toEqual(["CVE-2024-0004"]);
    expect((await search("\\")).ids).toEqual(["CVE-2024-0004"]);
    expect((await search('"hello"')).ids).toEqual(["CVE-2024-0006"]);
    expect((await search('o" n')).ids).toEqual(["CVE-2024-0006"]);
    expect(await exported("b_c")).toEqual(["CVE-2024-0004"]);
  });

  it("reflects updates of the searchable fields and forgets deleted findings", async () => {
    const a = finding("CVE-2024-0100", { pkg: "openssl", title: "old title" });
    const other = await asset("batch-worker");
    const b = finding("CVE-2024-0200", { pkg: "openssl", asset: other });
    await t.store.vulns.insertMany([a, b]);
    expect((await search("openss")).ids).toEqual(["CVE-2024-0100", "CVE-2024-0200"]);

    await t.store.vulns.updateMany([
      { ...a, package: "curl", title: "Brand New Title", aliases: ["GHSA-zzzz-yyyy-xxxx"] },
    ]);
    expect((await search("openss")).ids).toEqual(["CVE-2024-0200"]);
    expect((await search("new tit")).ids).toEqual(["CVE-2024-0100"]);
    expect((await search("zzzz-yy")).ids).toEqual(["CVE-2024-0100"]);
    expect((await search("old tit")).ids).toEqual([]);
    // An upsert that leaves the text as it is keeps it findable (the index is not touched).
    await t.store.vulns.updateMany([
      { ...a, package: "curl", title: "Brand New Title", aliases: ["GHSA-zzzz-yyyy-xxxx"] },
    ]);
    expect((await search("new tit")).ids).toEqual(["CVE-2024-0100"]);

    // Deleting the asset cascades to its findings; they leave the index with them.
    await t.store.assets.remove(other);
    expect(await search("openss")).toEqual({ ids: [], total: 0 });
    expect(await search("0200")).toEqual({ ids: [], total: 0 });
    if (t.dialect === "sqlite") {
      const left = await sql<{ n: number }>`select count(*) as n from vuln_findings_fts
        where vuln_findings_fts match '"openss"'`.execute(t.handle.db);
      expect(Number(left.rows[0]!.n)).toBe(0);
    }
  });

  it("combines q with the other filters and counts exactly below the cap", async () => {
    const other = await asset("batch-worker");
    await t.store.vulns.insertMany([
      finding("CVE-2024-0301", { pkg: "openssl" }),
      finding("CVE-2024-0302", { pkg: "openssl", asset: other }),
      { ...finding("CVE-2024-0303", { pkg: "openssl" }), status: "resolved" },
    ]);
    expect(await search("openssl", { assetId })).toEqual({
      ids: ["CVE-2024-0301", "CVE-2024-0303"],
      total: 2,
    });
    expect(await search("openssl", { statuses: ["detected"] })).toEqual({
      ids: ["CVE-2024-0301", "CVE-2024-0302"],
      total: 2,
    });
    expect(await search("openssl", { vulnId: "CVE-2024-0302" })).toEqual({
      ids: ["CVE-2024-0302"],
      total: 1,
    });
  });
});
