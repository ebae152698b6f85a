import { afterEach, beforeEach, expect, it } from "vitest";
import type { KyselyPlugin } from "kysely";
import { ManualClock, systemActor } from "@infrasec/core";
import { createStore } from "@infrasec/storage";
import { forEachDialect, type TestDatabase } from "@infrasec/storage/testing";
import { createServices, type Services } from "../create-services";
import type { Ctx } from "../shared/service-context";

/**
 * Import jobs below the HTTP layer: the statement budget (≤ 20 SQL statements per 1,000
 * findings, counted with a Kysely plugin), all-or-nothing failures, and recovery of jobs whose
 * process died.
 */

const ctx: Ctx = { actor: { ...systemActor, username: "tester" }, requestId: "t" };

function trivy(n: number, from = 0): string {
  const vulns = Array.from({ length: n }, (_, k) => {
    const i = k + from;
    return {
      VulnerabilityID: `CVE-2024-${String(10000 + i)}`,
      PkgName: `pkg${i}`,
      InstalledVersion: `1.${i % 10}.0`,
      FixedVersion: i % 3 === 0 ? "" : `1.${i % 10}.1`,
      Layer: { DiffID: `sha256:${(i % 16).toString(16).repeat(64)}` },
      Severity: ["LOW", "MEDIUM", "HIGH", "CRITICAL"][i % 4],
      CVSS: { nvd: { V3Score: 4 + (i % 60) / 10 } },
    };
  });
  return JSON.stringify({
    SchemaVersion: 2,
    ArtifactName: "app:1",
    ArtifactType: "container_image",
    Results: [
      { Target: "app:1 (debian 12.5)", Class: "os-pkgs", Type: "debian", Vulnerabilities: vulns },
    ],
  });
}

/** Counts every statement the database executes. */
function statementCounter(): { plugin: KyselyPlugin; count: () => number; reset: () => void } {
  let n = 0;
  return {
    plugin: {
      transformQuery: (args) => args.node,
      transformResult: (args) => {
        n++;
        return Promise.resolve(args.result);
      },
    },
    count: () => n,
    reset: () => {
      n = 0;
    },
  };
}

forEachDialect(({ open }) => {
  let db: TestDatabase;
  let s: Services;
  let clock: ManualClock;
  beforeEach(async () => {
    db = await open();
    clock = new ManualClock("2026-11-25T12:00:00.000Z");
    s = createServices({ store: db.store, clock });
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

  it("stays within 20 SQL statements per 1,000 findings, cold and on re-import", async () => {
    const counter = statementCounter();
    const counted = createServices({
      store: createStore({ db: db.handle.db.withPlugin(counter.plugin), dialect: db.dialect }),
      clock,
    });
    const report = trivy(5000);
    const cold = await counted.vulns.runImport(ctx, { content: report, asset: "app" });
    expect(cold.counts.created).toBe(5000);
    const coldPer1000 = counter.count() / 5;
    counter.reset();
    clock.advance(60_000);
    const again = await counted.vulns.runImport(ctx, { content: report, asset: "app" });
    expect(again.counts.unchanged).toBe(5000);
    const rePer1000 = counter.count() / 5;
    counter.reset();
    clock.advance(60_000);
    // A re-scan in which every finding changed (new fixed versions everywhere).
    const changed = await counted.vulns.runImport(ctx, {
      content: report.replaceAll('"FixedVersion":""', '"FixedVersion":"9.9.9"'),
      asset: "app",
    });
    expect(changed.counts.updated).toBeGreaterThan(1000);
    const changedPer1000 = counter.count() / 5;
    expect({ coldPer1000, rePer1000, changedPer1000 }).toEqual({
      coldPer1000: expect.any(Number) as number,
      rePer1000: expect.any(Number) as number,
      changedPer1000: expect.any(Number) as number,
    });
    expect(coldPer1000).toBeLessThanOrEqual(20);
    expect(rePer1000).toBeLessThanOrEqual(20);
    expect(changedPer1000).toBeLessThanOrEqual(20);
  });

  it("keeps the last sighting of unchanged findings through re-imports, closes and edits", async () => {
    // Unchanged findings are marked seen in vuln_finding_seen (migration 000900), not in their
    // wide rows: reads, sorts, closes and edits must all see the latest sighting.
    const t1 = clock.now().toISOString();
    const first = await s.vulns.runImport(ctx, { content: trivy(10), asset: "app" });
    clock.advance(60_000);
    const t2 = clock.now().toISOString();
    const again = await s.vulns.runImport(ctx, { content: trivy(10), asset: "app" });
    expect(again.counts.unchanged).toBe(10);
    const byVuln = async () =>
      new Map(
        (await s.vulns.listFindings(ctx, { sort: "vulnId", limit: 50, offset: 0 })).items.map(
          (f) => [f.vulnId, f],
        ),
      );
    for (const f of (await byVuln()).values()) {
      expect(f).toMatchObject({ firstSeenAt: t1, lastSeenAt: t2, updatedAt: t1 });
      expect((await db.store.vulns.findById(f.id))?.lastJobId).toBe(again.id);
    }
    expect(first.id).not.toBe(again.id);

    // One of ten absent (10 %, under the guardrail): it closes and keeps its last sighting.
    clock.advance(60_000);
    const t3 = clock.now().toISOString();
    const third = await s.vulns.runImport(ctx, { content: trivy(9), asset: "app" });
    expect(third.counts).toMatchObject({ unchanged: 9, closed: 1 });
    const after = await byVuln();
    const closed = after.get("CVE-2024-10009")!;
    expect(closed).toMatchObject({ status: "resolved", lastSeenAt: t2, updatedAt: t3 });
    expect((await db.store.vulns.findById(closed.id))?.lastJobId).toBe(third.id);
    const kept = after.get("CVE-2024-10000")!;
    expect(kept).toMatchObject({ status: "detected", lastSeenAt: t3 });

    // A person's edit rewrites the row: the sighting stays the one of the last import.
    clock.advance(60_000);
    await s.vulns.editFinding(ctx, kept.id, { severity: "critical", comment: "reachable" });
    const edited = await db.store.vulns.findById(kept.id);
    expect(edited).toMatchObject({ lastSeenAt: t3, lastJobId: third.id, severity: "critical" });

    // Sorting by last sighting uses it too: the closed finding was seen first.
    const oldest = await s.vulns.listFindings(ctx, { sort: "lastSeen", limit: 1, offset: 0 });
    expect(oldest.items[0]?.id).toBe(closed.id);
    const newest = await s.vulns.listFindings(ctx, { sort: "-lastSeen", limit: 10, offset: 0 });
    expect(newest.items.at(-1)?.id).toBe(closed.id);

    // Seen again after the edit: the edited field is kept, the sighting moves on.
    clock.advance(60_000);
    const t5 = clock.now().toISOString();
    const fifth = await s.vulns.runImport(ctx, { content: trivy(9), asset: "app" });
    expect(fifth.counts.unchanged).toBe(9);
    expect(await db.store.vulns.findById(kept.id)).toMatchObject({
      lastSeenAt: t5,
      lastJobId: fifth.id,
      severity: "critical",
    });

    // A changed finding is rewritten whole: its new sighting must not be hidden by the old one.
    clock.advance(60_000);
    const t6 = clock.now().toISOString();
    const sixth = await s.vulns.runImport(ctx, {
      content: trivy(9).replace('"FixedVersion":""', '"FixedVersion":"9.9.9"'),
      asset: "app",
    });
    expect(sixth.counts).toMatchObject({ updated: 1, unchanged: 8 });
    const rewritten = (await byVuln()).get("CVE-2024-10000")!;
    expect(rewritten).toMatchObject({ lastSeenAt: t6, updatedAt: t6, fixedVersion: "9.9.9" });
    expect((await db.store.vulns.findById(rewritten.id))?.lastJobId).toBe(sixth.id);
  });

  it("leaves nothing half-imported when a write fails midway", async () => {
    await s.vulns.runImport(ctx, { content: trivy(10), asset: "app" });
    clock.advance(60_000);
    // The second batch's insert fails after the first batch was written.
    const store = db.store;
    let calls = 0;
    const failing = createServices({
      store: {
        ...store,
        transaction: (fn) =>
          store.transaction((tx) =>
            fn({
              ...tx,
              vulns: {
                ...tx.vulns,
                insertMany: async (list) => {
                  calls++;
                  await tx.vulns.insertMany(list);
                  if (calls === 2) throw new Error("disk full");
                },
              },
            }),
          ),
      },
      clock,
    });
    const job = await failing.vulns.runImport(ctx, { content: trivy(2510), asset: "app" });
    expect(job, JSON.stringify(job)).toMatchObject({ status: "failed", error: "disk full" });
    const list = await s.vulns.listFindings(ctx, { sort: "vulnId", limit: 500, offset: 0 });
    expect(list.total).toBe(10);
    await failing.vulns.idle();
  });

  it("marks a job of a runner that died as failed", async () => {
    const asset = (await s.assets.list(ctx, {}, "name", 1, 0)).items[0]!;
    await db.store.vulns.jobs.insert({
      id: "01a21478-fa76-73a1-8e25-2380d356a560",
      status: "running",
      assetId: asset.id,
      assetKey: "app",
      scanner: null,
      scope: "default",
      format: null,
      fileName: null,
      progress: 0.4,
      counts: { created: 0, updated: 0, unchanged: 0, closed: 0, reactivated: 0, unknown: 0 },
      openInScope: 0,
      toClose: 0,
      error: null,
      errorDetails: [],
      confirmed: false,
      createdBy: "tester",
      runnerId: "dead-runner",
      heartbeatAt: "2026-11-25T11:00:00.000Z",
      createdAt: "2026-11-25T11:00:00.000Z",
      startedAt: "2026-11-25T11:00:00.000Z",
      finishedAt: null,
      updatedAt: "2026-11-25T11:00:00.000Z",
    });
    expect(await s.vulns.recoverInterruptedJobs()).toEqual([
      "01a21478-fa76-73a1-8e25-2380d356a560",
    ]);
    const job = await s.vulns.getImport(ctx, "01a21478-fa76-73a1-8e25-2380d356a560");
    expect(job).toMatchObject({ status: "failed", error: expect.stringMatching(/interrupted/) });
  });
});
