import { and, asc, count, desc, eq, gte, inArray, lt, ne, sql } from "drizzle-orm";
import type { Tx } from "../../lib/db-types.js";
import { newId } from "../../lib/ids.js";
import { next } from "../../lib/machine.js";
import { ctxFor, systemActor, type Ctx, type Services } from "../../server/context.js";
import { AppError, NotFound, RuleViolation } from "../../server/errors.js";
import { sequenceNumber } from "../../server/numbers.js";
import { keepReservation } from "../inventory/index.js";
import { stockReservations } from "../inventory/schema.js";
import { accounts, post } from "../ledger/service.js";
import { shanghaiMidnight } from "../orders/checkout.js";
import { checkouts, orders } from "../orders/schema.js";
import { applyOrderEvent, assertRefundable, type Order } from "../orders/service.js";
import { getRule } from "../settings/index.js";
import { paymentMachine } from "./machine.js";
import type { InboundNotification, ProviderName, VerifiedNotification } from "./providers/provider.js";
import { providerFor } from "./registry.js";
import { paymentNotifications, paymentReviews, payments, refunds, type PaymentStatus, type ReviewKind } from "./schema.js";

export type Payment = typeof payments.$inferSelect;
export type Refund = typeof refunds.$inferSelect;
export interface Urls { notifyBase: string; returnBase: string }

// A paid order's hold lasts until it ships; O5 deals with an order unshipped for long
// before this runs out.
const PAID_HOLD_DAYS = 365;

async function setPaymentStatus(tx: Tx, ctx: Ctx, p: Payment, event: Parameters<typeof next<PaymentStatus, "hold" | "clear" | "succeed" | "fail" | "close">>[2], extra: Partial<Payment> = {}) {
  const status = next(paymentMachine, p.status, event);
  const [row] = await tx.update(payments).set({ status, updatedAt: ctx.clock.now(), ...extra }).where(and(eq(payments.id, p.id), eq(payments.status, p.status))).returning();
  if (!row) throw new RuleViolation("PAYMENT_CHANGED", "The payment changed meanwhile; reload it.");
  return row;
}

// F1: pay a checkout's unpaid orders through a provider. Asking again returns the same
// attempt (same number towards the provider: a retry never charges twice); a different
// amount (an order was cancelled meanwhile) or provider starts a new attempt.
export async function startPayment(ctx: Ctx, checkoutId: string, providerName: string, urls: Urls) {
  const provider = providerFor(ctx, providerName);
  const payment = await ctx.db.transaction(async (tx) => {
    const [c] = await tx.select().from(checkouts).where(and(eq(checkouts.id, checkoutId), eq(checkouts.buyerId, ctx.actor.userId!))).for("update");
    if (!c) throw new NotFound("Checkout", "CHECKOUT_NOT_FOUND");
    const os = await tx.select().from(orders).where(eq(orders.checkoutId, c.id)).orderBy(asc(orders.no));
    const unpaid = os.filter((o) => o.status === "pending_payment");
    if (!unpaid.length) {
      throw new RuleViolation(os.some((o) => o.paidAt) ? "ALREADY_PAID" : "NOTHING_TO_PAY", os.some((o) => o.paidAt) ? "These orders are already paid." : "These orders were cancelled; there is nothing left to pay.");
    }
    const amountFen = unpaid.reduce((n, o) => n + o.totalFen, 0);
    const orderIds = unpaid.map((o) => o.id);
    const open = await tx.select().from(payments).where(and(eq(payments.checkoutId, c.id), inArray(payments.status, ["pending", "review"]))).orderBy(desc(payments.createdAt));
    const same = open.find((p) => p.provider === provider.name && p.amountFen === amountFen && p.expiresAt > ctx.clock.now());
    if (same) return same;
    // Another attempt for this checkout is abandoned: closed here now, at the provider after commit.
    for (const p of open) await setPaymentStatus(tx, ctx, p, "close", { failureReason: "replaced by a new payment attempt" });
    const now = ctx.clock.now();
    const expiresAt = new Date(Math.min(...unpaid.map((o) => o.payDeadline.getTime())));
    const [created] = await tx.insert(payments).values({
      id: newId(), no: await sequenceNumber(tx, "payment_no_seq", "P", now), checkoutId: c.id, buyerId: c.buyerId, provider: provider.name, amountFen, orderIds,
      status: "pending", expiresAt, createdAt: now, updatedAt: now,
    }).returning();
    const held = await screenPayment(tx, ctx, created!, c);
    return held ?? created!;
  });
  for (const p of await closedSince(ctx, payment)) await providerFor(ctx, p.provider).close(p.no).catch(() => undefined);
  if (payment.status !== "pending" || payment.payUrl || payment.qrCode) return paymentView(payment);
  const [first] = await ctx.db.select({ no: orders.no }).from(orders).where(inArray(orders.id, payment.orderIds)).orderBy(asc(orders.no)).limit(1);
  let created;
  try {
    created = await provider.createPayment({
      paymentNo: payment.no, amountFen: payment.amountFen, subject: `商管订单 ${first?.no ?? payment.no}${payment.orderIds.length > 1 ? ` 等${payment.orderIds.length}笔` : ""}`,
      notifyUrl: `${urls.notifyBase}/api/v1/payments/notify/${provider.name}`, returnUrl: `${urls.returnBase}/pay/result?no=${payment.no}`, expiresAt: payment.expiresAt, clientIp: ctx.ip ?? null,
    });
  } catch (e) {
    throw new AppError(502, "PROVIDER_UNAVAILABLE", `The payment provider did not answer (${(e as Error).message}). Try again in a moment; you will not be charged twice.`);
  }
  const [row] = await ctx.db.update(payments).set({ payUrl: created.payUrl, qrCode: created.qrCode ?? null, updatedAt: ctx.clock.now() }).where(eq(payments.id, payment.id)).returning();
  return paymentView(row!);
}

async function closedSince(ctx: Ctx, p: Payment) {
  return ctx.db.select().from(payments).where(and(eq(payments.checkoutId, p.checkoutId), eq(payments.status, "closed"), ne(payments.id, p.id), eq(payments.failureReason, "replaced by a new payment attempt"), gte(payments.updatedAt, new Date(ctx.clock.now().getTime() - 60_000))));
}

export function paymentView(p: Payment) {
  return {
    id: p.id, no: p.no, checkoutId: p.checkoutId, provider: p.provider, amountFen: p.amountFen, status: p.status, payUrl: p.payUrl, qrCode: p.qrCode,
    expiresAt: p.expiresAt, paidAt: p.paidAt, failureReason: p.failureReason, orderIds: p.orderIds, createdAt: p.createdAt,
  };
}

// F4: patterns that send a payment to a person before any money moves. Once a review
// of this checkout was cleared, the same pattern does not hold it again.
async function screenPayment(tx: Tx, ctx: Ctx, p: Payment, c: typeof checkouts.$inferSelect) {
  const cleared = await tx.select({ id: paymentReviews.id }).from(paymentReviews).innerJoin(payments, eq(payments.id, paymentReviews.paymentId))
    .where(and(eq(payments.checkoutId, c.id), eq(paymentReviews.status, "cleared"))).limit(1);
  if (cleared.length) return null;
  const since = shanghaiMidnight(ctx.clock.now());
  const found: { kind: ReviewKind; details: Record<string, unknown> }[] = [];
  const [failures] = await tx.select({ n: count() }).from(payments).where(and(eq(payments.buyerId, c.buyerId), eq(payments.status, "failed"), gte(payments.createdAt, since)));
  const maxFailures = await getRule(ctx, "payment.failuresBeforeReview", tx);
  if (failures!.n >= maxFailures) found.push({ kind: "repeated_failures", details: { failuresToday: failures!.n, threshold: maxFailures } });
  const [byAddress] = await tx.select({ n: sql<number>`count(distinct ${checkouts.buyerId})::int` }).from(checkouts).where(and(eq(checkouts.addressDigest, c.addressDigest), gte(checkouts.createdAt, since)));
  const maxAddress = await getRule(ctx, "payment.sharedAddressBuyers", tx);
  if (byAddress!.n >= maxAddress) found.push({ kind: "shared_address", details: { buyersToday: byAddress!.n, threshold: maxAddress } });
  if (c.deviceDigest) {
    const [byDevice] = await tx.select({ n: sql<number>`count(distinct ${checkouts.buyerId})::int` }).from(checkouts).where(and(eq(checkouts.deviceDigest, c.deviceDigest), gte(checkouts.createdAt, since)));
    const maxDevice = await getRule(ctx, "payment.sharedDeviceBuyers", tx);
    if (byDevice!.n >= maxDevice) found.push({ kind: "shared_device", details: { buyersToday: byDevice!.n, threshold: maxDevice } });
  }
  if (!found.length) return null;
  for (const f of found) await tx.insert(paymentReviews).values({ id: newId(), kind: f.kind, status: "open", paymentId: p.id, buyerId: c.buyerId, details: f.details, createdAt: ctx.clock.now() });
  return setPaymentStatus(tx, ctx, p, "hold", { failureReason: reviewReason(found[0]!.kind) });
}

// What the buyer is told (F4: "the buyer is told why").
export function reviewReason(kind: ReviewKind) {
  return {
    repeated_failures: "Several payments failed today, so this one is checked by our staff before you can pay. You will be able to pay once it is cleared, usually within the hour.",
    shared_address: "Many accounts ordered to this address today, so this payment is checked by our staff first. You will be able to pay once it is cleared.",
    shared_device: "Many accounts ordered from this device today, so this payment is checked by our staff first. You will be able to pay once it is cleared.",
    amount_mismatch: "The amount the provider reported differs from the order; our staff are checking it.",
    late_payment: "The payment arrived after the order had ended; it is refunded to you.",
  }[kind];
}

const headerRecord = (h: InboundNotification["headers"]) => Object.fromEntries(Object.entries(h).filter(([k]) => k.startsWith("x-") || k.startsWith("wechatpay") || k === "content-type").map(([k, v]) => [k, Array.isArray(v) ? v.join(",") : String(v ?? "")]));

// F2: a provider's notification. Verified first (signature), then matched to our payment
// and checked against OUR amount, then applied exactly once. Whatever happens is logged.
export async function receiveNotification(s: Services, providerName: string, inbound: InboundNotification) {
  const provider = providerFor(s, providerName);
  const v = await provider.verifyNotification(inbound);
  const log = { provider: provider.name, headers: headerRecord(inbound.headers), body: inbound.body.slice(0, 20_000) };
  if (!v.ok) {
    // A genuine message of a kind we do not act on is acknowledged, or the provider repeats it all day.
    const outcome = v.reason === "unsupported" ? "ignored" : v.reason;
    await s.db.insert(paymentNotifications).values({ id: newId(), kind: "unknown", outcome, detail: v.detail, receivedAt: s.clock.now(), ...log });
    return { accepted: outcome === "ignored", outcome, reply: provider.acknowledge(outcome === "ignored") };
  }
  const outcome = await applyVerified(s, provider.name, v, log);
  const accepted = outcome !== "unknown_payment";
  return { accepted, outcome, reply: provider.acknowledge(accepted) };
}

type Outcome = (typeof paymentNotifications.$inferSelect)["outcome"];
type Log = { provider: ProviderName; headers: Record<string, string>; body: string };
type Verified = Extract<VerifiedNotification, { ok: true }>;

export async function applyVerified(s: Services, providerName: ProviderName, v: Verified, log: Log): Promise<Outcome> {
  const ctx = ctxFor(s, systemActor(`${providerName} notification`));
  if (v.kind === "refund") return applyRefundNotice(ctx, v, log);
  const late: { orderId: string; refundId: string }[] = [];
  const outcome = await s.db.transaction(async (tx) => {
    const note = async (outcome: Outcome, paymentId: string | null, detail: string | null, id = newId()): Promise<Outcome> => {
      await tx.insert(paymentNotifications).values({ id, kind: "payment", paymentId, providerTxnId: v.providerTxnId, amountFen: v.amountFen, outcome, detail, receivedAt: ctx.clock.now(), ...log });
      return outcome;
    };
    const [p] = await tx.select().from(payments).where(and(eq(payments.no, v.paymentNo), eq(payments.provider, providerName))).for("update");
    if (!p) return note("unknown_payment", null, `no payment ${v.paymentNo}`);
    if (v.status !== "succeeded") {
      if (p.status === "pending" || p.status === "review") {
        await setPaymentStatus(tx, ctx, p, v.status === "failed" ? "fail" : "close", { failureReason: v.status === "failed" ? "the provider reported the payment failed" : "closed at the provider" });
        return note("failed", p.id, v.status);
      }
      return note("ignored", p.id, `payment already ${p.status}`);
    }
    if (v.amountFen !== p.amountFen) {
      const id = newId();
      await note("amount_mismatch", p.id, `provider reported ${v.amountFen} 分, the payment is ${p.amountFen} 分`, id);
      await tx.insert(paymentReviews).values({ id: newId(), kind: "amount_mismatch", status: "open", paymentId: p.id, buyerId: p.buyerId, notificationId: id, details: { reportedFen: v.amountFen, expectedFen: p.amountFen, providerTxnId: v.providerTxnId }, createdAt: ctx.clock.now() });
      return "amount_mismatch";
    }
    if (p.status === "succeeded") return note("duplicate", p.id, p.providerTxnId === v.providerTxnId ? null : `already paid by ${p.providerTxnId}`);
    await note("applied", p.id, null);
    late.push(...(await capture(tx, ctx, p, v.providerTxnId, v.at ?? ctx.clock.now())));
    return "applied";
  });
  for (const l of late) await executeRefund(s, l.refundId).catch(() => undefined);
  return outcome;
}

// F3: the money is ours to hold. Into escrow for each order it pays; an order that ended
// meanwhile (cancelled unpaid, its hold gone) gets its share refunded at once.
async function capture(tx: Tx, ctx: Ctx, p: Payment, providerTxnId: string, at: Date) {
  const paid = await setPaymentStatus(tx, ctx, p, "succeed", { providerTxnId, paidAt: at, failureReason: null });
  const os = await tx.select().from(orders).where(inArray(orders.id, p.orderIds)).orderBy(asc(orders.id)).for("update");
  await post(tx, ctx, {
    kind: "payment.capture", referenceType: "payment", referenceId: p.id, memo: `payment ${p.no} via ${p.provider}`,
    entries: [
      { account: accounts.providerClearing(p.provider), amountFen: p.amountFen, paymentId: p.id },
      { account: accounts.buyerClearing, amountFen: -p.amountFen, paymentId: p.id },
      ...os.flatMap((o) => [
        { account: accounts.buyerClearing, amountFen: o.totalFen, paymentId: p.id, orderId: o.id },
        { account: accounts.escrow, amountFen: -o.totalFen, paymentId: p.id, orderId: o.id, merchantId: o.merchantId },
      ]),
    ],
  });
  const refundsDue: { orderId: string; refundId: string }[] = [];
  for (const o of os) {
    const [hold] = o.reservationId ? await tx.select().from(stockReservations).where(eq(stockReservations.id, o.reservationId)).for("update") : [];
    if (o.status === "pending_payment" && hold?.status === "active") {
      await applyOrderEvent(tx, ctx, o, "pay", `paid by ${p.provider} ${providerTxnId}`);
      await keepReservation(tx, ctx, hold.id, new Date(ctx.clock.now().getTime() + PAID_HOLD_DAYS * 86_400_000));
      continue;
    }
    let order = o;
    if (o.status === "pending_payment") order = await applyOrderEvent(tx, ctx, o, "cancel", "the stock hold had run out when the payment arrived");
    const refund = await requestRefund(tx, ctx, order, paid, { amountFen: o.totalFen, reason: "paid after the order had ended", requestKey: `late:${p.id}:${o.id}` });
    await tx.insert(paymentReviews).values({ id: newId(), kind: "late_payment", status: "open", paymentId: p.id, buyerId: p.buyerId, details: { orderNo: o.no, orderStatus: o.status, refundNo: refund.no }, createdAt: ctx.clock.now() });
    refundsDue.push({ orderId: o.id, refundId: refund.id });
  }
  return refundsDue;
}

// F6: decide a refund of part or all of an order's payment. Escrow moves to "refunds
// payable" now; the provider is asked after commit (executeRefund), with the refund's
// number as its idempotency key. The same requestKey twice is one refund.
export async function requestRefund(tx: Tx, ctx: Ctx, order: Order, payment: Payment, r: { amountFen: number; reason: string; requestKey: string }) {
  const [existing] = await tx.select().from(refunds).where(eq(refunds.requestKey, r.requestKey));
  if (existing) return existing;
  assertRefundable(order, r.amountFen);
  const [o] = await tx.update(orders).set({ refundedFen: sql`${orders.refundedFen} + ${r.amountFen}`, updatedAt: ctx.clock.now() })
    .where(and(eq(orders.id, order.id), sql`${orders.refundedFen} + ${r.amountFen} <= ${orders.totalFen}`)).returning({ id: orders.id });
  if (!o) throw new RuleViolation("REFUND_EXCEEDS_PAID", `Order ${order.no} cannot be refunded that much.`);
  const now = ctx.clock.now();
  const [refund] = await tx.insert(refunds).values({
    id: newId(), no: await sequenceNumber(tx, "refund_no_seq", "R", now), requestKey: r.requestKey, paymentId: payment.id, orderId: order.id, amountFen: r.amountFen,
    reason: r.reason, status: "pending", requestedByLabel: ctx.actor.label, createdAt: now,
  }).returning();
  await post(tx, ctx, {
    kind: "refund.request", referenceType: "refund", referenceId: refund!.id, memo: `refund ${refund!.no} of order ${order.no}`,
    entries: [
      { account: accounts.escrow, amountFen: r.amountFen, orderId: order.id, merchantId: order.merchantId, paymentId: payment.id },
      { account: accounts.refundsPayable, amountFen: -r.amountFen, orderId: order.id, paymentId: payment.id },
    ],
  });
  return refund!;
}

// Asks the provider to pay a decided refund back. Safe to call any number of times: the
// provider sees the same refund number, and the ledger posts the payout once.
export async function executeRefund(s: Services, refundId: string) {
  const ctx = ctxFor(s, systemActor("refunds"));
  const [r] = await s.db.select({ r: refunds, p: payments }).from(refunds).innerJoin(payments, eq(payments.id, refunds.paymentId)).where(eq(refunds.id, refundId));
  if (!r || r.r.status !== "pending") return r?.r ?? null;
  let result;
  try {
    result = await providerFor(s, r.p.provider).refund({ paymentNo: r.p.no, providerTxnId: r.p.providerTxnId, refundNo: r.r.no, amountFen: r.r.amountFen, totalFen: r.p.amountFen, reason: r.r.reason });
  } catch (e) {
    await s.db.update(refunds).set({ attempts: sql`${refunds.attempts} + 1`, lastError: (e as Error).message.slice(0, 500) }).where(eq(refunds.id, refundId));
    return { ...r.r, lastError: (e as Error).message };
  }
  if (result.status !== "succeeded") {
    await s.db.update(refunds).set({ attempts: sql`${refunds.attempts} + 1`, lastError: result.detail ?? result.status, providerRefundId: result.providerRefundId }).where(eq(refunds.id, refundId));
    return { ...r.r, status: "pending" as const };
  }
  return s.db.transaction((tx) => confirmRefund(tx, ctx, r.r, result.providerRefundId));
}

async function confirmRefund(tx: Tx, ctx: Ctx, r: Refund, providerRefundId: string | null) {
  const [done] = await tx.update(refunds).set({ status: "succeeded", providerRefundId, completedAt: ctx.clock.now(), attempts: sql`${refunds.attempts} + 1`, lastError: null })
    .where(and(eq(refunds.id, r.id), eq(refunds.status, "pending"))).returning();
  if (!done) return r;
  const [p] = await tx.select().from(payments).where(eq(payments.id, r.paymentId));
  await post(tx, ctx, {
    kind: "refund.payout", referenceType: "refund", referenceId: r.id, memo: `refund ${r.no} paid back by ${p!.provider}`,
    entries: [
      { account: accounts.refundsPayable, amountFen: r.amountFen, orderId: r.orderId, paymentId: r.paymentId },
      { account: accounts.providerClearing(p!.provider), amountFen: -r.amountFen, paymentId: r.paymentId },
    ],
  });
  return done;
}

async function applyRefundNotice(ctx: Ctx, v: Extract<Verified, { kind: "refund" }>, log: Log) {
  return ctx.db.transaction(async (tx) => {
    const [r] = await tx.select().from(refunds).where(eq(refunds.no, v.refundNo)).for("update");
    const outcome: Outcome = !r ? "unknown_payment" : v.status !== "succeeded" ? "failed" : r.status === "succeeded" ? "duplicate" : v.amountFen !== r.amountFen ? "amount_mismatch" : "applied";
    await tx.insert(paymentNotifications).values({ id: newId(), kind: "refund", paymentId: r?.paymentId ?? null, refundId: r?.id ?? null, providerTxnId: v.providerRefundId, amountFen: v.amountFen, outcome, detail: null, receivedAt: ctx.clock.now(), ...log });
    if (outcome === "applied") await confirmRefund(tx, ctx, r!, v.providerRefundId);
    return outcome;
  });
}

// Refunds the provider has not confirmed yet are asked again, with the same number.
export async function retryPendingRefunds(s: Services) {
  const due = await s.db.select({ id: refunds.id }).from(refunds).where(and(eq(refunds.status, "pending"), lt(refunds.createdAt, new Date(s.clock.now().getTime() - 60_000)))).orderBy(asc(refunds.createdAt)).limit(100);
  for (const r of due) await executeRefund(s, r.id).catch(() => undefined);
  return due.length;
}

// Before an unpaid order is cancelled for lateness, the provider is asked whether the
// money came after all (a notification may be late); if it did, it is applied as if notified.
export async function settleByQuery(s: Services, checkoutId: string) {
  const pending = await s.db.select().from(payments).where(and(eq(payments.checkoutId, checkoutId), inArray(payments.status, ["pending", "review", "failed", "closed"])));
  for (const p of pending) {
    const q = await providerFor(s, p.provider).query(p.no).catch(() => null);
    if (q?.status === "succeeded" && q.providerTxnId && q.amountFen !== null) {
      await applyVerified(s, p.provider, { ok: true, kind: "payment", paymentNo: p.no, providerTxnId: q.providerTxnId, amountFen: q.amountFen, status: "succeeded", at: q.at, raw: q }, { provider: p.provider, headers: {}, body: JSON.stringify({ query: q }) });
    }
  }
}

export async function closeOpenPayments(tx: Tx, ctx: Ctx, orderId: string) {
  const open = await tx.select().from(payments).where(and(inArray(payments.status, ["pending", "review"]), sql`${payments.orderIds} @> ${JSON.stringify([orderId])}::jsonb`)).for("update");
  for (const p of open) await setPaymentStatus(tx, ctx, p, "close", { failureReason: "the order was cancelled" });
  return open;
}
