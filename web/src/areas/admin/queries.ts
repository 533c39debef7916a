import { useQuery } from "@tanstack/react-query";
import { api } from "../../api";
import type { Merchant, RoleInfo, Rule } from "../../api";
import { useSession } from "../../auth/session";

export const ROLES_KEY = ["admin", "roles"] as const;
export const MERCHANTS_KEY = ["admin", "merchants"] as const;
export const RULES_KEY = ["admin", "rules"] as const;

export function useRoles(enabled = true) {
  return useQuery({ queryKey: ROLES_KEY, queryFn: () => api<{ items: RoleInfo[] }>("/admin/roles"), staleTime: 5 * 60_000, enabled });
}

export function useMerchants() {
  const { can } = useSession();
  return useQuery({ queryKey: MERCHANTS_KEY, queryFn: () => api<{ items: Merchant[] }>("/admin/merchants"), enabled: can("merchant.read.any") });
}

export function useRules() {
  return useQuery({ queryKey: RULES_KEY, queryFn: () => api<{ items: Rule[] }>("/admin/rules") });
}
