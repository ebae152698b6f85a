import { conditionState } from "./gcp-analyzer";
import type { GcpBinding, GcpSnapshot } from "./gcp-parser";
import { rolePermissions } from "./gcp-role-definitions";

/** A binding that answers a GCP access question, with why it only may apply. */
export interface GcpQueryBinding {
  binding: GcpBinding;
  verdict: "allowed" | "conditional";
  why: string | undefined;
}

/** A member's answer to a GCP who-can / can question. */
export interface GcpAccessAnswer {
  member: string;
  verdict: "allowed" | "conditional" | "denied";
  bindings: GcpQueryBinding[];
}

const PUBLIC = new Set(["allUsers", "allAuthenticatedUsers"]);

/** Strips the `//service.googleapis.com/` prefix, as the parser does. */
function normalize(r: string): string {
  return r.replace(/^\/\/[^/]+\//, "");
}

/**
 * Does a binding on `on` reach `resource`? Exactly, from its project (service accounts and other
 * project resources), from the organization (inherited by everything in the snapshot's
 * organization), or possibly from a folder (the folder tree is not in the input: conditional).
 */
function reaches(on: string, resource: string): "yes" | "maybe" | "no" {
  if (resource === "*" || on === resource) return "yes";
  if (on.startsWith("organizations/")) return "yes";
  if (on.startsWith("folders/")) return "maybe";
  if (/^projects\/[^/]+$/.test(on) && resource.startsWith(`${on}/`)) return "yes";
  return "no";
}

/**
 * Does the role grant `action`? `action` is a role name (exact match) or a permission, looked up
 * in the role definitions of the input: custom roles, and predefined roles when the user supplied
 * Google's definitions (gcp-role-definitions.ts). Predefined roles' permission lists are not
 * shipped (no licensed dataset): without a definition, a basic role answers a permission question
 * as conditional and other predefined roles do not match.
 */
function roleGrants(
  role: string,
  action: string,
  defined: ReadonlyMap<string, readonly string[]>,
): "yes" | "maybe" | "no" {
  if (role === action) return "yes";
  if (action.includes("/")) return "no";
  const perms = defined.get(role);
  if (perms) return perms.includes(action) ? "yes" : "no";
  return role === "roles/owner" || role === "roles/editor" ? "maybe" : "no";
}

function answersFor(
  snap: GcpSnapshot,
  action: string,
  resource: string,
  now: string,
): Map<string, GcpQueryBinding[]> {
  const defined = rolePermissions(snap);
  const target = normalize(resource);
  const out = new Map<string, GcpQueryBinding[]>();
  for (const b of snap.bindings) {
    const state = b.condition ? conditionState(b.condition.expression, now) : "active";
    if (state === "expired") continue;
    const where = reaches(b.resource, target);
    const what = roleGrants(b.role, action, defined);
    if (where === "no" || what === "no") continue;
    const why = [
      state === "conditional" ? `condition "${b.condition?.expression ?? ""}" undecided` : "",
      where === "maybe" ? `folder ${b.resource} may not contain ${target}` : "",
      what === "maybe"
        ? `basic role ${b.role}: permission list not in the input (add the predefined role definitions)`
        : "",
    ]
      .filter((x) => x !== "")
      .join("; ");
    const q: GcpQueryBinding = {
      binding: b,
      verdict: why === "" ? "allowed" : "conditional",
      why: why === "" ? undefined : why,
    };
    for (const m of b.members) out.set(m, [...(out.get(m) ?? []), q]);
  }
  return out;
}

function verdictOf(list: readonly GcpQueryBinding[]): GcpAccessAnswer["verdict"] {
  if (list.some((b) => b.verdict === "allowed")) return "allowed";
  return list.length > 0 ? "conditional" : "denied";
}

/** Who can use `action` (role or permission) on `resource` (`projects/p`, …; `*` for any)? */
export function gcpWhoCan(
  snap: GcpSnapshot,
  action: string,
  resource: string,
  now: string,
): GcpAccessAnswer[] {
  return [...answersFor(snap, action, resource, now)]
    .map(([member, bindings]) => ({ member, verdict: verdictOf(bindings), bindings }))
    .sort((a, b) => (a.member < b.member ? -1 : a.member > b.member ? 1 : 0));
}

/** Can `member` use `action` on `resource`? Public members' grants count for everyone. */
export function gcpCan(
  snap: GcpSnapshot,
  member: string,
  action: string,
  resource: string,
  now: string,
): GcpAccessAnswer {
  const all = answersFor(snap, action, resource, now);
  const bindings = [
    ...(all.get(member) ?? []),
    ...[...PUBLIC].flatMap((p) => (p === member ? [] : (all.get(p) ?? []))),
  ];
  return { member, verdict: verdictOf(bindings), bindings };
}

/** Per member, `role@resource` grants (`?` when conditional), the unit a snapshot diff compares. */
export function gcpGrants(snap: GcpSnapshot, now: string): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const b of snap.bindings) {
    const state = b.condition ? conditionState(b.condition.expression, now) : "active";
    if (state === "expired") continue;
    const g = `${b.role}@${b.resource}${state === "conditional" ? "?" : ""}`;
    for (const m of b.members) {
      const list = out.get(m) ?? [];
      if (!list.includes(g)) list.push(g);
      out.set(m, list);
    }
  }
  return out;
}
