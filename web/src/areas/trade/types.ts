// What the trade API answers (src/modules/orders, payments, ledger): the order shapes the
// storefront shares, and the payments, refunds, reviews and ledger staff see. Money is integer 分.

import type { OrderStatus, Payment, PaymentStatus } from "../../components/orders/types";

export * from "../../components/orders/types";

export const NOTIFICATION_OUTCOMES = ["applied", "duplicate", "bad_signature", "malformed", "unknown_payment", "amount_mismatch", "late", "failed", "ignored"] as const;
export type NotificationOutcome = (typeof NOTIFICATION_OUTCOMES)[number];

export const REFUND_STATUSES = ["pending", "succeeded", "failed"] as const;
export type RefundStatus = (typeof REFUND_STATUSES)[number];

export const REVIEW_STATUSES = ["open", "cleared", "rejected"] as const;
export type ReviewStatus = (typeof REVIEW_STATUSES)[number];
export type ReviewKind = "amount_mismatch" | "repeated_failures" | "shared_address" | "shared_device" | "late_payment";

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export interface Notification {
  id: string;
  provider?: string;
  kind: "payment" | "refund" | "unknown";
  outcome: NotificationOutcome;
  detail: string | null;
  paymentId?: string | null;
  providerTxnId: string | null;
  amountFen: number | null;
  receivedAt?: string;
  createdAt?: string;
}

export interface Refund {
  id: string;
  no: string;
  paymentId: string;
  orderId: string;
  amountFen: number;
  reason: string;
  status: RefundStatus;
  providerRefundId: string | null;
  attempts: number;
  lastError: string | null;
  requestedByLabel: string;
  createdAt: string;
  completedAt: string | null;
  orderNo?: string;
  paymentNo?: string;
  provider?: string;
}

export interface Review {
  id: string;
  kind: ReviewKind;
  status: ReviewStatus;
  paymentId: string | null;
  paymentNo: string | null;
  amountFen: number | null;
  paymentStatus: PaymentStatus | null;
  provider: string | null;
  buyerId: string | null;
  details: Record<string, unknown>;
  reason: string;
  decidedByLabel: string | null;
  decisionNote: string | null;
  decidedAt: string | null;
  createdAt: string;
}

export interface PaymentDetail extends Payment {
  orders: { id: string; no: string; status: OrderStatus; totalFen: number; refundedFen: number; merchantId: string }[];
  notifications: Notification[];
  refunds: Refund[];
  reviews: Omit<Review, "paymentNo" | "amountFen" | "paymentStatus" | "provider" | "reason">[];
}

export interface LedgerAccount {
  id: string;
  code: string;
  kind: "asset" | "liability" | "revenue" | "expense" | "equity";
  merchantId: string | null;
  balanceFen: number;
  entries: number;
}

export interface LedgerEntry {
  id: string;
  at: string;
  account: string;
  amountFen: number;
  orderId: string | null;
  paymentId: string | null;
  merchantId: string | null;
  transactionId: string;
  kind: string;
  memo: string | null;
}

export interface LedgerReport {
  ok: boolean;
  checked: { transactions: number; entries: number; payments: number; orders: number };
  problems: { check: string; detail: string }[];
}

// ---- Shipping (L1, L2, O5) ----

// The carriers a shop ships with: the logistics area's view of them (same API).
export type { Carrier } from "../logistics/kit";

/** GET /merchant/orders/:id/carrier-suggestions: the carriers for the order's province, best first. */
export interface CarrierSuggestions {
  /** Province code of the destination, and its name. */
  province: string;
  provinceName: string;
  weightGrams: number;
  /** Best first. covers: null when the carrier has no agreement in force (no promise, no agreed price). */
  items: { carrierId: string; code: string; name: string; nameEn: string; covers: boolean | null; hours: number | null; priceFen: number | null; score: number | null; recommended: boolean }[];
}

export interface PackingList {
  no: string;
  merchantName: string;
  paidAt: string | null;
  shipBy: string | null;
  buyerNote: string | null;
  address: { regionName: string; recipient: string; mobile: string; detail: string };
  lines: { orderLineId: string; title: string; skuCode: string; options: Record<string, string>; quantity: number; shipped: number; left: number; weightGrams: number }[];
}

/** GET /{admin,merchant}/sla/shipping: ship-by compliance of orders paid in [from, to). */
export interface Compliance {
  from: string;
  to: string;
  shipByHours: number;
  totals: { paid: number; onTime: number; late: number; overdueOpen: number; waiting: number; rate: number | null };
  shops: { merchantId: string; merchantName: string; paid: number; onTime: number; late: number; overdueOpen: number; waiting: number; rate: number | null }[];
  daily: { day: string; onTime: number; missed: number }[];
}

export interface OverdueOrder {
  id: string;
  no: string;
  status: OrderStatus;
  merchantId: string;
  merchantName: string;
  paidAt: string | null;
  shipBy: string;
  shipOverdueAt: string | null;
  totalFen: number;
}
