import { Center, Loader, Stack } from "@mantine/core";
import type { ReactNode } from "react";
import { Navigate, Route, Routes, useLocation, useSearchParams } from "react-router";
import type { Permission } from "@infrasec/core";
import { useSession, useSessionState } from "./session";
import { AppLayout } from "./AppLayout";
import { ErrorAlert } from "./ErrorAlert";
import { plannedAreas } from "./nav";
import { SignInPage } from "../features/auth/pages/SignInPage";
import { ChangePasswordPage } from "../features/auth/pages/ChangePasswordPage";
import { NotBuiltPage } from "../features/areas/pages/NotBuiltPage";
import { NotFoundPage } from "../features/areas/pages/NotFoundPage";
import {
  HomePage,
  AssetListPage,
  AssetNewPage,
  AssetDetailPage,
  UsersPage,
  TeamsPage,
  TokensPage,
  AuditLogPage,
  IntakePage,
  IntakeFormPage,
  ItemListPage,
  ItemDetailPage,
  DesignDocsPage,
  PlanningPage,
  EpicDetailPage,
  MilestoneDetailPage,
  WorkflowAdminPage,
  TriagePage,
  BoardsPage,
  BoardPage,
  DecisionsPage,
  NotificationsPage,
  ReviewRunsPage,
  ReviewRunPage,
  ReviewRulesPage,
  ReviewRulePage,
  ReviewSuppressionsPage,
  AlertsPage,
  AlertDetailPage,
  MonitoringRulesPage,
  MonitoringRulePage,
  MonitoringSuppressionsPage,
  AccessSnapshotsPage,
  AccessSnapshotPage,
  AccessPrincipalPage,
  AccessDiffPage,
  AccessCampaignsPage,
  AccessCampaignPage,
  VulnFindingsPage,
  VulnFindingDetailPage,
  VulnImportsPage,
  VulnImportJobPage,
  VulnExceptionsPage,
  VulnExceptionDetailPage,
  VulnDashboardPage,
  VulnSlaEventsPage,
  VulnFixActionsPage,
  VulnEnrichmentPage,
  VulnSlaPolicyPage,
} from "./lazy-pages";

/** Renders the page only for users holding the permission; others get "not found". */
function Allowed({ permission, children }: { permission?: Permission; children: ReactNode }) {
  const { can } = useSession();
  if (permission && !can(permission)) return <NotFoundPage />;
  return <>{children}</>;
}

/** Back to where the user was going before being sent to sign in (same-origin paths only). */
function AfterSignIn() {
  const [params] = useSearchParams();
  const from = params.get("from") ?? "/";
  return <Navigate to={from.startsWith("/") && !from.startsWith("//") ? from : "/"} replace />;
}

function SignedInRoutes() {
  const { mustChangePassword } = useSession();
  if (mustChangePassword) return <ChangePasswordPage forced />;
  return (
    <Routes>
      <Route element={<AppLayout />}>
        <Route index element={<HomePage />} />
        <Route
          path="assets"
          element={
            <Allowed permission="assets:read">
              <AssetListPage />
            </Allowed>
          }
        />
        <Route
          path="assets/new"
          element={
            <Allowed permission="assets:write">
              <AssetNewPage />
            </Allowed>
          }
        />
        <Route
          path="assets/:id"
          element={
            <Allowed permission="assets:read">
              <AssetDetailPage />
            </Allowed>
          }
        />
        <Route path="admin" element={<Navigate to="/admin/tokens" replace />} />
        <Route
          path="admin/users"
          element={
            <Allowed permission="users:read">
              <UsersPage />
            </Allowed>
          }
        />
        <Route
          path="admin/teams"
          element={
            <Allowed permission="teams:read">
              <TeamsPage />
            </Allowed>
          }
        />
        <Route path="admin/tokens" element={<TokensPage />} />
        <Route
          path="admin/audit"
          element={
            <Allowed permission="audit:read">
              <AuditLogPage />
            </Allowed>
          }
        />
        <Route path="account/password" element={<ChangePasswordPage />} />
        <Route path="work" element={<Navigate to="/work/items" replace />} />
        <Route
          path="work/intake"
          element={
            <Allowed permission="work:create">
              <IntakePage />
            </Allowed>
          }
        />
        <Route
          path="work/intake/:templateId"
          element={
            <Allowed permission="work:create">
              <IntakeFormPage />
            </Allowed>
          }
        />
        <Route
          path="work/items"
          element={
            <Allowed permission="work:read">
              <ItemListPage />
            </Allowed>
          }
        />
        <Route
          path="work/items/:number"
          element={
            <Allowed permission="work:read">
              <ItemDetailPage />
            </Allowed>
          }
        />
        <Route
          path="work/design-docs"
          element={
            <Allowed permission="work:read">
              <DesignDocsPage />
            </Allowed>
          }
        />
        <Route
          path="work/triage"
          element={
            <Allowed permission="work:read">
              <TriagePage />
            </Allowed>
          }
        />
        <Route
          path="work/boards"
          element={
            <Allowed permission="work:read">
              <BoardsPage />
            </Allowed>
          }
        />
        <Route
          path="work/boards/:id"
          element={
            <Allowed permission="work:read">
              <BoardPage />
            </Allowed>
          }
        />
        <Route
          path="work/decisions"
          element={
            <Allowed permission="work:read">
              <DecisionsPage />
            </Allowed>
          }
        />
        <Route path="notifications" element={<NotificationsPage />} />
        <Route path="work/planning" element={<Navigate to="/work/planning/epics" replace />} />
        <Route
          path="work/planning/:tab"
          element={
            <Allowed permission="work:read">
              <PlanningPage />
            </Allowed>
          }
        />
        <Route
          path="work/planning/epics/:id"
          element={
            <Allowed permission="work:read">
              <EpicDetailPage />
            </Allowed>
          }
        />
        <Route
          path="work/planning/milestones/:id"
          element={
            <Allowed permission="work:read">
              <MilestoneDetailPage />
            </Allowed>
          }
        />
        <Route path="admin/workflow" element={<Navigate to="/admin/workflow/labels" replace />} />
        <Route
          path="admin/workflow/:tab"
          element={
            <Allowed permission="work:manage">
              <WorkflowAdminPage />
            </Allowed>
          }
        />
        <Route path="review" element={<Navigate to="/review/runs" replace />} />
        <Route
          path="review/runs"
          element={
            <Allowed permission="review:read">
              <ReviewRunsPage />
            </Allowed>
          }
        />
        <Route
          path="review/runs/:id"
          element={
            <Allowed permission="review:read">
              <ReviewRunPage />
            </Allowed>
          }
        />
        <Route
          path="review/rules"
          element={
            <Allowed permission="review:read">
              <ReviewRulesPage />
            </Allowed>
          }
        />
        <Route
          path="review/rules/:id"
          element={
            <Allowed permission="review:read">
              <ReviewRulePage />
            </Allowed>
          }
        />
        <Route
          path="review/suppressions"
          element={
            <Allowed permission="review:read">
              <ReviewSuppressionsPage />
            </Allowed>
          }
        />
        <Route path="monitoring" element={<Navigate to="/monitoring/alerts" replace />} />
        <Route
          path="monitoring/alerts"
          element={
            <Allowed permission="alerts:read">
              <AlertsPage />
            </Allowed>
          }
        />
        <Route
          path="monitoring/alerts/:id"
          element={
            <Allowed permission="alerts:read">
              <AlertDetailPage />
            </Allowed>
          }
        />
        <Route
          path="monitoring/rules"
          element={
            <Allowed permission="alerts:read">
              <MonitoringRulesPage />
            </Allowed>
          }
        />
        <Route
          path="monitoring/rules/:id"
          element={
            <Allowed permission="alerts:read">
              <MonitoringRulePage />
            </Allowed>
          }
        />
        <Route
          path="monitoring/suppressions"
          element={
            <Allowed permission="alerts:read">
              <MonitoringSuppressionsPage />
            </Allowed>
          }
        />
        <Route
          path="vulnerabilities"
          element={<Navigate to="/vulnerabilities/dashboard" replace />}
        />
        <Route
          path="vulnerabilities/dashboard"
          element={
            <Allowed permission="vulns:read">
              <VulnDashboardPage />
            </Allowed>
          }
        />
        <Route
          path="vulnerabilities/sla-events"
          element={
            <Allowed permission="vulns:read">
              <VulnSlaEventsPage />
            </Allowed>
          }
        />
        <Route
          path="vulnerabilities/fix-actions"
          element={
            <Allowed permission="vulns:read">
              <VulnFixActionsPage />
            </Allowed>
          }
        />
        <Route
          path="vulnerabilities/enrichment"
          element={
            <Allowed permission="vulns:read">
              <VulnEnrichmentPage />
            </Allowed>
          }
        />
        <Route
          path="vulnerabilities/findings"
          element={
            <Allowed permission="vulns:read">
              <VulnFindingsPage />
            </Allowed>
          }
        />
        <Route
          path="vulnerabilities/findings/:id"
          element={
            <Allowed permission="vulns:read">
              <VulnFindingDetailPage />
            </Allowed>
          }
        />
        <Route
          path="vulnerabilities/imports"
          element={
            <Allowed permission="vulns:read">
              <VulnImportsPage />
            </Allowed>
          }
        />
        <Route
          path="vulnerabilities/exceptions"
          element={
            <Allowed permission="vulns:read">
              <VulnExceptionsPage />
            </Allowed>
          }
        />
        <Route
          path="vulnerabilities/exceptions/:id"
          element={
            <Allowed permission="vulns:read">
              <VulnExceptionDetailPage />
            </Allowed>
          }
        />
        {/* Checks vulns:read itself (like <Allowed>): this file is at its 500-line limit. */}
        <Route path="vulnerabilities/policy" element={<VulnSlaPolicyPage />} />
        <Route
          path="vulnerabilities/imports/:id"
          element={
            <Allowed permission="vulns:read">
              <VulnImportJobPage />
            </Allowed>
          }
        />
        <Route path="access" element={<Navigate to="/access/snapshots" replace />} />
        <Route
          path="access/snapshots"
          element={
            <Allowed permission="access:read">
              <AccessSnapshotsPage />
            </Allowed>
          }
        />
        <Route
          path="access/snapshots/:id"
          element={
            <Allowed permission="access:read">
              <AccessSnapshotPage />
            </Allowed>
          }
        />
        <Route
          path="access/snapshots/:id/principals/:principalId"
          element={
            <Allowed permission="access:read">
              <AccessPrincipalPage />
            </Allowed>
          }
        />
        <Route
          path="access/diff"
          element={
            <Allowed permission="access:read">
              <AccessDiffPage />
            </Allowed>
          }
        />
        {/* Campaigns are open to every signed-in user: reviewers without access:read (system
            owners) see the campaigns and items assigned to them, as the API does. */}
        <Route path="access/campaigns" element={<AccessCampaignsPage />} />
        <Route path="access/campaigns/:id" element={<AccessCampaignPage />} />
        {plannedAreas().map((area) => (
          <Route
            key={area.path}
            path={area.path.slice(1)}
            element={
              <Allowed permission={area.permission}>
                <NotBuiltPage title={area.label} planned={area.planned ?? ""} />
              </Allowed>
            }
          />
        ))}
        <Route path="sign-in" element={<AfterSignIn />} />
        <Route path="*" element={<NotFoundPage />} />
      </Route>
    </Routes>
  );
}

export function AppRoutes() {
  const { state } = useSessionState();
  const location = useLocation();
  if (state.status === "loading") {
    return (
      <Center h="100vh">
        <Loader aria-label="Loading session" />
      </Center>
    );
  }
  if (state.status === "error") {
    return (
      <Center h="100vh">
        <Stack maw={480}>
          <ErrorAlert error={state.error} title="Cannot reach the infrasec server" />
        </Stack>
      </Center>
    );
  }
  if (state.status === "signed-out") {
    if (location.pathname !== "/sign-in") {
      const from = location.pathname + location.search;
      return <Navigate to={`/sign-in?from=${encodeURIComponent(from)}`} replace />;
    }
    return <SignInPage />;
  }
  return <SignedInRoutes />;
}
