import { useCallback, useEffect, useSyncExternalStore } from "react";
import { keepPreviousData, useQuery, useQueryClient } from "@tanstack/react-query";
import type { QueryClient } from "@tanstack/react-query";
import i18n from "../../../i18n";
import { api, ApiError, isApiError } from "../../../api";
import type { Me } from "../../../api";
import { errorText } from "../../../components/errors";
import { useSession } from "../../../auth/session";
import type { ImageUrls } from "../../../types/catalog";

// ---- API shapes (O2) ----

export interface CartLine {
  /** The server line's id; null in a guest's cart. */
  id: string | null;
  key: string;
  productId: string;
  skuCode: string;
  quantity: number;
  selected: boolean;
  available: boolean;
  reason: "PRODUCT_UNAVAILABLE" | "SKU_UNKNOWN" | null;
  merchantId: string | null;
  merchantName: string | null;
  title: string | null;
  options: Record<string, string>;
  image: ImageUrls | null;
  unitPriceFen: number | null;
  priceFenAtAdd: number | null;
  priceChanged: boolean;
  lineFen: number;
  /** Units that can still be sold, over every warehouse. */
  stock: number;
}

export interface CartView {
  groups: { merchantId: string | null; merchantName: string | null; lines: CartLine[] }[];
  totals: { lines: number; units: number; itemsFen: number };
  count: number;
  lines: number;
  limits: { maxQuantityPerLine: number; maxLines: number };
}

export interface MergeResult {
  merged: number;
  skipped: { productId: string; skuCode: string; reason: string }[];
  cart: CartView;
}

export const CART_KEY = ["cart", "mine"] as const;
const QUOTE_KEY = ["cart", "guest"] as const;

// ---- The guest's cart, kept in this browser until sign-in ----

export interface GuestLine {
  productId: string;
  skuCode: string;
  quantity: number;
  selected: boolean;
  priceFenAtAdd: number;
}

const STORAGE_KEY = "sg.cart";
const keyOf = (l: { productId: string; skuCode: string }) => `${l.productId}/${l.skuCode}`;
const listeners = new Set<() => void>();
let snapshot: GuestLine[] | null = null;

function read(): GuestLine[] {
  if (snapshot) return snapshot;
  try {
    const parsed: unknown = JSON.parse(window.localStorage.getItem(STORAGE_KEY) ?? "[]");
    snapshot = Array.isArray(parsed)
      ? parsed.filter((l): l is GuestLine => !!l && typeof l.productId === "string" && typeof l.skuCode === "string" && Number.isInteger(l.quantity) && l.quantity > 0)
      : [];
  } catch {
    snapshot = [];
  }
  return snapshot;
}

function write(lines: GuestLine[]) {
  snapshot = lines;
  try {
    if (lines.length) window.localStorage.setItem(STORAGE_KEY, JSON.stringify(lines));
    else window.localStorage.removeItem(STORAGE_KEY);
  } catch {
    // Storage full or blocked: the cart lives on in this tab.
  }
  listeners.forEach((l) => l());
}

function subscribe(listener: () => void) {
  listeners.add(listener);
  // Another tab changed the cart.
  const onStorage = (e: StorageEvent) => {
    if (e.key !== STORAGE_KEY && e.key !== null) return;
    snapshot = null;
    listener();
  };
  window.addEventListener("storage", onStorage);
  return () => {
    listeners.delete(listener);
    window.removeEventListener("storage", onStorage);
  };
}

export const guestCart = {
  lines: read,
  clear: () => write([]),
  /** Same rules as the server's cart, so a guest meets the same limits before and after signing in. */
  add(item: Omit<GuestLine, "selected">, limits: CartView["limits"]) {
    const lines = read();
    const held = lines.find((l) => keyOf(l) === keyOf(item));
    const inCart = held?.quantity ?? 0;
    if (inCart + item.quantity > limits.maxQuantityPerLine) {
      throw new ApiError(409, "CART_QUANTITY_LIMIT", "", { limit: limits.maxQuantityPerLine, inCart });
    }
    if (!held && lines.length >= limits.maxLines) throw new ApiError(409, "CART_FULL", "", { limit: limits.maxLines });
    const line = { ...item, quantity: inCart + item.quantity, selected: true };
    write([line, ...lines.filter((l) => keyOf(l) !== keyOf(item))]);
  },
  setQuantity: (key: string, quantity: number) => write(read().map((l) => (keyOf(l) === key ? { ...l, quantity } : l))),
  setSelected: (keys: string[], selected: boolean) => write(read().map((l) => (keys.includes(keyOf(l)) ? { ...l, selected } : l))),
  remove: (key: string) => write(read().filter((l) => keyOf(l) !== key)),
};

export const useGuestLines = () => useSyncExternalStore(subscribe, read);

const quote = (lines: GuestLine[]) => api<CartView>("/cart/quote", { method: "POST", body: { items: lines } });

// ---- Who has which cart ----

export type CartMode = "loading" | "buyer" | "guest" | "none";

function useCartMode(): CartMode {
  const { me, loading } = useSession();
  if (loading) return "loading";
  if (!me) return "guest";
  return me.permissions.includes("cart.use") ? "buyer" : "none";
}

/** The cart priced by the server: the buyer's own, or the guest's from this browser. */
export function useCart() {
  const mode = useCartMode();
  const lines = useGuestLines();
  const mine = useQuery({ queryKey: CART_KEY, queryFn: () => api<CartView>("/me/cart"), enabled: mode === "buyer", staleTime: 30_000 });
  const guest = useQuery({ queryKey: [...QUOTE_KEY, lines], queryFn: () => quote(lines), enabled: mode === "guest", placeholderData: keepPreviousData });
  const q = mode === "buyer" ? mine : guest;
  return { mode, view: q.data, isPending: mode === "loading" || (mode !== "none" && q.isPending), error: q.error, isFetching: q.isFetching };
}

/** The number of units in the cart, for the header. */
export function useCartCount(): number | null {
  const mode = useCartMode();
  const lines = useGuestLines();
  const mine = useQuery({ queryKey: CART_KEY, queryFn: () => api<CartView>("/me/cart"), enabled: mode === "buyer", staleTime: 30_000 });
  if (mode === "guest") return lines.reduce((s, l) => s + l.quantity, 0);
  if (mode === "buyer") return mine.data?.count ?? 0;
  return null;
}

/** What the cart page and the product page do to a cart, for buyers and guests alike. */
export function useCartActions() {
  const mode = useCartMode();
  const queryClient = useQueryClient();
  const mutate = useCallback(
    async (request: Promise<CartView>) => {
      const view = await request;
      queryClient.setQueryData(CART_KEY, view);
      return view;
    },
    [queryClient],
  );
  return {
    mode,
    add: async (item: { productId: string; skuCode: string; quantity: number; priceFen: number }) => {
      if (mode === "buyer") {
        await mutate(api<CartView>("/me/cart/items", { method: "POST", body: { productId: item.productId, skuCode: item.skuCode, quantity: item.quantity } }));
        return;
      }
      // The limits are the platform's rules: the server says what they are today.
      const limits = await queryClient.fetchQuery({ queryKey: ["cart", "limits"], queryFn: () => quote([]).then((v) => v.limits), staleTime: 5 * 60_000 });
      guestCart.add({ productId: item.productId, skuCode: item.skuCode, quantity: item.quantity, priceFenAtAdd: item.priceFen }, limits);
    },
    setQuantity: async (line: CartLine, quantity: number) => {
      if (line.id) await mutate(api<CartView>(`/me/cart/items/${line.id}`, { method: "PATCH", body: { quantity } }));
      else guestCart.setQuantity(line.key, quantity);
    },
    setSelected: async (lines: CartLine[], selected: boolean) => {
      if (mode === "buyer") {
        await mutate(api<CartView>("/me/cart/selection", { method: "POST", body: { itemIds: lines.flatMap((l) => (l.id ? [l.id] : [])), selected } }));
      } else {
        guestCart.setSelected(
          lines.map((l) => l.key),
          selected,
        );
      }
    },
    remove: async (line: CartLine) => {
      if (line.id) await mutate(api<CartView>(`/me/cart/items/${line.id}`, { method: "DELETE" }));
      else guestCart.remove(line.key);
    },
  };
}

// ---- Sign-in: the guest's cart joins the buyer's ----

let merging: Promise<MergeResult | null> | null = null;

/**
 * Moves this browser's guest cart into the signed-in buyer's cart (once, however many
 * callers ask at the same moment). Accounts that cannot shop keep the guest cart.
 */
export function mergeGuestCart(queryClient: QueryClient, me: Me | null): Promise<MergeResult | null> {
  const lines = guestCart.lines();
  if (!me?.permissions.includes("cart.use") || !lines.length) return Promise.resolve(null);
  merging ??= (async () => {
    try {
      const result = await api<MergeResult>("/me/cart/merge", { method: "POST", body: { items: lines.slice(0, 100) } });
      write(read().filter((l) => !lines.some((m) => keyOf(m) === keyOf(l))));
      queryClient.setQueryData(CART_KEY, result.cart);
      return result;
    } catch {
      // The guest cart stays in the browser; the next sign-in or page load tries again.
      return null;
    } finally {
      merging = null;
    }
  })();
  return merging;
}

/** Merges a guest cart left in the browser once a buyer is signed in (after registering, or in another tab). */
export function useMergeGuestCart() {
  const { me } = useSession();
  const queryClient = useQueryClient();
  const lines = useGuestLines();
  useEffect(() => {
    if (lines.length) void mergeGuestCart(queryClient, me);
  }, [me, lines, queryClient]);
}

/** Cart and address errors in the buyer's language, with the server's numbers filled in. */
export function tradeErrorText(e: unknown): string {
  if (isApiError(e)) {
    const key = `cart.errors.${e.code}`;
    if (i18n.exists(key)) return i18n.t(key as never, { ...(e.details && typeof e.details === "object" ? (e.details as Record<string, unknown>) : {}) }) as string;
  }
  return errorText(e);
}
