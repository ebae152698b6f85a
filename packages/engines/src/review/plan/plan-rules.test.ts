import { describe, expect, it } from "vitest";
import { outcomesOf } from "../findings";
import { fromJson } from "../terraform/eval/values";
import type { ObjectValue } from "../terraform/eval/values";
import { planRules, tlsLevel } from "./plan-rules";
import { scanPlan } from "./plan-scanner";
import type { PlanChange } from "./plan-types";
import { awsRules } from "../terraform/rules/aws-rules";

type Side = Record<string, unknown> | null;
const change = (
  type: string,
  actions: string[],
  before: Side,
  after: Side,
  afterUnknown: Side = {},
): PlanChange => ({
  address: `${type}.x`,
  type,
  actions,
  before: before && (fromJson(before) as ObjectValue),
  after: after && (fromJson(after) as ObjectValue),
  afterUnknown: afterUnknown && (fromJson(afterUnknown) as ObjectValue),
  file: "plan.json",
  line: 1,
});

const pol = (action: string, resource = "*") =>
  JSON.stringify({ Statement: [{ Effect: "Allow", Action: action, Resource: resource }] });

const cases: Record<string, { fail: PlanChange; pass: PlanChange }> = {
  "PLAN-001": {
    fail: change("aws_db_instance", ["delete"], { id: "a" }, null),
    pass: change("aws_instance", ["delete"], { id: "a" }, null),
  },
  "PLAN-002": {
    fail: change("aws_rds_cluster", ["delete", "create"], { engine: "a" }, { engine: "b" }),
    pass: change("aws_rds_cluster", ["update"], { x: 1 }, { x: 2 }),
  },
  "PLAN-003": {
    fail: change(
      "aws_db_instance",
      ["update"],
      { deletion_protection: true },
      { deletion_protection: false },
    ),
    pass: change(
      "aws_db_instance",
      ["update"],
      { deletion_protection: false },
      { deletion_protection: true },
    ),
  },
  "PLAN-004": {
    fail: change("aws_ebs_volume", ["update"], { kms_key_id: "k" }, { kms_key_id: "" }),
    pass: change("aws_ebs_volume", ["update"], { kms_key_id: "k" }, { kms_key_id: "k2" }),
  },
  "PLAN-005": {
    fail: change(
      "aws_security_group",
      ["update"],
      { ingress: [{ cidr_blocks: ["10.0.0.0/8"] }] },
      { ingress: [{ cidr_blocks: ["0.0.0.0/0"] }] },
    ),
    pass: change(
      "aws_security_group",
      ["update"],
      { ingress: [{ cidr_blocks: ["0.0.0.0/0"] }] },
      { ingress: [{ cidr_blocks: ["0.0.0.0/0"] }] },
    ),
  },
  "PLAN-006": {
    fail: change(
      "aws_iam_policy",
      ["update"],
      { policy: pol("s3:GetObject") },
      { policy: pol("*") },
    ),
    pass: change(
      "aws_iam_policy",
      ["update"],
      { policy: pol("*") },
      { policy: pol("s3:GetObject") },
    ),
  },
  "PLAN-007": {
    fail: change(
      "aws_db_instance",
      ["update"],
      { publicly_accessible: false },
      { publicly_accessible: true },
    ),
    pass: change(
      "aws_db_instance",
      ["update"],
      { publicly_accessible: true },
      { publicly_accessible: false },
    ),
  },
  "PLAN-008": {
    fail: change("aws_cloudtrail", ["update"], { enable_logging: true }, { enable_logging: false }),
    pass: change("aws_cloudtrail", ["update"], { enable_logging: false }, { enable_logging: true }),
  },
  "PLAN-009": {
    fail: change("aws_kms_key", ["delete"], { id: "k" }, null),
    pass: change("aws_kms_key", ["update"], { description: "a" }, { description: "b" }),
  },
  "PLAN-010": {
    fail: change(
      "aws_db_instance",
      ["update"],
      { backup_retention_period: 14 },
      { backup_retention_period: 1 },
    ),
    pass: change(
      "aws_db_instance",
      ["update"],
      { backup_retention_period: 1 },
      { backup_retention_period: 14 },
    ),
  },
  "PLAN-011": {
    fail: change(
      "aws_lb_listener",
      ["update"],
      { ssl_policy: "ELBSecurityPolicy-TLS13-1-2-2021-06" },
      { ssl_policy: "ELBSecurityPolicy-2016-08" },
    ),
    pass: change(
      "aws_lb_listener",
      ["update"],
      { ssl_policy: "ELBSecurityPolicy-2016-08" },
      { ssl_policy: "ELBSecurityPolicy-TLS13-1-2-2021-06" },
    ),
  },
  "PLAN-012": {
    fail: change(
      "aws_s3_bucket_versioning",
      ["update"],
      { versioning_configuration: [{ status: "Enabled" }] },
      { versioning_configuration: [{ status: "Suspended" }] },
    ),
    pass: change(
      "aws_s3_bucket_versioning",
      ["update"],
      { versioning_configuration: [{ status: "Suspended" }] },
      { versioning_configuration: [{ status: "Enabled" }] },
    ),
  },
  "PLAN-013": {
    fail: change("aws_s3_bucket", ["forget"], { bucket: "b" }, null),
    pass: change("aws_s3_bucket", ["no-op"], { bucket: "b" }, { bucket: "b" }),
  },
};

const kind = (id: string, c: PlanChange): string => {
  const rule = planRules.find((r) => r.meta.id === id)!;
  if (rule.appliesTo.length && !rule.appliesTo.includes(c.type)) return "pass";
  const outs = outcomesOf(rule.check(c));
  return outs.some((o) => o.kind === "fail") ? "fail" : "pass";
};

describe("plan rules", () => {
  it("every rule has cases", () =>
    expect(Object.keys(cases).sort()).toEqual(planRules.map((r) => r.meta.id).sort()));
  it.each(Object.entries(cases))("%s fails and passes on its fixtures", (id, c) => {
    expect(kind(id, c.fail)).toBe("fail");
    expect(kind(id, c.pass)).toBe("pass");
  });
  it("reads TLS levels from policy names", () => {
    expect(tlsLevel("TLSv1.2_2021")).toBe(1.2);
    expect(tlsLevel("ELBSecurityPolicy-2016-08")).toBe(1.0);
    expect(tlsLevel("TLS1_0")).toBe(1.0);
  });
});

describe("scanPlan", () => {
  it("runs resource rules on planned_values, including child modules, and change rules on resource_changes", () => {
    const doc = {
      format_version: "1.2",
      planned_values: {
        root_module: {
          resources: [
            {
              address: "aws_db_instance.db",
              mode: "managed",
              type: "aws_db_instance",
              name: "db",
              values: { publicly_accessible: true, storage_encrypted: true },
            },
          ],
          child_modules: [
            {
              address: "module.m",
              resources: [
                {
                  address: "module.m.aws_ebs_volume.v",
                  mode: "managed",
                  type: "aws_ebs_volume",
                  name: "v",
                  values: { encrypted: false },
                },
              ],
            },
          ],
        },
      },
      resource_changes: [
        {
          address: "aws_db_instance.db",
          type: "aws_db_instance",
          change: {
            actions: ["update"],
            before: { publicly_accessible: false },
            after: { publicly_accessible: true },
            after_unknown: { kms_key_id: true },
          },
        },
      ],
    };
    const text = JSON.stringify(doc, null, 2);
    const r = scanPlan("plan.json", text, doc, awsRules, planRules);
    const ids = r.findings
      .filter((f) => f.status === "new")
      .map((f) => `${f.ruleId} ${f.resource}`);
    expect(ids).toContain("AWS-RDS-002 aws_db_instance.db");
    expect(ids).toContain("AWS-EC2-013 module.m.aws_ebs_volume.v");
    expect(ids).toContain("PLAN-007 aws_db_instance.db");
    expect(r.findings.find((f) => f.ruleId === "PLAN-007")!.location.startLine).toBeGreaterThan(1);
  });

  it("attaches companions through the configuration's references when values are known only after apply", () => {
    const res = (address: string, type: string, values: object) => ({
      address,
      mode: "managed",
      type,
      name: address
        .split(".")
        .pop()!
        .replace(/\[.*\]$/, ""),
      values,
    });
    const change = (address: string, afterUnknown: object) => ({
      address,
      change: { actions: ["create"], before: null, after: {}, after_unknown: afterUnknown },
    });
    const doc = {
      format_version: "1.2",
      planned_values: {
        root_module: {
          resources: [
            res("aws_s3_bucket.open", "aws_s3_bucket", { bucket: "same" }),
            res("aws_s3_bucket.closed", "aws_s3_bucket", { bucket: "same" }),
            res("aws_s3_bucket_acl.open", "aws_s3_bucket_acl", { acl: "public-read" }),
          ],
          child_modules: [
            {
              address: "module.m[0]",
              resources: [
                res("module.m[0].aws_s3_bucket.b", "aws_s3_bucket", { bucket: "m0" }),
                res("module.m[0].aws_s3_bucket_versioning.v", "aws_s3_bucket_versioning", {
                  versioning_configuration: [{ status: "Enabled" }],
                }),
              ],
            },
          ],
        },
      },
      resource_changes: [
        change("aws_s3_bucket_acl.open", { bucket: true }),
        change("module.m[0].aws_s3_bucket_versioning.v", { bucket: true }),
      ],
      configuration: {
        root_module: {
          resources: [
            {
              address: "aws_s3_bucket_acl.open",
              expressions: {
                bucket: { references: ["aws_s3_bucket.open.id", "aws_s3_bucket.open"] },
              },
            },
          ],
          module_calls: {
            m: {
              module: {
                resources: [
                  {
                    address: "aws_s3_bucket_versioning.v",
                    expressions: {
                      bucket: { references: ["aws_s3_bucket.b.id", "aws_s3_bucket.b"] },
                    },
                  },
                ],
              },
            },
          },
        },
      },
    };
    const r = scanPlan("plan.json", JSON.stringify(doc, null, 2), doc, awsRules, planRules);
    const status = (rule: string, resource: string) =>
      r.findings.find((f) => f.ruleId === rule && f.resource === resource)?.status ?? "pass";
    expect(status("AWS-S3-001", "aws_s3_bucket.open")).toBe("new");
    expect(status("AWS-S3-001", "aws_s3_bucket.closed")).toBe("pass");
    expect(status("AWS-S3-001", "aws_s3_bucket_acl.open")).toBe("pass");
    expect(status("AWS-S3-002", "module.m[0].aws_s3_bucket.b")).toBe("pass");
  });
});
