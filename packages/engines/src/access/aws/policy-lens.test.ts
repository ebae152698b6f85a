import { describe, expect, it } from "vitest";
import { JsonCursor } from "../shared/input-errors";
import { ACTION_CATALOGUE, expandActionPattern } from "./action-catalogue";
import { allow, doc } from "./gaad-test-factory";
import { analyzePolicyDocument } from "./policy-lens";
import { parsePolicyDocument } from "./policy-parser";

const parse = (d: Record<string, unknown>) =>
  parsePolicyDocument(new JsonCursor("p.json", "$", d), { id: "p", name: "p", kind: "inline" });

describe("policy lens", () => {
  it("counts only unconstrained, unconditional statements by default", () => {
    const r = analyzePolicyDocument(
      parse(
        doc(
          allow(["s3:GetObject", "iam:CreateAccessKey"]),
          allow("iam:UpdateAssumeRolePolicy", "arn:aws:iam::1:role/x"),
        ),
      ),
    );
    expect(r.privilegeEscalation.map((p) => p.type)).toEqual(["CreateAccessKey"]);
    expect(r.dataExfiltration).toEqual(["s3:GetObject"]);
    expect(r.servicesAffected).toEqual(["iam", "s3"]);
  });

  it("includes resource-constrained statements when asked", () => {
    const r = analyzePolicyDocument(
      parse(doc(allow(["iam:UpdateAssumeRolePolicy", "sts:AssumeRole"], "arn:aws:iam::1:role/x"))),
      { includeResourceConstrained: true },
    );
    expect(r.privilegeEscalation.map((p) => p.type)).toEqual(["UpdateRolePolicyToAssumeIt"]);
  });

  it("ignores conditional statements unless asked", () => {
    const d = parse(
      doc(allow("s3:GetObject", "*", { IpAddress: { "aws:SourceIp": "192.0.2.0/24" } })),
    );
    expect(analyzePolicyDocument(d).dataExfiltration).toEqual([]);
    expect(analyzePolicyDocument(d, { includeConditional: true }).dataExfiltration).toEqual([
      "s3:GetObject",
    ]);
  });
});

describe("action catalogue", () => {
  it("expands wildcards against the catalogue", () => {
    expect(
      expandActionPattern("iam:Put*Policy")
        .map((a) => a.action)
        .sort(),
    ).toEqual(["iam:PutGroupPolicy", "iam:PutRolePolicy", "iam:PutUserPolicy"]);
    expect(ACTION_CATALOGUE.length).toBeGreaterThan(250);
  });

  it("has no duplicate actions", () => {
    const names = ACTION_CATALOGUE.map((a) => a.action.toLowerCase());
    expect(new Set(names).size).toBe(names.length);
  });
});
