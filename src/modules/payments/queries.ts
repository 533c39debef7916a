import { and, asc, desc, eq, inArray, lt, or, sql } from "drizzle-orm";
import type { Queryable } from "../../lib/db-types.js";
import type { Ctx } from "../../server/context.js";
import { NotFound } from "../../server/errors.js";
import { orders } from "../orders/schema.js";
import { paymentNotifications, paymentReviews, payments, refunds, type PaymentStatus } from "./schema.js";
import { paymentView } from "./service.js";

export async function paymentsOfCheckout(ctx: Ctx, checkoutId: string) {
  const rows = await ctx.db.select().from(payments).where(eq(payments.checkoutId, checkoutId)).orderBy(asc(payments.createdAt));
  return rows.map(paymentView);
}

// The payment that paid an order (the first to succeed, should two have).
export async function paymentOfOrder(q: Queryable, orderId: string) {
  const [p] = await q.select().from(payments).where(and(eq(payments.status, "succeeded"), sql`${payments.orderIds} @> ${JSON.stringify([orderId])}::jsonb`)).orderBy(asc(payments.paidAt)).limit(1);
  return p ?? null;
}

// The buyer's view of a payment they started, by number (the provider's return page).
export async function myPayment(ctx: Ctx, no: string) {
  const [p] = await ctx.db.select().from(payments).where(and(eq(payments.no, no), eq(payments.buyerId, ctx.actor.userId!)));
  if (!p) throw new NotFound("Payment", "PAYMENT_NOT_FOUND");
  const os = await ctx.db.select({ id: orders.id, no: orders.no, status: orders.status, totalFen: orders.totalFen }).from(orders).where(inArray(orders.id, p.orderIds)).orderBy(asc(orders.no));
  return { ...paymentView(p), orders: os };
}

const page = <T extends { createdAt: Date; id: string }>(rows: T[], limit: number) => {
  const items = rows.slice(0, limit);
  const last = items.at(-1);
  return { items, nextCursor: rows.length > limit && last ? Buffer.from(`${last.createdAt.toISOString()}|${last.id}`).toString("base64url") : null };
};
const after = (cursor: string | undefined, col: { createdAt: any; id: any }) => {
  if (!cursor) return undefined;
  const [at, id] = Buffer.from(cursor, "base64url").toString().split("|");
  const d = new Date(at ?? "");
  if (!id || Number.isNaN(d.getTime())) return undefined;
  return or(lt(col.createdAt, d), and(eq(col.createdAt, d), lt(col.id, id)));
};

export async function listPayments(ctx: Ctx, q: { status?: PaymentStatus; provider?: string; q?: string; cursor?: string; limit: number }) {
  const rows = await ctx.db.select().from(payments).where(and(
    q.status ? eq(payments.status, q.status) : undefined, q.provider ? eq(payments.provider, q.provider as "sandbox") : undefined,
    q.q ? or(eq(payments.no, q.q), eq(payments.providerTxnId, q.q)) : undefined, after(q.cursor, payments),
  )).orderBy(desc(payments.createdAt), desc(payments.id)).limit(q.limit + 1);
  return page(rows.map((p) => ({ ...paymentView(p), providerTxnId: p.providerTxnId, buyerId: p.buyerId, id: p.id, createdAt: p.createdAt })), q.limit);
}

export async function paymentDetail(ctx: Ctx, id: string) {
  const [p] = await ctx.db.select().from(payments).where(eq(payments.id, id));
  if (!p) throw new NotFound("Payment", "PAYMENT_NOT_FOUND");
  const [os, notes, rs, reviews] = await Promise.all([
    ctx.db.select({ id: orders.id, no: orders.no, status: orders.status, totalFen: orders.totalFen, refundedFen: orders.refundedFen, merchantId: orders.merchantId }).from(orders).where(inArray(orders.id, p.orderIds)),
    ctx.db.select({ id: paymentNotifications.id, kind: paymentNotifications.kind, outcome: paymentNotifications.outcome, detail: paymentNotifications.detail, providerTxnId: paymentNotifications.providerTxnId, amountFen: paymentNotifications.amountFen, receivedAt: paymentNotifications.receivedAt })
      .from(paymentNotifications).where(eq(paymentNotifications.paymentId, id)).orderBy(asc(paymentNotifications.receivedAt)),
    ctx.db.select().from(refunds).where(eq(refunds.paymentId, id)).orderBy(asc(refunds.createdAt)),
    ctx.db.select().from(paymentReviews).where(eq(paymentReviews.paymentId, id)).orderBy(asc(paymentReviews.createdAt)),
  ]);
  return { ...paymentView(p), providerTxnId: p.providerTxnId, buyerId: p.buyerId, orders: os, notifications: notes, refunds: rs, reviews };
}

// F2: every notification, including the refused ones (bad signature, wrong amount).
export async function listNotifications(ctx: Ctx, q: { outcome?: string; cursor?: string; limit: number }) {
  const rows = await ctx.db.select({
    id: paymentNotifications.id, provider: paymentNotifications.provider, kind: paymentNotifications.kind, outcome: paymentNotifications.outcome, detail: paymentNotifications.detail,
    paymentId: paymentNotifications.paymentId, providerTxnId: paymentNotifications.providerTxnId, amountFen: paymentNotifications.amountFen, createdAt: paymentNotifications.receivedAt,
  }).from(paymentNotifications).where(and(q.outcome ? eq(paymentNotifications.outcome, q.outcome as "applied") : undefined, after(q.cursor, { createdAt: paymentNotifications.receivedAt, id: paymentNotifications.id })))
    .orderBy(desc(paymentNotifications.receivedAt), desc(paymentNotifications.id)).limit(q.limit + 1);
  return page(rows, q.limit);
}

export async function listRefunds(ctx: Ctx, q: { status?: "pending" | "succeeded" | "failed"; cursor?: string; limit: number }) {
  const rows = await ctx.db.select({ r: refunds, orderNo: orders.no, paymentNo: payments.no, provider: payments.provider }).from(refunds)
    .innerJoin(orders, eq(orders.id, refunds.orderId)).innerJoin(payments, eq(payments.id, refunds.paymentId))
    .where(and(q.status ? eq(refunds.status, q.status) : undefined, after(q.cursor, refunds))).orderBy(desc(refunds.createdAt), desc(refunds.id)).limit(q.limit + 1);
  return page(rows.map(({ r, ...rest }) => ({ ...r, ...rest })), q.limit);
}
