import { existsSync, readFileSync } from "node:fs";
import Ajv from "ajv";
import addFormats from "ajv-formats";
import { describe, expect, it } from "vitest";
import { csvCell, exportWriter } from "./export-findings";
import type { ExportFinding, ExportFormat } from "./export-findings";
import { readVexStatements } from "./vex-statements";

// Official schemas live in the shared bench folder, outside the repository: these tests skip
// when it is absent; the structural assertions below always run.
const CDX = "/work/shared/bench/vulns/cyclonedx/schema";
const GITLAB_DS =
  "/work/shared/bench/vulns/gitlab/schemas/15.2.1/dependency-scanning-report-format.json";
const SARIF = "/work/shared/bench/schemas/sarif/sarif-schema-2.1.0.json";

function validator(path: string, extra: string[] = []): (doc: unknown) => string[] {
  const load = (p: string) => {
    const schema = JSON.parse(readFileSync(p, "utf8")) as Record<string, unknown>;
    if (typeof schema.id === "string") {
      schema.$id = schema.id;
      delete schema.id;
    }
    delete schema.$schema;
    return schema;
  };
  const ajv = new Ajv({ strict: false, allErrors: true, validateFormats: true });
  addFormats(ajv);
  for (const p of extra) ajv.addSchema(load(p));
  const validate = ajv.compile(load(path));
  return (doc) =>
    validate(doc) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message ?? ""}`);
}

const base: ExportFinding = {
  id: "01936d3c-0000-7000-8000-000000000001",
  assetKey: "shop-api",
  kind: "package",
  vulnId: "CVE-2024-1000",
  aliases: ["GHSA-abcd-efgh-ijkl"],
  title: "=cmd|' /C calc'!A0",
  package: "openssl",
  purl: "pkg:deb/debian/openssl",
  version: "3.0.11-1",
  fixedVersion: "3.0.13-1",
  severity: "high",
  cvssScore: 7.5,
  cvssVector: "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:N/A:N",
  cwes: ["CWE-79"],
  status: "detected",
  dismissalReason: null,
  justification: null,
  statusNote: null,
  scanner: "trivy",
  coverageTarget: "shop-api:1 (debian 12.5)",
  firstSeenAt: "2026-11-25T12:00:00.000Z",
  lastSeenAt: "2026-11-25T12:00:00.000Z",
  slaDueAt: null,
  updatedAt: "2026-11-25T12:00:00.000Z",
};

const findings: ExportFinding[] = [
  base,
  {
    ...base,
    id: "01936d3c-0000-7000-8000-000000000002",
    status: "dismissed",
    dismissalReason: "not_affected",
    justification: "code_not_reachable",
    statusNote: "never loaded",
  },
  {
    ...base,
    id: "01936d3c-0000-7000-8000-000000000003",
    vulnId: "GHSA-wxyz-wxyz-wxyz",
    aliases: [],
    status: "dismissed",
    dismissalReason: "risk_accepted",
    statusNote: "accepted until Q3",
    cvssScore: null,
    cvssVector: "AV:N/AC:L/Au:N/C:P/I:P/A:P",
  },
  { ...base, id: "01936d3c-0000-7000-8000-000000000004", status: "resolved" },
  {
    ...base,
    id: "01936d3c-0000-7000-8000-000000000005",
    kind: "config",
    package: null,
    purl: null,
    version: null,
    status: "in_progress",
  },
];

function run(format: ExportFormat, list = findings): string {
  const w = exportWriter(format, {
    at: "2026-11-25T12:00:00.000Z",
    serial: "01936d3c-0000-7000-8000-0000000000ff",
    toolVersion: "0.1.0",
  });
  return w.start() + list.map((f) => w.item(f)).join("") + w.end();
}

describe("CycloneDX VEX export", () => {
  it("writes one vulnerability per finding with analysis, ratings and resolvable affects", () => {
    const bom = JSON.parse(run("cyclonedx-vex")) as {
      specVersion: string;
      vulnerabilities: Record<string, unknown>[];
      components: Record<string, unknown>[];
    };
    expect(bom.specVersion).toBe("1.6");
    expect(bom.vulnerabilities.map((v) => (v.analysis as { state: string }).state)).toEqual([
      "in_triage",
      "not_affected",
      "exploitable",
      "resolved",
      "exploitable",
    ]);
    expect(bom.vulnerabilities[1]!.analysis).toMatchObject({
      justification: "code_not_reachable",
      detail: "never loaded",
    });
    expect(bom.vulnerabilities[2]!.analysis).toMatchObject({ response: ["will_not_fix"] });
    expect(bom.vulnerabilities[2]!.ratings).toEqual([
      { severity: "high", method: "CVSSv2", vector: "AV:N/AC:L/Au:N/C:P/I:P/A:P" },
    ]);
    expect(bom.vulnerabilities[0]!.cwes).toEqual([79]);
    const refs = new Set(bom.components.map((c) => c["bom-ref"]));
    expect(refs).toEqual(new Set(["pkg:deb/debian/openssl@3.0.11-1", "infrasec:asset:shop-api"]));
  });

  it("reads back as the statements it was written from", () => {
    const statements = readVexStatements(run("cyclonedx-vex"));
    expect(statements).toHaveLength(5);
    expect(statements[1]).toMatchObject({
      ids: ["CVE-2024-1000", "GHSA-abcd-efgh-ijkl"],
      component: { purl: "pkg:deb/debian/openssl", version: "3.0.11-1" },
      target: { action: "set", state: { status: "dismissed", reason: "not_affected" } },
      issuedAt: "2026-11-25T12:00:00.000Z",
    });
  });

  it.skipIf(!existsSync(CDX))("validates against the CycloneDX 1.6 schema", () => {
    const check = validator(`${CDX}/bom-1.6.schema.json`, [
      `${CDX}/spdx.schema.json`,
      `${CDX}/jsf-0.82.schema.json`,
    ]);
    expect(check(JSON.parse(run("cyclonedx-vex")))).toEqual([]);
    expect(check(JSON.parse(run("cyclonedx-vex", [])))).toEqual([]);
  });
});

describe("GitLab export", () => {
  it("leaves out resolved findings and findings without a package; flags false positives", () => {
    const report = JSON.parse(run("gitlab")) as {
      version: string;
      scan: { type: string; start_time: string };
      vulnerabilities: Record<string, unknown>[];
    };
    expect(report.version).toBe("15.2.1");
    expect(report.scan).toMatchObject({
      type: "dependency_scanning",
      start_time: "2026-11-25T12:00:00",
    });
    expect(report.vulnerabilities.map((v) => v.id)).toEqual(findings.slice(0, 3).map((f) => f.id));
    expect(report.vulnerabilities[1]!.flags).toEqual([
      expect.objectContaining({ type: "flagged-as-likely-false-positive" }),
    ]);
    expect(report.vulnerabilities[2]!.flags).toBeUndefined();
    expect(report.vulnerabilities[2]!.details).toMatchObject({
      infrasec_state: {
        value: expect.stringContaining("GitLab dismissed (acceptable_risk)") as string,
      },
    });
    // A CVSS v2 vector is not sent (GitLab's CVSS v2 pattern is strict); v3.1 is.
    expect(report.vulnerabilities[0]!.cvss_vectors).toEqual([
      { vendor: "infrasec", vector: base.cvssVector },
    ]);
    expect(report.vulnerabilities[2]!.cvss_vectors).toBeUndefined();
  });

  it.skipIf(!existsSync(GITLAB_DS))("validates against GitLab's dependency-scanning schema", () => {
    const check = validator(GITLAB_DS);
    expect(check(JSON.parse(run("gitlab")))).toEqual([]);
    expect(check(JSON.parse(run("gitlab", [])))).toEqual([]);
  });
});

describe("CSV and SARIF export", () => {
  it("protects formula-like cells and quotes per RFC 4180", () => {
    expect(csvCell("=1+1")).toBe("'=1+1");
    expect(csvCell("+x")).toBe("'+x");
    expect(csvCell("-x")).toBe("'-x");
    expect(csvCell("@x")).toBe("'@x");
    expect(csvCell('a,"b"')).toBe('"a,""b"""');
    expect(csvCell(null)).toBe("");
    const lines = run("csv").trimEnd().split("\r\n");
    expect(lines).toHaveLength(6);
    expect(lines[1]).toContain(`,'=cmd|' /C calc'!A0,`);
    expect(lines[2]).toContain(
      "dismissed,not_affected,code_not_reachable,never loaded,dismissed,not_applicable,not_affected",
    );
  });

  it("marks dismissals as accepted suppressions and resolved as absent", () => {
    const log = JSON.parse(run("sarif")) as { runs: { results: Record<string, unknown>[] }[] };
    const results = log.runs[0]!.results;
    expect(results).toHaveLength(5);
    expect(results[1]!.suppressions).toEqual([
      {
        kind: "external",
        status: "accepted",
        justification: "not_affected: code_not_reachable: never loaded",
      },
    ]);
    expect(results[3]!.baselineState).toBe("absent");
  });

  it.skipIf(!existsSync(SARIF))("SARIF validates against the 2.1.0 schema", () => {
    expect(validator(SARIF)(JSON.parse(run("sarif")))).toEqual([]);
  });
});
