/** Normalized AWS IAM model: what the parsers produce and the evaluator consumes. */

/** Where a policy document comes from; it decides how the evaluator combines it. */
export type PolicyKind =
  | "inline"
  | "managed"
  | "group-inline"
  | "group-managed"
  | "boundary"
  | "trust"
  | "resource"
  | "scp"
  | "rcp"
  | "session";

/** One `Principal`/`NotPrincipal` value set, keyed by type (`AWS`, `Service`, `Federated`, `*`). */
export interface PrincipalSpec {
  /** `Principal: "*"` or `{ "AWS": "*" }`. */
  wildcard: boolean;
  aws: readonly string[];
  service: readonly string[];
  federated: readonly string[];
  canonicalUser: readonly string[];
}

/** One condition test: operator (with set/IfExists qualifiers split out) × key × values. */
export interface ConditionTest {
  operator: string;
  baseOperator: string;
  ifExists: boolean;
  setQualifier: "ForAllValues" | "ForAnyValue" | undefined;
  key: string;
  values: readonly string[];
}

/** A normalized statement; exactly one of actions/notActions and of resources/notResources. */
export interface Statement {
  policyId: string;
  index: number;
  sid: string | undefined;
  effect: "Allow" | "Deny";
  actions: readonly string[] | undefined;
  notActions: readonly string[] | undefined;
  resources: readonly string[] | undefined;
  notResources: readonly string[] | undefined;
  principal: PrincipalSpec | undefined;
  notPrincipal: PrincipalSpec | undefined;
  conditions: readonly ConditionTest[];
}

/** A parsed policy document with a stable id (ARN, or owner ARN + inline name). */
export interface PolicyDoc {
  id: string;
  name: string;
  kind: PolicyKind;
  statements: readonly Statement[];
}

/** A customer- or AWS-managed policy with every version (only the default is effective). */
export interface ManagedPolicy {
  arn: string;
  name: string;
  defaultVersionId: string;
  attachmentCount: number;
  isAwsManaged: boolean;
  /** The effective (default) version. */
  document: PolicyDoc;
  /** Non-default versions, relevant to iam:SetDefaultPolicyVersion. */
  otherVersions: readonly { versionId: string; document: PolicyDoc }[];
}

export type AwsPrincipalType = "user" | "role" | "group";

/** A user, role or group with its own documents; groups are folded into users by the resolver. */
export interface AwsPrincipal {
  arn: string;
  name: string;
  type: AwsPrincipalType;
  accountId: string;
  path: string;
  inlinePolicies: readonly PolicyDoc[];
  managedPolicyArns: readonly string[];
  /** Users only. */
  groupNames: readonly string[];
  /** Users and roles. */
  boundaryArn: string | undefined;
  /** Roles only. */
  trustPolicy: PolicyDoc | undefined;
  /** Roles only: names of instance profiles that hold the role. */
  instanceProfiles: readonly string[];
  /** ISO time of last use (roles: RoleLastUsed). */
  lastUsed: string | undefined;
  tags: Readonly<Record<string, string>>;
}

/** A parsed `get-account-authorization-details` document plus the optional extras. */
export interface AwsAccount {
  accountId: string;
  users: readonly AwsPrincipal[];
  groups: readonly AwsPrincipal[];
  roles: readonly AwsPrincipal[];
  policies: ReadonlyMap<string, ManagedPolicy>;
  /** SCP levels from root to account: each level must allow, any deny wins. */
  scpLevels: readonly (readonly PolicyDoc[])[];
  /** RCPs apply to resources of the account (same level semantics). */
  rcpLevels: readonly (readonly PolicyDoc[])[];
  /** Resource-based policies by resource ARN (buckets, keys, queues…). */
  resourcePolicies: ReadonlyMap<string, PolicyDoc>;
  /** Attached managed policies referenced but missing from the document. */
  missingPolicyArns: readonly string[];
}
