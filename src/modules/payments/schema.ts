import { sql } from "drizzle-orm";
import { bigint, index, integer, jsonb, pgTable, text, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { at, id } from "../../lib/columns.js";
import { users } from "../identity/schema.js";
import { checkouts, orders } from "../orders/schema.js";

export const paymentStatuses = ["pending", "review", "succeeded", "failed", "closed"] as const;
export type PaymentStatus = (typeof paymentStatuses)[number];

// F1: one attempt to pay a checkout through one provider. Our number is the provider's
// out_trade_no and is reused on every retry towards it; a failed or closed attempt is
// final and the buyer pays again with a new one. Money that arrives for orders already paid
// or ended is captured and refunded: a provider's money is never ignored.
export const payments = pgTable("payments", {
  id: id(),
  no: text("no").notNull().unique(),
  checkoutId: uuid("checkout_id").notNull().references(() => checkouts.id),
  buyerId: uuid("buyer_id").notNull().references(() => users.id),
  provider: text("provider", { enum: ["sandbox", "alipay", "wechatpay"] }).notNull(),
  amountFen: bigint("amount_fen", { mode: "number" }).notNull(),
  // The orders this attempt pays for: those of the checkout still unpaid when it began.
  orderIds: jsonb("order_ids").$type<string[]>().notNull(),
  status: text("status", { enum: paymentStatuses }).notNull(),
  payUrl: text("pay_url"),
  qrCode: text("qr_code"),
  providerTxnId: text("provider_txn_id"),
  failureReason: text("failure_reason"),
  expiresAt: at("expires_at").notNull(),
  paidAt: at("paid_at"),
  retainUntil: at("retain_until"),
  createdAt: at("created_at").notNull(),
  updatedAt: at("updated_at").notNull(),
}, (t) => [
  uniqueIndex("payments_provider_txn_uq").on(t.provider, t.providerTxnId).where(sql`${t.providerTxnId} is not null`),
  index("payments_buyer_idx").on(t.buyerId, t.createdAt),
  index("payments_checkout_idx").on(t.checkoutId),
  index("payments_orders_idx").using("gin", t.orderIds),
]);

export const notificationOutcomes = ["applied", "duplicate", "bad_signature", "malformed", "unknown_payment", "amount_mismatch", "late", "failed", "ignored"] as const;

// F2: every message a provider sent, as it arrived, with what it did. A provider
// transaction is applied once: the partial unique index refuses a second "applied" row.
export const paymentNotifications = pgTable("payment_notifications", {
  id: id(),
  provider: text("provider").notNull(),
  kind: text("kind", { enum: ["payment", "refund", "unknown"] }).notNull(),
  paymentId: uuid("payment_id").references(() => payments.id),
  refundId: uuid("refund_id"),
  providerTxnId: text("provider_txn_id"),
  amountFen: bigint("amount_fen", { mode: "number" }),
  outcome: text("outcome", { enum: notificationOutcomes }).notNull(),
  detail: text("detail"),
  headers: jsonb("headers").$type<Record<string, string>>().notNull(),
  body: text("body").notNull(),
  receivedAt: at("received_at").notNull(),
}, (t) => [
  uniqueIndex("payment_notifications_applied_uq").on(t.provider, t.kind, t.providerTxnId).where(sql`${t.outcome} = 'applied'`),
  index("payment_notifications_payment_idx").on(t.paymentId, t.receivedAt),
  index("payment_notifications_received_idx").on(t.receivedAt),
]);

// F6: money back to the original method. The number is the provider's refund request
// number (idempotent there); `requestKey` makes the same request here idempotent too.
export const refunds = pgTable("refunds", {
  id: id(),
  no: text("no").notNull().unique(),
  requestKey: text("request_key").notNull().unique(),
  paymentId: uuid("payment_id").notNull().references(() => payments.id),
  orderId: uuid("order_id").notNull().references(() => orders.id),
  amountFen: bigint("amount_fen", { mode: "number" }).notNull(),
  reason: text("reason").notNull(),
  status: text("status", { enum: ["pending", "succeeded", "failed"] }).notNull(),
  providerRefundId: text("provider_refund_id"),
  attempts: integer("attempts").notNull().default(0),
  lastError: text("last_error"),
  requestedByLabel: text("requested_by_label").notNull(),
  createdAt: at("created_at").notNull(),
  completedAt: at("completed_at"),
}, (t) => [index("refunds_payment_idx").on(t.paymentId), index("refunds_order_idx").on(t.orderId), index("refunds_pending_idx").on(t.status, t.createdAt)]);

export const reviewKinds = ["amount_mismatch", "repeated_failures", "shared_address", "shared_device", "late_payment"] as const;
export type ReviewKind = (typeof reviewKinds)[number];

// F4: what a person must look at. A payment held for review cannot be paid until cleared.
export const paymentReviews = pgTable("payment_reviews", {
  id: id(),
  kind: text("kind", { enum: reviewKinds }).notNull(),
  status: text("status", { enum: ["open", "cleared", "rejected"] }).notNull(),
  paymentId: uuid("payment_id").references(() => payments.id),
  buyerId: uuid("buyer_id").references(() => users.id),
  notificationId: uuid("notification_id").references(() => paymentNotifications.id),
  details: jsonb("details").$type<Record<string, unknown>>().notNull(),
  decidedByLabel: text("decided_by_label"),
  decisionNote: text("decision_note"),
  decidedAt: at("decided_at"),
  createdAt: at("created_at").notNull(),
}, (t) => [index("payment_reviews_status_idx").on(t.status, t.createdAt), index("payment_reviews_payment_idx").on(t.paymentId)]);

// The built-in sandbox gateway keeps its own books, as a real provider would: the
// platform learns about them only through signed notifications, queries and statements.
export const sandboxKeys = pgTable("sandbox_keys", {
  id: text("id").primaryKey(),
  privatePem: text("private_pem").notNull(),
  publicPem: text("public_pem").notNull(),
  createdAt: at("created_at").notNull(),
});

export const sandboxTrades = pgTable("sandbox_trades", {
  id: id(),
  outTradeNo: text("out_trade_no").notNull().unique(),
  tradeNo: text("trade_no").notNull().unique(),
  amountFen: bigint("amount_fen", { mode: "number" }).notNull(),
  subject: text("subject").notNull(),
  notifyUrl: text("notify_url").notNull(),
  returnUrl: text("return_url").notNull(),
  status: text("status", { enum: ["waiting", "paid", "failed", "closed"] }).notNull(),
  refundedFen: bigint("refunded_fen", { mode: "number" }).notNull().default(0),
  expiresAt: at("expires_at").notNull(),
  paidAt: at("paid_at"),
  createdAt: at("created_at").notNull(),
});

export const sandboxRefunds = pgTable("sandbox_refunds", {
  id: id(),
  outRefundNo: text("out_refund_no").notNull().unique(),
  refundId: text("refund_id").notNull().unique(),
  tradeId: uuid("trade_id").notNull().references(() => sandboxTrades.id),
  amountFen: bigint("amount_fen", { mode: "number" }).notNull(),
  createdAt: at("created_at").notNull(),
});

// Notifications the gateway owes the platform, retried with back-off like a real one.
export const sandboxOutbox = pgTable("sandbox_outbox", {
  id: id(),
  tradeId: uuid("trade_id").notNull().references(() => sandboxTrades.id),
  url: text("url").notNull(),
  body: text("body").notNull(),
  headers: jsonb("headers").$type<Record<string, string>>().notNull(),
  dueAt: at("due_at").notNull(),
  attempts: integer("attempts").notNull().default(0),
  deliveredAt: at("delivered_at"),
  lastStatus: integer("last_status"),
  createdAt: at("created_at").notNull(),
}, (t) => [index("sandbox_outbox_due_idx").on(t.deliveredAt, t.dueAt)]);
