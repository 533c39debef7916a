import { and, asc, desc, eq, inArray, lt, lte, or, sql, type SQL } from "drizzle-orm";
import { addHours, addMinutes } from "../../lib/clock.js";
import type { Queryable, Tx } from "../../lib/db-types.js";
import { newId } from "../../lib/ids.js";
import { next } from "../../lib/machine.js";
import { ctxFor, systemActor, type Ctx, type Services } from "../../server/context.js";
import { Forbidden, NotFound, RuleViolation, Conflict } from "../../server/errors.js";
import { openOrderAddress } from "../addresses/service.js";
import { recordAudit } from "../audit/index.js";
import { merchants } from "../merchants/schema.js";
import { payments, refunds } from "../payments/schema.js";
import { releaseReservation } from "../inventory/index.js";
import { stockReservations } from "../inventory/schema.js";
import { getRule } from "../settings/index.js";
import { closeTasks } from "../tasks/index.js";
import { endStates, orderEventActors, orderMachine, type OrderEvent } from "./machine.js";
import { orderEvents, orderLines, orders, type OrderStatus } from "./schema.js";
import { shipmentsOf } from "../logistics/shipments.js";

export type Order = typeof orders.$inferSelect;

const stampOf: Partial<Record<OrderStatus, keyof Order>> = { paid: "paidAt", shipped: "shippedAt", delivered: "deliveredAt", completed: "completedAt" };

// O3: the one way an order changes state. The update is conditional on the state the
// caller saw, so of two concurrent events one wins and the other is told to reload.
// Writes the timeline row; an order that ends gets its retention date (O8).
export async function applyOrderEvent(tx: Tx, ctx: Ctx, order: Order, event: OrderEvent, reason: string | null = null): Promise<Order> {
  if (!orderEventActors[event].includes(ctx.actor.kind)) {
    throw new Forbidden("ORDER_EVENT_NOT_YOURS", `Only ${orderEventActors[event].join(" or ")} may ${event.replace("_", " ")} an order.`);
  }
  const to = next(orderMachine, order.status, event);
  const now = ctx.clock.now();
  const set: Partial<Order> = { status: to, updatedAt: now };
  const stamp = stampOf[to];
  if (stamp && !order[stamp]) Object.assign(set, { [stamp]: now });
  // O5: the ship-by deadline is fixed when the money arrives, by the rule in force then.
  if (to === "paid" && !order.shipBy) set.shipBy = addHours(now, await getRule(ctx, "order.shipByHours", tx));
  if (endStates.includes(to)) {
    const years = await getRule(ctx, "order.recordRetentionYears", tx);
    const until = new Date(now);
    until.setUTCFullYear(until.getUTCFullYear() + years);
    Object.assign(set, { endedAt: now, retainUntil: until });
    // The payments of the order are kept as long as the longest-kept of their orders.
    await tx.update(payments).set({ retainUntil: sql`greatest(coalesce(${payments.retainUntil}, ${until.toISOString()}::timestamptz), ${until.toISOString()}::timestamptz)` })
      .where(sql`${payments.orderIds} @> ${JSON.stringify([order.id])}::jsonb`);
  }
  const [row] = await tx.update(orders).set(set).where(and(eq(orders.id, order.id), eq(orders.status, order.status))).returning();
  if (!row) throw new Conflict("ORDER_CHANGED", `Order ${order.no} changed meanwhile. Reload it and try again.`);
  await tx.insert(orderEvents).values({
    id: newId(), orderId: order.id, event, fromStatus: order.status, toStatus: to,
    actorUserId: ctx.actor.userId, actorKind: ctx.actor.kind, actorLabel: ctx.actor.label, reason, at: now,
  });
  // O5: the shop's "ship it now" task ends once nothing is left to ship, shipped or cancelled.
  if (order.shipOverdueAt && to !== "partly_shipped") await closeTasks(tx, ctx, { subjectType: "order", subjectId: order.id, kinds: ["ship_overdue"] }, ctx.actor.label);
  if (ctx.actor.kind === "staff") await recordAudit(tx, ctx, { action: `order.${event}`, entityType: "order", entityId: order.id, summary: { no: order.no, from: order.status, to, reason } });
  return row;
}

// Who sees which orders: a buyer their own, a shop its own, staff all.
export function orderScope(ctx: Ctx): SQL | undefined {
  if (ctx.actor.kind === "buyer") return eq(orders.buyerId, ctx.actor.userId!);
  if (ctx.actor.merchantId) return eq(orders.merchantId, ctx.actor.merchantId);
  if (ctx.actor.kind === "staff" || ctx.actor.kind === "system") return undefined;
  return sql`false`;
}

export async function lockOrder(tx: Tx, ctx: Ctx, id: string): Promise<Order> {
  const [o] = await tx.select().from(orders).where(and(eq(orders.id, id), orderScope(ctx))).for("update");
  if (!o) throw new NotFound("Order", "ORDER_NOT_FOUND");
  return o;
}

export async function orderDetail(q: Queryable, ctx: Ctx, id: string) {
  const [row] = await q.select({ o: orders, merchantName: merchants.name }).from(orders).innerJoin(merchants, eq(merchants.id, orders.merchantId)).where(and(eq(orders.id, id), orderScope(ctx)));
  if (!row) throw new NotFound("Order", "ORDER_NOT_FOUND");
  const { o, merchantName } = row;
  const [lines, events, orderRefunds] = await Promise.all([
    q.select().from(orderLines).where(eq(orderLines.orderId, id)).orderBy(asc(orderLines.id)),
    q.select().from(orderEvents).where(eq(orderEvents.orderId, id)).orderBy(asc(orderEvents.at), asc(orderEvents.id)),
    q.select({ id: refunds.id, no: refunds.no, amountFen: refunds.amountFen, reason: refunds.reason, status: refunds.status, createdAt: refunds.createdAt, completedAt: refunds.completedAt })
      .from(refunds).where(eq(refunds.orderId, id)).orderBy(asc(refunds.createdAt)),
  ]);
  const { address, ...rest } = o;
  return {
    ...rest, merchantName,
    // U4: the buyer sees their own address; shops and staff see it masked (shipping unmasks it for the label).
    address: openOrderAddress(ctx, address, { masked: ctx.actor.kind !== "buyer" }),
    lines, refunds: orderRefunds, shipments: await shipmentsOf(q, [id]), timeline: events.map((e) => ({ event: e.event, from: e.fromStatus, to: e.toStatus, actorKind: e.actorKind, actor: e.actorKind === "buyer" && ctx.actor.kind !== "buyer" ? "buyer" : e.actorLabel, reason: e.reason, at: e.at })),
  };
}

export interface OrderQuery { status?: OrderStatus[]; q?: string; cursor?: string; limit: number; merchantId?: string; buyerId?: string }

// Newest first, cursor-paged by (created_at, id).
export async function listOrders(ctx: Ctx, query: OrderQuery) {
  const cursor = query.cursor ? decodeCursor(query.cursor) : null;
  const rows = await ctx.db.select({
    id: orders.id, no: orders.no, status: orders.status, merchantId: orders.merchantId, merchantName: merchants.name, buyerId: orders.buyerId, totalFen: orders.totalFen, itemsFen: orders.itemsFen,
    shippingFen: orders.shippingFen, refundedFen: orders.refundedFen, payDeadline: orders.payDeadline, paidAt: orders.paidAt, createdAt: orders.createdAt, checkoutId: orders.checkoutId,
    regionName: sql<string>`${orders.address}->>'regionName'`,
    itemCount: sql<number>`(select coalesce(sum(quantity), 0)::int from ${orderLines} where order_id = ${orders}.id)`,
    firstTitle: sql<string>`(select title from ${orderLines} where order_id = ${orders}.id order by id limit 1)`,
  }).from(orders).innerJoin(merchants, eq(merchants.id, orders.merchantId)).where(and(
    orderScope(ctx),
    query.status?.length ? inArray(orders.status, query.status) : undefined,
    query.merchantId ? eq(orders.merchantId, query.merchantId) : undefined,
    query.buyerId ? eq(orders.buyerId, query.buyerId) : undefined,
    query.q ? sql`(${orders.no} like ${`%${query.q}%`} or exists (select 1 from ${orderLines} where order_id = ${orders}.id and title ilike ${`%${query.q}%`}))` : undefined,
    cursor ? or(lt(orders.createdAt, cursor.at), and(eq(orders.createdAt, cursor.at), lt(orders.id, cursor.id))) : undefined,
  )).orderBy(desc(orders.createdAt), desc(orders.id)).limit(query.limit + 1);
  const items = rows.slice(0, query.limit);
  const last = items.at(-1);
  return { items, nextCursor: rows.length > query.limit && last ? Buffer.from(`${last.createdAt.toISOString()}|${last.id}`).toString("base64url") : null };
}

function decodeCursor(c: string) {
  const [at, id] = Buffer.from(c, "base64url").toString().split("|");
  const d = new Date(at ?? "");
  if (!id || Number.isNaN(d.getTime())) return null;
  return { at: d, id };
}

// O4: an unpaid order ends and its stock goes back on sale.
export async function cancelUnpaid(tx: Tx, ctx: Ctx, order: Order, event: "cancel" | "expire", reason: string) {
  const after = await applyOrderEvent(tx, ctx, order, event, reason);
  if (order.reservationId) {
    const [r] = await tx.select({ status: stockReservations.status }).from(stockReservations).where(eq(stockReservations.id, order.reservationId)).for("update");
    if (r?.status === "active") await releaseReservation(tx, ctx, order.reservationId, event === "expire" ? "expire" : "release");
  }
  return after;
}

// O4: orders still unpaid at their deadline, each in its own transaction; an order another
// process holds is skipped and comes up again next minute.
export async function dueUnpaidOrders(s: Services, limit = 200) {
  const now = s.clock.now();
  return s.db.select({ id: orders.id, checkoutId: orders.checkoutId }).from(orders)
    .where(and(eq(orders.status, "pending_payment"), lte(orders.payDeadline, now))).orderBy(asc(orders.payDeadline)).limit(limit);
}

export const unpaidDeadline = async (ctx: Ctx, tx: Tx) => addMinutes(ctx.clock.now(), await getRule(ctx, "order.autoCancelMinutes", tx));

export async function ordersOfCheckout(q: Queryable, checkoutId: string) {
  return q.select().from(orders).where(eq(orders.checkoutId, checkoutId)).orderBy(asc(orders.no));
}

export function assertRefundable(order: Order, amountFen: number) {
  if (!Number.isInteger(amountFen) || amountFen <= 0) throw new RuleViolation("REFUND_AMOUNT_INVALID", "Enter a refund of at least ¥0.01, in whole 分.", { field: "amountFen" });
  if (order.refundedFen + amountFen > order.totalFen) {
    throw new RuleViolation("REFUND_EXCEEDS_PAID", `At most ¥${((order.totalFen - order.refundedFen) / 100).toFixed(2)} of order ${order.no} can still be refunded.`, { refundableFen: order.totalFen - order.refundedFen });
  }
}
