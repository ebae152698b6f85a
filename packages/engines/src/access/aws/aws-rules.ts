import type { RuleMeta } from "@infrasec/core";

const AWS_EVAL =
  "https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic.html";
const RHINO = "https://rhinosecuritylabs.com/aws/aws-privilege-escalation-methods-mitigation/";
const PATHFINDING = "https://pathfinding.cloud";

function rule(
  r: Omit<RuleMeta, "frameworks" | "references"> &
    Partial<Pick<RuleMeta, "frameworks" | "references">>,
): RuleMeta {
  return { frameworks: [], references: [], ...r };
}

/** Every AWS access rule, in one explicit registry (ids never change once released). */
export const AWS_ACCESS_RULES = {
  admin: rule({
    id: "IAM-ADMIN-001",
    title: "Principal is admin-equivalent",
    severity: "high",
    description:
      "The principal's effective permissions (all policies, groups, boundary and SCPs combined) allow every action on every resource.",
    remediation:
      "Grant administrative access through a small set of roles assumed with MFA; replace broad grants with task-scoped policies.",
    references: [AWS_EVAL],
    frameworks: ["SOC 2 CC6.3", "ISO 27001 A.8.2", "NIST AC-6"],
    equivalents: {
      prowler: [
        "iam_aws_attached_policy_no_administrative_privileges",
        "iam_customer_attached_policy_no_administrative_privileges",
        "iam_inline_policy_no_administrative_privileges",
      ],
    },
  }),
  escalation: rule({
    id: "IAM-ESC-001",
    title: "Privilege escalation path to admin",
    severity: "critical",
    description:
      "The principal can become admin-equivalent through one or more steps (rewriting policies, obtaining another principal's credentials, assuming or passing roles).",
    remediation:
      "Remove or scope the permission used by the first step of the path (resource constraints, iam:PassedToService, deny statements, a permission boundary).",
    references: [PATHFINDING, RHINO],
    frameworks: ["NIST AC-6"],
    equivalents: {
      cloudsplaining: ["PrivilegeEscalation"],
      prowler: ["iam_policy_allows_privilege_escalation"],
      pmapper: ["privesc"],
    },
  }),
  escalationConditional: rule({
    id: "IAM-ESC-002",
    title: "Conditional privilege escalation path to admin",
    severity: "medium",
    description:
      "An escalation path exists if undecided conditions hold or if a resource already running as the target role exists.",
    remediation:
      "Confirm the conditions or resources named in the path; scope the permissions of its first step.",
    references: [PATHFINDING],
    equivalents: { pmapper: ["privesc"] },
  }),
  trustPublic: rule({
    id: "IAM-TRUST-001",
    title: "Role trust policy allows any principal",
    severity: "critical",
    description:
      "The trust policy names `*` as principal: any AWS identity can assume the role unless a condition stops it.",
    remediation:
      "Name the exact accounts or roles that may assume the role, or add aws:PrincipalOrgID.",
    references: [
      "https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_principal.html",
    ],
    equivalents: {},
  }),
  trustCrossAccount: rule({
    id: "IAM-TRUST-002",
    title: "Cross-account trust without ExternalId",
    severity: "medium",
    description:
      "Another account may assume the role without sts:ExternalId or an organization condition (confused deputy).",
    remediation:
      "Require sts:ExternalId for third parties, or aws:PrincipalOrgID for your own organization.",
    references: [
      "https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_create_for-user_externalid.html",
    ],
    equivalents: {},
  }),
  trustFederated: rule({
    id: "IAM-TRUST-003",
    title: "Federated trust without subject conditions",
    severity: "high",
    description:
      "A web-identity (OIDC) or SAML provider may issue a session for any of its identities (for example any GitHub repository).",
    remediation:
      "Add a condition on the provider's `sub` claim (and `aud`) naming the exact workloads allowed.",
    references: [
      "https://docs.github.com/en/actions/security-for-github-actions/security-hardening-your-deployments/configuring-openid-connect-in-amazon-web-services",
    ],
    equivalents: {},
  }),
  trustUnknownAccount: rule({
    id: "IAM-TRUST-004",
    title: "Role trusts an unknown account",
    severity: "low",
    description:
      "The trust policy names an account that is neither the role's own nor in the known-accounts list.",
    remediation:
      "Confirm the account belongs to a vendor you use and add it to the known-accounts list, or remove it.",
    equivalents: {},
  }),
  dataExfiltration: rule({
    id: "IAM-DATA-001",
    title: "Unrestricted data access actions",
    severity: "medium",
    description:
      "The principal may read data (objects, secrets, parameters, decrypt) on all resources.",
    remediation: "Scope data-access actions to the resources the workload needs.",
    equivalents: { cloudsplaining: ["DataExfiltration"] },
  }),
  credentialsExposure: rule({
    id: "IAM-CREDX-001",
    title: "Unrestricted credential-returning actions",
    severity: "high",
    description:
      "The principal may call actions that return credentials (access keys, sessions, tokens) on all resources.",
    remediation:
      "Scope these actions to the principal itself (for example `user/${aws:username}`).",
    equivalents: { cloudsplaining: ["CredentialsExposure"] },
  }),
  resourceExposure: rule({
    id: "IAM-RESX-001",
    title: "Unrestricted permissions-management actions",
    severity: "high",
    description:
      "The principal may change resource policies, ACLs or IAM permissions on all resources.",
    remediation: "Restrict permissions-management actions to named resources and administrators.",
    equivalents: { cloudsplaining: ["ResourceExposure"] },
  }),
  serviceWildcard: rule({
    id: "IAM-WILD-001",
    title: "Service-wide wildcard action",
    severity: "low",
    description:
      "An allow statement grants every action of a service (`service:*`) or every action (`*`).",
    remediation: "List the actions the workload needs.",
    equivalents: { cloudsplaining: ["ServiceWildcard"] },
  }),
  keyAge: rule({
    id: "IAM-CRED-001",
    title: "Access key older than 90 days",
    severity: "medium",
    description: "An active access key has not been rotated for more than 90 days.",
    remediation: "Rotate the key, or replace it with role-based short-lived credentials.",
    frameworks: ["CIS AWS 1.14"],
    equivalents: { prowler: ["iam_rotate_access_key_90_days"] },
  }),
  keyUnused: rule({
    id: "IAM-CRED-002",
    title: "Access key unused for 90 days",
    severity: "low",
    description: "An active access key has not been used for more than 90 days (or never).",
    remediation: "Deactivate and delete unused keys.",
    frameworks: ["CIS AWS 1.12"],
    equivalents: { prowler: ["iam_user_accesskey_unused"] },
  }),
  consoleNoMfa: rule({
    id: "IAM-CRED-003",
    title: "Console user without MFA",
    severity: "high",
    description: "A user with a console password has no MFA device.",
    remediation: "Enforce MFA for every console user.",
    frameworks: ["CIS AWS 1.10"],
    equivalents: { prowler: ["iam_user_mfa_enabled_console_access"] },
  }),
  rootKeys: rule({
    id: "IAM-CRED-004",
    title: "Root account has active access keys",
    severity: "critical",
    description: "The root user has an active access key.",
    remediation: "Delete root access keys.",
    frameworks: ["CIS AWS 1.4"],
    equivalents: { prowler: ["iam_no_root_access_key"] },
  }),
  rootNoMfa: rule({
    id: "IAM-CRED-005",
    title: "Root account without MFA",
    severity: "critical",
    description: "The root user has no MFA device.",
    remediation: "Enable (hardware) MFA on the root user.",
    frameworks: ["CIS AWS 1.5"],
    equivalents: { prowler: ["iam_root_mfa_enabled"] },
  }),
  adminNoMfa: rule({
    id: "IAM-CRED-006",
    title: "Admin-capable console user without MFA",
    severity: "critical",
    description: "A console user without MFA is admin-equivalent or can escalate to admin.",
    remediation: "Enforce MFA first for users who are or can become admin.",
    equivalents: { pmapper: ["mfa-less admins"] },
  }),
  dormantRole: rule({
    id: "IAM-DORMANT-001",
    title: "Role unused for 90 days",
    severity: "low",
    description: "The role has not been used for more than 90 days (or has no recorded use).",
    remediation: "Review the role; delete it if nobody needs it.",
    equivalents: {},
  }),
  missingPolicy: rule({
    id: "IAM-INPUT-001",
    title: "Attached managed policy missing from the input",
    severity: "info",
    description:
      "A principal attaches a managed policy that the authorization details do not contain; its permissions are not analysed.",
    remediation:
      "Export authorization details with the AWS-managed policies included (LocalManagedPolicy and AWSManagedPolicy filters).",
    equivalents: {},
  }),
} as const satisfies Record<string, RuleMeta>;
