import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useCallback } from "react";
import { api, isApiError } from "../../../api";
import type { Application, ApplicationStatus, Me } from "../../../api";

export const APPLICATION_KEY = ["onboarding", "application"] as const;

/** The statuses in which the application is with the reviewers or done: nothing can be changed. */
export const LOCKED_STATUSES: ApplicationStatus[] = ["submitted", "under_review", "approved"];

export const isLocked = (app: Application | null | undefined) => !!app && LOCKED_STATUSES.includes(app.status);

/** The applicant's own application; null while there is none yet. */
export function useMyApplication() {
  return useQuery({
    queryKey: APPLICATION_KEY,
    queryFn: async () => {
      try {
        return await api<Application>("/onboarding/application");
      } catch (e) {
        if (isApiError(e) && e.code === "APPLICATION_NOT_FOUND") return null;
        throw e;
      }
    },
    // While the reviewers have it, look again now and then: the banner then follows their decision.
    refetchInterval: (q) => (q.state.data && (q.state.data.status === "submitted" || q.state.data.status === "under_review") ? 60_000 : false),
  });
}

/** Puts an application the server returned into the cache. */
export function useSetApplication() {
  const queryClient = useQueryClient();
  return useCallback((app: Application) => queryClient.setQueryData(APPLICATION_KEY, app), [queryClient]);
}

/** A merchant account without a shop yet: it may only work on its application. */
export function isApplicant(me: Me | null | undefined): boolean {
  return !!me && me.user.kind === "merchant" && !me.user.merchantId && me.permissions.includes("application.manage.own");
}
