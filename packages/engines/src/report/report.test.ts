import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { XMLParser } from "fast-xml-parser";
import { describe, expect, it } from "vitest";
import {
  REPORT_FORMATS,
  toCodeQuality,
  toGitlabSast,
  toJsonReport,
  toSarif,
  writeReport,
  type ReportFormat,
} from "./index";
import { emptyReport, sampleReport } from "./testdata/sample-report";

const here = dirname(fileURLToPath(import.meta.url));
const GOLDEN = join(here, "testdata", "golden");
const EXT: Record<ReportFormat, string> = {
  text: "txt",
  json: "json",
  sarif: "sarif.json",
  junit: "junit.xml",
  "gitlab-codequality": "codequality.json",
  "gitlab-sast": "sast.json",
  markdown: "md",
};

function golden(name: string, actual: string): void {
  const file = join(GOLDEN, name);
  if (process.env.UPDATE_GOLDEN === "1") {
    mkdirSync(GOLDEN, { recursive: true });
    writeFileSync(file, actual);
  }
  expect(actual).toBe(readFileSync(file, "utf8"));
}

describe("writeReport golden files", () => {
  it.each(REPORT_FORMATS)("%s matches its golden file", (format) => {
    golden(`sample.${EXT[format]}`, writeReport(sampleReport(), format));
  });
  it("text with colour matches its golden file", () => {
    golden("sample.color.txt", writeReport(sampleReport(), "text", { color: true }));
  });
  it.each(REPORT_FORMATS)("%s renders an empty report", (format) => {
    expect(writeReport(emptyReport(), format).length).toBeGreaterThan(0);
  });
});

describe("text", () => {
  it("colours only when told", () => {
    expect(writeReport(sampleReport(), "text")).not.toContain("\u001b[");
    expect(writeReport(sampleReport(), "text", { color: true })).toContain("\u001b[");
  });
  it("groups findings by file", () => {
    const text = writeReport(sampleReport(), "text");
    expect(text.indexOf("deploy/app.yaml")).toBeLessThan(text.indexOf("  21  CRITICAL"));
    expect(text).toMatch(/5 findings .*2 errors\.\n$/);
  });
});

describe("json contract", () => {
  it("has schemaVersion 1 and the contract fields", () => {
    const doc = toJsonReport(sampleReport());
    expect(doc.schemaVersion).toBe(1);
    expect(Object.keys(doc)).toEqual(["schemaVersion", "tool", "findings", "errors", "summary"]);
    for (const f of doc.findings) {
      for (const key of [
        "ruleId",
        "severity",
        "title",
        "file",
        "startLine",
        "endLine",
        "resource",
        "status",
        "equivalents",
      ]) {
        expect(f).toHaveProperty(key);
      }
      expect(["new", "existing", "fixed", "suppressed", "unknown"]).toContain(f.status);
      expect(Array.isArray(f.equivalents.checkov) && Array.isArray(f.equivalents.trivy)).toBe(true);
    }
    expect(doc.errors[1]).toEqual({
      file: "infra/huge.tf",
      line: null,
      message: "file exceeds 8388608 bytes",
    });
    expect(doc.findings.find((f) => f.ruleId === "K8S-PSS-005")?.equivalents).toEqual({
      checkov: ["CKV_K8S_16"],
      trivy: ["AVD-KSV-0017"],
    });
  });
});

interface SarifResult {
  ruleId: string;
  ruleIndex: number;
  kind: string;
  level: string;
  baselineState?: string;
  suppressions?: { kind: string; status: string; justification: string }[];
  partialFingerprints: Record<string, string>;
  properties: { status: string };
  locations: { physicalLocation: { artifactLocation: { uri: string } } }[];
}
interface SarifRun {
  tool: {
    driver: {
      rules: {
        id: string;
        defaultConfiguration: { level: string };
        properties: Record<string, unknown>;
        help: { markdown: string };
        relationships: { target: { toolComponent: { name: string } } }[];
      }[];
    };
  };
  taxonomies: { taxa: { id: string }[] }[];
  results: SarifResult[];
  invocations: { toolExecutionNotifications: unknown[] }[];
}

describe("sarif structure", () => {
  const log = toSarif(sampleReport()) as unknown as { runs: SarifRun[] };
  const run = log.runs[0]!;
  it("carries full rule metadata with levels and security-severity", () => {
    const rule = run.tool.driver.rules.find((r) => r.id === "K8S-PSS-005")!;
    expect(rule.defaultConfiguration.level).toBe("error");
    expect(rule.properties["security-severity"]).toBe("9.5");
    expect(rule.help.markdown).toContain("Remediation");
    expect(rule.relationships[0]?.target.toolComponent.name).toBe("infrasec-frameworks");
  });
  it("has unique taxa", () => {
    const ids = run.taxonomies[0]!.taxa.map((t) => t.id);
    expect(new Set(ids).size).toBe(ids.length);
  });
  it("maps statuses, suppressions and fingerprints", () => {
    const byRule = (id: string, status: string): SarifResult =>
      run.results.find((r) => r.ruleId === id && r.properties.status === status)!;
    expect(byRule("K8S-PSS-005", "new").baselineState).toBe("new");
    expect(byRule("K8S-RES-002", "existing").baselineState).toBe("unchanged");
    expect(byRule("K8S-RES-002", "fixed").baselineState).toBe("absent");
    expect(byRule("DOCKER-USER-002", "suppressed").suppressions?.[0]).toMatchObject({
      kind: "inSource",
      status: "accepted",
      justification: "distroless nonroot base",
    });
    expect(byRule("AWS-S3-001", "unknown")).toMatchObject({ kind: "review", level: "none" });
    expect(byRule("K8S-PSS-005", "new").partialFingerprints["infrasecFingerprint/v1"]).toContain(
      "K8S-PSS-005",
    );
    expect(
      byRule("DOCKER-USER-002", "suppressed").locations[0]?.physicalLocation.artifactLocation.uri,
    ).toBe("images/api%20dir/Dockerfile");
    for (const r of run.results) expect(run.tool.driver.rules[r.ruleIndex]?.id).toBe(r.ruleId);
  });
  it("records severity overrides", () => {
    const inv = run.invocations[0] as unknown as {
      ruleConfigurationOverrides: {
        descriptor: { id: string };
        configuration: { level: string };
      }[];
    };
    expect(inv.ruleConfigurationOverrides[0]).toMatchObject({
      descriptor: { id: "K8S-RES-002" },
      configuration: { level: "warning" },
    });
  });
  it("reports errors as tool notifications", () => {
    expect(run.invocations[0]?.toolExecutionNotifications).toHaveLength(2);
  });
});

describe("junit structure", () => {
  it("is well-formed XML with one suite per file", () => {
    const xml = writeReport(sampleReport(), "junit");
    const doc = new XMLParser({ ignoreAttributes: false }).parse(xml) as {
      testsuites: Record<string, string> & { testsuite: Record<string, string>[] };
    };
    const suites = doc.testsuites.testsuite;
    expect(suites.map((s) => s["@_name"])).toContain("deploy/app.yaml");
    expect(doc.testsuites["@_failures"]).toBe("2");
    expect(doc.testsuites["@_errors"]).toBe("2");
    expect(xml).toContain("&lt;b&gt;|x|&lt;/b&gt; &amp; more.");
  });
});

describe("gitlab structure", () => {
  it("code quality lists open findings with opaque fingerprints", () => {
    const issues = toCodeQuality(sampleReport());
    expect(issues.map((i) => i.check_name)).toEqual(["K8S-RES-002", "K8S-PSS-005", "AWS-S3-001"]);
    expect(issues.every((i) => /^[0-9a-f]{32}$/.test(i.fingerprint))).toBe(true);
    expect(issues[1]?.severity).toBe("blocker");
  });
  it("sast lists open findings with identifiers", () => {
    const doc = toGitlabSast(sampleReport()) as unknown as {
      version: string;
      scan: { start_time: string };
      vulnerabilities: { severity: string; identifiers: { value: string }[] }[];
    };
    expect(doc.version).toBe("15.2.1");
    expect(doc.scan.start_time).toBe("2026-11-25T20:00:00");
    const v = doc.vulnerabilities.find((x) => x.identifiers[0]?.value === "K8S-PSS-005")!;
    expect(v.severity).toBe("Critical");
    expect(v.identifiers.map((i) => i.value)).toEqual([
      "K8S-PSS-005",
      "CKV_K8S_16",
      "AVD-KSV-0017",
    ]);
  });
});

describe("markdown", () => {
  it("puts new findings first and collapses the rest", () => {
    const md = writeReport(sampleReport(), "markdown");
    expect(md.indexOf("#### New findings")).toBeLessThan(
      md.indexOf("<summary>Existing findings (1)</summary>"),
    );
    expect(md).toContain("<summary>Suppressed findings (1)</summary>");
    expect(md).toContain("\\|x\\|");
    expect(md).not.toContain("<b>");
  });
  it("caps rows", () => {
    const report = sampleReport();
    const md = writeReport(report, "markdown", { maxRows: 0 });
    expect(md).toContain("…and 1 more.");
  });
});
