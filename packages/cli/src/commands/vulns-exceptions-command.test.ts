import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { VulnException, VulnExceptionDetail, VulnFinding } from "@infrasec/contracts";
import { forEachDialect, type TestDatabase } from "@infrasec/storage/testing";
import { cli } from "../testing-capture";
import { adminTokenEnv, localCliEnv, startLoopbackServer } from "../testing-remote";

/** `infrasec vulns exceptions …` in local mode on both dialects and against a real server. */

// One root for the file, removed at the end: the local backend's upload spool creates
// <data dir>/vuln-uploads without waiting, and removing a test's directory while such a mkdir
// is still pending made it fail as an unhandled rejection.
let root: string;
let dir: string;
beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), "infrasec-vulns-exc-cli-"));
});
afterAll(() => rmSync(root, { recursive: true, force: true }));
beforeEach(() => {
  dir = mkdtempSync(join(root, "t-"));
});

const baseEnv = () => localCliEnv(dir);
const json = <T>(r: { out: string }): T => JSON.parse(r.out) as T;

/** Registers asset shop-web and imports CVE-2026-1001 (critical, lib1) and -1002 (low, lib2). */
async function seed(env: Record<string, string | undefined>): Promise<void> {
  const assets = join(dir, "assets.yaml");
  writeFileSync(
    assets,
    "- key: shop-web\n  name: shop web\n  kind: container_image\n  criticality: 2\n  exposure: internal\n",
  );
  expect((await cli(["assets", "import", assets], env)).code).toBe(0);
  const report = join(dir, "trivy.json");
  writeFileSync(
    report,
    JSON.stringify({
      SchemaVersion: 2,
      ArtifactName: "shop/web:2",
      ArtifactType: "container_image",
      Results: [
        {
          Target: "web (alpine 3.20.1)",
          Class: "os-pkgs",
          Type: "alpine",
          Vulnerabilities: [
            ["CVE-2026-1001", "lib1", "CRITICAL"],
            ["CVE-2026-1002", "lib2", "LOW"],
          ].map(([id, pkg, sev]) => ({
            VulnerabilityID: id,
            PkgName: pkg,
            InstalledVersion: "1.0.0",
            FixedVersion: "1.0.1",
            Severity: sev,
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

  it("requests, refuses bad input, approves as another person and lists in local mode", async () => {
    await seed(env);
    for (const [name, role] of [
      ["erin", "engineer"],
      ["sam", "security_engineer"],
    ]) {
      expect((await cli(["users", "create", name!, "--role", role!], env)).code).toBe(0);
    }
    const base = ["vulns", "exceptions"];
    const tooLong = await cli(
      [
        ...base,
        "request",
        "--vuln",
        "CVE-2026-1001",
        "--days",
        "60",
        "--justification",
        "j",
        "--as",
        "erin",
      ],
      env,
    );
    expect(tooLong.code).not.toBe(0);
    expect(tooLong.err).toMatch(/critical exceptions may last at most 30 days \(requested 60\)/);
    const noPerson = await cli(
      [...base, "request", "--vuln", "CVE-2026-1001", "--days", "5", "--justification", "j"],
      env,
    );
    expect(noPerson.code).not.toBe(0);
    expect(noPerson.err).toMatch(/--as USERNAME/);
    const badDays = await cli(
      [...base, "request", "--vuln", "X", "--days", "two", "--justification", "j", "--as", "erin"],
      env,
    );
    expect(badDays.err).toMatch(/--days must be a whole number of days/);

    const requested = await cli(
      [
        ...base,
        "request",
        "--vuln",
        "CVE-2026-1001",
        "--asset",
        "shop-web",
        "--days",
        "30",
        "--justification",
        "vendor fix next month",
        "--as",
        "erin",
      ],
      env,
    );
    expect(requested.err).toBe("");
    const id =
      /^requested (\S+): risk_acceptance for CVE-2026-1001 shop-web, critical, 30 days; 1 open finding\(s\) match$/m.exec(
        requested.out,
      )?.[1];
    expect(id).toBeDefined();

    const self = await cli([...base, "approve", id!, "--as", "erin"], env);
    expect(self.code).not.toBe(0);
    expect(self.err).toMatch(/this action needs the vulns:approve_exception permission/);
    const ok = await cli([...base, "approve", id!, "--as", "sam", "--note", "ok"], env);
    expect(ok.out).toMatch(/^approved \S+ until \S+: 1 finding\(s\) dismissed$/m);

    const shown = json<VulnExceptionDetail>(await cli([...base, "show", id!, "--json"], env));
    expect(shown).toMatchObject({ status: "approved", decidedBy: { name: "sam" } });
    expect(shown.findings).toMatchObject([{ vulnId: "CVE-2026-1001", status: "dismissed" }]);
    const table = await cli([...base, "list", "--status", "approved"], env);
    expect(table.out).toMatch(
      /risk_acceptance\s+approved\s+critical\s+CVE-2026-1001 shop-web\s+erin/,
    );
    const badStatus = await cli([...base, "list", "--status", "open"], env);
    expect(badStatus.err).toMatch(/--status must be one of requested, approved/);

    const revoked = await cli([...base, "revoke", id!], env);
    expect(revoked.out).toMatch(/revoked \S+: 1 finding\(s\) open again/);
    const open = json<{ items: VulnFinding[] }>(
      await cli(["vulns", "list", "--status", "open", "--json"], env),
    );
    expect(open.items.map((f) => f.vulnId).sort()).toEqual(["CVE-2026-1001", "CVE-2026-1002"]);
    const expired = await cli([...base, "expire"], env);
    expect(expired.out).toBe(
      "0 exception(s) expired, 0 finding(s) reopened, 0 expiring notice(s) sent\n",
    );
  });
});

describe("remote mode", () => {
  it("requests and rejects through a real server; --as and expire are refused", async () => {
    const env = baseEnv();
    const server = await startLoopbackServer(dir);
    try {
      await seed(env);
      const remote = await adminTokenEnv(env);
      const s = ["--server", server.url, "vulns", "exceptions"];
      const withAs = await cli(
        [
          ...s,
          "request",
          "--package",
          "lib2",
          "--days",
          "100",
          "--justification",
          "j",
          "--as",
          "x",
        ],
        remote,
      );
      expect(withAs.err).toMatch(/--as is for local mode/);
      const e = json<VulnException>(
        await cli(
          [
            ...s,
            "request",
            "--package",
            "lib2",
            "--days",
            "100",
            "--justification",
            "low risk",
            "--json",
          ],
          remote,
        ),
      );
      expect(e).toMatchObject({
        status: "requested",
        severity: "low",
        requestedBy: { name: "Administrator" },
      });
      const noNote = await cli([...s, "reject", e.id], remote);
      expect(noNote.code).not.toBe(0);
      const rejected = await cli([...s, "reject", e.id, "--note", "patch instead"], remote);
      expect(rejected.out).toBe(`rejected ${e.id}\n`);
      const list = json<{ items: VulnException[] }>(
        await cli([...s, "list", "--status", "rejected", "--json"], remote),
      );
      expect(list.items.map((x) => x.decisionNote)).toEqual(["patch instead"]);
      const expire = await cli([...s, "expire"], remote);
      expect(expire.err).toMatch(/run expire in local mode/);
    } finally {
      await server.close();
    }
  });
});
