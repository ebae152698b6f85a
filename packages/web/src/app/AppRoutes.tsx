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
import { HomePage } from "./lazy-pages";
import { AREA_REDIRECTS, PAGE_ROUTES } from "./route-table";

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
        {AREA_REDIRECTS.map((r) => (
          <Route key={r.path} path={r.path} element={<Navigate to={r.to} replace />} />
        ))}
        {PAGE_ROUTES.map(({ path, permission, page: Page }) => (
          <Route
            key={path}
            path={path}
            element={
              <Allowed permission={permission}>
                <Page />
              </Allowed>
            }
          />
        ))}
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
