import type { RuleOutcome } from "@infrasec/core";
import type { TfResource } from "../tf-types";
import { Unknown, text } from "../eval/values";
import { allows, isAnyPrincipal, parsePolicy } from "./policy-kit";
import type { Statement } from "./policy-kit";
import {
  atLeastNum,
  attr,
  expect,
  fail,
  mustBeTrue,
  pass,
  strings,
  tfRule,
  unknown,
} from "./rule-kit";
import type { TfRule, TfRuleSpec } from "./rule-kit";

const aws = (
  spec: TfRuleSpec,
  check: (r: TfResource) => RuleOutcome | readonly RuleOutcome[],
): TfRule => tfRule("aws", spec, check);
const IAM = "https://docs.aws.amazon.com/IAM/latest/UserGuide/";
const POLICY_TYPES = [
  "aws_iam_policy",
  "aws_iam_role_policy",
  "aws_iam_user_policy",
  "aws_iam_group_policy",
  "aws_ssoadmin_permission_set_inline_policy",
];
/** The policy document attribute of a policy resource (IAM Identity Center names it differently). */
const policyPath = (r: TfResource): string =>
  r.type === "aws_ssoadmin_permission_set_inline_policy" ? "inline_policy" : "policy";
const PW = "aws_iam_account_password_policy";
/** Check a policy attribute with a statement predicate. */
function policyCheck(
  at: string | ((r: TfResource) => string),
  bad: (s: Statement) => boolean,
  message: string,
) {
  return (r: TfResource): RuleOutcome => {
    const path = typeof at === "string" ? at : at(r);
    const p = parsePolicy(attr(r, path));
    if (p === undefined) return pass();
    if (p instanceof Unknown) return unknown(p, path);
    return allows(p).some(bad) ? fail(r, path, message) : pass();
  };
}

const star = (xs: string[]): boolean => xs.includes("*");
const serviceStar = (xs: string[]): boolean =>
  xs.some((a) => a === "*" || /^[a-z0-9-]+:\*$/i.test(a));

function pwRule(
  id: string,
  title: string,
  check: (r: TfResource) => RuleOutcome,
  remediation: string,
  checkov: string,
  trivy: string,
  cis: string,
): TfRule {
  return aws(
    {
      id,
      title,
      severity: "medium",
      types: [PW],
      description: "Weak password policies make IAM user passwords easier to guess or reuse.",
      remediation,
      references: [IAM + "id_credentials_passwords_account-policy.html"],
      frameworks: [cis],
      checkov: [checkov],
      trivy: [trivy],
    },
    check,
  );
}

/** AWS IAM rules. */
export const awsIamRules: readonly TfRule[] = [
  aws(
    {
      id: "AWS-IAM-001",
      title: "IAM policy grants full administrative privileges",
      severity: "critical",
      types: POLICY_TYPES,
      description:
        'A statement allowing Action "*" on Resource "*" grants every permission in the account.',
      remediation:
        'Replace Action "*" / Resource "*" in the policy document with the specific actions and resources needed.',
      references: [IAM + "best-practices.html#grant-least-privilege"],
      frameworks: ["CIS AWS 1.16"],
      checkov: ["CKV_AWS_62", "CKV_AWS_1"],
      trivy: ["AVD-AWS-0057"],
    },
    policyCheck(
      policyPath,
      (s) => star(s.actions) && star(s.resources),
      'policy allows "*" on "*"',
    ),
  ),
  aws(
    {
      id: "AWS-IAM-002",
      title: "IAM policy uses wildcard service actions",
      severity: "high",
      types: POLICY_TYPES,
      description:
        'Actions such as "s3:*" or "*" grant far more than a workload needs, including destructive and permission-changing actions.',
      remediation:
        "List the specific actions needed instead of service:* wildcards in the policy document.",
      references: [IAM + "best-practices.html#grant-least-privilege"],
      trivy: ["AVD-AWS-0057"],
    },
    policyCheck(
      policyPath,
      (s) => serviceStar(s.actions) && !s.hasCondition,
      "policy allows wildcard actions",
    ),
  ),
  aws(
    {
      id: "AWS-IAM-003",
      title: "IAM policy is attached directly to a user",
      severity: "low",
      types: ["aws_iam_user_policy", "aws_iam_user_policy_attachment", "aws_iam_policy_attachment"],
      description: "Granting permissions through groups or roles keeps access reviewable.",
      remediation:
        "Attach the policy to a group (aws_iam_group_policy_attachment) or role instead of the user.",
      references: [IAM + "best-practices.html"],
      frameworks: ["CIS AWS 1.15"],
      checkov: ["CKV_AWS_40"],
      trivy: ["AVD-AWS-0143"],
    },
    (r) =>
      r.type === "aws_iam_policy_attachment"
        ? strings(attr(r, "users")).values.length
          ? fail(r, "users", "policy attached to users")
          : pass()
        : fail(r, "user", "policy attached directly to a user"),
  ),
  aws(
    {
      id: "AWS-IAM-004",
      title: "AdministratorAccess managed policy is attached",
      severity: "high",
      types: [
        "aws_iam_role_policy_attachment",
        "aws_iam_user_policy_attachment",
        "aws_iam_group_policy_attachment",
        "aws_iam_policy_attachment",
        "aws_iam_role",
        "aws_ssoadmin_managed_policy_attachment",
      ],
      description:
        "AdministratorAccess grants every permission; use scoped policies or break-glass roles. Attached through policy attachments, a role's managed_policy_arns, or an IAM Identity Center permission set.",
      remediation:
        "Replace arn:aws:iam::aws:policy/AdministratorAccess (policy_arn, managed_policy_arns or managed_policy_arn) with a least-privilege policy.",
      references: [IAM + "access_policies_job-functions.html"],
      checkov: ["CKV_AWS_274"],
    },
    (r) => {
      const path =
        r.type === "aws_iam_role"
          ? "managed_policy_arns"
          : r.type === "aws_ssoadmin_managed_policy_attachment"
            ? "managed_policy_arn"
            : "policy_arn";
      const { values, unknowns } = strings(attr(r, path));
      if (values.some((v) => v.endsWith(":policy/AdministratorAccess")))
        return fail(r, path, "AdministratorAccess is attached");
      return unknowns.length ? unknown(unknowns, path) : pass();
    },
  ),
  aws(
    {
      id: "AWS-IAM-005",
      title: "IAM role can be assumed by any principal",
      severity: "critical",
      types: ["aws_iam_role"],
      description:
        'A trust policy with Principal "*" (or AWS "*") lets any AWS account assume the role.',
      remediation:
        "Name specific accounts or services in the Principal of assume_role_policy, or add an sts:ExternalId/aws:PrincipalOrgID Condition.",
      references: [IAM + "id_roles_terms-and-concepts.html"],
      checkov: ["CKV_AWS_60"],
    },
    policyCheck(
      "assume_role_policy",
      (s) => isAnyPrincipal(s) && !s.hasCondition,
      "role trust policy allows any principal",
    ),
  ),
  aws(
    {
      id: "AWS-IAM-016",
      title: "IAM role trust policy lets a whole AWS account assume the role",
      severity: "medium",
      types: ["aws_iam_role"],
      description:
        "A trust policy whose principal is an account (an account ID or arn:aws:iam::<account>:root) lets every IAM user and role of that account with sts:AssumeRole permission assume the role, now and in the future.",
      remediation:
        "Name the specific roles or users (arn:aws:iam::<account>:role/<name>) in the AWS principal of assume_role_policy, or add a restricting Condition such as aws:PrincipalArn.",
      references: [IAM + "id_roles_common-scenarios_aws-accounts.html"],
      checkov: ["CKV_AWS_61"],
    },
    policyCheck(
      "assume_role_policy",
      (s) =>
        s.actions.some((a) => /^(\*|sts:\*|sts:AssumeRole)$/i.test(a)) &&
        s.principals.some((p) => /^(\d{12}|arn:aws[a-z-]*:iam::\d{12}:root)$/.test(p)) &&
        !s.restricted,
      "role trust policy trusts a whole account",
    ),
  ),
  aws(
    {
      id: "AWS-IAM-006",
      title: "IAM role trust policy allows assume-role for all services",
      severity: "high",
      types: ["aws_iam_role"],
      description:
        "A trust policy allowing sts:AssumeRole with a wildcard service principal lets any service assume the role.",
      remediation:
        "List the specific service principals (e.g. ec2.amazonaws.com) in assume_role_policy.",
      references: [IAM + "id_roles_create_for-service.html"],
    },
    policyCheck(
      "assume_role_policy",
      (s) => s.principals.some((p) => p === "*.amazonaws.com" || /^\*\./.test(p)),
      "trust policy allows all services",
    ),
  ),
  pwRule(
    "AWS-IAM-007",
    "Password policy allows passwords shorter than 14 characters",
    atLeastNum("minimum_password_length", 14, "minimum_password_length is below 14"),
    "Set minimum_password_length = 14 or more.",
    "CKV_AWS_10",
    "AVD-AWS-0063",
    "CIS AWS 1.8",
  ),
  pwRule(
    "AWS-IAM-008",
    "Password policy does not prevent reuse",
    atLeastNum("password_reuse_prevention", 24, "password_reuse_prevention is below 24"),
    "Set password_reuse_prevention = 24.",
    "CKV_AWS_13",
    "AVD-AWS-0056",
    "CIS AWS 1.9",
  ),
  pwRule(
    "AWS-IAM-009",
    "Password policy does not require symbols",
    mustBeTrue("require_symbols", "require_symbols is not true"),
    "Set require_symbols = true.",
    "CKV_AWS_14",
    "AVD-AWS-0060",
    "CIS AWS 1.8",
  ),
  pwRule(
    "AWS-IAM-010",
    "Password policy does not require numbers",
    mustBeTrue("require_numbers", "require_numbers is not true"),
    "Set require_numbers = true.",
    "CKV_AWS_12",
    "AVD-AWS-0059",
    "CIS AWS 1.8",
  ),
  pwRule(
    "AWS-IAM-011",
    "Password policy does not require lowercase letters",
    mustBeTrue("require_lowercase_characters", "require_lowercase_characters is not true"),
    "Set require_lowercase_characters = true.",
    "CKV_AWS_11",
    "AVD-AWS-0058",
    "CIS AWS 1.8",
  ),
  pwRule(
    "AWS-IAM-012",
    "Password policy does not require uppercase letters",
    mustBeTrue("require_uppercase_characters", "require_uppercase_characters is not true"),
    "Set require_uppercase_characters = true.",
    "CKV_AWS_15",
    "AVD-AWS-0061",
    "CIS AWS 1.8",
  ),
  pwRule(
    "AWS-IAM-013",
    "Password policy lets passwords live longer than 90 days",
    (r) =>
      expect(
        r,
        "max_password_age",
        (v) => Number(v) > 0 && Number(v) <= 90,
        "fail",
        "max_password_age is unset or above 90",
      ),
    "Set max_password_age = 90 or less.",
    "CKV_AWS_9",
    "AVD-AWS-0062",
    "CIS AWS 1.8",
  ),
  aws(
    {
      id: "AWS-IAM-014",
      title: "IAM user is managed in Terraform instead of SSO",
      severity: "info",
      types: ["aws_iam_user"],
      description:
        "Long-lived IAM users hold static credentials; prefer IAM Identity Center (SSO) for people.",
      remediation:
        "Replace aws_iam_user for people with IAM Identity Center users and permission sets; keep IAM users only for documented exceptions.",
      references: [IAM + "id_users.html"],
      checkov: ["CKV_AWS_273"],
    },
    (r) =>
      text(attr(r, "path") ?? "").startsWith("/system/")
        ? pass()
        : fail(r, "name", "IAM user defined"),
  ),
  aws(
    {
      id: "AWS-IAM-015",
      title: "Access key created for the root user",
      severity: "critical",
      types: ["aws_iam_access_key"],
      description: "Root access keys cannot be restricted and give full control of the account.",
      remediation: 'Remove the aws_iam_access_key for user = "root"; use IAM roles.',
      references: [IAM + "id_root-user.html"],
      frameworks: ["CIS AWS 1.4"],
      checkov: ["CKV_AWS_348"],
      trivy: ["AVD-AWS-0141"],
    },
    (r) => expect(r, "user", (v) => text(v) !== "root", "fail", "access key for the root user"),
  ),
];
