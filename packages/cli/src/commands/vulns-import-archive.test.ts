import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { strToU8, zipSync } from "fflate";
import { afterEach, beforeEach, expect, it } from "vitest";
import type { VulnImportJob } from "@infrasec/contracts";
import { forEachDialect, type TestDatabase } from "@infrasec/storage/testing";
import { cli } from "../testing-capture";
import { adminTokenEnv, localCliEnv, startLoopbackServer } from "../testing-remote";

/**
 * `infrasec vulns import artifacts.zip --asset X`: one job imports every report of the archive
 * (local mode reads it in place, remote mode uploads it as the raw body); a bad entry fails the
 * command naming the entry, and nothing of the archive is imported.
 */

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "infrasec-vulns-zip-"));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const baseEnv = () => localCliEnv(dir);

function trivy(image: string, n: number): string {
  return JSON.stringify({
    SchemaVersion: 2,
    ArtifactName: image,
    ArtifactType: "container_image",
    Results: [
      {
        Target: `${image} (alpine 3.20.1)`,
        Class: "os-pkgs",
        Vulnerabilities: Array.from({ length: n }, (_, i) => ({
          VulnerabilityID: `CVE-2026-${1000 + i}`,
          PkgName: `lib${i}`,
          InstalledVersion: "1.0.0",
          FixedVersion: "1.0.1",
          Severity: "HIGH",
        })),
      },
    ],
  });
}

function zipFile(name: string, files: Record<string, string>): string {
  const file = join(dir, name);
  const entries = Object.fromEntries(Object.entries(files).map(([k, v]) => [k, strToU8(v)]));
  writeFileSync(file, zipSync(entries));
  return file;
}

async function registerAsset(env: Record<string, string | undefined>): Promise<void> {
  const assets = join(dir, "assets.yaml");
  writeFileSync(assets, "- key: shop-web\n  name: shop web\n  kind: container_image\n");
  expect((await cli(["assets", "import", assets], env)).code).toBe(0);
}

forEachDialect(({ open }) => {
  let db: TestDatabase;
  beforeEach(async () => {
    db = await open();
  });
  afterEach(() => db.cleanup());

  it("imports the reports of a ZIP in local mode, and fails one with a broken entry", async () => {
    const env = { ...baseEnv(), DATABASE_URL: db.url };
    await registerAsset(env);
    const zip = zipFile("artifacts.zip", {
      "web.json": trivy("web:2", 12),
      "worker.json": trivy("worker:2", 3),
      "build.log": "log",
    });
    const r = await cli(["vulns", "import", zip, "--asset", "shop-web", "--json"], env);
    expect(r.err).toBe("");
    const job = JSON.parse(r.out) as VulnImportJob;
    // Both Trivy reports: one reconciliation, the 3 worker findings merged with web's 12.
    expect(job).toMatchObject({ status: "done", scanner: "trivy", counts: { created: 12 } });
    const bad = zipFile("bad.zip", { "ok.json": trivy("web:3", 40), "z.json": "{ nope" });
    const failed = await cli(["vulns", "import", bad, "--asset", "shop-web"], env);
    expect(failed.code).not.toBe(0);
    expect(failed.out + failed.err).toMatch(/archive entry z\.json: /);
    const list = await cli(["vulns", "list", "--asset", "shop-web", "--json"], env);
    expect((JSON.parse(list.out) as { total: number }).total).toBe(12);
    const spool = join(dir, "data", "vuln-uploads");
    expect(existsSync(spool) ? readdirSync(spool) : []).toEqual([]);
  });
});

it("uploads a ZIP to the server in remote mode", async () => {
  const env = baseEnv();
  const server = await startLoopbackServer(dir);
  try {
    await registerAsset(env);
    const remote = await adminTokenEnv(env);
    const zip = zipFile("artifacts.zip", { "reports/web.json": trivy("web:2", 25) });
    const r = await cli(
      ["--server", server.url, "vulns", "import", zip, "--asset", "shop-web", "--wait", "--json"],
      remote,
    );
    expect(r.err).toBe("");
    expect(JSON.parse(r.out)).toMatchObject({
      status: "done",
      fileName: "artifacts.zip",
      counts: { created: 25 },
    });
    expect(readdirSync(join(dir, "data", "vuln-uploads"))).toEqual([]);
  } finally {
    await server.close();
  }
});
