import type { ComponentType } from "react";
import type { Permission } from "@infrasec/core";
import { ChangePasswordPage } from "../features/auth/pages/ChangePasswordPage";
import {
  AccessCampaignPage,
  AccessCampaignsPage,
  AccessDiffPage,
  AccessPrincipalPage,
  AccessSnapshotPage,
  AccessSnapshotsPage,
  AlertDetailPage,
  AlertsPage,
  AssetDetailPage,
  AssetListPage,
  AssetNewPage,
  AuditLogPage,
  BoardPage,
  BoardsPage,
  DecisionsPage,
  DesignDocsPage,
  EpicDetailPage,
  IntakeFormPage,
  IntakePage,
  ItemDetailPage,
  ItemListPage,
  MilestoneDetailPage,
  MonitoringRulePage,
  MonitoringRulesPage,
  MonitoringSuppressionsPage,
  NotificationsPage,
  PlanningPage,
  ReviewRulePage,
  ReviewRulesPage,
  ReviewRunPage,
  ReviewRunsPage,
  ReviewSuppressionsPage,
  TeamsPage,
  TokensPage,
  TriagePage,
  UsersPage,
  VulnDashboardPage,
  VulnEnrichmentPage,
  VulnExceptionDetailPage,
  VulnExceptionsPage,
  VulnFindingDetailPage,
  VulnFindingsPage,
  VulnFixActionsPage,
  VulnImportJobPage,
  VulnImportsPage,
  VulnSlaEventsPage,
  VulnSlaPolicyPage,
  WorkflowAdminPage,
} from "./lazy-pages";

/**
 * A page of the signed-in app: its path (below /), the permission it needs and its component.
 * Without a permission every signed-in user reaches the page and the API decides what they see
 * (tokens, notifications, the password form; access campaigns, whose reviewers may lack
 * access:read but see the campaigns and items assigned to them). Users lacking the permission
 * get "not found", never a hint that the page exists.
 */
export interface PageRoute {
  path: string;
  permission?: Permission;
  page: ComponentType;
}

export const PAGE_ROUTES: readonly PageRoute[] = [
  { path: "assets", permission: "assets:read", page: AssetListPage },
  { path: "assets/new", permission: "assets:write", page: AssetNewPage },
  { path: "assets/:id", permission: "assets:read", page: AssetDetailPage },
  { path: "admin/users", permission: "users:read", page: UsersPage },
  { path: "admin/teams", permission: "teams:read", page: TeamsPage },
  { path: "admin/tokens", page: TokensPage },
  { path: "admin/audit", permission: "audit:read", page: AuditLogPage },
  { path: "account/password", page: ChangePasswordPage },
  { path: "work/intake", permission: "work:create", page: IntakePage },
  { path: "work/intake/:templateId", permission: "work:create", page: IntakeFormPage },
  { path: "work/items", permission: "work:read", page: ItemListPage },
  { path: "work/items/:number", permission: "work:read", page: ItemDetailPage },
  { path: "work/design-docs", permission: "work:read", page: DesignDocsPage },
  { path: "work/triage", permission: "work:read", page: TriagePage },
  { path: "work/boards", permission: "work:read", page: BoardsPage },
  { path: "work/boards/:id", permission: "work:read", page: BoardPage },
  { path: "work/decisions", permission: "work:read", page: DecisionsPage },
  { path: "notifications", page: NotificationsPage },
  { path: "work/planning/:tab", permission: "work:read", page: PlanningPage },
  { path: "work/planning/epics/:id", permission: "work:read", page: EpicDetailPage },
  { path: "work/planning/milestones/:id", permission: "work:read", page: MilestoneDetailPage },
  { path: "admin/workflow/:tab", permission: "work:manage", page: WorkflowAdminPage },
  { path: "review/runs", permission: "review:read", page: ReviewRunsPage },
  { path: "review/runs/:id", permission: "review:read", page: ReviewRunPage },
  { path: "review/rules", permission: "review:read", page: ReviewRulesPage },
  { path: "review/rules/:id", permission: "review:read", page: ReviewRulePage },
  { path: "review/suppressions", permission: "review:read", page: ReviewSuppressionsPage },
  { path: "monitoring/alerts", permission: "alerts:read", page: AlertsPage },
  { path: "monitoring/alerts/:id", permission: "alerts:read", page: AlertDetailPage },
  { path: "monitoring/rules", permission: "alerts:read", page: MonitoringRulesPage },
  { path: "monitoring/rules/:id", permission: "alerts:read", page: MonitoringRulePage },
  { path: "monitoring/suppressions", permission: "alerts:read", page: MonitoringSuppressionsPage },
  { path: "vulnerabilities/dashboard", permission: "vulns:read", page: VulnDashboardPage },
  { path: "vulnerabilities/sla-events", permission: "vulns:read", page: VulnSlaEventsPage },
  { path: "vulnerabilities/fix-actions", permission: "vulns:read", page: VulnFixActionsPage },
  { path: "vulnerabilities/enrichment", permission: "vulns:read", page: VulnEnrichmentPage },
  { path: "vulnerabilities/findings", permission: "vulns:read", page: VulnFindingsPage },
  { path: "vulnerabilities/findings/:id", permission: "vulns:read", page: VulnFindingDetailPage },
  { path: "vulnerabilities/imports", permission: "vulns:read", page: VulnImportsPage },
  { path: "vulnerabilities/exceptions", permission: "vulns:read", page: VulnExceptionsPage },
  {
    path: "vulnerabilities/exceptions/:id",
    permission: "vulns:read",
    page: VulnExceptionDetailPage,
  },
  { path: "vulnerabilities/policy", permission: "vulns:read", page: VulnSlaPolicyPage },
  { path: "vulnerabilities/imports/:id", permission: "vulns:read", page: VulnImportJobPage },
  { path: "access/snapshots", permission: "access:read", page: AccessSnapshotsPage },
  { path: "access/snapshots/:id", permission: "access:read", page: AccessSnapshotPage },
  {
    path: "access/snapshots/:id/principals/:principalId",
    permission: "access:read",
    page: AccessPrincipalPage,
  },
  { path: "access/diff", permission: "access:read", page: AccessDiffPage },
  { path: "access/campaigns", page: AccessCampaignsPage },
  { path: "access/campaigns/:id", page: AccessCampaignPage },
];

/** Area roots that open the area's first page. */
export const AREA_REDIRECTS: readonly { path: string; to: string }[] = [
  { path: "admin", to: "/admin/tokens" },
  { path: "work", to: "/work/items" },
  { path: "work/planning", to: "/work/planning/epics" },
  { path: "admin/workflow", to: "/admin/workflow/labels" },
  { path: "review", to: "/review/runs" },
  { path: "monitoring", to: "/monitoring/alerts" },
  { path: "vulnerabilities", to: "/vulnerabilities/dashboard" },
  { path: "access", to: "/access/snapshots" },
];
