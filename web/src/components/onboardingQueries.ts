import { useQuery } from "@tanstack/react-query";
import { API_BASE, api } from "../api";
import type { MerchantAgreement, OnboardingOptions } from "../api";

export const OPTIONS_KEY = ["onboarding", "options"] as const;
export const AGREEMENT_KEY = ["onboarding", "agreement"] as const;

/** Categories, document kinds and the table of mandatory documents (public). */
export function useOnboardingOptions() {
  return useQuery({ queryKey: OPTIONS_KEY, queryFn: () => api<OnboardingOptions>("/onboarding/options"), staleTime: 5 * 60_000 });
}

/** The merchant agreement in force (M5). */
export function useAgreement() {
  return useQuery({ queryKey: AGREEMENT_KEY, queryFn: () => api<MerchantAgreement>("/onboarding/agreement"), staleTime: 5 * 60_000 });
}

/** The document kinds an entity type and categories need, as the server computes them ("*" = any). */
export function requiredKinds(reqs: OnboardingOptions["requirements"], entityType: string | null | undefined, categories: string[]): string[] {
  if (!entityType) return [];
  const kinds = reqs
    .filter((r) => (r.entityType === "*" || r.entityType === entityType) && (r.category === "*" || categories.includes(r.category)))
    .map((r) => r.documentKind);
  return [...new Set(kinds)].sort();
}

/** The file of one of the applicant's own documents. */
export const ownDocumentUrl = (id: string) => `${API_BASE}/onboarding/application/documents/${encodeURIComponent(id)}/file`;
/** The file of a document under review. */
export const reviewDocumentUrl = (id: string) => `${API_BASE}/admin/application-documents/${encodeURIComponent(id)}/file`;
