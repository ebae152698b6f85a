import type { GcpRole, GcpSnapshot } from "./gcp-parser";

/**
 * Role definitions in a GCP snapshot. infrasec ships no predefined-role permission lists (the
 * public datasets carry no licence): the user exports Google's definitions themselves, either one
 * `gcloud iam roles describe roles/X --format=json` per role (a JSON list of them), or the IAM REST
 * answer `GET https://iam.googleapis.com/v1/roles?view=FULL` (`{ "roles": [...] }`). Custom roles
 * (`projects/p/roles/x`, `organizations/o/roles/x`) arrive the same way.
 */

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json =>
  v !== null && typeof v === "object" && !Array.isArray(v);

/** Is `name` a predefined or basic role (`roles/…`), as opposed to a custom one? */
export function isPredefinedRoleName(name: string): boolean {
  return name.startsWith("roles/");
}

/**
 * Does a parsed JSON value look like an export of predefined role definitions? A `{ roles: [...] }`
 * REST answer, one `roles/…` definition, or a list whose every item is one.
 */
export function looksLikePredefinedRoles(v: unknown): boolean {
  const list = isObject(v)
    ? Array.isArray(v.roles)
      ? v.roles
      : [v]
    : Array.isArray(v)
      ? v
      : undefined;
  if (!list || list.length === 0) return false;
  return list.every(
    (r) =>
      isObject(r) &&
      typeof r.name === "string" &&
      isPredefinedRoleName(r.name) &&
      ("includedPermissions" in r || "title" in r),
  );
}

/** Permission list per role name: custom roles and any predefined roles the input defines. */
export function rolePermissions(snap: GcpSnapshot): Map<string, readonly string[]> {
  return new Map(snap.roles.map((r: GcpRole) => [r.name, r.permissions]));
}

/** Permissions that let a member rewrite the allow policy of an organization, folder or project. */
export const SET_IAM_POLICY_PERMISSIONS: readonly string[] = [
  "resourcemanager.organizations.setIamPolicy",
  "resourcemanager.folders.setIamPolicy",
  "resourcemanager.projects.setIamPolicy",
];
