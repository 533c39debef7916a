import { useQuery } from "@tanstack/react-query";
import dayjs from "dayjs";
import { api, isApiError } from "../../../api";
import i18n from "../../../i18n";
import { errorText } from "../../../components/errors";
import { formatDateTime } from "../../../components/format";

// ---- API types (G1 published documents, G2 operator, M4 public shop page) ----

export interface Bilingual {
  zh: string;
  en: string;
}

export interface PolicySection extends Bilingual {
  key: string;
}

export interface PolicyBrief {
  version: string;
  title: Bilingual;
  summary: string;
  publishedAt: string;
  effectiveFrom: string;
}

export interface PolicyIndexItem {
  documentKey: string;
  current: PolicyBrief | null;
  upcoming: (PolicyBrief & { comments: number })[];
}

export interface PolicyFull extends PolicyBrief {
  documentKey: string;
  sections: PolicySection[];
  publishedBy: string | null;
}

export interface PolicyDocument {
  documentKey: string;
  current: PolicyFull | null;
  upcoming: PolicyFull[];
  history: (PolicyBrief & { inForce: boolean; past: boolean })[];
}

export interface PolicyComment {
  id: string;
  author: string;
  authorKind: string;
  body: string;
  createdAt: string;
}

export interface PolicyVersion extends PolicyFull {
  open: boolean;
  comments: PolicyComment[];
}

export interface Operator {
  companyName: string;
  licences: { name: string; number: string; issuer?: string }[];
  filings: { name: string; number: string; url?: string }[];
  contact: { phone?: string; email?: string; address?: string; hours?: string };
  complaintChannels: { name: string; contact: string; hours?: string }[];
  updatedAt: string | null;
}

export interface PublicShop {
  id: string;
  name: string;
  status: string;
  selling: boolean;
  openedAt: string;
  licence: {
    entityName: string;
    entityType: string;
    creditCode: string;
    address: string;
    approvedAt: string;
    businessLicence: { number: string; issuer: string; validFrom: string; validUntil: string | null } | null;
  } | null;
  contact: { phone: string | null; email: string | null; hours: string | null };
  afterSalesPolicy: string | null;
  complaints: { merchant: string | null; platformPath: string };
  rating: number | null;
}

// ---- Queries ----

export const OPERATOR_KEY = ["public", "operator"] as const;
export const POLICIES_KEY = ["public", "policies"] as const;
export const policyKey = (key: string) => [...POLICIES_KEY, key] as const;
export const policyVersionKey = (key: string, version: string) => [...POLICIES_KEY, key, version] as const;

const path = (...parts: string[]) => parts.map(encodeURIComponent).join("/");

export function useOperator() {
  return useQuery({ queryKey: OPERATOR_KEY, queryFn: () => api<Operator>("/operator"), staleTime: 5 * 60_000 });
}

export function usePolicies() {
  return useQuery({ queryKey: POLICIES_KEY, queryFn: () => api<{ items: PolicyIndexItem[] }>("/policies") });
}

export function usePolicy(key: string | undefined) {
  return useQuery({ queryKey: policyKey(key ?? ""), queryFn: () => api<PolicyDocument>(`/policies/${path(key ?? "")}`), enabled: !!key });
}

export function usePolicyVersion(key: string, version: string) {
  return useQuery({ queryKey: policyVersionKey(key, version), queryFn: () => api<PolicyVersion>(`/policies/${path(key)}/versions/${path(version)}`) });
}

export function useShop(id: string) {
  return useQuery({ queryKey: ["public", "shops", id], queryFn: () => api<PublicShop>(`/shops/${path(id)}`) });
}

// ---- Helpers ----

/** A link or mail address shown as a link; anything else as text. */
export function contactHref(value: string): string | null {
  if (/^https?:\/\/\S+$/i.test(value)) return value;
  if (/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(value)) return `mailto:${value}`;
  return null;
}

/** Days until `iso`, rounded, for "N days left" (a few minutes past 7 days is 7; the last day, 1). */
export function daysUntil(iso: string): number {
  return Math.max(1, Math.round(dayjs(iso).diff(dayjs(), "hour", true) / 24));
}

/** A missing document or shop answers 404; an id that cannot be one, 400. */
export const isNotFound = (e: unknown) => isApiError(e) && (e.status === 404 || (e.status === 400 && e.code === "VALIDATION_FAILED"));

/** Errors of this part of the platform have their own translations (with the earliest date …). */
export function govErrorText(err: unknown): string {
  if (isApiError(err)) {
    const key = `publicGov.errors.${err.code}`;
    if (i18n.exists(key)) {
      const earliest = (err.details as { earliest?: unknown } | undefined)?.earliest;
      return i18n.t(key as never, { earliest: typeof earliest === "string" ? formatDateTime(earliest) : "" }) as string;
    }
  }
  return errorText(err);
}
