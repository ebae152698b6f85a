import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parseReport } from "./parse-report";
import { toParseOutput } from "./parse-output";

const fixture = (name: string): Buffer =>
  readFileSync(new URL(`./testdata/${name}`, import.meta.url));

describe("Trivy", () => {
  it("reads an image report: vulnerabilities, failed misconfigurations and secrets", () => {
    const r = parseReport(fixture("trivy-image.json"));
    expect(r.format).toBe("trivy");
    expect(r.records.map((x) => x.kind)).toEqual([
      "package",
      "package",
      "package",
      "package",
      "package",
      "config",
      "secret",
    ]);
    const ssl = r.records[0]!;
    expect(ssl).toMatchObject({
      vulnId: "CVE-2024-0727",
      package: "libssl3",
      purl: "pkg:apk/alpine/libssl3",
      version: "3.1.4-r2",
      fixedVersion: "3.1.4-r5",
      fixState: "fixed",
      target: "registry.example.com/shop/api:1.4",
      severity: "medium",
      severitySource: "cvss_v3",
      related: ["ALPINE-13661"],
      cwes: ["CWE-476"],
      location: { layer: "sha256:aaa" },
    });
    expect(r.records[2]).toMatchObject({
      fixState: "wont_fix",
      severitySource: "scanner",
      severity: "high",
    });
    expect(r.coverage.targets).toHaveLength(5);
    expect(r.coverage.targets[0]).toMatchObject({
      class: "os-pkgs",
      packages: 3,
      status: "success",
    });
  });

  it("keeps the same package@version in two lockfiles as one finding with two occurrences", () => {
    const r = parseReport(fixture("trivy-image.json"));
    const lodash = r.findings.filter((f) => f.package === "lodash");
    expect(lodash).toHaveLength(1);
    expect(lodash[0]!.occurrences.map((o) => o.path)).toEqual([
      "app/package-lock.json",
      "admin/package-lock.json",
    ]);
    expect(r.findings).toHaveLength(6);
  });

  it("reads the legacy bare-array schema with an asset given by the caller", () => {
    const r = parseReport(fixture("trivy-legacy.json"), { asset: "debian-host" });
    expect(r.format).toBe("trivy");
    expect(r.records[0]).toMatchObject({
      vulnId: "CVE-2019-18224",
      target: "debian-host",
      severity: "critical",
    });
  });

  it("names Kubernetes resources as assets", () => {
    const r = parseReport(fixture("trivy-k8s.json"));
    expect(r.coverage.scanType).toBe("kubernetes");
    expect(new Set(r.records.map((x) => x.target))).toEqual(
      new Set(["prod-eu/shop/Deployment/api", "prod-eu/shop/Deployment/web"]),
    );
    expect(r.findings).toHaveLength(3);
    expect(r.records.find((x) => x.kind === "config")?.identity.tuple[2]).toBe(
      "Deployment/api#api",
    );
  });
});

describe("Grype", () => {
  it("merges locations as occurrences and resolves GHSA to the related CVE", () => {
    const r = parseReport(fixture("grype.json"));
    expect(r.format).toBe("grype");
    expect(r.records).toHaveLength(3);
    expect(r.findings).toHaveLength(2);
    const lodash = r.findings.find((f) => f.package === "lodash")!;
    expect(lodash.vulnId).toBe("CVE-2021-23337");
    expect(lodash.aliases).toEqual(["GHSA-35jh-r3h4-6jhm"]);
    expect(lodash.occurrences.map((o) => o.layer)).toEqual(["sha256:bbb", "sha256:ccc"]);
    expect(r.records[0]!.epss).toEqual({ score: 0.0123, percentile: 0.85 });
    expect(r.records[2]).toMatchObject({
      fixState: "not_fixed",
      target: "registry.example.com/shop/api:1.4",
    });
  });
});

describe("SARIF", () => {
  it("keys on fingerprint plus file, maps security-severity and level, keeps suppressions", () => {
    const r = parseReport(fixture("sarif.json"));
    expect(r.format).toBe("sarif");
    expect(r.records).toHaveLength(3);
    // The same partial fingerprint in two files is two findings.
    expect(r.findings).toHaveLength(3);
    expect(r.records[0]).toMatchObject({
      kind: "code",
      vulnId: "js/sql-injection",
      severity: "high",
      cwes: ["CWE-89"],
    });
    expect(r.records[2]).toMatchObject({ severity: "info", vex: { state: "suppressed" } });
    expect(r.warnings[0]).toMatch(/absent/);
    expect(r.coverage).toMatchObject({
      status: "success",
      scanner: { name: "codeql", version: "2.19.0" },
    });
  });
});

describe("CycloneDX", () => {
  it("reads JSON 1.6 with VEX analysis, references as aliases and nested components", () => {
    const r = parseReport(fixture("cyclonedx-vex.json"));
    expect(r.format).toBe("cyclonedx-json");
    const jackson = r.records[0]!;
    expect(jackson).toMatchObject({
      vulnId: "CVE-2018-7489",
      aliases: ["SNYK-JAVA-COMFASTERXMLJACKSONCORE-32111"],
      severity: "critical",
      version: "2.9.4",
      vex: {
        state: "not_affected",
        justification: "code_not_reachable",
        response: ["will_not_fix"],
      },
    });
    expect(jackson.identity.tuple[2]).toBe("com.fasterxml.jackson.core/jackson-databind");
    expect(r.records[1]).toMatchObject({ package: "lodash", version: "4.17.20" });
    expect(r.warnings[0]).toMatch(/1 affects\[\]\.ref/);
    expect(r.coverage.targets[0]).toMatchObject({ asset: "pkg:generic/shop-api", packages: 3 });
  });

  it("reads XML 1.5 the same way, decoding entities", () => {
    const r = parseReport(fixture("cyclonedx.xml"));
    expect(r.format).toBe("cyclonedx-xml");
    expect(r.coverage.scanner.name).toBe("scan&go");
    expect(r.records).toHaveLength(1);
    expect(r.records[0]).toMatchObject({
      vulnId: "CVE-2021-33203",
      aliases: ["GHSA-xpfp-f569-q3p2"],
      package: "django",
      version: "3.2.0",
      severity: "medium",
      cwes: ["CWE-22"],
      title: "Directory traversal in admindocs <TemplateDetailView>",
      vex: { state: "exploitable", response: ["update"] },
    });
  });
});

describe("OSV-Scanner", () => {
  it("reads alias groups as one record and the fixed version from the ranges", () => {
    const r = parseReport(fixture("osv.json"), { asset: "repo:shop" });
    expect(r.format).toBe("osv-scanner");
    expect(r.records[0]).toMatchObject({
      vulnId: "CVE-2021-3121",
      aliases: ["GHSA-c3h9-896r-86jm", "GO-2021-0053"],
      fixedVersion: "1.3.2",
      severity: "high",
    });
    expect(r.findings).toHaveLength(1);
    expect(r.findings[0]!.occurrences.map((o) => o.path)).toEqual([
      "/src/go.mod",
      "/src/tools/go.mod",
    ]);
  });
});

describe("GitLab security reports", () => {
  it("reads container scanning with the image as asset", () => {
    const r = parseReport(fixture("gitlab-container.json"));
    expect(r.format).toBe("gitlab");
    expect(r.records[0]).toMatchObject({
      vulnId: "CVE-2024-0727",
      package: "libssl3",
      fixedVersion: "3.1.4-r5",
    });
    expect(r.coverage).toMatchObject({
      scanType: "container_scanning",
      status: "success",
      schemaVersion: "15.2.1",
    });
  });

  it("reads dependency scanning: CVE preferred over the primary analyzer identifier, CWE not an alias", () => {
    const r = parseReport(fixture("gitlab-dependency.json"), { asset: "repo:shop" });
    expect(r.records[0]).toMatchObject({
      vulnId: "CVE-2021-23337",
      aliases: ["GHSA-35jh-r3h4-6jhm"],
      location: { path: "app/package-lock.json" },
    });
  });

  it("reads SAST keyed on the tracking signature, and secret detection keyed on the file", () => {
    const sast = parseReport(fixture("gitlab-sast.json")).records[0]!;
    expect(sast).toMatchObject({
      kind: "code",
      vulnId: "bandit.B608",
      cwes: ["CWE-89"],
      location: { startLine: 20 },
    });
    expect(sast.identity.tuple[2]).toBe("app/db.py#scope_offset=app/db.py|query[0]:3");
    const secret = parseReport(fixture("gitlab-secret.json")).records[0]!;
    expect(secret).toMatchObject({ kind: "secret", vulnId: "AWS", severity: "critical" });
  });
});

describe("Nessus", () => {
  it("reads hosts, ports, plugins and credentialed-scan evidence", () => {
    const r = parseReport(fixture("scan.nessus"));
    expect(r.format).toBe("nessus");
    expect(r.records).toHaveLength(3);
    expect(r.records[0]).toMatchObject({
      kind: "host",
      vulnId: "NESSUS-187000",
      related: ["CVE-2023-5868", "CVE-2023-5869"],
      target: "db1.prod.example.com",
      severity: "high",
      title: "PostgreSQL 13.x < 13.13 Multiple Vulnerabilities",
      location: { port: 5432, protocol: "tcp", service: "postgresql" },
    });
    expect(r.records[0]!.cvss.find((c) => c.version === "2")?.vector).toBe(
      "AV:N/AC:L/Au:S/C:P/I:P/A:P",
    );
    expect(r.coverage.targets).toEqual([
      expect.objectContaining({ asset: "db1.prod.example.com", authenticated: true }),
      expect.objectContaining({ asset: "10.0.0.9", authenticated: null }),
    ]);
    expect(parseReport(fixture("scan.nessus"), { includeInfo: true }).records).toHaveLength(4);
  });
});

describe("vulns parse output", () => {
  it("has the issue's contract: format, records with the listed fields, and the finding count", () => {
    const out = toParseOutput(parseReport(fixture("trivy-image.json")));
    expect(out.format).toBe("trivy");
    expect(out.findings).toBe(6);
    expect(Object.keys(out.records[0]!).sort()).toEqual([
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
    ]);
  });
});
