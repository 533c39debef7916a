import { useEffect, useState } from "react";
import { useInfiniteQuery, useQuery } from "@tanstack/react-query";
import i18n from "../../../i18n";
import { api, isApiError } from "../../../api";
import { formatFen } from "../../../components/format";
import type { OrderDetail as Order, OrderRow, OrderStatus, Payment } from "../../../components/orders/types";
import { tradeErrorText } from "../cart/cartStore";

// ---- API shapes (O2, O3, F1) ----

export interface WantedItem {
  productId: string;
  skuCode: string;
  quantity: number;
}

export interface PricedLine extends WantedItem {
  merchantId: string;
  merchantName: string;
  title: string;
  options: Record<string, string>;
  imageId: string | null;
  unitPriceFen: number;
  lineFen: number;
}

export interface Preview {
  totalFen: number;
  shops: { merchantId: string; merchantName: string; lines: PricedLine[]; itemsFen: number; shippingFen: number; totalFen: number }[];
  payDeadlineMinutes: number;
}

export interface PlacedCheckout {
  id: string;
  created: boolean;
  totalFen: number;
  orders: { id: string; no: string; merchantId: string; status: OrderStatus; itemsFen: number; shippingFen: number; totalFen: number; payDeadline: string }[];
}

export interface PaymentWithOrders extends Payment {
  orders: { id: string; no: string; status: OrderStatus; totalFen: number }[];
}

/** The buyer's own order: as the trade screens read it, always with its payment attempts. */
export type OrderDetail = Order & { payments: Payment[] };

export const ORDERS_KEY = ["orders", "mine"] as const;
export const orderKey = (id: string) => [...ORDERS_KEY, "detail", id] as const;

/** A product picture by its image id, in a standard size. */
export const imageUrl = (id: string | null | undefined, size: "thumb" | "medium" = "thumb") => (id ? `/api/v1/images/${id}/${size}` : null);

export const optionsText = (options: Record<string, string>) =>
  Object.entries(options)
    .map(([k, v]) => `${k}：${v}`)
    .join("  ");

export function useMyOrder(id: string) {
  return useQuery({ queryKey: orderKey(id), queryFn: () => api<OrderDetail>(`/me/orders/${id}`) });
}

// ---- The order list: one status, several, or all ----

type Cursors = Record<string, string | null>;
interface FeedPage {
  parts: { key: string; items: OrderRow[]; nextCursor: string | null }[];
}

const newer = (a: OrderRow, b: OrderRow) => (a.createdAt === b.createdAt ? b.id.localeCompare(a.id) : b.createdAt.localeCompare(a.createdAt));

/**
 * My orders, newest first. A tab that shows several statuses reads each one's pages and
 * shows only what is certainly in order: nothing older than the last loaded order of a
 * status that has more to load, so "load more" never slips an order in above those seen.
 */
export function useOrderFeed(statuses: OrderStatus[] | null, q: string) {
  const keys = statuses ?? ["all"];
  const query = useInfiniteQuery({
    queryKey: [...ORDERS_KEY, "list", keys.join(","), q],
    initialPageParam: Object.fromEntries(keys.map((k) => [k, null])) as Cursors,
    queryFn: async ({ pageParam, signal }): Promise<FeedPage> => ({
      parts: await Promise.all(
        Object.entries(pageParam).map(async ([key, cursor]) => {
          const page = await api<{ items: OrderRow[]; nextCursor: string | null }>("/me/orders", { query: { status: key === "all" ? undefined : key, q, cursor, limit: 10 }, signal });
          return { key, ...page };
        }),
      ),
    }),
    getNextPageParam: (last) => {
      const more = last.parts.filter((p) => p.nextCursor);
      return more.length ? (Object.fromEntries(more.map((p) => [p.key, p.nextCursor])) as Cursors) : undefined;
    },
  });
  const pages = query.data?.pages ?? [];
  const all = [...new Map(pages.flatMap((p) => p.parts.flatMap((part) => part.items)).map((o) => [o.id, o])).values()].sort(newer);
  const last = pages.at(-1);
  const limits = (last?.parts ?? []).filter((p) => p.nextCursor && p.items.length).map((p) => p.items.at(-1)!);
  const edge = limits.sort(newer)[0];
  const items = edge ? all.filter((o) => newer(o, edge) <= 0) : all;
  return { ...query, items };
}

// ---- Paying ----

/**
 * Starts (or resumes) the sandbox payment of a checkout's unpaid orders and sends the
 * browser to the gateway. A payment held for review (F4) is returned for the caller to explain.
 */
export async function payCheckout(checkoutId: string): Promise<Payment> {
  const payment = await api<Payment>(`/me/checkouts/${checkoutId}/payments`, { method: "POST", body: { provider: "sandbox" } });
  if (payment.status === "pending" && payment.payUrl) window.location.assign(payment.payUrl);
  return payment;
}

/** A ticking clock, for countdowns to a payment deadline. */
export function useNow(everyMs = 1000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = window.setInterval(() => setNow(Date.now()), everyMs);
    return () => window.clearInterval(timer);
  }, [everyMs]);
  return now;
}

/** "29:59" (or "1:05:00") left until a deadline; null once it has passed. */
export function timeLeft(deadline: string, now: number): string | null {
  const s = Math.floor((new Date(deadline).getTime() - now) / 1000);
  if (s <= 0) return null;
  const two = (n: number) => String(n).padStart(2, "0");
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  return h ? `${h}:${two(m)}:${two(s % 60)}` : `${two(m)}:${two(s % 60)}`;
}

// ---- Words for what the server says ----

// The server explains a held or failed payment in English; the known explanations are
// shown in the buyer's language, anything else as sent.
const REASONS: Record<string, string> = {
  "Several payments failed today": "repeatedFailures",
  "Many accounts ordered to this address today": "sharedAddress",
  "Many accounts ordered from this device today": "sharedDevice",
  "The amount the provider reported differs": "amountMismatch",
  "The payment arrived after the order had ended": "latePayment",
  "the provider reported the payment failed": "providerFailed",
  "closed at the provider": "closedAtProvider",
  "replaced by a new payment attempt": "replaced",
  "the order was cancelled": "orderCancelled",
};

export function paymentReasonText(reason: string | null): string | null {
  if (!reason) return null;
  const refused = /^refused after review: (.*)$/s.exec(reason);
  if (refused) return i18n.t("checkout.reason.refused", { note: refused[1] });
  const known = Object.entries(REASONS).find(([start]) => reason.startsWith(start));
  return known ? i18n.t(`checkout.reason.${known[1]}` as never) : reason;
}

/** Why a payment waits for a person (F4), in the buyer's words. */
export const heldText = (p: { failureReason: string | null }) => paymentReasonText(p.failureReason) ?? i18n.t("checkout.placed.reviewText");

/** Trade errors in the buyer's language, amounts in yuan and goods by their titles. */
export function checkoutErrorText(e: unknown, titles: Record<string, string> = {}): string {
  if (isApiError(e) && i18n.exists(`checkout.errors.${e.code}`)) {
    const d = (e.details ?? {}) as Record<string, unknown>;
    const fen = (v: unknown) => (typeof v === "number" ? formatFen(v) : "");
    const skuCode = typeof d.skuCode === "string" ? d.skuCode : "";
    const gone = Array.isArray(d.items) ? (d.items as { skuCode?: string }[]).map((i) => titles[i.skuCode ?? ""] ?? i.skuCode).join("、") : "";
    return i18n.t(`checkout.errors.${e.code}` as never, {
      ...d,
      title: titles[skuCode] ?? skuCode,
      items: gone,
      limitYuan: fen(d.limitFen),
      totalYuan: fen(d.totalFen),
      spentYuan: fen(d.spentFen),
    }) as string;
  }
  return tradeErrorText(e);
}
