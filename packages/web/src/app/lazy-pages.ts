import { lazyPage } from "./lazy-page";

// Feature pages load on first visit, so the first paint carries only the shell.
export const HomePage = lazyPage(() => import("../features/home/pages/HomePage"), "HomePage");
export const AssetListPage = lazyPage(
  () => import("../features/assets/pages/AssetListPage"),
  "AssetListPage",
);
export const AssetNewPage = lazyPage(
  () => import("../features/assets/pages/AssetNewPage"),
  "AssetNewPage",
);
export const AssetDetailPage = lazyPage(
  () => import("../features/assets/pages/AssetDetailPage"),
  "AssetDetailPage",
);
export const UsersPage = lazyPage(() => import("../features/users/pages/UsersPage"), "UsersPage");
export const TeamsPage = lazyPage(() => import("../features/teams/pages/TeamsPage"), "TeamsPage");
export const TokensPage = lazyPage(
  () => import("../features/tokens/pages/TokensPage"),
  "TokensPage",
);
export const AuditLogPage = lazyPage(
  () => import("../features/audit/pages/AuditLogPage"),
  "AuditLogPage",
);
export const IntakePage = lazyPage(
  () => import("../features/work/intake/pages/IntakePage"),
  "IntakePage",
);
export const IntakeFormPage = lazyPage(
  () => import("../features/work/intake/pages/IntakeFormPage"),
  "IntakeFormPage",
);
export const ItemListPage = lazyPage(
  () => import("../features/work/items/pages/ItemListPage"),
  "ItemListPage",
);
export const ItemDetailPage = lazyPage(
  () => import("../features/work/items/pages/ItemDetailPage"),
  "ItemDetailPage",
);
export const DesignDocsPage = lazyPage(
  () => import("../features/work/design-docs/pages/DesignDocsPage"),
  "DesignDocsPage",
);
export const PlanningPage = lazyPage(
  () => import("../features/work/planning/pages/PlanningPage"),
  "PlanningPage",
);
export const EpicDetailPage = lazyPage(
  () => import("../features/work/planning/pages/EpicDetailPage"),
  "EpicDetailPage",
);
export const MilestoneDetailPage = lazyPage(
  () => import("../features/work/planning/pages/MilestoneDetailPage"),
  "MilestoneDetailPage",
);
export const WorkflowAdminPage = lazyPage(
  () => import("../features/work/admin/pages/WorkflowAdminPage"),
  "WorkflowAdminPage",
);
export const TriagePage = lazyPage(
  () => import("../features/work/triage/pages/TriagePage"),
  "TriagePage",
);
export const BoardsPage = lazyPage(
  () => import("../features/work/boards/pages/BoardsPage"),
  "BoardsPage",
);
export const BoardPage = lazyPage(
  () => import("../features/work/boards/pages/BoardPage"),
  "BoardPage",
);
export const DecisionsPage = lazyPage(
  () => import("../features/work/decisions/pages/DecisionsPage"),
  "DecisionsPage",
);
export const NotificationsPage = lazyPage(
  () => import("../features/notifications/pages/NotificationsPage"),
  "NotificationsPage",
);
export const ReviewRunsPage = lazyPage(
  () => import("../features/review/pages/ReviewRunsPage"),
  "ReviewRunsPage",
);
export const ReviewRunPage = lazyPage(
  () => import("../features/review/pages/ReviewRunPage"),
  "ReviewRunPage",
);
export const ReviewRulesPage = lazyPage(
  () => import("../features/review/pages/ReviewRulesPage"),
  "ReviewRulesPage",
);
export const ReviewRulePage = lazyPage(
  () => import("../features/review/pages/ReviewRulePage"),
  "ReviewRulePage",
);
export const ReviewSuppressionsPage = lazyPage(
  () => import("../features/review/pages/ReviewSuppressionsPage"),
  "ReviewSuppressionsPage",
);
export const AlertsPage = lazyPage(
  () => import("../features/monitoring/pages/AlertsPage"),
  "AlertsPage",
);
export const AlertDetailPage = lazyPage(
  () => import("../features/monitoring/pages/AlertDetailPage"),
  "AlertDetailPage",
);
export const MonitoringRulesPage = lazyPage(
  () => import("../features/monitoring/pages/RulesPage"),
  "RulesPage",
);
export const MonitoringRulePage = lazyPage(
  () => import("../features/monitoring/pages/RulePage"),
  "RulePage",
);
export const MonitoringSuppressionsPage = lazyPage(
  () => import("../features/monitoring/pages/SuppressionsPage"),
  "SuppressionsPage",
);
export const AccessSnapshotsPage = lazyPage(
  () => import("../features/access/pages/SnapshotsPage"),
  "SnapshotsPage",
);
export const AccessSnapshotPage = lazyPage(
  () => import("../features/access/pages/SnapshotPage"),
  "SnapshotPage",
);
export const AccessPrincipalPage = lazyPage(
  () => import("../features/access/pages/PrincipalPage"),
  "PrincipalPage",
);
export const AccessDiffPage = lazyPage(
  () => import("../features/access/pages/DiffPage"),
  "DiffPage",
);
export const AccessCampaignsPage = lazyPage(
  () => import("../features/access/pages/CampaignsPage"),
  "CampaignsPage",
);
export const AccessCampaignPage = lazyPage(
  () => import("../features/access/pages/CampaignPage"),
  "CampaignPage",
);
export const VulnFindingsPage = lazyPage(
  () => import("../features/vulns/pages/FindingsPage"),
  "FindingsPage",
);
export const VulnFindingDetailPage = lazyPage(
  () => import("../features/vulns/pages/FindingDetailPage"),
  "FindingDetailPage",
);
export const VulnImportsPage = lazyPage(
  () => import("../features/vulns/pages/ImportsPage"),
  "ImportsPage",
);
export const VulnImportJobPage = lazyPage(
  () => import("../features/vulns/pages/ImportJobPage"),
  "ImportJobPage",
);
export const VulnExceptionsPage = lazyPage(
  () => import("../features/vulns/pages/ExceptionsPage"),
  "ExceptionsPage",
);
export const VulnExceptionDetailPage = lazyPage(
  () => import("../features/vulns/pages/ExceptionDetailPage"),
  "ExceptionDetailPage",
);
export const VulnDashboardPage = lazyPage(
  () => import("../features/vulns/pages/DashboardPage"),
  "DashboardPage",
);
export const VulnSlaEventsPage = lazyPage(
  () => import("../features/vulns/pages/SlaEventsPage"),
  "SlaEventsPage",
);
export const VulnFixActionsPage = lazyPage(
  () => import("../features/vulns/pages/FixActionsPage"),
  "FixActionsPage",
);
export const VulnEnrichmentPage = lazyPage(
  () => import("../features/vulns/pages/EnrichmentPage"),
  "EnrichmentPage",
);
export const VulnSlaPolicyPage = lazyPage(
  () => import("../features/vulns/pages/SlaPolicyPage"),
  "SlaPolicyPage",
);
