import { createContext, useCallback, useContext, useEffect, useMemo, useState } from "react";
import type { ReactNode } from "react";
import { api } from "@infrasec/contracts";
import type { Session } from "@infrasec/contracts";
import type { Permission } from "@infrasec/core";
import { ApiError, client, setCsrfToken, setUnauthorizedHandler } from "./api-client";

type SessionState =
  | { status: "loading" }
  | { status: "signed-out" }
  | { status: "error"; error: unknown }
  | { status: "signed-in"; session: Session };

interface SessionContextValue {
  state: SessionState;
  /** Store the session returned by sign-in (or a refreshed one). */
  setSession: (session: Session) => void;
  refresh: () => Promise<void>;
  signOut: () => Promise<void>;
}

const SessionContext = createContext<SessionContextValue | null>(null);

async function loadSession(): Promise<Session | null> {
  try {
    return await client.call(api.auth.session);
  } catch (e) {
    if (e instanceof ApiError && e.status === 401) return null;
    throw e;
  }
}

export function SessionProvider({ children }: { children: ReactNode }) {
  const [state, setState] = useState<SessionState>({ status: "loading" });

  const apply = useCallback((session: Session | null) => {
    setCsrfToken(session?.csrfToken ?? null);
    setState(session ? { status: "signed-in", session } : { status: "signed-out" });
  }, []);

  const refresh = useCallback(async () => {
    try {
      apply(await loadSession());
    } catch (error) {
      setState({ status: "error", error });
    }
  }, [apply]);

  useEffect(() => {
    let cancelled = false;
    loadSession().then(
      (s) => {
        if (!cancelled) apply(s);
      },
      (error: unknown) => {
        if (!cancelled) setState({ status: "error", error });
      },
    );
    return () => {
      cancelled = true;
    };
  }, [apply]);

  // A 401 on any call may mean the session expired: confirm with the session endpoint
  // (a wrong current password also answers 401 on some routes) before signing out.
  useEffect(() => {
    let checking = false;
    setUnauthorizedHandler(() => {
      if (checking) return;
      checking = true;
      fetch(api.auth.session.path, { credentials: "same-origin" })
        .then((res) => {
          if (res.status === 401) apply(null);
        })
        .catch(() => undefined)
        .finally(() => {
          checking = false;
        });
    });
    return () => setUnauthorizedHandler(null);
  }, [apply]);

  const signOut = useCallback(async () => {
    try {
      await client.call(api.auth.logout);
    } finally {
      apply(null);
    }
  }, [apply]);

  const value = useMemo(
    () => ({ state, setSession: apply, refresh, signOut }),
    [state, apply, refresh, signOut],
  );
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSessionState(): SessionContextValue {
  const ctx = useContext(SessionContext);
  if (!ctx) throw new Error("useSessionState outside SessionProvider");
  return ctx;
}

/** The signed-in session; only for components rendered inside the signed-in shell. */
export function useSession(): Session & { can: (p: Permission) => boolean } {
  const { state } = useSessionState();
  if (state.status !== "signed-in") throw new Error("useSession needs a signed-in session");
  const { session } = state;
  return { ...session, can: (p: Permission) => session.permissions.includes(p) };
}

/** True when the signed-in user holds the permission. */
export function useCan(permission: Permission): boolean {
  return useSession().can(permission);
}
