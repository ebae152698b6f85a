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
