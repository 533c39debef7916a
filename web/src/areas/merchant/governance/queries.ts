import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { API_BASE, api, isApiError } from "../../../api";
import { useSession } from "../../../auth/session";
import type { Agreements } from "./types";
import type { Penalty, QualificationOverview, Reverification, Standing, Task } from "../../../types/governance";

export const TASKS_KEY = ["merchant", "tasks"] as const;
export const STANDING_KEY = ["merchant", "standing"] as const;
export const QUALIFICATIONS_KEY = ["merchant", "qualifications"] as const;
export const PENALTIES_KEY = ["merchant", "penalties"] as const;
export const AGREEMENTS_KEY = ["merchant", "agreements"] as const;

export function useOpenTasks() {
  const { can } = useSession();
  return useQuery({
    queryKey: [...TASKS_KEY, "open"],
    queryFn: () => api<{ items: Task[] }>("/merchant/tasks", { query: { status: "open" } }).then((r) => r.items),
    enabled: can("shop.read"),
  });
}

export function useStanding() {
  const { can } = useSession();
  return useQuery({ queryKey: STANDING_KEY, queryFn: () => api<Standing>("/merchant/standing"), enabled: can("shop.read") });
}

/** The shop's qualification file; null for a shop the platform opened without an application. */
export function useQualifications() {
  return useQuery({
    queryKey: QUALIFICATIONS_KEY,
    queryFn: async () => {
      try {
        return await api<QualificationOverview>("/merchant/qualifications");
      } catch (e) {
        if (isApiError(e) && e.code === "QUALIFICATION_FILE_NOT_FOUND") return null;
        throw e;
      }
    },
  });
}

export function usePenalties() {
  return useQuery({ queryKey: PENALTIES_KEY, queryFn: () => api<{ items: Penalty[]; standing: Standing }>("/merchant/penalties") });
}

export function useAgreements() {
  return useQuery({ queryKey: AGREEMENTS_KEY, queryFn: () => api<Agreements>("/merchant/agreements") });
}

/**
 * Done actions close tasks and may change the standing: both are read again, also while
 * no page shows them, so that the dashboard never shows a notice that was just dealt with.
 */
function useAfterAction() {
  const qc = useQueryClient();
  return (...keys: (readonly string[])[]) => Promise.all([TASKS_KEY, STANDING_KEY, ...keys].map((queryKey) => qc.invalidateQueries({ queryKey, refetchType: "all" })));
}

export function useAcknowledgeTask() {
  const after = useAfterAction();
  return useMutation({
    mutationFn: (id: string) => api<Task>(`/merchant/tasks/${encodeURIComponent(id)}/acknowledge`, { method: "POST" }),
    onSuccess: () => after(),
  });
}

export function useAppeal() {
  const after = useAfterAction();
  return useMutation({
    mutationFn: ({ id, statement }: { id: string; statement: string }) =>
      api<Penalty>(`/merchant/penalties/${encodeURIComponent(id)}/appeal`, { method: "POST", body: { statement } }),
    onSuccess: () => after(PENALTIES_KEY),
  });
}

export function useAcceptAgreement() {
  const qc = useQueryClient();
  const after = useAfterAction();
  return useMutation({
    mutationFn: (version: string) => api<Agreements>("/merchant/agreements/accept", { method: "POST", body: { version } }),
    onSuccess: (data) => {
      qc.setQueryData(AGREEMENTS_KEY, data);
      return after();
    },
  });
}

export function useConfirmReverification() {
  const after = useAfterAction();
  return useMutation({
    mutationFn: (note: string) => api<Reverification>("/merchant/qualifications/reverification", { method: "POST", body: note ? { note } : {} }),
    onSuccess: () => after(QUALIFICATIONS_KEY),
  });
}

/** Re-reads the qualification file and the tasks after a renewal was uploaded. */
export function useAfterRenewal() {
  const after = useAfterAction();
  return () => after(QUALIFICATIONS_KEY);
}

export const renewalFileUrl = (id: string) => `${API_BASE}/merchant/qualifications/renewals/${encodeURIComponent(id)}/file`;

/** The public page of one version of the merchant agreement. */
export const agreementPageUrl = (version: string) => `/rules/merchant-agreement/${encodeURIComponent(version)}`;
