import { describe, expect, it } from "vitest";
import { actionMatches, arnMatches } from "./wildcard-matcher";

describe("actionMatches", () => {
  it.each([
    ["iam:*", "iam:PassRole", true],
    ["IAM:passrole", "iam:PassRole", true],
    ["iam:Pass*", "iam:PassRole", true],
    ["iam:?assRole", "iam:PassRole", true],
    ["iam:Put*Policy", "iam:PutRolePolicy", true],
    ["s3:*", "iam:PassRole", false],
    ["*", "anything:Goes", true],
    ["iam:Create", "iam:CreateUser", false],
  ])("%s matches %s → %s", (p, a, want) => {
    expect(actionMatches(p, a)).toBe(want);
  });
});

describe("arnMatches", () => {
  it.each([
    ["*", "arn:aws:s3:::bucket", true],
    ["arn:aws:iam::*:role/*", "arn:aws:iam::111111111111:role/x", true],
    ["arn:aws:iam::111111111111:role/app-*", "arn:aws:iam::111111111111:role/app-1", true],
    ["arn:aws:iam::111111111111:role/app-*", "arn:aws:iam::111111111111:role/admin", false],
    ["arn:aws:iam::*:role/x", "arn:aws:iam::111111111111:role/x", true],
    ["arn:aws:*:*:*:*", "arn:aws:s3:::b", true],
    // Parts are compared one by one: the account part of the pattern must match the account.
    ["arn:aws:iam::2*:role/*", "arn:aws:iam::111111111111:role/2x", false],
    ["arn:aws:s3:::bucket/*", "arn:aws:s3:::bucket/a/b:c", true],
    ["arn:aws:s3:::bucket", "arn:aws:s3:::Bucket", false],
  ])("%s matches %s → %s", (p, a, want) => {
    expect(arnMatches(p, a)).toBe(want);
  });
});
