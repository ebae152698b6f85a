import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { request } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Readable } from "node:stream";
import { gzipSync } from "node:zlib";
import { strToU8, zipSync } from "fflate";
import type { FastifyInstance } from "fastify";
import { afterEach, beforeEach, expect, it } from "vitest";
import type { VulnImportJob } from "@infrasec/contracts";
import { ManualClock, systemActor } from "@infrasec/core";
import { createServices, type Services } from "@infrasec/services";
import { forEachDialect, type TestDatabase } from "@infrasec/storage/testing";
import { buildApp } from "../app";

/**
 * POST /api/v1/vulns/imports/upload on a real server on loopback: the raw body is streamed to the
 * spool and imported by a job; gzip by media type, Content-Encoding or magic bytes; oversize
 * bodies get 413 while the server keeps answering; truncated uploads and reports import nothing
 * and leave no file behind. ZIP archives of reports import in one job; a ZIP bomb fails its job
 * while the server keeps answering.
 */

const LIMIT = 256 * 1024;
const ctx = { actor: systemActor, requestId: "t" };

function trivy(n: number): string {
  return JSON.stringify({
    SchemaVersion: 2,
    ArtifactName: "shop/api:1",
    ArtifactType: "container_image",
    Metadata: { RepoTags: ["shop/api:1"] },
    Results: [
      {
        Target: "shop/api:1 (alpine 3.20)",
        Class: "os-pkgs",
        Vulnerabilities: Array.from({ length: n }, (_, i) => ({
          VulnerabilityID: `CVE-2026-${1000 + i}`,
          PkgName: `lib${i}`,
          InstalledVersion: "1.0.0",
          FixedVersion: "1.0.1",
          Severity: "HIGH",
          Description: "words ".repeat(30),
        })),
      },
    ],
  });
}

/** A body that arrives in small pieces, as a large file does. */
function slowly(bytes: Uint8Array): ReadableStream<Uint8Array> {
  async function* gen() {
    for (let i = 0; i < bytes.length; i += 8192) {
      await new Promise((r) => setImmediate(r));
      yield bytes.subarray(i, i + 8192);
    }
  }
  return Readable.toWeb(Readable.from(gen())) as ReadableStream<Uint8Array>;
}

forEachDialect(({ open }) => {
  let db: TestDatabase;
  let services: Services;
  let app: FastifyInstance;
  let base: string;
  let token: string;
  let dir: string;
  const spooled = () => readdirSync(join(dir, "spool"));

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), "infrasec-upload-"));
    db = await open();
    services = createServices({
      store: db.store,
      clock: new ManualClock("2026-11-25T12:00:00.000Z"),
      vulns: { spoolDir: join(dir, "spool"), maxUploadBytes: LIMIT, maxExpandedBytes: 8 << 20 },
    });
    app = await buildApp({
      services,
      config: { bodyLimitBytes: 64 * 1024, trustProxy: false, loginRateLimitPerMinute: 1000 },
      logger: false,
    });
    base = await app.listen({ host: "127.0.0.1", port: 0 });
    const { user } = await services.users.create(ctx, {
      username: "secops",
      role: "security_engineer",
      password: "correct horse battery",
    });
    token = (await services.tokens.create(ctx, { name: "t", userId: user.id })).secret;
    await services.assets.create(ctx, { key: "shop-api", name: "api", kind: "container_image" });
  });
  afterEach(async () => {
    await app.close();
    await services.vulns.idle();
    await db.cleanup();
    rmSync(dir, { recursive: true, force: true });
  });

  const upload = (
    body: string | Uint8Array | ReadableStream<Uint8Array>,
    headers: Record<string, string> = {},
    query = "asset=shop-api&fileName=scan.json",
  ) =>
    fetch(`${base}/api/v1/vulns/imports/upload?${query}`, {
      method: "POST",
      headers: {
        authorization: `Bearer ${token}`,
        "content-type": "application/octet-stream",
        ...headers,
      },
      body,
      duplex: "half",
    });
  const finished = async (id: string): Promise<VulnImportJob> => {
    await services.vulns.idle();
    const res = await fetch(`${base}/api/v1/vulns/imports/${id}`, {
      headers: { authorization: `Bearer ${token}` },
    });
    return (await res.json()) as VulnImportJob;
  };
  const total = async () =>
    (await services.vulns.listFindings(ctx, { sort: "vulnId", limit: 1, offset: 0 })).total;

  it("streams a report larger than the JSON body limit into a job", async () => {
    const report = Buffer.from(trivy(500));
    expect(report.length).toBeGreaterThan(64 * 1024);
    const res = await upload(slowly(report));
    expect(res.status).toBe(202);
    const queued = (await res.json()) as VulnImportJob;
    expect(queued).toMatchObject({ status: "queued", assetKey: "shop-api", fileName: "scan.json" });
    expect(await finished(queued.id)).toMatchObject({ status: "done", counts: { created: 500 } });
    expect(await total()).toBe(500);
    expect(spooled()).toEqual([]);
  });

  it("accepts gzip by media type, by Content-Encoding and by its magic bytes", async () => {
    const gz = gzipSync(trivy(20));
    const ways: Record<string, string>[] = [
      { "content-type": "application/gzip" },
      { "content-encoding": "gzip" },
      {},
    ];
    for (const headers of ways) {
      const res = await upload(slowly(gz), headers);
      expect(res.status, JSON.stringify(headers)).toBe(202);
      const job = await finished(((await res.json()) as VulnImportJob).id);
      expect(job.status, job.error ?? "").toBe("done");
    }
    expect(await total()).toBe(20);
  });

  it("fails a gzip bomb and a truncated report clearly, importing nothing", async () => {
    const bomb = await upload(gzipSync(Buffer.alloc(12 << 20, 0x20)), {
      "content-type": "application/gzip",
    });
    expect(bomb.status).toBe(202);
    const bombJob = await finished(((await bomb.json()) as VulnImportJob).id);
    expect(bombJob.status).toBe("failed");
    expect(bombJob.error).toMatch(/expands beyond 8388608 bytes .*decompression bomb/);

    const report = trivy(300);
    const cut = await upload(report.slice(0, report.length - 2000));
    const cutJob = await finished(((await cut.json()) as VulnImportJob).id);
    expect(cutJob.status).toBe("failed");
    expect(cutJob.error).toMatch(/Trivy JSON report: unexpected end of input \(truncated file\?\)/);
    expect(await total()).toBe(0);
    expect(spooled()).toEqual([]);
  });

  it("answers 413 to an oversized body while serving other requests", async () => {
    const big = Buffer.from(trivy(3000));
    expect(big.length).toBeGreaterThan(LIMIT);
    const [tooBig, other] = await Promise.all([
      upload(slowly(big)),
      fetch(`${base}/api/v1/vulns/imports`, { headers: { authorization: `Bearer ${token}` } }),
    ]);
    expect(other.status).toBe(200);
    expect(tooBig.status).toBe(413);
    const body = (await tooBig.json()) as { error: { code: string; message: string } };
    expect(body.error).toMatchObject({ code: "payload_too_large" });
    expect(body.error.message).toMatch(/larger than the upload limit of 262144 bytes/);
    const after = await fetch(`${base}/api/v1/vulns/imports`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(((await after.json()) as { items: unknown[] }).items).toEqual([]);
    expect(spooled()).toEqual([]);
  });

  it("drops an upload the client abandons midway, leaving no job and no file", async () => {
    const report = Buffer.from(trivy(1000));
    await new Promise<void>((resolve) => {
      const req = request(`${base}/api/v1/vulns/imports/upload?asset=shop-api`, {
        method: "POST",
        headers: {
          authorization: `Bearer ${token}`,
          "content-type": "application/octet-stream",
          "content-length": String(report.length),
        },
      });
      req.on("error", () => resolve());
      req.on("close", () => resolve());
      req.write(report.subarray(0, 50_000), () => setTimeout(() => req.destroy(), 100));
    });
    // The server notices the aborted body and removes the partial file.
    for (let i = 0; i < 50 && readdirSync(join(dir, "spool")).length > 0; i++)
      await new Promise((r) => setTimeout(r, 20));
    expect(spooled()).toEqual([]);
    expect(await services.vulns.listImports(ctx, undefined, 10)).toEqual([]);
    const still = await fetch(`${base}/api/v1/vulns/imports`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(still.status).toBe(200);
  });

  it("refuses JSON bodies, unknown assets and missing permissions", async () => {
    const json = await upload(JSON.stringify({ content: "x" }), {
      "content-type": "application/json",
    });
    expect(json.status).toBe(415);
    const noAsset = await upload(trivy(1), {}, "asset=nope");
    expect(noAsset.status).toBe(404);
    const badQuery = await upload(trivy(1), {}, "asset=shop-api&format=pdf");
    expect(badQuery.status).toBe(400);
    const { user } = await services.users.create(ctx, {
      username: "viewer",
      role: "viewer",
      password: "correct horse battery",
    });
    const viewer = (await services.tokens.create(ctx, { name: "v", userId: user.id })).secret;
    const denied = await upload(trivy(1), { authorization: `Bearer ${viewer}` });
    expect(denied.status).toBe(403);
    expect(await total()).toBe(0);
  });

  it("imports the reports of an uploaded ZIP, and fails a ZIP bomb while still serving", async () => {
    const zip = zipSync({
      "gl-container-scanning-report.json": strToU8(trivy(30)),
      "logs/job.log": strToU8("build log"),
    });
    const res = await upload(
      slowly(zip),
      { "content-type": "application/zip" },
      "asset=shop-api&fileName=artifacts.zip",
    );
    expect(res.status).toBe(202);
    const job = await finished(((await res.json()) as VulnImportJob).id);
    expect(job, JSON.stringify(job)).toMatchObject({
      status: "done",
      fileName: "artifacts.zip",
      counts: { created: 30 },
    });

    // 12 MiB of spaces in a ~12 KB entry: past the 8 MiB cap of this server.
    const bomb = zipSync({ "a.json": new Uint8Array(12 << 20).fill(0x20) });
    const bombRes = await upload(bomb);
    expect(bombRes.status).toBe(202);
    const bombJob = await finished(((await bombRes.json()) as VulnImportJob).id);
    expect(bombJob.status).toBe("failed");
    expect(bombJob.error).toMatch(/archive entry a\.json expands beyond 8388608 bytes.*bomb/);
    expect(bombJob.errorDetails[0]).toMatchObject({ file: "a.json" });
    // The server keeps serving: another request right after, and another import.
    const list = await fetch(`${base}/api/v1/vulns/imports`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(list.status).toBe(200);
    expect(((await list.json()) as { items: unknown[] }).items).toHaveLength(2);
    const empty = await upload(zipSync({}));
    const emptyJob = await finished(((await empty.json()) as VulnImportJob).id);
    expect(emptyJob.error).toMatch(/holds no report/);
    expect(await total()).toBe(30);
    expect(spooled()).toEqual([]);
  });
});
