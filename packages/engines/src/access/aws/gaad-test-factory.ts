/**
 * Builders for authorization-details documents in tests: each test states its account in a few
 * lines instead of sharing a large fixture (no order dependence, no shared state).
 */

/** Account id used by the test builders. */
export const TEST_ACCOUNT = "111111111111";

type Json = Record<string, unknown>;

/** An Allow statement. */
export function allow(
  action: string | string[],
  resource: string | string[] = "*",
  condition?: Json,
): Json {
  return {
    Effect: "Allow",
    Action: action,
    Resource: resource,
    ...(condition ? { Condition: condition } : {}),
  };
}

/** A Deny statement. */
export function deny(
  action: string | string[],
  resource: string | string[] = "*",
  condition?: Json,
): Json {
  return {
    Effect: "Deny",
    Action: action,
    Resource: resource,
    ...(condition ? { Condition: condition } : {}),
  };
}

/** A policy document. */
export function doc(...statements: Json[]): Json {
  return { Version: "2012-10-17", Statement: statements };
}

/** ARN helpers. */
export const arn = {
  user: (n: string): string => `arn:aws:iam::${TEST_ACCOUNT}:user/${n}`,
  role: (n: string): string => `arn:aws:iam::${TEST_ACCOUNT}:role/${n}`,
  group: (n: string): string => `arn:aws:iam::${TEST_ACCOUNT}:group/${n}`,
  policy: (n: string): string => `arn:aws:iam::${TEST_ACCOUNT}:policy/${n}`,
};

interface PrincipalOpts {
  inline?: Json[];
  managed?: string[];
  groups?: string[];
  boundary?: string;
}

/** A user entry of UserDetailList. */
export function user(name: string, o: PrincipalOpts = {}): Json {
  return {
    Path: "/",
    UserName: name,
    Arn: arn.user(name),
    GroupList: o.groups ?? [],
    UserPolicyList: (o.inline ?? []).map((d, i) => ({
      PolicyName: `${name}-inline-${i}`,
      PolicyDocument: d,
    })),
    AttachedManagedPolicies: (o.managed ?? []).map((a) => ({
      PolicyArn: a,
      PolicyName: a.split("/").pop(),
    })),
    ...(o.boundary
      ? {
          PermissionsBoundary: {
            PermissionsBoundaryType: "Policy",
            PermissionsBoundaryArn: o.boundary,
          },
        }
      : {}),
  };
}

/** A role entry; `trust` is the trust policy document (default: the account root). */
export function role(
  name: string,
  o: PrincipalOpts & { trust?: Json; instanceProfile?: boolean } = {},
): Json {
  return {
    Path: "/",
    RoleName: name,
    Arn: arn.role(name),
    AssumeRolePolicyDocument: o.trust ?? trustAws(`arn:aws:iam::${TEST_ACCOUNT}:root`),
    InstanceProfileList: o.instanceProfile ? [{ InstanceProfileName: name }] : [],
    RolePolicyList: (o.inline ?? []).map((d, i) => ({
      PolicyName: `${name}-inline-${i}`,
      PolicyDocument: d,
    })),
    AttachedManagedPolicies: (o.managed ?? []).map((a) => ({
      PolicyArn: a,
      PolicyName: a.split("/").pop(),
    })),
    ...(o.boundary
      ? {
          PermissionsBoundary: {
            PermissionsBoundaryType: "Policy",
            PermissionsBoundaryArn: o.boundary,
          },
        }
      : {}),
    RoleLastUsed: {},
  };
}

/** A group entry. */
export function group(name: string, o: PrincipalOpts = {}): Json {
  return {
    Path: "/",
    GroupName: name,
    Arn: arn.group(name),
    GroupPolicyList: (o.inline ?? []).map((d, i) => ({
      PolicyName: `${name}-inline-${i}`,
      PolicyDocument: d,
    })),
    AttachedManagedPolicies: (o.managed ?? []).map((a) => ({
      PolicyArn: a,
      PolicyName: a.split("/").pop(),
    })),
  };
}

/** A managed policy with a default version (and optional older versions). */
export function managed(policyArn: string, document: Json, older: Json[] = []): Json {
  return {
    PolicyName: policyArn.split("/").pop(),
    Arn: policyArn,
    DefaultVersionId: "v1",
    AttachmentCount: 1,
    PolicyVersionList: [
      { Document: document, VersionId: "v1", IsDefaultVersion: true },
      ...older.map((d, i) => ({ Document: d, VersionId: `v${i + 2}`, IsDefaultVersion: false })),
    ],
  };
}

/** Trust policy naming AWS principals. */
export function trustAws(...principals: string[]): Json {
  return doc({ Effect: "Allow", Principal: { AWS: principals }, Action: "sts:AssumeRole" });
}

/** Trust policy naming a service. */
export function trustService(service: string): Json {
  return doc({ Effect: "Allow", Principal: { Service: service }, Action: "sts:AssumeRole" });
}

/** AdministratorAccess as AWS ships it. */
export const ADMIN_ACCESS = managed("arn:aws:iam::aws:policy/AdministratorAccess", doc(allow("*")));

/** The authorization-details JSON text. */
export function gaad(parts: {
  users?: Json[];
  roles?: Json[];
  groups?: Json[];
  policies?: Json[];
}): string {
  return JSON.stringify({
    UserDetailList: parts.users ?? [],
    GroupDetailList: parts.groups ?? [],
    RoleDetailList: parts.roles ?? [],
    Policies: parts.policies ?? [],
  });
}
