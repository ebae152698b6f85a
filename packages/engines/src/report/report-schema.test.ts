import { existsSync, readFileSync } from "node:fs";
import Ajv from "ajv";
import addFormats from "ajv-formats";
import { describe, expect, it } from "vitest";
import { toCodeQuality, toGitlabSast, toSarif } from "./index";
import { emptyReport, sampleReport } from "./testdata/sample-report";

// Official schemas live outside the repository (shared bench data); these tests skip cleanly
// when it is absent so that `npm test` never depends on it. The structural tests always run.
const SARIF = "/work/shared/bench/schemas/sarif/sarif-schema-2.1.0.json";
const CODEQUALITY =
  "/work/shared/bench/schemas/gitlab-codequality/codequality.unofficial.schema.json";
const SAST = "/work/shared/bench/vulns/gitlab/schemas/15.2.1/sast-report-format.json";

function validator(path: string): (doc: unknown) => string[] {
  const schema = JSON.parse(readFileSync(path, "utf8")) as Record<string, unknown>;
  // The SARIF schema is draft-04: Ajv 8 reads it once `id` becomes `$id` and `$schema` is dropped.
  if (typeof schema.id === "string") {
    schema.$id = schema.id;
    delete schema.id;
  }
  delete schema.$schema;
  const ajv = new Ajv({ strict: false, allErrors: true });
  addFormats(ajv);
  const validate = ajv.compile(schema);
  return (doc) =>
    validate(doc) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message ?? ""}`);
}

describe("schema validation", () => {
  it.skipIf(!existsSync(SARIF))("SARIF validates against the official 2.1.0 schema", () => {
    const check = validator(SARIF);
    expect(check(toSarif(sampleReport()))).toEqual([]);
    expect(check(toSarif(emptyReport()))).toEqual([]);
  });
  it.skipIf(!existsSync(SARIF))("SARIF with stale and expired suppressions stays valid", () => {
    const check = validator(SARIF);
    const report = sampleReport();
    report.suppressions = [
      {
        state: "stale",
        source: "infrasec",
        rules: [report.rules[0]!.id],
        reason: "left over",
        file: "main.tf",
        line: 3,
        matched: 0,
      },
      {
        state: "expired",
        source: "config",
        rules: ["CKV_AWS_1", "AWS-X-1"],
        reason: "waiver",
        until: "2026-01-01",
        owner: "alice",
        file: ".infrasec.yaml",
        line: 0,
        resource: "aws_s3_bucket.*",
        matched: 0,
      },
      {
        state: "active",
        source: "infrasec",
        rules: ["X"],
        reason: "r",
        file: "a",
        line: 1,
        matched: 1,
      },
    ];
    const sarif = toSarif(report) as {
      runs: {
        invocations: { toolExecutionNotifications: { level: string; properties?: object }[] }[];
      }[];
    };
    expect(check(sarif)).toEqual([]);
    const notes = sarif.runs[0]!.invocations[0]!.toolExecutionNotifications.filter(
      (n) => n.properties,
    );
    expect(notes).toEqual([
      expect.objectContaining({
        level: "warning",
        associatedRule: { id: report.rules[0]!.id },
        properties: expect.objectContaining({ suppressionState: "stale" }),
      }),
      expect.objectContaining({
        properties: expect.objectContaining({ suppressionState: "expired", until: "2026-01-01" }),
      }),
    ]);
  });
  it.skipIf(!existsSync(CODEQUALITY))("Code Quality validates against the field schema", () => {
    const check = validator(CODEQUALITY);
    expect(check(toCodeQuality(sampleReport()))).toEqual([]);
    expect(check(toCodeQuality(emptyReport()))).toEqual([]);
  });
  it.skipIf(!existsSync(SAST))("GitLab SAST validates against schema 15.2.1", () => {
    const check = validator(SAST);
    expect(check(toGitlabSast(sampleReport()))).toEqual([]);
    expect(check(toGitlabSast(emptyReport()))).toEqual([]);
  });
});
