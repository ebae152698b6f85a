import { describe, expect, it } from "vitest";
import type { Case } from "./escalation-test-kit";
import { ADMIN, adminRole, adminUser, alice, APP, credRow, paths } from "./escalation-test-kit";
import { allow, arn, deny, doc, managed, role, trustService, user } from "./gaad-test-factory";

const negatives: Case[] = [
  {
    name: "Allow and Deny in the same policy",
    parts: { users: [alice(doc(allow("iam:PutUserPolicy"), deny("iam:PutUserPolicy")))] },
    want: undefined,
  },
  {
    name: "Allow-all and Deny-all in separate policies",
    parts: { users: [alice(doc(allow("*")), doc(deny("*")))] },
    want: undefined,
  },
  {
    name: "resource constraint that excludes the target",
    parts: { users: [alice(doc(allow("iam:CreateAccessKey", arn.user("alice")))), adminUser] },
    want: undefined,
  },
  {
    name: "condition that cannot be met (past DateLessThan)",
    parts: {
      users: [
        alice(
          doc(
            allow("iam:PutUserPolicy", "*", {
              DateLessThan: { "aws:CurrentTime": "2020-01-01T00:00:00Z" },
            }),
          ),
        ),
      ],
    },
    want: undefined,
  },
  {
    name: "PassRole scoped to a harmless role",
    parts: {
      users: [
        alice(
          doc(
            allow("iam:PassRole", arn.role("harmless")),
            allow(["lambda:CreateFunction", "lambda:InvokeFunction"]),
          ),
        ),
      ],
      roles: [
        adminRole(trustService("lambda.amazonaws.com")),
        role("harmless", { trust: trustService("lambda.amazonaws.com") }),
      ],
    },
    want: undefined,
  },
  {
    name: "PassRole limited to another service",
    parts: {
      users: [
        alice(
          doc(
            allow("iam:PassRole", "*", {
              StringEquals: { "iam:PassedToService": "ec2.amazonaws.com" },
            }),
            allow(["lambda:CreateFunction", "lambda:InvokeFunction"]),
          ),
        ),
      ],
      roles: [adminRole(trustService("lambda.amazonaws.com"))],
    },
    want: undefined,
  },
  {
    name: "one required action missing (no InvokeFunction)",
    parts: {
      users: [alice(doc(allow(["iam:PassRole", "lambda:CreateFunction"])))],
      roles: [adminRole(trustService("lambda.amazonaws.com"))],
    },
    want: undefined,
  },
  {
    name: "role does not trust the service",
    parts: {
      users: [
        alice(doc(allow(["iam:PassRole", "lambda:CreateFunction", "lambda:InvokeFunction"]))),
      ],
      roles: [adminRole(trustService("ec2.amazonaws.com"))],
    },
    want: undefined,
  },
  {
    name: "permission boundary blocks the technique",
    parts: {
      users: [user("alice", { inline: [doc(allow("iam:PutUserPolicy"))], boundary: APP })],
      policies: [managed(APP, doc(allow("s3:*")))],
    },
    want: undefined,
  },
  {
    name: "Deny in another policy on the escalation action",
    parts: {
      users: [alice(doc(allow(["iam:PassRole", "ec2:RunInstances"])), doc(deny("iam:PassRole")))],
      roles: [
        role("admin-role", {
          managed: [ADMIN],
          trust: trustService("ec2.amazonaws.com"),
          instanceProfile: true,
        }),
      ],
    },
    want: undefined,
  },
  {
    name: "CreateLoginProfile on a user that already has a password",
    parts: { users: [alice(doc(allow("iam:CreateLoginProfile"))), adminUser] },
    report: [credRow("root-like", { password: true })],
    want: undefined,
  },
  {
    name: "CreatePolicyVersion on an AWS-managed policy",
    parts: {
      users: [
        user("alice", {
          managed: ["arn:aws:iam::aws:policy/ReadOnlyAccess"],
          inline: [doc(allow("iam:CreatePolicyVersion"))],
        }),
      ],
      policies: [managed("arn:aws:iam::aws:policy/ReadOnlyAccess", doc(allow("s3:Get*")))],
    },
    want: undefined,
  },
];

describe("escalation techniques: negatives", () => {
  it.each(negatives)("does not escalate: $name", (c) => {
    expect(paths(c.parts, c.start ?? arn.user("alice"), c.report)).toEqual([]);
  });
});
