import { afterEach, beforeEach, expect, it } from "vitest";
import { sql } from "kysely";
import type { KyselyPlugin, OperationNode, RootOperationNode } from "kysely";
import { ManualClock, systemActor } from "@infrasec/core";
import { createStore } from "@infrasec/storage";
import { forEachDialect, type TestDatabase } from "@infrasec/storage/testing";
import { createServices, type Services } from "../create-services";
import type { Ctx } from "../shared/service-context";

/**
 * What an import writes to vuln_findings (ADR 0204): an identical re-import writes no finding
 * row (the content hash settles it; only sightings move), a cold import writes each row once
 * (enrichment in the INSERT, no UPDATE after it), rows without a content hash get one the
 * first time they are found unchanged, and a change still rewrites the row.
 */

const ctx: Ctx = { actor: { ...systemActor, username: "tester" }, requestId: "t" };

function trivy(n: number, fixed = (i: number) => (i % 3 === 0 ? "" : `1.${i % 10}.1`)): string {
  const vulns = Array.from({ length: n }, (_, i) => ({
    VulnerabilityID: `CVE-2024-${String(10000 + i)}`,
    PkgName: `pkg${i}`,
    InstalledVersion: `1.${i % 10}.0`,
    FixedVersion: fixed(i),
    Layer: { DiffID: `sha256:${(i % 16).toString(16).repeat(64)}` },
    Severity: ["LOW", "MEDIUM", "HIGH", "CRITICAL"][i % 4],
    CVSS: { nvd: { V3Vector: "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", V3Score: 9.8 } },
  }));
  return JSON.stringify({
    SchemaVersion: 2,
    ArtifactName: "app:1",
    ArtifactType: "container_image",
    Results: [
      { Target: "app:1 (debian 12.5)", Class: "os-pkgs", Type: "debian", Vulnerabilities: vulns },
    ],
  });
}

/** "insert", "update" or "delete" and the table of each write statement, as executed. */
function writeRecorder(): { plugin: KyselyPlugin; writes: string[] } {
  const writes: string[] = [];
  const tableOf = (n: OperationNode | undefined): string => {
    const t = n as { table?: { identifier?: { name?: string } } } | undefined;
    return t?.table?.identifier?.name ?? "?";
  };
  const record = (node: RootOperationNode) => {
    const n = node as RootOperationNode & {
      into?: OperationNode;
      table?: OperationNode;
      from?: { froms?: OperationNode[] };
      sqlFragments?: readonly string[];
    };
    if (n.kind === "InsertQueryNode") writes.push(`insert ${tableOf(n.into)}`);
    else if (n.kind === "UpdateQueryNode") writes.push(`update ${tableOf(n.table)}`);
    else if (n.kind === "DeleteQueryNode") writes.push(`delete ${tableOf(n.from?.froms?.[0])}`);
    else if (n.kind === "RawNode") {
      const text = (n.sqlFragments ?? []).join("?").toLowerCase();
      const m = /\b(insert into|update|delete from)\s+(\w+)/.exec(text);
      if (m) writes.push(`${m[1]!.split(" ")[0]} ${m[2]}`);
    }
  };
  return {
    writes,
    plugin: {
      transformQuery: (args) => {
        record(args.node);
        return args.node;
      },
      transformResult: (args) => Promise.resolve(args.result),
    },
  };
}

forEachDialect(({ open }) => {
  let db: TestDatabase;
  let s: Services;
  let clock: ManualClock;
  let rec: ReturnType<typeof writeRecorder>;
  beforeEach(async () => {
    db = await open();
    clock = new ManualClock("2026-11-25T12:00:00.000Z");
    rec = writeRecorder();
    const store = createStore({ db: db.handle.db.withPlugin(rec.plugin), dialect: db.dialect });
    s = createServices({ store, clock });
    await s.assets.create(ctx, {
      key: "app",
      name: "app",
      kind: "container_image",
      criticality: 2,
      exposure: "internal",
    });
  });
  afterEach(async () => {
    await s.vulns.idle();
    await db.cleanup();
  });

  const findingWrites = () => rec.writes.filter((w) => w.endsWith(" vuln_findings"));
  const run = async (content: string) => {
    rec.writes.length = 0;
    clock.advance(60_000);
    const job = await s.vulns.runImport(ctx, { content, asset: "app" });
    expect(job.status, job.error ?? "").toBe("done");
    return job;
  };

  it("writes each new finding once, with its priority, and an identical re-import writes none", async () => {
    const cold = await run(trivy(2500));
    expect(cold.counts.created).toBe(2500);
    // Three batches of 1,000, 566 rows per INSERT (parameter limit): five INSERTs, no UPDATE.
    expect(findingWrites()).toEqual(Array<string>(5).fill("insert vuln_findings"));
    const first = await s.vulns.listFindings(ctx, { sort: "vulnId", limit: 5, offset: 0 });
    for (const f of first.items) {
      expect(f.priority).toEqual({ score: expect.any(Number) as number, band: expect.any(String) });
      expect(f.kev).toBeNull();
    }

    const again = await run(trivy(2500));
    expect(again.counts).toMatchObject({ unchanged: 2500, updated: 0, created: 0 });
    expect(findingWrites()).toEqual([]);
    // Only the sightings move: one upsert of vuln_finding_seen per batch of 1,000.
    expect(rec.writes.filter((w) => w === "insert vuln_finding_seen")).toHaveLength(3);
    const seen = await s.vulns.listFindings(ctx, { sort: "vulnId", limit: 5, offset: 0 });
    expect(seen.items.map((f) => f.lastSeenAt)).toEqual(
      seen.items.map(() => clock.now().toISOString()),
    );
    expect(seen.items.map((f) => f.priority)).toEqual(first.items.map((f) => f.priority));
  });

  it("rewrites what changed, and only that", async () => {
    await run(trivy(30));
    const changed = await run(
      trivy(30, (i) => (i === 3 ? "9.9.9" : i % 3 === 0 ? "" : `1.${i % 10}.1`)),
    );
    expect(changed.counts).toMatchObject({ updated: 1, unchanged: 29 });
    // One upsert of the changed row (INSERT … ON CONFLICT), nothing else on vuln_findings.
    expect(findingWrites()).toEqual(["insert vuln_findings"]);
    const list = await s.vulns.listFindings(ctx, { sort: "vulnId", limit: 50, offset: 0 });
    const f = list.items.find((x) => x.vulnId === "CVE-2024-10003")!;
    expect(f).toMatchObject({ fixedVersion: "9.9.9", updatedAt: clock.now().toISOString() });
    expect(f.priority?.score).toEqual(expect.any(Number));
    // Seen with the new fix again: unchanged, no write.
    const same = await run(
      trivy(30, (i) => (i === 3 ? "9.9.9" : i % 3 === 0 ? "" : `1.${i % 10}.1`)),
    );
    expect(same.counts).toMatchObject({ unchanged: 30 });
    expect(findingWrites()).toEqual([]);
  });

  it("stores the content hash of rows that have none when it finds them unchanged", async () => {
    await run(trivy(20));
    // Rows as written before migration 002200.
    await sql`update vuln_findings set content_hash = null`.execute(db.handle.db);
    const first = await run(trivy(20));
    expect(first.counts).toMatchObject({ unchanged: 20 });
    expect(findingWrites()).toEqual(["update vuln_findings"]);
    const rows = await sql<{ n: number }>`select count(*) as n from vuln_findings
      where content_hash is null`.execute(db.handle.db);
    expect(Number(rows.rows[0]!.n)).toBe(0);
    const second = await run(trivy(20));
    expect(second.counts).toMatchObject({ unchanged: 20 });
    expect(findingWrites()).toEqual([]);
  });

  it("keeps an edited field and still skips the row once its hash is the edited one", async () => {
    await run(trivy(10));
    const list = await s.vulns.listFindings(ctx, { sort: "vulnId", limit: 10, offset: 0 });
    const target = list.items.find((x) => x.vulnId === "CVE-2024-10001")!;
    await s.vulns.editFinding(ctx, target.id, { severity: "low", comment: "not reachable" });
    const again = await run(trivy(10));
    expect(again.counts).toMatchObject({ unchanged: 10 });
    // The edited row differs from the report, so its columns are read, but nothing is written.
    expect(findingWrites()).toEqual([]);
    expect(await db.store.vulns.findById(target.id)).toMatchObject({
      severity: "low",
      lastSeenAt: clock.now().toISOString(),
    });
  });
});
