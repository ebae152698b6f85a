import { describe, expect, it } from "vitest";
import { JsonCursor } from "../shared/input-errors";
import { evaluateConditions, makeContext, substituteVariables } from "./condition-evaluator";
import { parseConditions } from "./policy-parser";

function evalCond(
  cond: Record<string, unknown>,
  ctx: Record<string, string | string[] | null>,
): unknown {
  return evaluateConditions(parseConditions(new JsonCursor("t", "$", cond)), makeContext(ctx))
    .value;
}

describe("condition operators", () => {
  it.each<[string, Record<string, unknown>, Record<string, string | string[] | null>, unknown]>([
    [
      "StringEquals hit",
      { StringEquals: { "aws:username": "bob" } },
      { "aws:username": "bob" },
      true,
    ],
    [
      "StringEquals miss",
      { StringEquals: { "aws:username": "bob" } },
      { "aws:username": "eve" },
      false,
    ],
    [
      "StringEquals any of values",
      { StringEquals: { "aws:username": ["a", "bob"] } },
      { "aws:username": "bob" },
      true,
    ],
    [
      "key case-insensitive",
      { StringEquals: { "AWS:UserName": "bob" } },
      { "aws:username": "bob" },
      true,
    ],
    [
      "StringNotEquals",
      { StringNotEquals: { "aws:username": "bob" } },
      { "aws:username": "eve" },
      true,
    ],
    [
      "StringEqualsIgnoreCase",
      { StringEqualsIgnoreCase: { "aws:username": "BOB" } },
      { "aws:username": "bob" },
      true,
    ],
    ["StringLike", { StringLike: { "s3:prefix": "home/*" } }, { "s3:prefix": "home/bob" }, true],
    ["StringNotLike", { StringNotLike: { "s3:prefix": "home/*" } }, { "s3:prefix": "tmp/x" }, true],
    ["NumericLessThan", { NumericLessThan: { "s3:max-keys": "10" } }, { "s3:max-keys": "5" }, true],
    [
      "NumericGreaterThanEquals",
      { NumericGreaterThanEquals: { "s3:max-keys": 10 } },
      { "s3:max-keys": "5" },
      false,
    ],
    [
      "DateLessThan past date",
      { DateLessThan: { "aws:CurrentTime": "2020-01-01T00:00:00Z" } },
      { "aws:CurrentTime": "2026-11-25T00:00:00Z" },
      false,
    ],
    [
      "DateGreaterThan epoch",
      { DateGreaterThan: { "aws:CurrentTime": "1577836800" } },
      { "aws:CurrentTime": "2026-11-25T00:00:00Z" },
      true,
    ],
    [
      "Bool",
      { Bool: { "aws:SecureTransport": "false" } },
      { "aws:SecureTransport": "true" },
      false,
    ],
    [
      "IpAddress in",
      { IpAddress: { "aws:SourceIp": "192.0.2.0/24" } },
      { "aws:SourceIp": "192.0.2.7" },
      true,
    ],
    [
      "NotIpAddress",
      { NotIpAddress: { "aws:SourceIp": "192.0.2.188/32" } },
      { "aws:SourceIp": "192.0.2.188" },
      false,
    ],
    [
      "ArnLike",
      { ArnLike: { "aws:PrincipalArn": "arn:aws:iam::*:role/ci-*" } },
      { "aws:PrincipalArn": "arn:aws:iam::111111111111:role/ci-x" },
      true,
    ],
    [
      "ArnNotEquals",
      { ArnNotEquals: { "aws:PrincipalArn": "arn:aws:iam::1:role/a" } },
      { "aws:PrincipalArn": "arn:aws:iam::1:role/a" },
      false,
    ],
    [
      "Null true on absent",
      { Null: { "aws:TokenIssueTime": "true" } },
      { "aws:TokenIssueTime": null },
      true,
    ],
    [
      "Null false on present",
      { Null: { "aws:TokenIssueTime": "false" } },
      { "aws:TokenIssueTime": "2026-01-01T00:00:00Z" },
      true,
    ],
    [
      "IfExists on absent",
      { StringEqualsIfExists: { "ec2:InstanceType": "t3.micro" } },
      { "ec2:InstanceType": null },
      true,
    ],
    [
      "plain on absent",
      { StringEquals: { "ec2:InstanceType": "t3.micro" } },
      { "ec2:InstanceType": null },
      false,
    ],
    [
      "negated on absent",
      { StringNotEquals: { "ec2:InstanceType": "t3.micro" } },
      { "ec2:InstanceType": null },
      true,
    ],
    [
      "ForAllValues subset",
      { "ForAllValues:StringEquals": { "aws:TagKeys": ["a", "b"] } },
      { "aws:TagKeys": ["a"] },
      true,
    ],
    [
      "ForAllValues not subset",
      { "ForAllValues:StringEquals": { "aws:TagKeys": ["a"] } },
      { "aws:TagKeys": ["a", "c"] },
      false,
    ],
    [
      "ForAllValues absent",
      { "ForAllValues:StringEquals": { "aws:TagKeys": ["a"] } },
      { "aws:TagKeys": null },
      true,
    ],
    [
      "ForAnyValue hit",
      { "ForAnyValue:StringLike": { "aws:TagKeys": ["env*"] } },
      { "aws:TagKeys": ["x", "env"] },
      true,
    ],
    [
      "ForAnyValue absent",
      { "ForAnyValue:StringEquals": { "aws:TagKeys": ["a"] } },
      { "aws:TagKeys": null },
      false,
    ],
    [
      "AND across keys",
      { StringEquals: { "aws:username": "bob", "aws:PrincipalAccount": "1" } },
      { "aws:username": "bob", "aws:PrincipalAccount": "2" },
      false,
    ],
  ])("%s", (_n, cond, ctx, want) => {
    expect(evalCond(cond, ctx)).toBe(want);
  });

  it("keeps unknown keys as undecided and names them", () => {
    const tests = parseConditions(
      new JsonCursor("t", "$", { IpAddress: { "aws:SourceIp": "10.0.0.0/8" } }),
    );
    const r = evaluateConditions(tests, makeContext({}));
    expect(r.value).toBe("unknown");
    expect(r.unknownKeys).toEqual(["aws:SourceIp"]);
  });

  it("a known false test decides even when another key is unknown", () => {
    expect(
      evalCond(
        { StringEquals: { "aws:username": "bob" }, IpAddress: { "aws:SourceIp": "10.0.0.0/8" } },
        { "aws:username": "eve" },
      ),
    ).toBe(false);
  });

  it("unsupported operators are undecided, not dropped", () => {
    const tests = parseConditions(new JsonCursor("t", "$", { FancyNewOperator: { k: "v" } }));
    const r = evaluateConditions(tests, makeContext({ k: "v" }));
    expect(r.value).toBe("unknown");
    expect(r.unsupported).toEqual(["FancyNewOperator"]);
  });

  it("substitutes policy variables", () => {
    expect(
      substituteVariables("home/${aws:username}/*", makeContext({ "aws:username": "bob" })),
    ).toBe("home/bob/*");
    expect(substituteVariables("home/${aws:username}", makeContext({}))).toBeUndefined();
  });
});
