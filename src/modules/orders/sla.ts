import { and, asc, eq, gte, inArray, isNull, lte, sql } from "drizzle-orm";
import { rowsOf } from "../../lib/db-types.js";
import { ctxFor, systemActor, type Ctx, type Services } from "../../server/context.js";
import { ValidationError } from "../../server/errors.js";
import { recordBreach } from "../merchants/breaches.js";
import { merchants } from "../merchants/schema.js";
import { notifyBuyers } from "../notices/service.js";
import { getRule } from "../settings/index.js";
import { raiseTask } from "../tasks/service.js";
import { orderEvents, orders } from "./schema.js";
import { newId } from "../../lib/ids.js";

// O5: paid orders still not (fully) shipped at their ship-by time are flagged, once: the shop
// gets a task, the buyer a notice offering cancellation with a full refund, and the breach is
// recorded for the shop's credit. A timeline row says so. Each order in its own transaction.
export async function flagOverdueShipping(s: Services, limit = 500) {
  const ctx = ctxFor(s, systemActor("ship-by SLA"));
  const now = s.clock.now();
  const due = await s.db.select({ id: orders.id }).from(orders)
    .where(and(inArray(orders.status, ["paid", "partly_shipped"]), lte(orders.shipBy, now), isNull(orders.shipOverdueAt)))
    .orderBy(asc(orders.shipBy)).limit(limit);
  let flagged = 0;
  for (const { id } of due) {
    const done = await s.db.transaction(async (tx) => {
      const [o] = await tx.update(orders).set({ shipOverdueAt: now, updatedAt: now })
        .where(and(eq(orders.id, id), inArray(orders.status, ["paid", "partly_shipped"]), isNull(orders.shipOverdueAt), lte(orders.shipBy, now))).returning();
      if (!o) return false;
      const hours = await getRule(s, "order.shipByHours", tx);
      await tx.insert(orderEvents).values({
        id: newId(), orderId: o.id, event: "ship_overdue", fromStatus: o.status, toStatus: o.status, actorUserId: null, actorKind: "system", actorLabel: ctx.actor.label,
        reason: `Not shipped within ${hours} hours of payment`, at: now,
      });
      await raiseTask(tx, s, {
        audience: "merchant", merchantId: o.merchantId, kind: "ship_overdue", params: { orderNo: o.no, hours, shipBy: o.shipBy!.toISOString() },
        subjectType: "order", subjectId: o.id, dueAt: null, dedupeKey: `ship_overdue:${o.id}`,
      });
      await notifyBuyers(tx, s, [{
        buyerId: o.buyerId, kind: "order_ship_overdue", params: { orderNo: o.no, hours, partly: o.status === "partly_shipped" ? 1 : 0 }, subjectType: "order", subjectId: o.id, dedupeKey: `ship_overdue:${o.id}`,
      }]);
      await recordBreach(tx, s, { merchantId: o.merchantId, kind: "ship_overdue", requirement: "O5", subjectType: "order", subjectId: o.id, detail: `${o.no} not shipped within ${hours} h` });
      return true;
    });
    if (done) flagged++;
  }
  return { flagged };
}

const DAY = 86_400_000;

// O5: ship-by compliance per shop for orders paid in [from, to): on time, late, still open
// (overdue or not yet due), and the share on time of those whose deadline has passed.
export async function shippingCompliance(ctx: Ctx, q: { from?: string; to?: string; merchantId?: string }) {
  const now = ctx.clock.now();
  const to = q.to ? dayStart(q.to, "to") : new Date(Math.ceil(now.getTime() / DAY) * DAY);
  const from = q.from ? dayStart(q.from, "from") : new Date(to.getTime() - 30 * DAY);
  if (from >= to) throw new ValidationError("PERIOD_INVALID", "The start of the period must be before its end.", { field: "from" });
  if (to.getTime() - from.getTime() > 366 * DAY) throw new ValidationError("PERIOD_TOO_LONG", "Choose a period of at most a year.", { field: "from" });
  const scope = ctx.actor.merchantId ?? q.merchantId ?? null;
  // Late: shipped after the deadline (whether or not the job had flagged it yet), or never
  // shipped in full and closed after being flagged.
  const missed = sql`((o.shipped_at is not null and o.shipped_at > o.ship_by) or (o.shipped_at is null and o.ship_overdue_at is not null and o.status not in ('paid', 'partly_shipped')))`;
  const rows = rowsOf<{ merchant_id: string; name: string; paid: number; on_time: number; late: number; overdue_open: number; waiting: number }>(await ctx.db.execute(sql`
    select o.merchant_id, m.name,
      count(*)::int as paid,
      count(*) filter (where o.shipped_at is not null and o.shipped_at <= o.ship_by)::int as on_time,
      count(*) filter (where ${missed})::int as late,
      count(*) filter (where o.status in ('paid', 'partly_shipped') and o.ship_by <= ${now.toISOString()}::timestamptz)::int as overdue_open,
      count(*) filter (where o.status in ('paid', 'partly_shipped') and o.ship_by > ${now.toISOString()}::timestamptz)::int as waiting
    from ${orders} o join ${merchants} m on m.id = o.merchant_id
    where o.paid_at >= ${from.toISOString()}::timestamptz and o.paid_at < ${to.toISOString()}::timestamptz and o.ship_by is not null
      ${scope ? sql`and o.merchant_id = ${scope}` : sql``}
    group by o.merchant_id, m.name order by m.name`));
  const shops = rows.map((r) => {
    const decided = Number(r.on_time) + Number(r.late) + Number(r.overdue_open);
    return {
      merchantId: r.merchant_id, merchantName: r.name, paid: Number(r.paid), onTime: Number(r.on_time), late: Number(r.late), overdueOpen: Number(r.overdue_open), waiting: Number(r.waiting),
      rate: decided ? Number(r.on_time) / decided : null,
    };
  });
  const daily = rowsOf<{ day: string; on_time: number; missed: number }>(await ctx.db.execute(sql`
    select to_char(date_trunc('day', o.ship_by at time zone 'Asia/Shanghai'), 'YYYY-MM-DD') as day,
      count(*) filter (where o.shipped_at is not null and o.shipped_at <= o.ship_by)::int as on_time,
      count(*) filter (where ${missed} or (o.status in ('paid', 'partly_shipped')))::int as missed
    from ${orders} o
    where o.paid_at >= ${from.toISOString()}::timestamptz and o.paid_at < ${to.toISOString()}::timestamptz and o.ship_by is not null and o.ship_by <= ${now.toISOString()}::timestamptz
      ${scope ? sql`and o.merchant_id = ${scope}` : sql``}
    group by 1 order by 1`));
  const totals = shops.reduce((t, s) => ({ paid: t.paid + s.paid, onTime: t.onTime + s.onTime, late: t.late + s.late, overdueOpen: t.overdueOpen + s.overdueOpen, waiting: t.waiting + s.waiting }), { paid: 0, onTime: 0, late: 0, overdueOpen: 0, waiting: 0 });
  const decided = totals.onTime + totals.late + totals.overdueOpen;
  return {
    from: from.toISOString(), to: to.toISOString(), shipByHours: await getRule(ctx, "order.shipByHours"),
    totals: { ...totals, rate: decided ? totals.onTime / decided : null },
    shops, daily: daily.map((d) => ({ day: d.day, onTime: Number(d.on_time), missed: Number(d.missed) })),
  };
}

// Orders flagged overdue and still not shipped: the shop's (or the console's) work list.
export async function overdueOrders(ctx: Ctx, q: { merchantId?: string; limit: number }) {
  const scope = ctx.actor.merchantId ?? q.merchantId;
  return ctx.db.select({ id: orders.id, no: orders.no, status: orders.status, merchantId: orders.merchantId, merchantName: merchants.name, paidAt: orders.paidAt, shipBy: orders.shipBy, shipOverdueAt: orders.shipOverdueAt, totalFen: orders.totalFen })
    .from(orders).innerJoin(merchants, eq(merchants.id, orders.merchantId))
    .where(and(inArray(orders.status, ["paid", "partly_shipped"]), lte(orders.shipBy, ctx.clock.now()), scope ? eq(orders.merchantId, scope) : undefined, gte(orders.shipBy, new Date(0))))
    .orderBy(asc(orders.shipBy)).limit(q.limit);
}

function dayStart(day: string, field: string) {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day) || Number.isNaN(Date.parse(`${day}T00:00:00+08:00`))) throw new ValidationError("DATE_INVALID", "Give dates as YYYY-MM-DD.", { field });
  return new Date(`${day}T00:00:00+08:00`);
}
