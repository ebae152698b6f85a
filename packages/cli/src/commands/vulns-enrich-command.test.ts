import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { VulnEnrichmentStatus, VulnFinding, VulnFixAction } from "@infrasec/contracts";
import { forEachDialect, type TestDatabase } from "@infrasec/storage/testing";
import { cli } from "../testing-capture";
import { adminTokenEnv, localCliEnv, startLoopbackServer } from "../testing-remote";

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "infrasec-enrich-cli-"));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const baseEnv = () => localCliEnv(dir);
const json = <T>(r: { out: string }): T => JSON.parse(r.out) as T;

const EPSS = [
  "#model_version:v2025.03.14,score_date:2025-03-14T00:00:00+0000",
  "cve,epss,percentile",
  "CVE-2026-1001,0.42000,0.97000",
  "CVE-2026-1002,0.00100,0.10000",
].join("\n");
const KEV = JSON.stringify({
  catalogVersion: "2026.11.20",
  dateReleased: "2026-11-20T15:00:00.000Z",
  count: 1,
  vulnerabilities: [
    {
      cveID: "CVE-2026-1002",
      vendorProject: "Example",
      product: "libexample",
      vulnerabilityName: "libexample overflow",
      dateAdded: "2026-11-20",
      dueDate: "2026-12-11",
      knownRansomwareCampaignUse: "Unknown",
    },
  ],
});

function write(name: string, content: string | Buffer): string {
  const file = join(dir, name);
  writeFileSync(file, content);
  return file;
}

async function seed(env: Record<string, string | undefined>): Promise<void> {
  write(
    "assets.yaml",
    "- key: shop-web\n  name: shop web\n  kind: container_image\n  criticality: 1\n  exposure: internet_facing\n",
  );
  expect((await cli(["assets", "import", join(dir, "assets.yaml")], env)).code).toBe(0);
  const report = write(
    "trivy.json",
    JSON.stringify({
      SchemaVersion: 2,
      ArtifactName: "registry.example.com/shop/web:2.0",
      ArtifactType: "container_image",
      Results: [
        {
          Target: "web (alpine 3.20.1)",
          Class: "os-pkgs",
          Type: "alpine",
          Vulnerabilities: [1, 2].map((i) => ({
            VulnerabilityID: `CVE-2026-${1000 + i}`,
            PkgName: "libexample",
            InstalledVersion: "1.0.0",
            FixedVersion: `1.0.${i}`,
            Severity: "HIGH",
          })),
        },
      ],
    }),
  );
  expect((await cli(["vulns", "import", report, "--asset", "shop-web"], env)).code).toBe(0);
}

forEachDialect(({ open }) => {
  let db: TestDatabase;
  let env: Record<string, string | undefined>;
  beforeEach(async () => {
    db = await open();
    env = { ...baseEnv(), DATABASE_URL: db.url };
  });
  afterEach(() => db.cleanup());

  it("imports a gzipped EPSS file and a KEV catalog, shows status and fix actions in local mode", async () => {
    await seed(env);
    const epss = await cli(["vulns", "enrich", "epss", write("epss.csv.gz", gzipSync(EPSS))], env);
    expect(epss.err).toBe("");
    expect(epss.out).toMatch(
      /epss\.csv\.gz: EPSS v2025\.03\.14 of 2025-03-14T00:00:00\.000Z: 2 records; 2 findings updated/,
    );
    const kev = await cli(["vulns", "enrich", "kev", write("kev.json", KEV)], env);
    expect(kev.out).toMatch(/KEV 2026\.11\.20 .*1 records; 2 findings updated, 1 deadlines capped/);

    const status = json<VulnEnrichmentStatus>(
      await cli(["vulns", "enrich", "status", "--json"], env),
    );
    expect(status).toMatchObject({ openFindings: 2, withEpss: 2, inKev: 1 });
    expect((await cli(["vulns", "enrich", "status"], env)).out).toMatch(
      /2 open findings: 2 with an EPSS score, 1 in KEV/,
    );

    const list = json<{ items: VulnFinding[] }>(
      await cli(["vulns", "list", "--sort", "-priority", "--json"], env),
    );
    expect(list.items.map((f) => [f.vulnId, f.kev, f.priority?.band])).toEqual([
      ["CVE-2026-1002", true, "P1"],
      ["CVE-2026-1001", false, "P1"],
    ]);

    const actions = json<{ items: VulnFixAction[] }>(
      await cli(["vulns", "fix-actions", "--asset", "shop-web", "--json"], env),
    );
    expect(actions.items.map((a) => a.summary)).toEqual([
      "upgrade libexample to 1.0.2 fixes 2 findings on 1 asset",
    ]);
    expect((await cli(["vulns", "fix-actions"], env)).out).toMatch(
      /upgrade libexample to 1\.0\.2 fixes 2 findings on 1 asset\n1 of 1/,
    );

    const bad = await cli(
      ["vulns", "enrich", "epss", write("bad.csv", "cve,epss,percentile\nCVE-1,x,y")],
      env,
    );
    expect(bad.code).not.toBe(0);
    expect(bad.err).toMatch(/FIRST EPSS CSV: "CVE-1" is not a CVE id at line 2/);
    const missing = await cli(["vulns", "enrich", "kev", join(dir, "nope.json")], env);
    expect(missing.code).not.toBe(0);
    expect(missing.err).toMatch(/cannot read/);
    const badSeverity = await cli(["vulns", "fix-actions", "--severity", "urgent"], env);
    expect(badSeverity.err).toMatch(/--severity must be one of/);
  });
});

describe("remote mode", () => {
  it("imports EPSS and KEV and lists fix actions through a real server", async () => {
    const env = baseEnv();
    const server = await startLoopbackServer(dir);
    try {
      await seed(env);
      const remote = await adminTokenEnv(env);
      const s = ["--server", server.url];
      const epss = await cli(
        [...s, "vulns", "enrich", "epss", write("e.csv.gz", gzipSync(EPSS))],
        remote,
      );
      expect(epss.err).toBe("");
      expect(epss.out).toMatch(/2 records; 2 findings updated/);
      const kev = await cli(
        [...s, "vulns", "enrich", "kev", write("k.json", KEV), "--json"],
        remote,
      );
      expect(json<{ deadlinesCapped: number }>(kev).deadlinesCapped).toBe(1);
      const status = json<VulnEnrichmentStatus>(
        await cli([...s, "vulns", "enrich", "status", "--json"], remote),
      );
      expect(status.kev).toMatchObject({ version: "2026.11.20", importedBy: "admin" });
      const actions = json<{ total: number }>(
        await cli([...s, "vulns", "fix-actions", "--json"], remote),
      );
      expect(actions.total).toBe(1);
    } finally {
      await server.close();
    }
  });
});
