import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { cli } from "../testing-capture";

const dir = mkdtempSync(join(tmpdir(), "infrasec-vulns-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const vuln = (id: string, pkg: string, path?: string) => ({
  VulnerabilityID: id,
  PkgName: pkg,
  InstalledVersion: "1.0.0",
  FixedVersion: "1.0.1",
  Severity: "HIGH",
  ...(path ? { PkgPath: path } : {}),
});
const trivy = {
  SchemaVersion: 2,
  ArtifactName: "registry.example.com/shop/web:2.0",
  ArtifactType: "container_image",
  Results: [
    {
      Target: "app/package-lock.json",
      Class: "lang-pkgs",
      Type: "npm",
      Vulnerabilities: [
        vuln("CVE-2026-1111", "left-pad", "app/a"),
        vuln("CVE-2026-1111", "left-pad", "app/b"),
        vuln("GHSA-abcd-efgh-ijkl", "tar"),
      ],
    },
  ],
};

describe("infrasec vulns parse", () => {
  it("prints the normalized records per the JSON contract, counting findings after identity merging", async () => {
    const file = join(dir, "trivy.json");
    writeFileSync(file, JSON.stringify(trivy));
    const r = await cli(["vulns", "parse", file, "--format", "json"]);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.out) as {
      format: string;
      records: Record<string, unknown>[];
      findings: number;
    };
    expect(out.format).toBe("trivy");
    expect(out.records).toHaveLength(3);
    expect(Object.keys(out.records[0]!).sort()).toEqual(
      [
        "aliases",
        "cvss",
        "fixedVersion",
        "identity",
        "location",
        "package",
        "severity",
        "target",
        "version",
        "vulnId",
      ].sort(),
    );
    expect(out.records[0]).toMatchObject({
      vulnId: "CVE-2026-1111",
      package: "left-pad",
      version: "1.0.0",
      fixedVersion: "1.0.1",
      severity: "high",
    });
    // The same CVE in the same package at two paths is one finding with two occurrences.
    expect(out.findings).toBe(2);
    const text = await cli(["vulns", "parse", file]);
    expect(text.out).toMatch(/trivy, 3 record\(s\), 2 finding\(s\)/);
  });

  it("names the expected format and the place of a parse error, with exit code 2", async () => {
    const file = join(dir, "broken.json");
    writeFileSync(
      file,
      '{ "SchemaVersion": 2, "Results": [ { "Target": "x", "Vulnerabilities": [ { "VulnerabilityID": "CVE-1 ',
    );
    const r = await cli(["vulns", "parse", file, "--report-format", "trivy"]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/Trivy/);
    expect(r.err).toMatch(/line \d+|\$\./);
    expect((await cli(["vulns", "parse", join(dir, "missing.json")])).code).toBe(2);
    expect((await cli(["vulns", "parse", file, "--report-format", "nmap"])).code).toBe(2);
  });
});
