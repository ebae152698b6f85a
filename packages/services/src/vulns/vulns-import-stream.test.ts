import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { afterEach, beforeEach, expect, it } from "vitest";
import { ManualClock, isAppError, systemActor } from "@infrasec/core";
import { forEachDialect, type TestDatabase } from "@infrasec/storage/testing";
import { createServices, type Services } from "../create-services";
import type { Ctx } from "../shared/service-context";

/**
 * Streamed imports: a report read from a file (plain or gzip) or an upload stream gives the same
 * findings as the same text through the JSON route; bombs, truncation and oversize uploads fail
 * clearly and write nothing; spooled reports are deleted when their job ends.
 */

const ctx: Ctx = { actor: { ...systemActor, username: "tester" }, requestId: "t" };

function trivy(n: number, title = "flaw"): string {
  const vulns = Array.from({ length: n }, (_, i) => ({
    VulnerabilityID: `CVE-2024-${String(10000 + i)}`,
    PkgName: `pkg${i}`,
    InstalledVersion: "1.0.0",
    FixedVersion: "1.0.1",
    Title: `${title} ${i}`,
    Description: "A long description that the import does not keep. ".repeat(20),
    Severity: ["LOW", "MEDIUM", "HIGH", "CRITICAL"][i % 4],
  }));
  // Pretty-printed, so that errors name a line other than 1.
  return JSON.stringify(
    {
      SchemaVersion: 2,
      ArtifactName: "app:1",
      ArtifactType: "container_image",
      Metadata: { RepoTags: ["app:1"] },
      Results: [{ Target: "app:1 (debian 12.5)", Class: "os-pkgs", Vulnerabilities: vulns }],
    },
    null,
    1,
  );
}

async function* chunked(bytes: Uint8Array, size = 4096): AsyncGenerator<Uint8Array> {
  for (let i = 0; i < bytes.length; i += size) {
    await Promise.resolve();
    yield bytes.subarray(i, i + size);
  }
}

let dir: string;
let spoolDir: string;
const spooled = () => (existsSync(spoolDir) ? readdirSync(spoolDir) : []);

forEachDialect(({ open }) => {
  let db: TestDatabase;
  let s: Services;
  let clock: ManualClock;
  const total = async () =>
    (await s.vulns.listFindings(ctx, { sort: "vulnId", limit: 1, offset: 0 })).total;
  const write = (name: string, data: string | Uint8Array) => {
    const file = join(dir, name);
    writeFileSync(file, data);
    return file;
  };

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), "infrasec-vulns-stream-"));
    spoolDir = join(dir, "spool");
    db = await open();
    clock = new ManualClock("2026-11-25T12:00:00.000Z");
    s = createServices({
      store: db.store,
      clock,
      vulns: { spoolDir, maxUploadBytes: 200_000, maxExpandedBytes: 4 * 1024 * 1024 },
    });
    await s.assets.create(ctx, { key: "app", name: "app", kind: "container_image" });
  });
  afterEach(async () => {
    await s.vulns.idle();
    await db.cleanup();
    rmSync(dir, { recursive: true, force: true });
  });

  it("imports a file, a gzip file and an upload like the same text, changing nothing", async () => {
    const report = trivy(2500);
    const first = await s.vulns.runImport(ctx, { content: report, asset: "app" });
    expect(first.counts.created).toBe(2500);
    for (const input of [
      { file: write("r.json", report) },
      { file: write("r.json.gz", gzipSync(report)) },
    ]) {
      clock.advance(60_000);
      const again = await s.vulns.runImport(ctx, { ...input, asset: "app" });
      expect(again, JSON.stringify(again)).toMatchObject({
        status: "done",
        counts: { unchanged: 2500, created: 0, updated: 0 },
      });
    }
    clock.advance(60_000);
    const queued = await s.vulns.imports.startUpload(ctx, chunked(gzipSync(report)), {
      asset: "app",
      fileName: "r.json.gz",
    });
    expect(queued.status).toBe("queued");
    await s.vulns.idle();
    expect(await s.vulns.getImport(ctx, queued.id)).toMatchObject({
      status: "done",
      fileName: "r.json.gz",
      counts: { unchanged: 2500 },
    });
    expect(await total()).toBe(2500);
    expect(spooled()).toEqual([]);
  });

  it("refuses a gzip bomb by size and by ratio, writing nothing", async () => {
    // 8 MiB of spaces: beyond the configured 4 MiB expansion cap.
    const bySize = await s.vulns.runImport(ctx, {
      file: write("bomb.gz", gzipSync(Buffer.alloc(8 * 1024 * 1024, 0x20))),
      asset: "app",
    });
    expect(bySize.status).toBe("failed");
    expect(bySize.error).toMatch(/gzip archive expands beyond 4194304 bytes.*decompression bomb/);
    const ratio = createServices({
      store: db.store,
      clock,
      vulns: { spoolDir, maxExpandedBytes: 1024 ** 3, maxExpansionRatio: 200 },
    });
    // ~20 KB expanding to 40 MiB: more than 200× and above the 16 MiB floor.
    const byRatio = await ratio.vulns.runImport(ctx, {
      file: write("ratio.gz", gzipSync(Buffer.alloc(40 * 1024 * 1024, 0x20))),
      asset: "app",
    });
    expect(byRatio.error).toMatch(/200× the compressed size/);
    expect(await total()).toBe(0);
  });

  it("fails truncated and corrupt reports with the place, writing nothing", async () => {
    const report = trivy(300);
    const cut = await s.vulns.runImport(ctx, {
      file: write("cut.json", report.slice(0, Math.floor(report.length / 2))),
      asset: "app",
    });
    expect(cut.status).toBe("failed");
    expect(cut.error).toMatch(/Trivy JSON report: unexpected end of input \(truncated file\?\)/);
    expect(cut.error).toMatch(/line \d{3,}, column \d+/);
    const gz = gzipSync(report);
    const cutGz = await s.vulns.runImport(ctx, {
      file: write("cut.json.gz", gz.subarray(0, gz.length - 100)),
      asset: "app",
    });
    expect(cutGz.error).toMatch(/gzip archive is truncated or corrupt/);
    const brokenText = report.replace('"PkgName": "pkg7"', '"PkgName": pkg7');
    const before = brokenText.slice(0, brokenText.indexOf("pkg7,"));
    const line = before.split("\n").length;
    const column = before.length - before.lastIndexOf("\n");
    const broken = await s.vulns.runImport(ctx, { content: brokenText, asset: "app" });
    expect(broken.error).toMatch(/invalid JSON.*\$\.Results\[0\]\.Vulnerabilities\[7\]/);
    expect(broken.error).toContain(`line ${line}, column ${column}`);
    expect(broken.errorDetails[0]?.line).toBe(line);
    expect(await total()).toBe(0);
  });

  it("refuses an oversized or empty upload before any job, leaving no file", async () => {
    const big = Buffer.from(trivy(1000));
    expect(big.length).toBeGreaterThan(200_000);
    const err = await s.vulns.imports
      .startUpload(ctx, chunked(big), { asset: "app" })
      .catch((e: unknown) => e);
    expect(isAppError(err) && err.code).toBe("payload_too_large");
    expect((err as Error).message).toMatch(/larger than the upload limit of 200000 bytes/);
    const empty = await s.vulns.imports
      .startUpload(ctx, chunked(new Uint8Array(0)), { asset: "app" })
      .catch((e: unknown) => e);
    expect((empty as Error).message).toBe("the report is empty");
    const noAsset = await s.vulns.imports
      .startUpload(ctx, chunked(big), { asset: "nope" })
      .catch((e: unknown) => e);
    expect(isAppError(noAsset) && noAsset.code).toBe("not_found");
    expect(await s.vulns.listImports(ctx, undefined, 10)).toEqual([]);
    expect(spooled()).toEqual([]);
  });

  it("keeps the spooled report of a job waiting for confirmation until it is applied", async () => {
    await s.vulns.runImport(ctx, { content: trivy(10), asset: "app" });
    clock.advance(60_000);
    const waiting = await s.vulns.imports.startUpload(ctx, chunked(Buffer.from(trivy(2))), {
      asset: "app",
    });
    await s.vulns.idle();
    expect(await s.vulns.getImport(ctx, waiting.id)).toMatchObject({
      status: "waiting_confirmation",
      toClose: 8,
    });
    expect(spooled()).toEqual([`${waiting.id}.report`]);
    // A report read in place (CLI local mode) is copied: the job does not depend on the file.
    const local = await s.vulns.runImport(ctx, { file: write("two.json", trivy(2)), asset: "app" });
    expect(local.status).toBe("waiting_confirmation");
    rmSync(join(dir, "two.json"));
    expect(spooled().sort()).toEqual([`${waiting.id}.report`, `${local.id}.report`].sort());

    await s.vulns.confirmImport(ctx, local.id);
    await s.vulns.idle();
    expect(await s.vulns.getImport(ctx, local.id)).toMatchObject({
      status: "done",
      counts: { closed: 8, unchanged: 2 },
    });
    expect(spooled()).toEqual([`${waiting.id}.report`]);
    expect(await total()).toBe(10);
  });

  it("deletes the reports of interrupted and finished jobs at start-up", async () => {
    await s.vulns.runImport(ctx, { content: trivy(10), asset: "app" });
    const waiting = await s.vulns.runImport(ctx, { file: write("w.json", trivy(1)), asset: "app" });
    expect(waiting.status).toBe("waiting_confirmation");
    const asset = (await s.assets.list(ctx, {}, "name", 1, 0)).items[0]!;
    const deadId = "01a21478-fa76-73a1-8e25-2380d356a560";
    await db.store.vulns.jobs.insert({
      ...(await db.store.vulns.jobs.findById(waiting.id))!,
      id: deadId,
      status: "running",
      assetId: asset.id,
      runnerId: "dead-runner",
      heartbeatAt: "2026-11-25T11:00:00.000Z",
    });
    writeFileSync(join(spoolDir, `${deadId}.report`), "{}");
    writeFileSync(join(spoolDir, "01a21478-fa76-73a1-8e25-2380d356a561.report"), "{}");
    const restarted = createServices({ store: db.store, clock, vulns: { spoolDir } });
    expect(await restarted.vulns.recoverInterruptedJobs()).toEqual([deadId]);
    // The waiting job keeps its report; the dead job's and the orphan are gone.
    expect(spooled()).toEqual([`${waiting.id}.report`]);
  });
});
