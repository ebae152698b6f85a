import type { Permission } from "@infrasec/core";

export interface NavItem {
  label: string;
  path: string;
  /** Hidden from users whose role lacks it. */
  permission?: Permission;
  /** Hidden from users whose role has it (an entry for those who cannot open the full area). */
  unlessPermission?: Permission;
  /** Set when the area is not built yet: what it will do, from PRODUCT.md. */
  planned?: string;
  children?: NavItem[];
}

/** Every capability area of PRODUCT.md, in the order people work through them. */
export const NAV: NavItem[] = [
  { label: "Home", path: "/" },
  { label: "Assets", path: "/assets", permission: "assets:read" },
  {
    label: "Change review",
    path: "/review",
    permission: "review:read",
    children: [
      { label: "Runs", path: "/review/runs" },
      { label: "Rules", path: "/review/rules" },
      { label: "Suppressions", path: "/review/suppressions" },
    ],
  },
  {
    label: "Vulnerabilities",
    path: "/vulnerabilities",
    permission: "vulns:read",
    children: [
      { label: "Dashboard", path: "/vulnerabilities/dashboard" },
      { label: "Findings", path: "/vulnerabilities/findings" },
      { label: "Fix actions", path: "/vulnerabilities/fix-actions" },
      { label: "SLA events", path: "/vulnerabilities/sla-events" },
      { label: "Exceptions", path: "/vulnerabilities/exceptions" },
      { label: "Imports", path: "/vulnerabilities/imports" },
      { label: "Enrichment", path: "/vulnerabilities/enrichment" },
      { label: "Patching policy", path: "/vulnerabilities/policy" },
    ],
  },
  {
    label: "Access",
    path: "/access",
    permission: "access:read",
    children: [
      { label: "Snapshots", path: "/access/snapshots" },
      { label: "Campaigns", path: "/access/campaigns" },
    ],
  },
  {
    // Reviewers without access:read (system owners, engineers) still decide the campaign items
    // assigned to them; the campaigns pages show them only their own.
    label: "My access reviews",
    path: "/access/campaigns",
    unlessPermission: "access:read",
  },
  {
    label: "Posture",
    path: "/posture",
    permission: "posture:read",
    planned:
      "The rule catalogue evaluated on deployed-resource snapshots, and host hardening checks (CIS Linux) from host snapshots or osquery results.",
  },
  {
    label: "Monitoring",
    path: "/monitoring",
    permission: "alerts:read",
    children: [
      { label: "Alerts", path: "/monitoring/alerts" },
      { label: "Rules", path: "/monitoring/rules" },
      { label: "Suppressions", path: "/monitoring/suppressions" },
    ],
  },
  {
    label: "Work",
    path: "/work",
    permission: "work:read",
    children: [
      { label: "Intake", path: "/work/intake", permission: "work:create" },
      { label: "Items", path: "/work/items", permission: "work:read" },
      { label: "Triage", path: "/work/triage" },
      { label: "Boards", path: "/work/boards" },
      { label: "Decisions", path: "/work/decisions" },
      { label: "Design docs", path: "/work/design-docs" },
      { label: "Planning", path: "/work/planning" },
    ],
  },
  {
    label: "Admin",
    path: "/admin",
    children: [
      { label: "Users", path: "/admin/users", permission: "users:read" },
      { label: "Teams", path: "/admin/teams", permission: "teams:read" },
      { label: "API tokens", path: "/admin/tokens", permission: "tokens:own" },
      { label: "Audit log", path: "/admin/audit", permission: "audit:read" },
      { label: "Workflow", path: "/admin/workflow", permission: "work:manage" },
    ],
  },
];

/** The nav filtered to what the user may open; a group without visible children disappears. */
export function visibleNav(can: (p: Permission) => boolean, items: NavItem[] = NAV): NavItem[] {
  const out: NavItem[] = [];
  for (const item of items) {
    if (item.permission && !can(item.permission)) continue;
    if (item.unlessPermission && can(item.unlessPermission)) continue;
    if (item.children) {
      const children = visibleNav(can, item.children);
      if (children.length > 0) out.push({ ...item, children });
    } else out.push(item);
  }
  return out;
}

/** Every planned (not yet built) area with its path, parent permission included. */
export function plannedAreas(items: NavItem[] = NAV, inherited?: Permission): NavItem[] {
  return items.flatMap((item) => {
    const permission = item.permission ?? inherited;
    const self = item.planned ? [{ ...item, permission }] : [];
    return [...self, ...plannedAreas(item.children ?? [], permission)];
  });
}
