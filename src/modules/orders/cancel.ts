import { and, eq } from "drizzle-orm";
import type { Ctx, Services } from "../../server/context.js";
import { RuleViolation } from "../../server/errors.js";
import { releaseReservation } from "../inventory/index.js";
import { stockReservations } from "../inventory/schema.js";
import { closeOpenPayments, executeRefund, requestRefund, settleByQuery } from "../payments/service.js";
import { paymentOfOrder } from "../payments/queries.js";
import { providerFor } from "../payments/registry.js";
import { ctxFor, systemActor } from "../../server/context.js";
import { getRule } from "../settings/index.js";
import { orders } from "./schema.js";
import { applyOrderEvent, cancelUnpaid, dueUnpaidOrders, lockOrder } from "./service.js";

// O3/F6: the buyer (or staff) ends an order before it ships. Unpaid: cancelled, its stock
// back on sale and its payment closed at the provider. Paid: closed with a full refund
// to the original method.
export async function cancelOrder(ctx: Ctx, orderId: string, reason: string) {
  const closed: { provider: string; no: string }[] = [];
  let refundId: string | null = null;
  const order = await ctx.db.transaction(async (tx) => {
    const o = await lockOrder(tx, ctx, orderId);
    if (o.status === "pending_payment") {
      closed.push(...(await closeOpenPayments(tx, ctx, o.id)));
      return cancelUnpaid(tx, ctx, o, "cancel", reason);
    }
    if (o.status !== "paid") {
      throw new RuleViolation("ORDER_NOT_CANCELLABLE", o.status === "partly_shipped" || o.status === "shipped" || o.status === "delivered"
        ? "This order has shipped; ask for a return or refund through after-sales instead." : `This order is ${o.status.replace("_", " ")} and cannot be cancelled.`, { status: o.status });
    }
    const payment = await paymentOfOrder(tx, o.id);
    if (!payment) throw new Error(`paid order ${o.no} has no successful payment`);
    const after = await applyOrderEvent(tx, ctx, o, "close", reason);
    if (o.reservationId) {
      const [r] = await tx.select({ status: stockReservations.status }).from(stockReservations).where(eq(stockReservations.id, o.reservationId)).for("update");
      if (r?.status === "active") await releaseReservation(tx, ctx, o.reservationId);
    }
    if (o.totalFen > o.refundedFen) refundId = (await requestRefund(tx, ctx, o, payment, { amountFen: o.totalFen - o.refundedFen, reason, requestKey: `close:${o.id}` })).id;
    return after;
  });
  for (const p of closed) await providerFor(ctx, p.provider).close(p.no).catch(() => undefined);
  if (refundId) await executeRefund(ctx, refundId);
  return order;
}

// O4: every minute, unpaid orders past their deadline. The provider is asked first, so a
// payment whose notification is late is applied rather than its order cancelled.
export async function expireOrder(s: Services, id: string) {
  const ctx = ctxFor(s, systemActor("auto-cancel"));
  const minutes = await getRule(s, "order.autoCancelMinutes");
  const closed: { provider: string; no: string }[] = [];
  const order = await s.db.transaction(async (tx) => {
    const [o] = await tx.select().from(orders).where(eq(orders.id, id)).for("update", { skipLocked: true });
    if (!o || o.status !== "pending_payment" || o.payDeadline > ctx.clock.now()) return null;
    closed.push(...(await closeOpenPayments(tx, ctx, o.id)));
    return cancelUnpaid(tx, ctx, o, "expire", `Not paid within ${minutes} minutes`);
  });
  for (const p of closed) await providerFor(s, p.provider).close(p.no).catch(() => undefined);
  return order;
}

export async function cancelOverdueOrders(s: Services) {
  let cancelled = 0;
  const seen = new Set<string>();
  for (const o of await dueUnpaidOrders(s)) {
    if (!seen.has(o.checkoutId)) {
      seen.add(o.checkoutId);
      await settleByQuery(s, o.checkoutId);
    }
    if (await expireOrder(s, o.id)) cancelled++;
  }
  return { cancelled };
}

// F6: staff refund part or all of a paid order to the original payment method. The
// request key makes a retried request one refund.
export async function refundOrder(ctx: Ctx, orderId: string, r: { amountFen: number; reason: string; requestKey: string }) {
  const refund = await ctx.db.transaction(async (tx) => {
    const o = await lockOrder(tx, ctx, orderId);
    if (!o.paidAt) throw new RuleViolation("ORDER_NOT_PAID", "This order was never paid; there is nothing to refund.");
    const payment = await paymentOfOrder(tx, o.id);
    if (!payment) throw new Error(`paid order ${o.no} has no successful payment`);
    return requestRefund(tx, ctx, o, payment, { ...r, requestKey: `staff:${r.requestKey}` });
  });
  return (await executeRefund(ctx, refund.id)) ?? refund;
}
