import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, beforeAll, beforeEach, expect, it } from "vitest";
import type { VulnDashboard, VulnSlaSweepResult } from "@infrasec/contracts";
import { forEachDialect, type TestDatabase } from "@infrasec/storage/testing";
import { cli } from "../testing-capture";

/** `infrasec vulns sla sweep|events|policy` and `vulns dashboard` in local mode on both dialects. */

let root: string;
let dir: string;
beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), "infrasec-sla-cli-"));
});
afterAll(() => rmSync(root, { recursive: true, force: true }));
beforeEach(() => {
  dir = mkdtempSync(join(root, "t-"));
});

function write(name: string, content: string): string {
  const file = join(dir, name);
  writeFileSync(file, content);
  return file;
}

forEachDialect(({ open }) => {
  let db: TestDatabase;
  let env: Record<string, string | undefined>;
  beforeEach(async () => {
    db = await open();
    env = {
      INFRASEC_DATA_DIR: join(dir, "data"),
      DATABASE_URL: db.url,
      INFRASEC_SERVER: undefined,
      INFRASEC_TOKEN: undefined,
      INFRASEC_CLI_CONFIG: join(dir, "none.json"),
    };
  });
  afterEach(() => db.cleanup());

  it("sweeps, lists SLA events and prints the dashboard", async () => {
    write(
      "assets.yaml",
      "- key: shop-web\n  name: shop web\n  kind: container_image\n  ownerTeam: web\n  criticality: 1\n  exposure: internet_facing\n",
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
            Vulnerabilities: ["HIGH", "LOW", "CRITICAL"].map((sev, i) => ({
              VulnerabilityID: `CVE-2026-${1000 + i}`,
              PkgName: `lib${i}`,
              InstalledVersion: "1.0.0",
              FixedVersion: "1.0.1",
              Severity: sev,
            })),
          },
        ],
      }),
    );
    expect((await cli(["vulns", "import", report, "--asset", "shop-web"], env)).code).toBe(0);

    const sweep = await cli(["vulns", "sla", "sweep", "--json"], env);
    expect(sweep.err).toBe("");
    expect(JSON.parse(sweep.out) as VulnSlaSweepResult).toMatchObject({
      changed: 3,
      events: { due_soon: 0, breached: 0, met: 0, missed: 0 },
    });
    const again = await cli(["vulns", "sla", "sweep"], env);
    expect(again.out).toBe("examined 0, changed 0: 0 due soon, 0 breached, 0 met, 0 missed\n");
    // Fresh findings are on track: no event yet.
    const events = await cli(["vulns", "sla", "events", "--json"], env);
    expect(JSON.parse(events.out)).toEqual({ items: [], nextCursor: null });

    const d = JSON.parse((await cli(["vulns", "dashboard", "--json"], env)).out) as VulnDashboard;
    expect(d.totals).toMatchObject({ open: 3, onTrack: 3, breached: 0, detectedInWindow: 3 });
    expect(d.totals.openBySeverity).toEqual({ critical: 1, high: 1, medium: 0, low: 1, info: 0 });
    const text = await cli(["vulns", "dashboard", "--team", "web"], env);
    expect(text.out).toContain("3 open (0 breached, 0 due soon, 3 on track, 0 without SLA)");

    const bad = await cli(["vulns", "sla", "events", "--kind", "late"], env);
    expect(bad.code).not.toBe(0);
    expect(bad.err).toContain("kind");

    // The policy as data: an edit waits for the recomputation of the 3 open findings.
    const shown = await cli(["vulns", "sla", "policy"], env);
    expect(shown.out).toBe(
      "GitLab handbook remediation SLAs (gitlab-handbook@1, configured): critical 30, high 30, " +
        "medium 90, low 180 days; 0 overrides, KEV cap on\n",
    );
    const edit = write("policy.json", JSON.stringify({ preset: "defectdojo" }));
    const set = await cli(["vulns", "sla", "policy", "--set", edit], env);
    expect(set.err).toBe("");
    expect(set.out).toMatch(
      /^DefectDojo defaults \(defectdojo@2, stored\): critical 7, high 30, medium 90, low 120 days; 0 overrides, KEV cap off\nrecomputation \S+: done, 3\/3 open findings, 2 deadlines moved\n$/,
    );
  });
});
