import type { RuleMeta } from "@infrasec/core";

function rule(
  r: Omit<RuleMeta, "frameworks" | "references"> & { references?: readonly string[] },
): RuleMeta {
  return { frameworks: [], references: [], ...r };
}

/** GCP access rules (explicit registry, stable ids). */
export const GCP_RULES = {
  basicRole: rule({
    id: "GCP-BASIC-001",
    title: "Basic role granted",
    severity: "high",
    description:
      "roles/owner or roles/editor grants thousands of permissions across services (including the default compute service account's editor grant).",
    remediation:
      "Replace basic roles with predefined or custom roles; drop the default service account's editor grant.",
    references: ["https://cloud.google.com/iam/docs/roles-overview#basic"],
    equivalents: { scoutsuite: ["iam-primitive-role-in-use"] },
  }),
  publicMember: rule({
    id: "GCP-PUBLIC-001",
    title: "Public member in IAM policy",
    severity: "critical",
    description:
      "allUsers or allAuthenticatedUsers is granted a role: anyone (with any Google account) gets it.",
    remediation:
      "Remove allUsers/allAuthenticatedUsers unless the resource is deliberately public.",
    equivalents: {},
  }),
  impersonation: rule({
    id: "GCP-ESC-001",
    title: "Service-account impersonation chain to a privileged identity",
    severity: "critical",
    description:
      "The member can impersonate service accounts (token creator, actAs, key creation, workload identity), possibly in a chain, ending at an identity that holds owner or IAM-admin rights.",
    remediation:
      "Grant impersonation roles on single service accounts, not on projects; remove the first link of the chain.",
    references: ["https://github.com/RhinoSecurityLabs/GCP-IAM-Privilege-Escalation"],
    equivalents: {},
  }),
  setIamPolicy: rule({
    id: "GCP-ESC-002",
    title: "Member can change IAM policies",
    severity: "high",
    description:
      "A role with setIamPolicy on an organization, folder or project lets the member grant itself owner.",
    remediation: "Keep IAM-admin roles with a small break-glass group.",
    equivalents: {},
  }),
  keyAge: rule({
    id: "GCP-CRED-001",
    title: "Service-account key older than 365 days",
    severity: "medium",
    description: "A user-managed service-account key has not been rotated for more than 365 days.",
    remediation: "Rotate the key, or switch to workload identity and delete keys.",
    equivalents: {
      prowler: ["iam_sa_user_managed_key_rotate_90_days"],
      scoutsuite: ["iam-service-account-key-not-rotated"],
    },
  }),
  expiredBinding: rule({
    id: "GCP-COND-001",
    title: "Expired conditional binding left in policy",
    severity: "info",
    description: "A binding's time condition has passed; it grants nothing but clutters reviews.",
    remediation: "Remove the expired binding.",
    equivalents: {},
  }),
} as const satisfies Record<string, RuleMeta>;
