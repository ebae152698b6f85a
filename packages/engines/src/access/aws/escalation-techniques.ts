/**
 * Privilege-escalation techniques as data. Sources: pathfinding.cloud (Apache-2.0; ids `iam-001`…
 * `iam-021`, `sts-001`, `ec2-001` checked against the copy in shared/bench/access/pathfinding),
 * Rhino Security Labs' method list and the AWS IAM documentation. Only ids verified against a
 * catalogue copy are filled in; the other techniques carry infrasec ids only (see ADR 0401).
 */

/** Changes the permissions of a principal the attacker controls (its own or a reachable one). */
export interface ModifyTechnique {
  id: string;
  pathfindingId?: string;
  title: string;
  action: string;
  /** What the action is performed on. */
  target: "user" | "role" | "group" | "policy" | "policy-version" | "group-membership" | "boundary";
}

/** Gives the attacker the credentials or session of another principal. */
export interface AccessTechnique {
  id: string;
  pathfindingId?: string;
  title: string;
  action: string;
  target: "user" | "role";
  /** Login-profile state the target must be in (known only from a credential report). */
  needsPassword?: boolean;
}

/** Passes a role to a service resource the attacker creates or controls. */
export interface PassRoleTechnique {
  id: string;
  pathfindingId?: string;
  title: string;
  /** Service principal the role must trust. */
  service: string;
  actions: readonly string[];
  /** Needs iam:PassRole (new resources) or rides on an existing resource already using the role. */
  passRole: boolean;
  needsInstanceProfile?: boolean;
}

/** Techniques that let a principal rewrite permissions. */
export const MODIFY_TECHNIQUES: readonly ModifyTechnique[] = [
  {
    id: "put-user-policy",
    pathfindingId: "iam-007",
    title: "iam:PutUserPolicy",
    action: "iam:PutUserPolicy",
    target: "user",
  },
  {
    id: "attach-user-policy",
    pathfindingId: "iam-008",
    title: "iam:AttachUserPolicy",
    action: "iam:AttachUserPolicy",
    target: "user",
  },
  {
    id: "put-role-policy",
    pathfindingId: "iam-005",
    title: "iam:PutRolePolicy",
    action: "iam:PutRolePolicy",
    target: "role",
  },
  {
    id: "attach-role-policy",
    pathfindingId: "iam-009",
    title: "iam:AttachRolePolicy",
    action: "iam:AttachRolePolicy",
    target: "role",
  },
  {
    id: "attach-group-policy",
    pathfindingId: "iam-010",
    title: "iam:AttachGroupPolicy",
    action: "iam:AttachGroupPolicy",
    target: "group",
  },
  {
    id: "put-group-policy",
    pathfindingId: "iam-011",
    title: "iam:PutGroupPolicy",
    action: "iam:PutGroupPolicy",
    target: "group",
  },
  {
    id: "create-policy-version",
    pathfindingId: "iam-001",
    title: "iam:CreatePolicyVersion",
    action: "iam:CreatePolicyVersion",
    target: "policy",
  },
  {
    id: "set-default-policy-version",
    title: "iam:SetDefaultPolicyVersion",
    action: "iam:SetDefaultPolicyVersion",
    target: "policy-version",
  },
  {
    id: "add-user-to-group",
    pathfindingId: "iam-013",
    title: "iam:AddUserToGroup",
    action: "iam:AddUserToGroup",
    target: "group-membership",
  },
  {
    id: "delete-user-boundary",
    title: "iam:DeleteUserPermissionsBoundary",
    action: "iam:DeleteUserPermissionsBoundary",
    target: "boundary",
  },
  {
    id: "delete-role-boundary",
    title: "iam:DeleteRolePermissionsBoundary",
    action: "iam:DeleteRolePermissionsBoundary",
    target: "boundary",
  },
];

/** Techniques that hand over another principal. */
export const ACCESS_TECHNIQUES: readonly AccessTechnique[] = [
  {
    id: "create-access-key",
    pathfindingId: "iam-002",
    title: "iam:CreateAccessKey",
    action: "iam:CreateAccessKey",
    target: "user",
  },
  {
    id: "create-login-profile",
    pathfindingId: "iam-004",
    title: "iam:CreateLoginProfile",
    action: "iam:CreateLoginProfile",
    target: "user",
    needsPassword: false,
  },
  {
    id: "update-login-profile",
    pathfindingId: "iam-006",
    title: "iam:UpdateLoginProfile",
    action: "iam:UpdateLoginProfile",
    target: "user",
    needsPassword: true,
  },
  {
    id: "assume-role",
    pathfindingId: "sts-001",
    title: "sts:AssumeRole",
    action: "sts:AssumeRole",
    target: "role",
  },
  {
    id: "update-assume-role-policy",
    pathfindingId: "iam-012",
    title: "iam:UpdateAssumeRolePolicy",
    action: "iam:UpdateAssumeRolePolicy",
    target: "role",
  },
];

/** iam:PassRole to a service, and riding on existing resources that run as a role. */
export const PASSROLE_TECHNIQUES: readonly PassRoleTechnique[] = [
  {
    id: "passrole-ec2",
    pathfindingId: "ec2-001",
    title: "iam:PassRole + ec2:RunInstances",
    service: "ec2.amazonaws.com",
    actions: ["ec2:RunInstances"],
    passRole: true,
    needsInstanceProfile: true,
  },
  {
    id: "passrole-lambda-invoke",
    title: "iam:PassRole + lambda:CreateFunction + lambda:InvokeFunction",
    service: "lambda.amazonaws.com",
    actions: ["lambda:CreateFunction", "lambda:InvokeFunction"],
    passRole: true,
  },
  {
    id: "passrole-lambda-esm",
    title: "iam:PassRole + lambda:CreateFunction + lambda:CreateEventSourceMapping",
    service: "lambda.amazonaws.com",
    actions: ["lambda:CreateFunction", "lambda:CreateEventSourceMapping"],
    passRole: true,
  },
  {
    id: "passrole-glue-endpoint",
    title: "iam:PassRole + glue:CreateDevEndpoint",
    service: "glue.amazonaws.com",
    actions: ["glue:CreateDevEndpoint"],
    passRole: true,
  },
  {
    id: "passrole-glue-job",
    title: "iam:PassRole + glue:CreateJob + glue:StartJobRun",
    service: "glue.amazonaws.com",
    actions: ["glue:CreateJob", "glue:StartJobRun"],
    passRole: true,
  },
  {
    id: "passrole-cloudformation",
    title: "iam:PassRole + cloudformation:CreateStack",
    service: "cloudformation.amazonaws.com",
    actions: ["cloudformation:CreateStack"],
    passRole: true,
  },
  {
    id: "passrole-codebuild",
    title: "iam:PassRole + codebuild:CreateProject + codebuild:StartBuild",
    service: "codebuild.amazonaws.com",
    actions: ["codebuild:CreateProject", "codebuild:StartBuild"],
    passRole: true,
  },
  {
    id: "passrole-ecs",
    title: "iam:PassRole + ecs:RegisterTaskDefinition + ecs:RunTask",
    service: "ecs-tasks.amazonaws.com",
    actions: ["ecs:RegisterTaskDefinition", "ecs:RunTask"],
    passRole: true,
  },
  {
    id: "passrole-sagemaker",
    title:
      "iam:PassRole + sagemaker:CreateNotebookInstance + sagemaker:CreatePresignedNotebookInstanceUrl",
    service: "sagemaker.amazonaws.com",
    actions: ["sagemaker:CreateNotebookInstance", "sagemaker:CreatePresignedNotebookInstanceUrl"],
    passRole: true,
  },
  {
    id: "passrole-datapipeline",
    title: "iam:PassRole + datapipeline:CreatePipeline + PutPipelineDefinition + ActivatePipeline",
    service: "datapipeline.amazonaws.com",
    actions: [
      "datapipeline:CreatePipeline",
      "datapipeline:PutPipelineDefinition",
      "datapipeline:ActivatePipeline",
    ],
    passRole: true,
  },
  {
    id: "passrole-apprunner",
    title: "iam:PassRole + apprunner:CreateService",
    service: "tasks.apprunner.amazonaws.com",
    actions: ["apprunner:CreateService"],
    passRole: true,
  },
  {
    id: "existing-lambda-code",
    title: "lambda:UpdateFunctionCode on an existing function",
    service: "lambda.amazonaws.com",
    actions: ["lambda:UpdateFunctionCode"],
    passRole: false,
  },
  {
    id: "existing-glue-endpoint",
    title: "glue:UpdateDevEndpoint on an existing endpoint",
    service: "glue.amazonaws.com",
    actions: ["glue:UpdateDevEndpoint"],
    passRole: false,
  },
  {
    id: "existing-cloudformation-stack",
    title: "cloudformation:UpdateStack on an existing stack",
    service: "cloudformation.amazonaws.com",
    actions: ["cloudformation:UpdateStack"],
    passRole: false,
  },
  {
    id: "existing-codebuild-project",
    title: "codebuild:StartBuild with a buildspec override",
    service: "codebuild.amazonaws.com",
    actions: ["codebuild:StartBuild"],
    passRole: false,
  },
  {
    id: "existing-ssm-command",
    title: "ssm:SendCommand on an instance running as the role",
    service: "ec2.amazonaws.com",
    actions: ["ssm:SendCommand"],
    passRole: false,
    needsInstanceProfile: true,
  },
  {
    id: "existing-ssm-session",
    title: "ssm:StartSession on an instance running as the role",
    service: "ec2.amazonaws.com",
    actions: ["ssm:StartSession"],
    passRole: false,
    needsInstanceProfile: true,
  },
  {
    id: "existing-ecs-exec",
    title: "ecs:ExecuteCommand in a task running as the role",
    service: "ecs-tasks.amazonaws.com",
    actions: ["ecs:ExecuteCommand"],
    passRole: false,
  },
];

/**
 * pathfinding.cloud ids of two-step combinations (modify + access), from the catalogue's
 * `parent` links: the key is `<modify id>+<access id>`.
 */
export const COMBINED_PATH_IDS: Readonly<Record<string, string>> = {
  "iam-009+sts-001": "iam-014",
  "iam-008+iam-002": "iam-015",
  "iam-001+sts-001": "iam-016",
  "iam-005+sts-001": "iam-017",
  "iam-007+iam-002": "iam-018",
  "iam-009+iam-012": "iam-019",
  "iam-001+iam-012": "iam-020",
  "iam-005+iam-012": "iam-021",
};

/** Actions probed to call a principal admin-equivalent (`*` on `*` in effect). */
export const ADMIN_PROBE_ACTIONS: readonly string[] = [
  "iam:AttachRolePolicy",
  "iam:PutUserPolicy",
  "iam:CreateUser",
  "iam:PassRole",
  "sts:AssumeRole",
  "ec2:RunInstances",
  "s3:GetObject",
  "s3:PutBucketPolicy",
  "kms:Decrypt",
  "lambda:CreateFunction",
  "secretsmanager:GetSecretValue",
  "organizations:DescribeOrganization",
  // Only `*` or a NotAction list covers an action of an unknown service.
  "infrasecprobe:UnlistedAction",
];

/** The policy an attacker would attach (always exists, AWS managed). */
export const ADMIN_POLICY_ARN = "arn:aws:iam::aws:policy/AdministratorAccess";
