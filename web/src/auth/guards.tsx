import type { ReactNode } from "react";
import { Navigate, useLocation } from "react-router-dom";
import type { Area } from "../api";
import { useSession } from "./session";
import { FullPageSpin } from "../components/FullPageSpin";
import { Forbidden } from "../components/Forbidden";

export const MFA_SETUP_PATH = "/mfa-setup";

function loginRedirect(pathname: string, search: string): string {
  return `/login?next=${encodeURIComponent(pathname + search)}`;
}

/** Signed-in users only; everyone else goes to /login?next=… */
export function RequireAuth({ children }: { children: ReactNode }) {
  const { me, loading, signedOutTo } = useSession();
  const location = useLocation();
  if (loading) return <FullPageSpin />;
  if (!me) return <Navigate to={signedOutTo() ?? loginRedirect(location.pathname, location.search)} replace />;
  return <>{children}</>;
}

/** An area (merchant portal, admin console) for actors whose `areas` include it. */
export function RequireArea({ area, children }: { area: Area; children: ReactNode }) {
  const { me, loading, signedOutTo } = useSession();
  const location = useLocation();
  if (loading) return <FullPageSpin />;
  if (!me) return <Navigate to={signedOutTo() ?? loginRedirect(location.pathname, location.search)} replace />;
  if (!me.areas.includes(area)) return <Forbidden fullPage />;
  return <>{children}</>;
}

/** A page inside an area that needs one of the given permissions. */
export function RequirePermission({ anyOf, children }: { anyOf: string[]; children: ReactNode }) {
  const { can } = useSession();
  if (!anyOf.some(can)) return <Forbidden />;
  return <>{children}</>;
}

/**
 * While the account must enrol in two-step verification first (staff when the
 * platform requires it), every page except the enrolment page is blocked.
 */
export function MfaGate({ children }: { children: ReactNode }) {
  const { me } = useSession();
  const location = useLocation();
  if (me?.mfaEnrollmentRequired && location.pathname !== MFA_SETUP_PATH) {
    return <Navigate to={MFA_SETUP_PATH} replace />;
  }
  return <>{children}</>;
}
