import { describe, expect, it } from "vitest";
import { detectAccessInput } from "../access-inputs";
import { AwsAccessModel } from "./access-model";
import type { PolicyDoc } from "./aws-types";
import { resourcePolicyGrantees } from "./access-queries";
import { parseAuthorizationDetails } from "./gaad-parser";
import { TEST_ACCOUNT, allow, arn, doc, user } from "./gaad-test-factory";
import { parseResourcePolicies, withResourcePolicies } from "./resource-policy-parser";

const stmt = (principal: unknown, action: string, resource: string, sid = "S"): unknown => ({
  Sid: sid,
  Effect: "Allow",
  Principal: principal,
  Action: action,
  Resource: resource,
});
const policy = (...s: unknown[]): string => JSON.stringify({ Version: "2012-10-17", Statement: s });
const BUCKET = "arn:aws:s3:::data";
const FN = `arn:aws:lambda:us-east-1:${TEST_ACCOUNT}:function:f`;
const QUEUE = `arn:aws:sqs:us-east-1:${TEST_ACCOUNT}:q`;
const KEY = `arn:aws:kms:us-east-1:${TEST_ACCOUNT}:key/k`;

function model(policies: ReadonlyMap<string, PolicyDoc>): AwsAccessModel {
  const gaad = {
    UserDetailList: [
      user("reader", {
        inline: [doc(allow(["s3:GetObject", "kms:Decrypt", "lambda:InvokeFunction"]))],
      }),
      user("named"),
    ],
    GroupDetailList: [],
    RoleDetailList: [],
    Policies: [],
  };
  const account = withResourcePolicies(
    parseAuthorizationDetails("g.json", JSON.stringify(gaad)),
    policies,
  );
  return new AwsAccessModel(account, { now: "2026-11-26T00:00:00Z" });
}

describe("resource policies", () => {
  it("reads the AWS CLI shapes and infers the resource when the policy names one", () => {
    const s3 = parseResourcePolicies(
      "s3.json",
      JSON.stringify({
        Policy: policy(stmt({ AWS: arn.user("named") }, "s3:GetObject", `${BUCKET}/*`)),
      }),
    );
    expect([...s3.keys()]).toEqual([BUCKET]);
    const lambda = parseResourcePolicies(
      "l.json",
      JSON.stringify({
        Policy: policy(stmt({ Service: "events.amazonaws.com" }, "lambda:InvokeFunction", FN)),
        RevisionId: "1",
      }),
    );
    expect([...lambda.keys()]).toEqual([FN]);
    const sqs = parseResourcePolicies(
      "q.json",
      JSON.stringify({
        Attributes: { QueueArn: QUEUE, Policy: policy(stmt("*", "sqs:SendMessage", QUEUE)) },
      }),
    );
    expect([...sqs.keys()]).toEqual([QUEUE]);
    const secret = parseResourcePolicies(
      "s.json",
      JSON.stringify({
        ARN: "arn:aws:secretsmanager:us-east-1:1:secret:x",
        ResourcePolicy: policy(stmt("*", "secretsmanager:GetSecretValue", "*")),
      }),
    );
    expect(secret.size).toBe(1);
    expect(() =>
      parseResourcePolicies("k.json", JSON.stringify({ Policy: policy(stmt("*", "kms:*", "*")) })),
    ).toThrow(/k\.json: \$\.Policy: cannot tell which resource/);
    expect(() =>
      parseResourcePolicies(
        "bad.json",
        JSON.stringify([{ Arn: KEY, Policy: { Statement: [{ Effect: "Maybe", Action: "x" }] } }]),
      ),
    ).toThrow(/\$\[0\]\.Policy\.Statement\[0\]\.Effect/);
  });

  it("detects resource policies apart from Organizations policies", () => {
    expect(
      detectAccessInput({
        file: "a",
        text: JSON.stringify({ Policy: policy(stmt("*", "s3:*", BUCKET)) }),
      }),
    ).toBe("aws-resource-policies");
    expect(
      detectAccessInput({
        file: "b",
        text: JSON.stringify([{ Policy: { PolicySummary: { Id: "p" }, Content: "{}" } }]),
      }),
    ).toBe("aws-organization-policies");
  });

  it("a bucket policy naming a user grants its objects; other accounts and * are listed as grantees", () => {
    const m = model(
      parseResourcePolicies(
        "r.json",
        JSON.stringify([
          {
            Arn: BUCKET,
            Policy: policy(
              stmt({ AWS: arn.user("named") }, "s3:GetObject", `${BUCKET}/*`),
              stmt({ AWS: "222222222222" }, "s3:GetObject", `${BUCKET}/*`, "X"),
              {
                ...(stmt("*", "s3:GetObject", `${BUCKET}/*`, "Pub") as object),
                Condition: { IpAddress: { "aws:SourceIp": "10.0.0.0/8" } },
              },
            ),
          },
        ]),
      ),
    );
    const named = m.byArn.get(arn.user("named"))!;
    expect(m.can(named.policies, "s3:GetObject", { kind: "arn", arn: `${BUCKET}/k` }).verdict).toBe(
      "allowed",
    );
    expect(
      m.can(named.policies, "s3:GetObject", { kind: "arn", arn: "arn:aws:s3:::other/k" }).verdict,
    ).toBe("implicit-deny");
    expect(
      resourcePolicyGrantees(m, "s3:GetObject", `${BUCKET}/k`).map((g) => [g.principal, g.verdict]),
    ).toEqual([
      ["222222222222", "conditional"],
      ["*", "conditional"],
    ]);
  });

  it("a key policy must allow: naming the account delegates to IAM, naming nobody denies", () => {
    const ask = (p: string) => {
      const m = model(parseResourcePolicies("k.json", JSON.stringify([{ Arn: KEY, Policy: p }])));
      return m.can(m.byArn.get(arn.user("reader"))!.policies, "kms:Decrypt", {
        kind: "arn",
        arn: KEY,
      });
    };
    expect(
      ask(policy(stmt({ AWS: `arn:aws:iam::${TEST_ACCOUNT}:root` }, "kms:*", "*"))).verdict,
    ).toBe("allowed");
    const d = ask(policy(stmt({ AWS: arn.user("named") }, "kms:*", "*")));
    expect([d.verdict, d.blockedBy]).toEqual(["implicit-deny", "resource"]);
  });

  it("a Lambda alias falls under its function's policy", () => {
    const m = model(
      parseResourcePolicies(
        "l.json",
        JSON.stringify([
          {
            Arn: FN,
            Policy: policy({
              Effect: "Deny",
              Principal: "*",
              Action: "lambda:InvokeFunction",
              Resource: "*",
            }),
          },
        ]),
      ),
    );
    const r = m.byArn.get(arn.user("reader"))!;
    expect(
      m.can(r.policies, "lambda:InvokeFunction", { kind: "arn", arn: `${FN}:live` }).verdict,
    ).toBe("denied");
  });
});
