import type { Finding } from "@infrasec/core";
import { describe, expect, it } from "vitest";
import { classify, fingerprint } from "./fingerprint";
import {
  applySuppressions,
  parseSuppressionComment,
  parseSuppressionConfig,
  scopeToBlocks,
} from "./suppressions";
import type { Suppression } from "./suppressions";

const finding = (over: Partial<Finding> = {}): Finding => ({
  ruleId: "AWS-S3-001",
  severity: "high",
  title: "t",
  message: "m",
  resource: "aws_s3_bucket.a",
  location: { file: "main.tf", startLine: 5, endLine: 5 },
  status: "new",
  fingerprint: fingerprint("aws_s3_bucket.a", "AWS-S3-001", "acl"),
  ...over,
});

describe("suppression comments", () => {
  it("parses the infrasec form with reason, until and owner", () => {
    const s = parseSuppressionComment(
      '# infrasec:ignore AWS-S3-001,AWS-S3-002 reason="logs bucket" until=2026-12-31 owner=@net attr=acl',
      "main.tf",
      3,
    ) as Suppression;
    expect(s).toMatchObject({
      source: "infrasec",
      rules: ["AWS-S3-001", "AWS-S3-002"],
      reason: "logs bucket",
      until: "2026-12-31",
      owner: "@net",
      attribute: "acl",
    });
  });
  it("accepts // comments and expires= as until", () => {
    const s = parseSuppressionComment(
      "// infrasec:ignore X-1 reason='ok' expires=2030-01-01",
      "a.tf",
      1,
    ) as Suppression;
    expect(s.until).toBe("2030-01-01");
  });
  it("requires a reason", () => {
    const e = parseSuppressionComment("# infrasec:ignore AWS-S3-001", "main.tf", 3);
    expect(e && "message" in e && e.message).toContain("reason");
  });
  it("recognises checkov:skip and trivy:ignore", () => {
    expect(
      parseSuppressionComment("# checkov:skip=CKV_AWS_20:public website", "a.tf", 1),
    ).toMatchObject({ source: "checkov", rules: ["CKV_AWS_20"], reason: "public website" });
    expect(parseSuppressionComment("#trivy:ignore:AVD-AWS-0086", "a.tf", 1)).toMatchObject({
      source: "trivy",
      rules: ["AVD-AWS-0086"],
    });
    expect(parseSuppressionComment("# just a comment", "a.tf", 1)).toBeNull();
  });
  it("scopes to the following block, or the containing one", () => {
    const blocks = [
      { line: 4, endLine: 10 },
      { line: 12, endLine: 20 },
    ];
    const s = parseSuppressionComment('# infrasec:ignore X reason="r"', "a.tf", 3) as Suppression;
    expect(scopeToBlocks(s, blocks, new Set([3]))).toMatchObject({ startLine: 4, endLine: 10 });
    const inside = parseSuppressionComment(
      '# infrasec:ignore X reason="r"',
      "a.tf",
      15,
    ) as Suppression;
    expect(scopeToBlocks(inside, blocks, new Set([15]))).toMatchObject({
      startLine: 12,
      endLine: 20,
    });
  });
});

describe("applySuppressions", () => {
  const base = parseSuppressionComment(
    '# infrasec:ignore AWS-S3-001 reason="r"',
    "main.tf",
    3,
  ) as Suppression;
  const scoped = { ...base, file: "main.tf", startLine: 4, endLine: 9 };
  it("suppresses matching findings and reports stale and expired ones", () => {
    const expired = { ...scoped, until: "2020-01-01" };
    const other = { ...scoped, rules: ["AWS-S3-009"] };
    const r = applySuppressions([finding()], [scoped, expired, other], "2026-11-25", () => []);
    expect(r.findings[0]!.status).toBe("suppressed");
    expect(r.report.expired).toEqual([expired]);
    expect(r.report.stale).toEqual([other]);
  });
  it("honours peer ids through equivalents", () => {
    const ck = {
      ...(parseSuppressionComment("# checkov:skip=CKV_AWS_20", "main.tf", 3) as Suppression),
      file: "main.tf",
      startLine: 4,
      endLine: 9,
    };
    const r = applySuppressions([finding()], [ck], "2026-11-25", () => ["CKV_AWS_20"]);
    expect(r.findings[0]!.suppression?.source).toContain("checkov (migrated)");
  });
  it("reads the config-file form and matches by resource glob", () => {
    const cfg = parseSuppressionConfig(
      {
        suppressions: [
          { rule: "AWS-S3-001", resource: "aws_s3_bucket.*", reason: "r" },
          { rule: "X" },
        ],
      },
      "cfg.yaml",
    );
    expect(cfg.errors).toHaveLength(1);
    expect(
      applySuppressions([finding()], cfg.suppressions, "2026-11-25", () => []).findings[0]!.status,
    ).toBe("suppressed");
  });
});

describe("fingerprints and change mode", () => {
  it("ignores file and line, normalises index syntax", () => {
    expect(fingerprint("a.b", "R", "ingress[0].cidr")).toBe(
      fingerprint("a.b", "R", "ingress.0.cidr"),
    );
    expect(fingerprint("a.b", "R", "x")).not.toBe(fingerprint("a.c", "R", "x"));
  });
  it("classifies new, existing and fixed", () => {
    const kept = finding();
    const added = finding({ resource: "aws_s3_bucket.b", fingerprint: "b" });
    const gone = finding({ resource: "aws_s3_bucket.c", fingerprint: "c" });
    const out = classify([kept, added], [kept, gone]);
    expect(out.map((f) => `${f.resource}:${f.status}`)).toEqual([
      "aws_s3_bucket.a:existing",
      "aws_s3_bucket.b:new",
      "aws_s3_bucket.c:fixed",
    ]);
  });
});
