import { createContext, useCallback, useContext, useEffect, useMemo, useRef } from "react";
import type { ReactNode } from "react";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useLocation, useNavigate } from "react-router-dom";
import { api, isApiError } from "../api";
import type { Area, Me } from "../api";

export const ME_KEY = ["auth", "me"] as const;

/** Reads the current session; null when not signed in. */
export async function fetchMe(): Promise<Me | null> {
  try {
    return await api<Me>("/auth/me");
  } catch (e) {
    if (isApiError(e) && e.status === 401) return null;
    throw e;
  }
}

interface SessionValue {
  me: Me | null;
  loading: boolean;
  error: unknown;
  /** Re-reads /auth/me (after login, register, profile changes). */
  refresh: () => Promise<Me | null>;
  /** Ends this session, then goes to `to` (default: the storefront). */
  logout: (to?: string) => Promise<void>;
  /** Ends every session of the account, then goes to `to` (default: /login). */
  logoutAll: (to?: string) => Promise<void>;
  /**
   * Where the user chose to go when signing out, until the next sign-in: guards send a
   * signed-out visitor there instead of to /login?next=… for the page they just left.
   */
  signedOutTo: () => string | null;
  can: (permission: string) => boolean;
  hasArea: (area: Area) => boolean;
}

const SessionContext = createContext<SessionValue | null>(null);

export function SessionProvider({ children }: { children: ReactNode }) {
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const leftTo = useRef<string | null>(null);
  const { pathname } = useLocation();
  useEffect(() => {
    // Arrived where the user chose to go: guards behave normally again.
    if (leftTo.current && pathname === leftTo.current.split("?")[0]) leftTo.current = null;
  }, [pathname]);
  const query = useQuery({ queryKey: ME_KEY, queryFn: fetchMe, retry: false, staleTime: 60_000 });
  const me = query.data ?? null;

  const refresh = useCallback(async () => {
    const fresh = await queryClient.query({ queryKey: ME_KEY, queryFn: fetchMe, staleTime: 0 });
    if (fresh) leftTo.current = null;
    return fresh;
  }, [queryClient]);

  const signedOut = useCallback(
    (to: string) => {
      // The signed-in page's guard must not send us to /login?next=… for the page we leave.
      leftTo.current = window.location.pathname === to.split("?")[0] ? null : to;
      navigate(to, { replace: true });
      // Nothing of the previous user may linger in the cache.
      queryClient.removeQueries({ predicate: (q) => q.queryKey[0] !== ME_KEY[0] || q.queryKey[1] !== ME_KEY[1] });
      queryClient.setQueryData(ME_KEY, null);
    },
    [navigate, queryClient],
  );

  const logout = useCallback(
    async (to = "/") => {
      try {
        await api<void>("/auth/logout", { method: "POST" });
      } catch (e) {
        if (!(isApiError(e) && e.status === 401)) throw e;
      }
      signedOut(to);
    },
    [signedOut],
  );

  const logoutAll = useCallback(
    async (to = "/login") => {
      await api<void>("/auth/logout-all", { method: "POST" });
      signedOut(to);
    },
    [signedOut],
  );

  const value = useMemo<SessionValue>(
    () => ({
      me,
      loading: query.isPending,
      error: query.error,
      refresh,
      logout,
      logoutAll,
      signedOutTo: () => leftTo.current,
      can: (p) => !!me?.permissions.includes(p),
      hasArea: (a) => !!me?.areas.includes(a),
    }),
    [me, query.isPending, query.error, refresh, logout, logoutAll],
  );
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionValue {
  const v = useContext(SessionContext);
  if (!v) throw new Error("useSession outside SessionProvider");
  return v;
}

/** The place to land after signing in, when no `next` was given. */
export function homeFor(me: Me): string {
  if (me.mfaEnrollmentRequired) return "/mfa-setup";
  if (me.areas.includes("admin")) return "/admin";
  if (me.areas.includes("merchant")) return "/merchant";
  return "/";
}

/** Only same-site paths are accepted as a post-login target (no open redirect). */
export function safeNext(next: string | null): string | null {
  if (!next) return null;
  if (!next.startsWith("/") || next.startsWith("//") || next.startsWith("/\\")) return null;
  if (next.startsWith("/login") || next.startsWith("/register")) return null;
  return next;
}
