import { useQuery, useQueryClient } from "@tanstack/react-query";
import { API_BASE, api } from "../../../api";
import { MERCHANTS_KEY } from "../queries";
import type { MerchantDetail, PlatformTask, ReverificationItem } from "./types";
import type { Penalty, PenaltyStatus, QualificationOverview, Renewal, RenewalStatus, ReverificationStatus } from "../../../types/governance";

export const GOV_KEY = ["admin", "gov"] as const;

export function useRenewals(status: RenewalStatus) {
  return useQuery({ queryKey: [...GOV_KEY, "renewals", status], queryFn: () => api<{ items: Renewal[] }>("/admin/qualification-renewals", { query: { status } }) });
}

export function useRenewal(id: string) {
  return useQuery({ queryKey: [...GOV_KEY, "renewal", id], queryFn: () => api<Renewal>(`/admin/qualification-renewals/${encodeURIComponent(id)}`) });
}

export function useReverifications(status: ReverificationStatus | undefined) {
  return useQuery({ queryKey: [...GOV_KEY, "reverifications", status ?? "open"], queryFn: () => api<{ items: ReverificationItem[] }>("/admin/reverifications", { query: { status } }) });
}

export function useQualifications(merchantId: string | null | undefined, enabled = true) {
  return useQuery({
    queryKey: [...GOV_KEY, "qualifications", merchantId],
    queryFn: () => api<QualificationOverview>(`/admin/merchants/${encodeURIComponent(merchantId ?? "")}/qualifications`),
    enabled: !!merchantId && enabled,
  });
}

export function usePenalties(filters: { merchantId?: string; status?: PenaltyStatus }, enabled = true) {
  return useQuery({ queryKey: [...GOV_KEY, "penalties", filters], queryFn: () => api<{ items: Penalty[] }>("/admin/penalties", { query: { ...filters } }), enabled });
}

export function usePenalty(id: string) {
  return useQuery({ queryKey: [...GOV_KEY, "penalty", id], queryFn: () => api<Penalty>(`/admin/penalties/${encodeURIComponent(id)}`) });
}

export function useMerchantDetail(id: string | null) {
  return useQuery({ queryKey: [...MERCHANTS_KEY, id], queryFn: () => api<MerchantDetail>(`/admin/merchants/${encodeURIComponent(id ?? "")}`), enabled: !!id });
}

export function usePlatformTasks(enabled = true) {
  return useQuery({ queryKey: [...GOV_KEY, "tasks", "open"], queryFn: () => api<{ items: PlatformTask[] }>("/admin/tasks", { query: { status: "open" } }), enabled });
}

/** After a decision: everything the governance screens and the merchant list show may have changed. */
export function useRefreshGovernance() {
  const queryClient = useQueryClient();
  return () => Promise.all([queryClient.invalidateQueries({ queryKey: GOV_KEY }), queryClient.invalidateQueries({ queryKey: MERCHANTS_KEY })]);
}

export const renewalFileUrl = (id: string) => `${API_BASE}/admin/qualification-renewals/${encodeURIComponent(id)}/file`;
export const documentFileUrl = (id: string) => `${API_BASE}/admin/application-documents/${encodeURIComponent(id)}/file`;
