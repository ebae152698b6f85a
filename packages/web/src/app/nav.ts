import type { Permission } from "@infrasec/core";

export interface NavItem {
  label: string;
  path: string;
  /** Hidden from users whose role lacks it. */
  permission?: Permission;
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
    planned:
      "Static review of Terraform (HCL and plan JSON), Kubernetes manifests and Dockerfiles with a rule catalogue, reporting only what a merge request introduces, with a CI gate and merge-request comments.",
  },
  {
    label: "Vulnerabilities",
    path: "/vulnerabilities",
    permission: "vulns:read",
    planned:
      "Ingest of scanner reports with identity and deduplication, priority from CVSS/EPSS/KEV/exposure, and patching SLAs with exceptions, breach alerts, SLA compliance and MTTR.",
  },
  {
    label: "Access",
    path: "/access",
    permission: "access:read",
    planned:
      "Offline analysis of AWS IAM, GCP IAM and Kubernetes RBAC snapshots: effective permissions, privilege-escalation paths, snapshot diffs and access review campaigns with evidence.",
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
    planned:
      "A Sigma engine over Falco, osquery and auditd events with correlation rules, alert grouping and escalation to SIRT.",
  },
  {
    label: "Work",
    path: "/work",
    permission: "work:read",
    children: [
      {
        label: "Intake",
        path: "/work/intake",
        planned:
          "Requests through guided templates (security review request, BAU, change request) with scoped labels and notifications.",
      },
      {
        label: "Triage",
        path: "/work/triage",
        planned: "The weekly triage queue of incoming requests and its weekly report.",
      },
      {
        label: "Boards",
        path: "/work/boards",
        planned: "Boards of the team's work items with drag and drop.",
      },
      {
        label: "Decisions",
        path: "/work/decisions",
        planned:
          "The decision log, with exceptions and policies linked to the decisions behind them.",
      },
      {
        label: "Design docs",
        path: "/work/design-docs",
        planned: "Design documents with reviewers, approvals and review status.",
      },
      {
        label: "Planning",
        path: "/work/planning",
        planned: "Epics, quarterly milestones, OKRs, the roadmap and owners' status updates.",
      },
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
    ],
  },
];

/** The nav filtered to what the user may open; a group without visible children disappears. */
export function visibleNav(can: (p: Permission) => boolean, items: NavItem[] = NAV): NavItem[] {
  const out: NavItem[] = [];
  for (const item of items) {
    if (item.permission && !can(item.permission)) continue;
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
