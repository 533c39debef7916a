import { keepPreviousData, useInfiniteQuery, useQuery } from "@tanstack/react-query";
import { api, isApiError } from "../../../api";
import type { Page } from "../../../api";
import type { AttributeDef, Bilingual, CategoryNode, ImageUrls, PathStep, ProductContent } from "../../../types/catalog";

// ---- API types (storefront browsing and product pages; the shared ones are in types/catalog) ----

export interface ProductSummary {
  id: string;
  title: string;
  merchantId: string;
  merchantName: string;
  categoryId: string;
  minPriceFen: number;
  maxPriceFen: number;
  salesCount: number;
  listedAt: string;
  image: ImageUrls | null;
}

/** GET /products/:id: a product on sale. */
export interface Product extends Omit<ProductContent, "images"> {
  id: string;
  merchant: { id: string; name: string };
  images: (ImageUrls & { id: string })[];
  minPriceFen: number;
  maxPriceFen: number;
  category: { id: string; name: Bilingual; path: PathStep[]; attributes: AttributeDef[] };
  returnEligible: boolean;
  listedAt: string;
}

export const SORTS = ["relevance", "price_asc", "price_desc", "sales", "newest"] as const;
export type Sort = (typeof SORTS)[number];

export interface Browse {
  q?: string;
  categoryId?: string;
  merchantId?: string;
  minPriceFen?: number;
  maxPriceFen?: number;
  /** key → value; the API ANDs them, one value per key. */
  attrs?: [string, string][];
  /** None: the server's default (relevance for a search, newest otherwise). */
  sort?: Sort;
  personalised: boolean;
  limit?: number;
}

// ---- Queries ----

export const CATEGORIES_KEY = ["catalog", "categories"] as const;

/** The active category tree, in the order operations gave. */
export function useCategories() {
  return useQuery({
    queryKey: CATEGORIES_KEY,
    queryFn: () => api<{ items: CategoryNode[] }>("/categories").then((r) => r.items),
    staleTime: 5 * 60_000,
  });
}

function browseUrl(b: Browse, cursor: string | null): string {
  const params = new URLSearchParams();
  if (b.q) params.set("q", b.q);
  if (b.categoryId) params.set("categoryId", b.categoryId);
  if (b.merchantId) params.set("merchantId", b.merchantId);
  if (b.minPriceFen !== undefined) params.set("minPriceFen", String(b.minPriceFen));
  if (b.maxPriceFen !== undefined) params.set("maxPriceFen", String(b.maxPriceFen));
  for (const [k, v] of b.attrs ?? []) params.append("attr", `${k}:${v}`);
  if (b.sort) params.set("sort", b.sort);
  // MK5: only the opt-out is sent; on is the server's default.
  if (!b.personalised) params.set("personalised", "false");
  if (cursor) params.set("cursor", cursor);
  params.set("limit", String(b.limit ?? 24));
  return `/catalog/products?${params.toString()}`;
}

/** Products on sale, a page at a time (keyset cursor). */
export function useBrowse(b: Browse, enabled = true) {
  return useInfiniteQuery({
    queryKey: ["catalog", "products", b],
    queryFn: ({ pageParam, signal }) => api<Page<ProductSummary>>(browseUrl(b, pageParam), { signal }),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
    // A new filter or order keeps the current results on screen (dimmed) until the new ones arrive.
    placeholderData: keepPreviousData,
    enabled,
  });
}

export function useProduct(id: string) {
  return useQuery({ queryKey: ["catalog", "product", id], queryFn: () => api<Product>(`/products/${encodeURIComponent(id)}`) });
}

// ---- Helpers ----

/** A product that is not on sale answers 404; an id that cannot be one, 400. */
export const isGone = (e: unknown) => isApiError(e) && (e.status === 404 || (e.status === 400 && e.code === "VALIDATION_FAILED"));

export function findCategory(nodes: CategoryNode[], id: string): CategoryNode | null {
  for (const n of nodes) {
    if (n.id === id) return n;
    const inner = findCategory(n.children, id);
    if (inner) return inner;
  }
  return null;
}

/** "12.5" (yuan, as typed) → 1250 fen; anything else → undefined. */
export function yuanToFen(v: string | null | undefined): number | undefined {
  if (!v || !/^\d+(\.\d{1,2})?$/.test(v)) return undefined;
  return Math.round(Number(v) * 100);
}
