import { useQuery } from "@tanstack/react-query";
import { api } from "../../../api";

// ---- The buyer's address book (O1, U4) ----

/** As listed: name, mobile and street masked; the region in clear. */
export interface Address {
  id: string;
  recipient: string;
  mobile: string;
  provinceCode: string;
  cityCode: string;
  districtCode: string;
  regionName: string;
  detail: string;
  label: string | null;
  isDefault: boolean;
  createdAt: string;
  updatedAt: string;
}

export interface AddressInput {
  recipient: string;
  mobile: string;
  provinceCode: string;
  cityCode: string;
  districtCode: string;
  detail: string;
  label?: string | null;
  isDefault?: boolean;
}

export const ADDRESSES_KEY = ["addresses"] as const;

export function useAddresses() {
  return useQuery({ queryKey: ADDRESSES_KEY, queryFn: () => api<{ items: Address[]; limit: number }>("/me/addresses") });
}

/** One address in clear, for its edit form (the server audits the read). */
export function useAddress(id: string | null) {
  return useQuery({ queryKey: [...ADDRESSES_KEY, id], queryFn: () => api<Address>(`/me/addresses/${id}`), enabled: !!id, staleTime: 0, gcTime: 0 });
}

// ---- Regions: [[code, name, [[code, name, [[code, name]]]]]] from GET /regions ----

type RegionTree = [string, string, [string, string, [string, string][]][]][];
export interface RegionOption {
  value: string;
  label: string;
  children?: RegionOption[];
}

const toOptions = (tree: RegionTree): RegionOption[] =>
  tree.map(([value, label, cities]) => ({
    value,
    label,
    children: cities.map(([cv, cl, districts]) => ({ value: cv, label: cl, children: districts.map(([dv, dl]) => ({ value: dv, label: dl })) })),
  }));

/** The cascading province / city / district choices; the list changes rarely, so it is fetched once. */
export function useRegionOptions() {
  return useQuery({ queryKey: ["regions"], queryFn: () => api<RegionTree>("/regions"), staleTime: Infinity, gcTime: Infinity, select: toOptions });
}
