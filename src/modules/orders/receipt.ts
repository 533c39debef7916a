import { and, asc, eq, lte, sql } from "drizzle-orm";
import { addDays, shanghaiDay } from "../../lib/clock.js";
import type { Queryable, Tx } from "../../lib/db-types.js";
import { ctxFor, systemActor, type Ctx, type Services } from "../../server/context.js";
import { RuleViolation } from "../../server/errors.js";
import { orderExceptions } from "../exceptions/schema.js";
import { releaseEscrow } from "../settlement/release.js";
import { getRule } from "../settings/index.js";
import { orders } from "./schema.js";
import { applyOrderEvent, lockOrder, type Order } from "./service.js";

// O6/F3: the order is done: it completes and its escrow goes to the shop, in one transaction.
export async function completeOrder(tx: Tx, ctx: Ctx, order: Order, reason: string) {
  const after = await applyOrderEvent(tx, ctx, order, "complete", reason);
  const release = await releaseEscrow(tx, ctx, after);
  return { order: after, release };
}

// An open exception case (and, once after-sales exists, an open after-sales case) holds the
// automatic confirmation: somebody has said something is wrong with this order.
export async function openCaseOf(q: Queryable, orderId: string) {
  const [c] = await q.select({ no: orderExceptions.no }).from(orderExceptions).where(and(eq(orderExceptions.orderId, orderId), eq(orderExceptions.status, "open"))).limit(1);
  return c ?? null;
}

// O6: the buyer says the goods arrived.
export async function confirmReceipt(ctx: Ctx, orderId: string) {
  return ctx.db.transaction(async (tx) => {
    const o = await lockOrder(tx, ctx, orderId);
    if (o.status !== "delivered" && o.status !== "shipped") {
      throw new RuleViolation("ORDER_NOT_CONFIRMABLE", o.status === "completed" ? `Order ${o.no} is already confirmed.` : `Order ${o.no} has not shipped yet; confirm once the goods arrive.`, { status: o.status });
    }
    // A buyer holding the parcel before the carrier reports it confirms delivery too.
    const delivered = o.status === "shipped" ? await applyOrderEvent(tx, ctx.actor.kind === "staff" ? ctx : ctxFor(ctx, systemActor("receipt confirmed by buyer")), o, "deliver", "The buyer confirmed receipt before the carrier reported delivery") : o;
    return (await completeOrder(tx, ctx, delivered, "Receipt confirmed")).order;
  });
}

// O6: once per order, the buyer pushes the automatic confirmation back (the parcel has not
// really arrived, or the goods need checking).
export async function extendReceipt(ctx: Ctx, orderId: string) {
  return ctx.db.transaction(async (tx) => {
    const o = await lockOrder(tx, ctx, orderId);
    if (o.status !== "delivered" || !o.confirmBy) throw new RuleViolation("ORDER_NOT_EXTENDABLE", `Receipt of order ${o.no} can be extended only while it waits for confirmation after delivery.`, { status: o.status });
    if (o.receiptExtendedAt) throw new RuleViolation("RECEIPT_ALREADY_EXTENDED", `Receipt of order ${o.no} was already extended once, to ${shanghaiDay(o.confirmBy)}.`, { confirmBy: o.confirmBy });
    const days = await getRule(ctx, "order.receiptExtendDays", tx);
    const [row] = await tx.update(orders).set({ confirmBy: addDays(o.confirmBy, days), receiptExtendedAt: ctx.clock.now(), updatedAt: ctx.clock.now() })
      .where(and(eq(orders.id, o.id), eq(orders.status, "delivered"))).returning();
    return row!;
  });
}

// O6: every few minutes, delivered orders whose confirmation date has passed complete by
// themselves, unless a case is open on them; each in its own transaction.
export async function autoConfirmDue(s: Services, limit = 200) {
  const ctx = ctxFor(s, systemActor("auto-confirm"));
  const now = s.clock.now();
  const due = await s.db.select({ id: orders.id }).from(orders)
    .where(and(eq(orders.status, "delivered"), lte(orders.confirmBy, now), sql`not exists (select 1 from ${orderExceptions} where order_id = ${orders.id} and status = 'open')`))
    .orderBy(asc(orders.confirmBy)).limit(limit);
  let confirmed = 0;
  for (const { id } of due) {
    const done = await s.db.transaction(async (tx) => {
      const [o] = await tx.select().from(orders).where(eq(orders.id, id)).for("update", { skipLocked: true });
      if (!o || o.status !== "delivered" || !o.confirmBy || o.confirmBy > now || (await openCaseOf(tx, o.id))) return false;
      const days = await getRule(s, "order.autoConfirmDays", tx);
      await completeOrder(tx, ctx, o, `Receipt confirmed automatically ${days} days after delivery${o.receiptExtendedAt ? " and the buyer's extension" : ""}`);
      return true;
    });
    if (done) confirmed++;
  }
  return { confirmed };
}
