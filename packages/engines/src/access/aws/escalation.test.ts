import { describe, expect, it } from "vitest";
import { analyzeAwsAccount } from "./aws-analyzer";
import type { Case } from "./escalation-test-kit";
import {
  ADMIN,
  adminRole,
  adminUser,
  alice,
  APP,
  credRow,
  NOW,
  paths,
} from "./escalation-test-kit";
import { parseAuthorizationDetails } from "./gaad-parser";
import {
  ADMIN_ACCESS,
  allow,
  arn,
  doc,
  gaad,
  group,
  managed,
  role,
  trustService,
  user,
} from "./gaad-test-factory";

const positives: Case[] = [
  {
    name: "iam-001 CreatePolicyVersion on own policy",
    parts: {
      users: [user("alice", { managed: [APP] })],
      policies: [managed(APP, doc(allow("iam:CreatePolicyVersion", APP)))],
    },
    want: "iam-001",
  },
  {
    name: "iam-002 CreateAccessKey on an admin user",
    parts: { users: [alice(doc(allow("iam:CreateAccessKey", arn.user("root-like")))), adminUser] },
    want: "iam-002",
  },
  {
    name: "iam-003 at the two-key limit with DeleteAccessKey",
    parts: {
      users: [alice(doc(allow(["iam:CreateAccessKey", "iam:DeleteAccessKey"]))), adminUser],
    },
    report: [credRow("root-like", { keys: 2 })],
    want: "iam-003",
  },
  {
    name: "iam-004 CreateLoginProfile on a user without password",
    parts: { users: [alice(doc(allow("iam:CreateLoginProfile"))), adminUser] },
    report: [credRow("root-like", { password: false })],
    want: "iam-004",
  },
  {
    name: "iam-006 UpdateLoginProfile on a user with password",
    parts: { users: [alice(doc(allow("iam:UpdateLoginProfile"))), adminUser] },
    report: [credRow("root-like", { password: true })],
    want: "iam-006",
  },
  {
    name: "iam-005 PutRolePolicy on itself",
    parts: { roles: [role("r", { inline: [doc(allow("iam:PutRolePolicy", arn.role("r")))] })] },
    start: arn.role("r"),
    want: "iam-005",
  },
  {
    name: "iam-007 PutUserPolicy on itself",
    parts: { users: [alice(doc(allow("iam:PutUserPolicy", arn.user("alice"))))] },
    want: "iam-007",
  },
  {
    name: "iam-008 AttachUserPolicy on itself",
    parts: { users: [alice(doc(allow("iam:AttachUserPolicy")))] },
    want: "iam-008",
  },
  {
    name: "iam-009 AttachRolePolicy on itself",
    parts: { roles: [role("r", { inline: [doc(allow("iam:AttachRolePolicy"))] })] },
    start: arn.role("r"),
    want: "iam-009",
  },
  {
    name: "iam-010 AttachGroupPolicy on own group",
    parts: {
      users: [user("alice", { groups: ["devs"] })],
      groups: [group("devs", { inline: [doc(allow("iam:AttachGroupPolicy", arn.group("devs")))] })],
    },
    want: "iam-010",
  },
  {
    name: "iam-011 PutGroupPolicy on own group",
    parts: {
      users: [user("alice", { groups: ["devs"] })],
      groups: [group("devs", { inline: [doc(allow("iam:PutGroupPolicy"))] })],
    },
    want: "iam-011",
  },
  {
    name: "iam-012 UpdateAssumeRolePolicy on an admin role",
    parts: {
      users: [alice(doc(allow("iam:UpdateAssumeRolePolicy")))],
      roles: [adminRole(trustService("ec2.amazonaws.com"))],
    },
    want: "iam-012",
  },
  {
    name: "iam-013 AddUserToGroup into an admin group",
    parts: {
      users: [alice(doc(allow("iam:AddUserToGroup")))],
      groups: [group("admins", { managed: [ADMIN] })],
    },
    want: "iam-013",
  },
  {
    name: "iam-014 AttachRolePolicy + AssumeRole",
    parts: {
      users: [
        alice(
          doc(allow("iam:AttachRolePolicy", arn.role("r")), allow("sts:AssumeRole", arn.role("r"))),
        ),
      ],
      roles: [role("r")],
    },
    want: "iam-014",
  },
  {
    name: "iam-015 AttachUserPolicy + CreateAccessKey on another user",
    parts: {
      users: [
        alice(doc(allow(["iam:AttachUserPolicy", "iam:CreateAccessKey"], arn.user("bob")))),
        user("bob"),
      ],
    },
    want: "iam-015",
  },
  {
    name: "iam-016 CreatePolicyVersion + AssumeRole",
    parts: {
      users: [
        alice(doc(allow("iam:CreatePolicyVersion", APP), allow("sts:AssumeRole", arn.role("r")))),
      ],
      roles: [role("r", { managed: [APP] })],
      policies: [managed(APP, doc(allow("s3:ListBucket")))],
    },
    want: "iam-016",
  },
  {
    name: "iam-017 PutRolePolicy + AssumeRole",
    parts: {
      users: [alice(doc(allow(["iam:PutRolePolicy", "sts:AssumeRole"], arn.role("r"))))],
      roles: [role("r")],
    },
    want: "iam-017",
  },
  {
    name: "iam-018 PutUserPolicy + CreateAccessKey",
    parts: {
      users: [
        alice(doc(allow(["iam:PutUserPolicy", "iam:CreateAccessKey"], arn.user("bob")))),
        user("bob"),
      ],
    },
    want: "iam-018",
  },
  {
    name: "iam-019 AttachRolePolicy + UpdateAssumeRolePolicy",
    parts: {
      users: [
        alice(doc(allow(["iam:AttachRolePolicy", "iam:UpdateAssumeRolePolicy"], arn.role("r")))),
      ],
      roles: [role("r", { trust: trustService("ec2.amazonaws.com") })],
    },
    want: "iam-019",
  },
  {
    name: "iam-020 CreatePolicyVersion + UpdateAssumeRolePolicy",
    parts: {
      users: [
        alice(
          doc(
            allow("iam:CreatePolicyVersion", APP),
            allow("iam:UpdateAssumeRolePolicy", arn.role("r")),
          ),
        ),
      ],
      roles: [role("r", { managed: [APP], trust: trustService("ec2.amazonaws.com") })],
      policies: [managed(APP, doc(allow("s3:ListBucket")))],
    },
    want: "iam-020",
  },
  {
    name: "iam-021 PutRolePolicy + UpdateAssumeRolePolicy",
    parts: {
      users: [
        alice(doc(allow(["iam:PutRolePolicy", "iam:UpdateAssumeRolePolicy"], arn.role("r")))),
      ],
      roles: [role("r", { trust: trustService("ec2.amazonaws.com") })],
    },
    want: "iam-021",
  },
  {
    name: "sts-001 AssumeRole of an admin role",
    parts: { users: [alice(doc(allow("sts:AssumeRole")))], roles: [adminRole()] },
    want: "sts-001",
  },
  {
    name: "trust naming the user directly needs no identity allow",
    parts: { users: [alice()], roles: [adminRole()] },
    want: "sts-001",
  },
  {
    name: "ec2-001 PassRole + RunInstances",
    parts: {
      users: [alice(doc(allow(["iam:PassRole", "ec2:RunInstances"])))],
      roles: [
        role("admin-role", {
          managed: [ADMIN],
          trust: trustService("ec2.amazonaws.com"),
          instanceProfile: true,
        }),
      ],
    },
    want: "ec2-001",
  },
  {
    name: "PassRole + Lambda create and invoke",
    parts: {
      users: [
        alice(doc(allow(["iam:PassRole", "lambda:CreateFunction", "lambda:InvokeFunction"]))),
      ],
      roles: [adminRole(trustService("lambda.amazonaws.com"))],
    },
    want: "passrole-lambda-invoke",
  },
  {
    name: "PassRole + CloudFormation",
    parts: {
      users: [alice(doc(allow(["iam:PassRole", "cloudformation:CreateStack"])))],
      roles: [adminRole(trustService("cloudformation.amazonaws.com"))],
    },
    want: "passrole-cloudformation",
  },
  {
    name: "PassRole + Glue dev endpoint",
    parts: {
      users: [alice(doc(allow(["iam:PassRole", "glue:CreateDevEndpoint"])))],
      roles: [adminRole(trustService("glue.amazonaws.com"))],
    },
    want: "passrole-glue-endpoint",
  },
  {
    name: "PassRole + CodeBuild",
    parts: {
      users: [
        alice(doc(allow(["iam:PassRole", "codebuild:CreateProject", "codebuild:StartBuild"]))),
      ],
      roles: [adminRole(trustService("codebuild.amazonaws.com"))],
    },
    want: "passrole-codebuild",
  },
  {
    name: "PassRole + ECS task",
    parts: {
      users: [alice(doc(allow(["iam:PassRole", "ecs:RegisterTaskDefinition", "ecs:RunTask"])))],
      roles: [adminRole(trustService("ecs-tasks.amazonaws.com"))],
    },
    want: "passrole-ecs",
  },
  {
    name: "existing Lambda function code update (conditional)",
    parts: {
      users: [alice(doc(allow("lambda:UpdateFunctionCode")))],
      roles: [adminRole(trustService("lambda.amazonaws.com"))],
    },
    want: "existing-lambda-code",
    conditional: true,
  },
  {
    name: "SetDefaultPolicyVersion to an admin version",
    parts: {
      users: [user("alice", { managed: [APP] })],
      policies: [managed(APP, doc(allow("iam:SetDefaultPolicyVersion", APP)), [doc(allow("*"))])],
    },
    want: "set-default-policy-version",
  },
  {
    name: "removing own permission boundary",
    parts: {
      users: [user("alice", { managed: [ADMIN], boundary: APP, inline: [] })],
      policies: [managed(APP, doc(allow("iam:DeleteUserPermissionsBoundary")))],
    },
    want: "delete-user-boundary",
  },
  {
    name: "split across two attached policies",
    parts: {
      users: [alice(doc(allow("iam:PassRole")), doc(allow("ec2:RunInstances")))],
      roles: [
        role("admin-role", {
          managed: [ADMIN],
          trust: trustService("ec2.amazonaws.com"),
          instanceProfile: true,
        }),
      ],
    },
    want: "ec2-001",
  },
  {
    name: "resource constraint that still covers the target",
    parts: {
      users: [alice(doc(allow("iam:CreateAccessKey", "arn:aws:iam::*:user/root-*"))), adminUser],
    },
    want: "iam-002",
  },
  {
    name: "condition the attacker satisfies (fresh token)",
    parts: {
      users: [
        alice(
          doc(
            allow("iam:PutUserPolicy", "*", {
              DateGreaterThan: { "aws:TokenIssueTime": "2020-01-01T00:00:00Z" },
            }),
          ),
        ),
      ],
    },
    want: "iam-007",
  },
  {
    name: "undecided condition makes the path conditional",
    parts: {
      users: [
        alice(
          doc(allow("iam:CreateAccessKey", "*", { IpAddress: { "aws:SourceIp": "10.0.0.0/8" } })),
        ),
        adminUser,
      ],
    },
    want: "iam-002",
    conditional: true,
  },
  {
    name: "multi-hop: assume role, steal keys, rewrite own policy",
    parts: {
      users: [
        alice(doc(allow("sts:AssumeRole", arn.role("hop")))),
        user("bob", { inline: [doc(allow("iam:PutUserPolicy", arn.user("bob")))] }),
      ],
      roles: [role("hop", { inline: [doc(allow("iam:CreateAccessKey", arn.user("bob")))] })],
    },
    want: "sts-001>iam-002>iam-007",
  },
];

describe("escalation techniques", () => {
  it.each(positives)("$name", (c) => {
    const found = paths(c.parts, c.start ?? arn.user("alice"), c.report);
    expect(found.map((p) => p.pathId)).toEqual([c.want]);
    expect(found[0]?.conditional || found[0]?.needsExistingResource).toBe(c.conditional ?? false);
    expect(found[0]?.steps.every((s) => s.explanation.length > 0 && s.actions.length > 0)).toBe(
      true,
    );
  });

  it("Allow + NotAction that spares IAM is admin-equivalent or escalates", () => {
    const account = parseAuthorizationDetails(
      "t.json",
      gaad({
        users: [alice(doc({ Effect: "Allow", NotAction: ["s3:*"], Resource: "*" }))],
        policies: [ADMIN_ACCESS],
      }),
    );
    const a = analyzeAwsAccount(account, { now: NOW });
    const p = a.report.principals[0];
    expect(p?.isAdmin || (p?.escalations.some((e) => e.outcome === "admin") ?? false)).toBe(true);
  });

  it("CreateLoginProfile without a credential report is conditional", () => {
    const found = paths(
      { users: [alice(doc(allow("iam:CreateLoginProfile"))), adminUser] },
      arn.user("alice"),
    );
    expect(found[0]?.pathId).toBe("iam-004");
    expect(found[0]?.conditional).toBe(true);
  });

  it("names the allowing statements on every step", () => {
    const found = paths(
      { users: [alice(doc({ Sid: "Keys", ...allow("iam:CreateAccessKey") })), adminUser] },
      arn.user("alice"),
    );
    expect(found[0]?.steps[0]?.statements).toEqual([
      `${arn.user("alice")}#inline/alice-inline-0#Keys`,
    ]);
  });
});
