import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { VulnFinding, VulnFindingDetail, VulnImportJob } from "@infrasec/contracts";
import { forEachDialect, type TestDatabase } from "@infrasec/storage/testing";
import { cli } from "../testing-capture";
import { adminTokenEnv, localCliEnv, startLoopbackServer } from "../testing-remote";

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "infrasec-vulns-cli-"));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const baseEnv = () => localCliEnv(dir);
const json = <T>(r: { out: string }): T => JSON.parse(r.out) as T;

function trivyFile(ids: number[], name = "trivy.json"): string {
  const file = join(dir, name);
  writeFileSync(
    file,
    JSON.stringify({
      SchemaVersion: 2,
      ArtifactName: "registry.example.com/shop/web:2.0",
      ArtifactType: "container_image",
      Results: [
        {
          Target: "web (alpine 3.20.1)",
          Class: "os-pkgs",
          Type: "alpine",
          Vulnerabilities: ids.map((i) => ({
            VulnerabilityID: `CVE-2026-${1000 + i}`,
            PkgName: `lib${i}`,
            InstalledVersion: "1.0.0",
            FixedVersion: "1.0.1",
            Severity: i % 2 ? "HIGH" : "MEDIUM",
          })),
        },
      ],
    }),
  );
  return file;
}

async function registerAsset(env: Record<string, string | undefined>): Promise<void> {
  const assets = join(dir, "assets.yaml");
  writeFileSync(
    assets,
    "- key: shop-web\n  name: shop web\n  kind: container_image\n  criticality: 2\n  exposure: internet_facing\n",
  );
  expect((await cli(["assets", "import", assets], env)).code).toBe(0);
}

forEachDialect(({ open }) => {
  let db: TestDatabase;
  let env: Record<string, string | undefined>;
  beforeEach(async () => {
    db = await open();
    env = { ...baseEnv(), DATABASE_URL: db.url };
  });
  afterEach(() => db.cleanup());

  it("imports, lists and shows findings in local mode", async () => {
    await registerAsset(env);
    const r = await cli(["vulns", "import", trivyFile([1, 2, 3]), "--asset", "shop-web"], env);
    expect(r.err).toBe("");
    expect(r.out).toMatch(/import \S+ done: 3 created, 0 updated, 0 unchanged, 0 closed/);
    const again = json<VulnImportJob>(
      await cli(["vulns", "import", trivyFile([1, 2, 3]), "--asset", "shop-web", "--json"], env),
    );
    expect(again.counts).toMatchObject({ unchanged: 3, created: 0 });

    const list = json<{ items: VulnFinding[]; total: number }>(
      await cli(["vulns", "list", "--asset", "shop-web", "--severity", "high", "--json"], env),
    );
    expect(list.total).toBe(2);
    const table = await cli(["vulns", "list", "--sort", "vulnId"], env);
    expect(table.out).toMatch(/CVE-2026-1001\s+lib1\s+1\.0\.0\s+1\.0\.1\s+detected/);
    const shown = await cli(["vulns", "show", list.items[0]!.id], env);
    expect(shown.out).toMatch(/matched on\s+same asset "shop-web", package "lib\d"/);
    expect(shown.out).toMatch(/history:\n.*detected/);

    const bad = join(dir, "bad.json");
    writeFileSync(bad, '{"SchemaVersion":2,"Results":[{"Target":');
    const failed = await cli(["vulns", "import", bad, "--asset", "shop-web"], env);
    expect(failed.code).not.toBe(0);
    expect(failed.out + failed.err).toMatch(/Trivy JSON report/);
    const missing = await cli(["vulns", "import", trivyFile([1]), "--asset", "nope"], env);
    expect(missing.code).not.toBe(0);
    expect(missing.err).toMatch(/asset nope not found/);
  });
});

describe("remote mode", () => {
  it("imports with --wait, lists and shows through a real server", async () => {
    const env = baseEnv();
    const server = await startLoopbackServer(dir);
    try {
      await registerAsset(env);
      const remote = await adminTokenEnv(env);
      const s = ["--server", server.url];
      const job = json<VulnImportJob>(
        await cli(
          [...s, "vulns", "import", trivyFile([1, 2]), "--asset", "shop-web", "--wait", "--json"],
          remote,
        ),
      );
      expect(job).toMatchObject({ status: "done", counts: { created: 2 }, fileName: "trivy.json" });
      const list = json<{ items: VulnFinding[] }>(
        await cli([...s, "vulns", "list", "--status", "open", "--json"], remote),
      );
      expect(list.items).toHaveLength(2);
      const shown = json<VulnFindingDetail>(
        await cli([...s, "vulns", "show", list.items[0]!.id, "--json"], remote),
      );
      expect(shown.identity.tuple[1]).toBe("shop-web");
      const closing = await cli(
        [...s, "vulns", "import", trivyFile([]), "--asset", "shop-web", "--wait"],
        remote,
      );
      expect(closing.out).toMatch(/waiting_confirmation: it would close 2 of 2 open findings/);
    } finally {
      await server.close();
    }
  });
});
