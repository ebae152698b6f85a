import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { afterEach, beforeEach, expect, it } from "vitest";
import type { VulnImportJob } from "@infrasec/contracts";
import { forEachDialect, type TestDatabase } from "@infrasec/storage/testing";
import { cli } from "../testing-capture";
import { adminTokenEnv, localCliEnv, startLoopbackServer } from "../testing-remote";

/**
 * `infrasec vulns import FILE` streams the file: a gzip report in local mode is read in place,
 * and in remote mode it goes to the upload route as the raw body.
 */

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "infrasec-vulns-gz-"));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const baseEnv = () => localCliEnv(dir);

function gzReport(n: number): string {
  const file = join(dir, `trivy-${n}.json.gz`);
  const report = {
    SchemaVersion: 2,
    ArtifactName: "registry.example.com/shop/web:2.0",
    ArtifactType: "container_image",
    Results: [
      {
        Target: "web (alpine 3.20.1)",
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
  };
  writeFileSync(file, gzipSync(JSON.stringify(report)));
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

  it("imports a gzip report in local mode, and refuses a truncated one", async () => {
    const env = { ...baseEnv(), DATABASE_URL: db.url };
    await registerAsset(env);
    const r = await cli(["vulns", "import", gzReport(40), "--asset", "shop-web", "--json"], env);
    expect(r.err).toBe("");
    const job = JSON.parse(r.out) as VulnImportJob;
    expect(job).toMatchObject({ status: "done", counts: { created: 40 } });
    expect(job.fileName).toBe("trivy-40.json.gz");
    const cut = join(dir, "cut.json.gz");
    writeFileSync(cut, gzipSync(JSON.stringify({ SchemaVersion: 2 })).subarray(0, 12));
    const failed = await cli(["vulns", "import", cut, "--asset", "shop-web"], env);
    expect(failed.code).not.toBe(0);
    expect(failed.out + failed.err).toMatch(/gzip archive is truncated or corrupt/);
    const spool = join(dir, "data", "vuln-uploads");
    expect(existsSync(spool) ? readdirSync(spool) : []).toEqual([]);
  });
});

it("streams a gzip report to the upload route in remote mode", async () => {
  const env = baseEnv();
  const server = await startLoopbackServer(dir);
  try {
    await registerAsset(env);
    const remote = await adminTokenEnv(env);
    const r = await cli(
      [
        "--server",
        server.url,
        "vulns",
        "import",
        gzReport(25),
        "--asset",
        "shop-web",
        "--wait",
        "--json",
      ],
      remote,
    );
    expect(r.err).toBe("");
    expect(JSON.parse(r.out)).toMatchObject({ status: "done", counts: { created: 25 } });
    expect(readdirSync(join(dir, "data", "vuln-uploads"))).toEqual([]);
  } finally {
    await server.close();
  }
});
