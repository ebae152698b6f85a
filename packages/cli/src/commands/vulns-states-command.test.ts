import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { VulnFinding, VulnStatesImportResult } from "@infrasec/contracts";
import { forEachDialect, type TestDatabase } from "@infrasec/storage/testing";
import { cli } from "../testing-capture";
import { adminTokenEnv, localCliEnv, startLoopbackServer } from "../testing-remote";

/** `infrasec vulns vex|gitlab-states|export|bulk-status` in local mode on both dialects and remote. */

// One root for the file, removed at the end: the local backend's upload spool creates
// <data dir>/vuln-uploads without waiting, and removing a test's directory while that mkdir is
// pending fails as an unhandled rejection (as in vulns-exceptions-command.test.ts).
let root: string;
let dir: string;
beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), "infrasec-states-cli-"));
});
afterAll(() => rmSync(root, { recursive: true, force: true }));
beforeEach(() => {
  dir = mkdtempSync(join(root, "t-"));
});

const baseEnv = () => localCliEnv(dir);
const json = <T>(r: { out: string }): T => JSON.parse(r.out) as T;

function write(name: string, content: string): string {
  const file = join(dir, name);
  writeFileSync(file, content);
  return file;
}

const VEX = JSON.stringify({
  bomFormat: "CycloneDX",
  specVersion: "1.6",
  version: 1,
  vulnerabilities: [
    {
      id: "CVE-2026-1001",
      analysis: { state: "not_affected", justification: "requires_configuration", detail: "off" },
      affects: [{ ref: "pkg:apk/alpine/libexample@1.0.0" }],
    },
  ],
});
const GITLAB_CSV =
  "Status,Group Name,Project Name,Tool,Scanner Name,Vulnerability,Details,Severity,CVE,Dismissal Reason\n" +
  "confirmed,g,p,container_scanning,Trivy,libexample,,high,CVE-2026-1002,\n";

async function seed(env: Record<string, string | undefined>, s: string[] = []): Promise<void> {
  write(
    "assets.yaml",
    "- key: shop-web\n  name: shop web\n  kind: container_image\n  criticality: 1\n  exposure: internet_facing\n",
  );
  expect((await cli(["assets", "import", join(dir, "assets.yaml")], env)).code).toBe(0);
  // Remote imports are queued jobs: wait for them so that states apply to their findings.
  const wait = s.length ? ["--wait"] : [];
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
          Vulnerabilities: [1, 2, 3].map((i) => ({
            VulnerabilityID: `CVE-2026-${1000 + i}`,
            PkgName: "libexample",
            PkgIdentifier: { PURL: "pkg:apk/alpine/libexample@1.0.0" },
            InstalledVersion: "1.0.0",
            FixedVersion: `1.0.${i}`,
            Severity: "HIGH",
          })),
        },
      ],
    }),
  );
  expect(
    (await cli([...s, "vulns", "import", report, "--asset", "shop-web", ...wait], env)).code,
  ).toBe(0);
}

async function statuses(env: Record<string, string | undefined>, s: string[] = []) {
  const list = json<{ items: VulnFinding[] }>(await cli([...s, "vulns", "list", "--json"], env));
  return Object.fromEntries(list.items.map((f) => [f.vulnId, f.status]));
}

forEachDialect(({ open }) => {
  let db: TestDatabase;
  let env: Record<string, string | undefined>;
  beforeEach(async () => {
    db = await open();
    env = { ...baseEnv(), DATABASE_URL: db.url };
  });
  afterEach(() => db.cleanup());

  it("applies VEX and GitLab states, changes in bulk and exports in local mode", async () => {
    await seed(env);
    const vex = await cli(
      ["vulns", "vex", "apply", write("a.vex.json", VEX), "--asset", "shop-web"],
      env,
    );
    expect(vex.err).toBe("");
    expect(vex.out).toMatch(/a\.vex\.json: 1 matched, 1 changed, 0 skipped, 0 unmatched/);
    const gl = json<VulnStatesImportResult>(
      await cli(
        ["vulns", "gitlab-states", write("gl.csv", GITLAB_CSV), "--asset", "shop-web", "--json"],
        env,
      ),
    );
    expect(gl).toMatchObject({ changed: 1, unmatched: 0 });
    expect(await statuses(env)).toEqual({
      "CVE-2026-1001": "dismissed",
      "CVE-2026-1002": "confirmed",
      "CVE-2026-1003": "detected",
    });

    const bulk = await cli(
      ["vulns", "bulk-status", "--from-list", "--current", "open", "--status", "in_progress"],
      env,
    );
    expect(bulk.err).toBe("");
    expect(bulk.out).toBe("2 changed, 0 unchanged\n");
    const noComment = await cli(
      [
        "vulns",
        "bulk-status",
        "--from-list",
        "--status",
        "dismissed",
        "--reason",
        "false_positive",
      ],
      env,
    );
    expect(noComment.code).not.toBe(0);
    expect(noComment.err).toMatch(/comment: required to dismiss/);
    const both = await cli(["vulns", "bulk-status", "--status", "confirmed"], env);
    expect(both.err).toMatch(/--ids or --from-list/);

    const file = join(dir, "out.cdx.json");
    const exp = await cli(
      ["vulns", "export", "--format", "cyclonedx-vex", "--asset", "shop-web", "-o", file],
      env,
    );
    expect(exp.err).toBe("");
    const bom = JSON.parse(readFileSync(file, "utf8")) as {
      vulnerabilities: { id: string; analysis: { state: string; justification?: string } }[];
    };
    expect(bom.vulnerabilities.find((v) => v.id === "CVE-2026-1001")?.analysis).toMatchObject({
      state: "not_affected",
      justification: "requires_configuration",
    });
    const csv = await cli(["vulns", "export", "--format", "csv", "--status", "open"], env);
    expect(csv.out.trimEnd().split("\r\n")).toHaveLength(3);
    const badFormat = await cli(["vulns", "export", "--format", "xlsx"], env);
    expect(badFormat.err).toMatch(/--format must be one of cyclonedx-vex, gitlab, csv, sarif/);
  });
});

describe("remote mode", () => {
  it("applies VEX, changes in bulk by id and exports through a real server", async () => {
    const env = baseEnv();
    const server = await startLoopbackServer(dir);
    try {
      const remote = await adminTokenEnv(env);
      const s = ["--server", server.url];
      await seed(remote, s);
      const vex = await cli(
        [...s, "vulns", "vex", "apply", write("r.vex.json", VEX), "--asset", "shop-web"],
        remote,
      );
      expect(vex.out).toMatch(/1 changed/);
      const list = json<{ items: VulnFinding[] }>(
        await cli([...s, "vulns", "list", "--json"], remote),
      );
      const id = list.items.find((f) => f.vulnId === "CVE-2026-1003")!.id;
      const bulk = json<{ changed: number }>(
        await cli(
          [
            ...s,
            "vulns",
            "bulk-status",
            "--ids",
            id,
            "--status",
            "resolved",
            "--comment",
            "done",
            "--json",
          ],
          remote,
        ),
      );
      expect(bulk.changed).toBe(1);
      expect((await statuses(remote, s))["CVE-2026-1003"]).toBe("resolved");
      const gl = await cli([...s, "vulns", "export", "--format", "gitlab"], remote);
      const report = JSON.parse(gl.out) as { vulnerabilities: unknown[] };
      // The resolved finding is left out of a GitLab report.
      expect(report.vulnerabilities).toHaveLength(2);
      const unknown = await cli(
        [
          ...s,
          "vulns",
          "bulk-status",
          "--ids",
          "01900000-0000-7000-8000-000000000000",
          "--status",
          "confirmed",
        ],
        remote,
      );
      expect(unknown.code).not.toBe(0);
      expect(unknown.err).toMatch(/ids\[0\]: no finding/);
    } finally {
      await server.close();
    }
  });
});
