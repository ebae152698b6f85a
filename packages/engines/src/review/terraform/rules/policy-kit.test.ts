import { describe, expect, it } from "vitest";
import { Unknown } from "../eval/values";
import { scheduleDays } from "./aws-audit-rules";
import { parsePolicy } from "./policy-kit";
import type { Statement } from "./policy-kit";

const statements = (v: string): Statement[] => {
  const p = parsePolicy(v);
  if (p === undefined || p instanceof Unknown) throw new Error("not parsed");
  return p;
};

describe("parsePolicy", () => {
  it("reads heredoc JSON with trailing commas, leaving commas inside strings alone", () => {
    const [s] = statements(
      '{"Statement": [{"Effect": "Allow", "Action": ["s3:*",], "Resource": "a,]",},]}',
    );
    expect(s?.actions).toEqual(["s3:*"]);
    expect(s?.resources).toEqual(["a,]"]);
  });
  it("gives up on documents that are not JSON", () => {
    expect(parsePolicy("{not json")).toBeUndefined();
  });
  it("tells restricting conditions from wildcard-only ones", () => {
    const doc = (cond: object): string =>
      JSON.stringify({ Statement: [{ Effect: "Allow", Principal: "*", Condition: cond }] });
    expect(
      statements(doc({ ArnEquals: { "aws:PrincipalArn": "arn:aws:iam::*" } }))[0],
    ).toMatchObject({ hasCondition: true, restricted: false });
    expect(statements(doc({ StringEquals: { "aws:SourceVpce": "vpce-1" } }))[0]).toMatchObject({
      restricted: true,
    });
  });
});

describe("scheduleDays", () => {
  it.each([
    ["rate(4 hours)", 4 / 24],
    ["rate(90 days)", 90],
    ["cron(0 12 * * ? *)", 30],
    ["cron(0 0 1 1,4,7,10 ? *)", 90],
    ["cron(0 0 1 1 ? *)", 360],
    ["at(2025-01-01T00:00:00)", undefined],
  ])("%s → %s days", (expr, days) => {
    expect(scheduleDays(expr)).toBe(days);
  });
});
