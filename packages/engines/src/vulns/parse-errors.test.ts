import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { isAppError } from "@infrasec/core";
import type { AppError } from "@infrasec/core";
import { parseReport } from "./parse-report";
import type { ParseReportOptions } from "./parse-report";
import { locateJsonError } from "./json-locate";

const fixture = (name: string): Buffer =>
  readFileSync(new URL(`./testdata/${name}`, import.meta.url));

function failure(input: Uint8Array | string, opts?: ParseReportOptions): AppError {
  try {
    parseReport(input, opts);
  } catch (e) {
    if (isAppError(e)) return e;
    throw e;
  }
  throw new Error("expected parseReport to throw");
}

describe("malformed input", () => {
  it("names the sniffed format, the JSON path and the line of a truncated Trivy report", () => {
    const e = failure(fixture("trivy-truncated.json"));
    expect(e.code).toBe("parse_failed");
    expect(e.message).toBe(
      "Trivy JSON report: invalid JSON: unterminated string at $.Results[0].Vulnerabilities[0].VulnerabilityID, line 5, column 70",
    );
    expect(e.details[0]).toMatchObject({
      path: "$.Results[0].Vulnerabilities[0].VulnerabilityID",
      line: 5,
    });
  });

  it("reports a missing comma with its place", () => {
    const e = failure('{"matches": [\n  {"a": 1}\n  {"b": 2}\n]}', { format: "grype" });
    expect(e.message).toBe(
      "Grype JSON report: invalid JSON: expected ',' or ']' but found \"{\" at $.matches[0], line 3, column 3",
    );
  });

  it("reports a truncated Nessus file as unclosed elements at the last line", () => {
    const e = failure(fixture("truncated.nessus"));
    expect(e.message).toMatch(
      /^Nessus v2 XML \(\.nessus\): unexpected end of input \(truncated file\?\): unclosed <NessusClientData_v2>, <Report>, <ReportHost>, <ReportItem> at line 12$/,
    );
  });

  it("rejects empty, non-JSON/XML and unknown documents", () => {
    expect(failure("").message).toMatch(/the file is empty at line 1, column 1/);
    expect(failure("   \n").message).toMatch(/the file is empty/);
    expect(failure("hello").message).toMatch(/neither JSON nor XML \(starts with "h"\) at line 1/);
    expect(failure('{"spdxVersion": "SPDX-2.3"}').message).toMatch(
      /unrecognised JSON report \(top-level keys: spdxVersion\) at \$/,
    );
    expect(failure("<testsuites/>").message).toMatch(/unrecognised XML root element <testsuites>/);
    expect(failure("42").message).toMatch(/neither JSON nor XML/);
  });

  it("refuses a document of the wrong format when the format is forced", () => {
    expect(failure(fixture("grype.json"), { format: "nessus" }).message).toBe(
      "Nessus v2 XML (.nessus): input is JSON, not XML at line 1, column 1",
    );
    expect(failure('{"version": "2.1.0"}', { format: "sarif" }).message).toBe(
      "SARIF 2.1.0 log: expected an array, found nothing at $.runs",
    );
  });

  it("checks shapes with JSON paths", () => {
    const e = failure(
      '{"SchemaVersion": 2, "Results": [{"Target": "a", "Vulnerabilities": {"x": 1}}]}',
    );
    expect(e.message).toBe(
      "Trivy JSON report: expected an array, found an object at $.Results[0].Vulnerabilities",
    );
    expect(failure('{"SchemaVersion": 3, "Results": []}').message).toMatch(
      /unsupported SchemaVersion 3 \(2 expected\) at \$\.SchemaVersion/,
    );
    expect(failure('{"bomFormat": "CycloneDX", "specVersion": "1.2"}').message).toMatch(
      /unsupported specVersion "1.2"/,
    );
    expect(
      failure(
        '{"version": "15.0.7", "scan": {"type": "sast"}, "vulnerabilities": [{"location": {}, "identifiers": []}]}',
      ).message,
    ).toBe(
      "GitLab security report (schema 15.x): at least one identifier is required at $.vulnerabilities[0].identifiers",
    );
  });

  it("refuses DOCTYPE and entity declarations (XXE, billion laughs) before parsing", () => {
    expect(failure(fixture("xxe.xml")).message).toMatch(
      /<!DOCTYPE> is not allowed \(entity expansion is disabled\) at line 2/,
    );
    expect(failure(fixture("billion-laughs.nessus")).message).toMatch(
      /^Nessus v2 XML \(\.nessus\): <!DOCTYPE> is not allowed/,
    );
  });

  it("accepts DOCTYPE text inside CDATA in the body", () => {
    const xml = `<NessusClientData_v2><Report name="r"><ReportHost name="h"><ReportItem port="80" protocol="tcp" severity="1" pluginID="1" pluginName="x"><plugin_output><![CDATA[<!DOCTYPE html><html/>]]></plugin_output></ReportItem></ReportHost></Report></NessusClientData_v2>`;
    expect(parseReport(xml).records).toHaveLength(1);
  });

  it("refuses compressed archives and oversized input", () => {
    expect(failure(new Uint8Array([0x1f, 0x8b, 8, 0])).message).toMatch(/gzip-compressed/);
    expect(failure(new Uint8Array([0x50, 0x4b, 3, 4])).message).toMatch(/ZIP archive/);
    expect(failure(fixture("grype.json"), { maxBytes: 100 }).message).toMatch(
      /exceeds the limit of 100 bytes/,
    );
  });
});

describe("locateJsonError", () => {
  it("finds errors in nested structures without recursion limits", () => {
    const deep = "[".repeat(100_000);
    expect(locateJsonError(deep)).toMatchObject({
      message: "unexpected end of input (truncated file?)",
      line: 1,
    });
    expect(locateJsonError('{"a": [1, 2,]}')).toMatchObject({
      message: 'unexpected character "]"',
      path: "$.a[2]",
    });
    expect(locateJsonError('{"a": 1} x')).toMatchObject({
      message: "unexpected data after the end of the document",
    });
    expect(locateJsonError('{"a\u0001": 1}')).toMatchObject({
      message: "control character or line break inside a string",
    });
  });
});
