import { JsonCursor, parseJsonText } from "../shared/input-errors";
import type {
  AwsAccount,
  AwsPrincipal,
  AwsPrincipalType,
  ManagedPolicy,
  PolicyDoc,
} from "./aws-types";
import { parsePolicyDocument } from "./policy-parser";
import { arnAccount } from "./wildcard-matcher";

/**
 * Parses `aws iam get-account-authorization-details` output (one document; the CLI merges pages).
 * Managed policies keep every version; attached policies missing from the input are listed.
 */
export function parseAuthorizationDetails(file: string, text: string): AwsAccount {
  const root = new JsonCursor(file, "$", parseJsonText(file, text));
  root.object();
  const policies = new Map<string, ManagedPolicy>();
  for (const c of root.at("Policies").items()) {
    const p = parseManagedPolicy(c);
    policies.set(p.arn, p);
  }
  const users = root
    .at("UserDetailList")
    .items()
    .map((c) => parsePrincipal(c, "user"));
  const groups = root
    .at("GroupDetailList")
    .items()
    .map((c) => parsePrincipal(c, "group"));
  const roles = root
    .at("RoleDetailList")
    .items()
    .map((c) => parsePrincipal(c, "role"));
  const all = [...users, ...groups, ...roles];
  const missing = new Set<string>();
  for (const p of all)
    for (const arn of p.managedPolicyArns) if (!policies.has(arn)) missing.add(arn);
  const accountId = all.map((p) => p.accountId).find((a) => a !== "") ?? "";
  return {
    accountId,
    users,
    groups,
    roles,
    policies,
    scpLevels: [],
    rcpLevels: [],
    resourcePolicies: new Map(),
    missingPolicyArns: [...missing].sort(),
  };
}

function parseManagedPolicy(c: JsonCursor): ManagedPolicy {
  const arn = c.at("Arn").string();
  const name = c.at("PolicyName").string();
  const defaultVersionId = c.at("DefaultVersionId").optString() ?? "";
  const versions = c.at("PolicyVersionList").items();
  let document: PolicyDoc | undefined;
  const otherVersions: { versionId: string; document: PolicyDoc }[] = [];
  for (const v of versions) {
    const versionId = v.at("VersionId").optString() ?? "";
    const isDefault = v.at("IsDefaultVersion").value === true || versionId === defaultVersionId;
    const doc = parsePolicyDocument(v.at("Document"), {
      id: isDefault ? arn : `${arn}#${versionId}`,
      name,
      kind: "managed",
    });
    if (isDefault && document === undefined) document = doc;
    else otherVersions.push({ versionId, document: doc });
  }
  if (document === undefined) return c.at("PolicyVersionList").fail("no default policy version");
  const rawCount = c.at("AttachmentCount").value;
  return {
    arn,
    name,
    defaultVersionId,
    attachmentCount: typeof rawCount === "number" ? rawCount : 0,
    isAwsManaged: arn.startsWith("arn:aws:iam::aws:"),
    document,
    otherVersions,
  };
}

const NAME_KEY: Record<AwsPrincipalType, string> = {
  user: "UserName",
  group: "GroupName",
  role: "RoleName",
};
const INLINE_KEY: Record<AwsPrincipalType, string> = {
  user: "UserPolicyList",
  group: "GroupPolicyList",
  role: "RolePolicyList",
};

function parsePrincipal(c: JsonCursor, type: AwsPrincipalType): AwsPrincipal {
  c.object();
  const arn = c.at("Arn").string();
  const name = c.at(NAME_KEY[type]).string();
  const inlinePolicies = c
    .at(INLINE_KEY[type])
    .items()
    .map((p) => {
      const policyName = p.at("PolicyName").string();
      return parsePolicyDocument(p.at("PolicyDocument"), {
        id: `${arn}#inline/${policyName}`,
        name: policyName,
        kind: type === "group" ? "group-inline" : "inline",
      });
    });
  const managedPolicyArns = c
    .at("AttachedManagedPolicies")
    .items()
    .map((p) => p.at("PolicyArn").string());
  const trust = c.at("AssumeRolePolicyDocument");
  const tags: Record<string, string> = {};
  for (const t of c.at("Tags").items())
    tags[t.at("Key").string()] = t.at("Value").optString() ?? "";
  return {
    arn,
    name,
    type,
    accountId: arnAccount(arn),
    path: c.at("Path").optString() ?? "/",
    inlinePolicies,
    managedPolicyArns,
    groupNames: type === "user" ? c.at("GroupList").stringList() : [],
    boundaryArn: c.at("PermissionsBoundary").at("PermissionsBoundaryArn").optString(),
    trustPolicy:
      type === "role" && !trust.isMissing()
        ? parsePolicyDocument(trust, {
            id: `${arn}#trust`,
            name: `${name} trust policy`,
            kind: "trust",
          })
        : undefined,
    instanceProfiles: c
      .at("InstanceProfileList")
      .items()
      .map((p) => p.at("InstanceProfileName").string()),
    lastUsed: c.at("RoleLastUsed").at("LastUsedDate").optString(),
    tags,
  };
}

/**
 * Parses Organizations policies: a list of `describe-policy` outputs (`{ Policy: { PolicySummary,
 * Content } }`) or bare summaries with `Content`. SCPs and RCPs are told apart by `Type`.
 * Every policy given is taken to apply at one level (the account's), see ADR 0401.
 */
export function parseOrganizationPolicies(
  file: string,
  text: string,
): { scps: PolicyDoc[]; rcps: PolicyDoc[] } {
  const root = new JsonCursor(file, "$", parseJsonText(file, text));
  const list = Array.isArray(root.value) ? root.items() : root.at("Policies").items();
  const scps: PolicyDoc[] = [];
  const rcps: PolicyDoc[] = [];
  for (const item of list) {
    const p = item.at("Policy").isMissing() ? item : item.at("Policy");
    const summary = p.at("PolicySummary");
    const id = summary.at("Arn").optString() ?? summary.at("Id").optString() ?? item.path;
    const name = summary.at("Name").optString() ?? id;
    const type = summary.at("Type").optString() ?? "SERVICE_CONTROL_POLICY";
    const isRcp = type === "RESOURCE_CONTROL_POLICY";
    const doc = parsePolicyDocument(p.at("Content"), { id, name, kind: isRcp ? "rcp" : "scp" });
    (isRcp ? rcps : scps).push(doc);
  }
  return { scps, rcps };
}

/** Returns a copy of the account with SCPs/RCPs added as one more level each. */
export function withOrganizationPolicies(
  account: AwsAccount,
  org: { scps: PolicyDoc[]; rcps: PolicyDoc[] },
): AwsAccount {
  return {
    ...account,
    scpLevels: org.scps.length > 0 ? [...account.scpLevels, org.scps] : account.scpLevels,
    rcpLevels: org.rcps.length > 0 ? [...account.rcpLevels, org.rcps] : account.rcpLevels,
  };
}
