import { and, asc, eq, gte, inArray, sql } from "drizzle-orm";
import type { Queryable, Tx } from "../../lib/db-types.js";
import { sha256 } from "../../lib/crypto.js";
import { newId } from "../../lib/ids.js";
import type { Ctx } from "../../server/context.js";
import { NotFound, RuleViolation, ValidationError } from "../../server/errors.js";
import { sequenceNumber } from "../../server/numbers.js";
import { orderAddress } from "../addresses/service.js";
import { removeCartItems } from "../cart/service.js";
import { reserveStock } from "../inventory/index.js";
import { feeFor, shippingRulesOf } from "../logistics/fees.js";
import { getRule } from "../settings/index.js";
import { priceForCheckout, type PricedLine, type WantedItem } from "./pricing.js";
import { checkouts, orderEvents, orderLines, orders } from "./schema.js";
import { unpaidDeadline } from "./service.js";

const HOLD_GRACE_MINUTES = 5;

export interface CheckoutInput {
  idempotencyKey: string;
  addressId: string;
  items: WantedItem[];
  notes?: Record<string, string>;
  deviceId?: string | null;
}

// The same content always gives the same digest, whatever order the items came in.
function requestDigest(input: CheckoutInput) {
  const items = [...input.items].sort((a, b) => `${a.productId}/${a.skuCode}`.localeCompare(`${b.productId}/${b.skuCode}`));
  return sha256(JSON.stringify({ a: input.addressId, i: items.map((i) => [i.productId, i.skuCode, i.quantity]), n: Object.entries(input.notes ?? {}).sort() }));
}

// O2: one submitted checkout becomes one order per shop, priced anew, with its shipping
// fee, its stock held (I2) and its payment deadline (O4), all in one transaction. The
// buyer's Idempotency-Key makes a retried submit return the first result: a lost
// response or a double click never places a second order.
export async function placeCheckout(ctx: Ctx, input: CheckoutInput) {
  const digest = requestDigest(input);
  const seen = await findCheckout(ctx, input.idempotencyKey, digest);
  if (seen) return seen;
  const merged = mergeItems(input.items);
  const limit = await getRule(ctx, "cart.maxQuantityPerLine");
  for (const i of merged) {
    if (i.quantity > limit) throw new RuleViolation("CART_QUANTITY_LIMIT", `At most ${limit} units of one item per order.`, { limit, productId: i.productId, skuCode: i.skuCode });
  }
  const id = await ctx.db.transaction(async (tx) => {
    const now = ctx.clock.now();
    // One checkout of a buyer at a time: the daily limit (F4) counts what the others placed.
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`checkout:${ctx.actor.userId}`}))`);
    const address = await orderAddress(tx, ctx, input.addressId);
    const [created] = await tx.insert(checkouts).values({
      id: newId(), buyerId: ctx.actor.userId!, idempotencyKey: input.idempotencyKey, requestDigest: digest, totalFen: 0,
      addressDigest: address.digest, deviceDigest: input.deviceId ? ctx.sealer.digest(`device:${input.deviceId}`) : null, createdAt: now,
    }).onConflictDoNothing().returning();
    // The same key committed by a concurrent submit: that one's orders are the answer.
    if (!created) return null;
    const { parts, totalFen } = await quote(tx, now, address.provinceCode, merged);
    await assertWithinLimits(tx, ctx, totalFen);
    const payDeadline = await unpaidDeadline(ctx, tx);
    // The hold outlives the payment deadline by a few minutes, so that the auto-cancel job
    // (which first asks the provider about a late notification) decides, not the hold's timer.
    const minutes = (await getRule(ctx, "order.autoCancelMinutes", tx)) + HOLD_GRACE_MINUTES;
    for (const p of parts) {
      const orderId = newId();
      const reservation = await reserveStock(tx, ctx, {
        referenceType: "order", referenceId: orderId, minutes, oneWarehouse: true,
        lines: p.lines.map((l) => ({ productId: l.productId, skuCode: l.skuCode, quantity: l.quantity })),
      });
      await tx.insert(orders).values({
        id: orderId, no: await sequenceNumber(tx, "order_no_seq", "", now), checkoutId: created.id, buyerId: ctx.actor.userId!, merchantId: p.merchantId,
        status: "pending_payment", itemsFen: p.itemsFen, shippingFen: p.shippingFen, totalFen: p.totalFen, address,
        warehouseId: reservation.lines[0]?.warehouseId ?? null, reservationId: reservation.id, buyerNote: input.notes?.[p.merchantId]?.slice(0, 200) || null,
        payDeadline, createdAt: now, updatedAt: now,
      });
      await tx.insert(orderLines).values(p.lines.map((l) => ({
        id: newId(), orderId, productId: l.productId, versionId: l.versionId, skuCode: l.skuCode, title: l.title, options: l.options, imageKey: l.imageId,
        unitPriceFen: l.unitPriceFen, quantity: l.quantity, lineFen: l.lineFen, weightGrams: l.weightGrams,
      })));
      await tx.insert(orderEvents).values({
        id: newId(), orderId, event: "place", fromStatus: null, toStatus: "pending_payment", actorUserId: ctx.actor.userId, actorKind: ctx.actor.kind, actorLabel: ctx.actor.label, reason: null, at: now,
      });
    }
    await tx.update(checkouts).set({ totalFen }).where(eq(checkouts.id, created.id));
    await removeCartItems(tx, ctx.actor.userId!, merged);
    return created.id;
  });
  if (id) return checkoutView(ctx, id, true);
  const again = await findCheckout(ctx, input.idempotencyKey, digest);
  if (!again) throw new Error("checkout vanished after a conflicting insert");
  return again;
}

// O2: what the checkout will cost, shop by shop, shipping included: the same computation
// for the preview the buyer sees and for the orders placed.
async function quote(q: Queryable, now: Date, provinceCode: string, items: WantedItem[]) {
  const lines = await priceForCheckout(q, now, items);
  const byShop = new Map<string, PricedLine[]>();
  for (const l of lines) byShop.set(l.merchantId, [...(byShop.get(l.merchantId) ?? []), l]);
  const rules = await shippingRulesOf(q, [...byShop.keys()]);
  const parts = [...byShop.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([merchantId, ls]) => {
    const itemsFen = ls.reduce((n, l) => n + l.lineFen, 0);
    const shippingFen = feeFor(rules.get(merchantId)!, provinceCode, ls.reduce((n, l) => n + l.weightGrams, 0), itemsFen);
    return { merchantId, merchantName: ls[0]!.merchantName, lines: ls, itemsFen, shippingFen, totalFen: itemsFen + shippingFen };
  });
  return { parts, totalFen: parts.reduce((n, p) => n + p.totalFen, 0) };
}

export async function previewCheckout(ctx: Ctx, input: { addressId: string; items: WantedItem[] }) {
  const address = await orderAddress(ctx.db, ctx, input.addressId);
  const { parts, totalFen } = await quote(ctx.db, ctx.clock.now(), address.provinceCode, mergeItems(input.items));
  return { totalFen, shops: parts, payDeadlineMinutes: await getRule(ctx, "order.autoCancelMinutes") };
}

function mergeItems(items: WantedItem[]): WantedItem[] {
  const m = new Map<string, WantedItem>();
  for (const i of items) {
    if (!Number.isInteger(i.quantity) || i.quantity <= 0) throw new ValidationError("QUANTITY_INVALID", "Enter a whole number of units above zero.", { field: "items", productId: i.productId });
    const k = `${i.productId}/${i.skuCode}`;
    const had = m.get(k);
    m.set(k, had ? { ...had, quantity: had.quantity + i.quantity } : { ...i });
  }
  return [...m.values()];
}

async function findCheckout(ctx: Ctx, key: string, digest: string) {
  const [c] = await ctx.db.select().from(checkouts).where(and(eq(checkouts.buyerId, ctx.actor.userId!), eq(checkouts.idempotencyKey, key)));
  if (!c) return null;
  if (c.requestDigest !== digest) {
    throw new RuleViolation("IDEMPOTENCY_KEY_REUSED", "This Idempotency-Key was already used for a different checkout. Send a new key for a new checkout.", { checkoutId: c.id });
  }
  return checkoutView(ctx, c.id, false);
}

// F4: what one payment may carry, and what one buyer may pay in a Shanghai day.
async function assertWithinLimits(tx: Tx, ctx: Ctx, totalFen: number) {
  const perPayment = (await getRule(ctx, "payment.maxOrderYuan", tx)) * 100;
  if (totalFen > perPayment) {
    throw new RuleViolation("PAYMENT_LIMIT_EXCEEDED", `One payment may not exceed ¥${perPayment / 100}. Split the purchase into smaller checkouts.`, { limitFen: perPayment, totalFen });
  }
  const perDay = (await getRule(ctx, "payment.maxBuyerDailyYuan", tx)) * 100;
  const [{ spent }] = await tx.select({ spent: sql<string>`coalesce(sum(${orders.totalFen}), 0)` }).from(orders)
    .where(and(eq(orders.buyerId, ctx.actor.userId!), gte(orders.createdAt, shanghaiMidnight(ctx.clock.now())), inArray(orders.status, ["pending_payment", "paid", "partly_shipped", "shipped", "delivered", "completed"]))) as [{ spent: string }];
  if (Number(spent) + totalFen > perDay) {
    throw new RuleViolation("DAILY_LIMIT_EXCEEDED", `You can pay at most ¥${perDay / 100} a day; ¥${(Number(spent) / 100).toFixed(2)} is already ordered today. Try again tomorrow or contact customer service.`, { limitFen: perDay, spentFen: Number(spent), totalFen });
  }
}

export function shanghaiMidnight(now: Date) {
  const day = new Intl.DateTimeFormat("sv-SE", { timeZone: "Asia/Shanghai" }).format(now);
  return new Date(`${day}T00:00:00+08:00`);
}

export async function checkoutView(ctx: Ctx, checkoutId: string, created: boolean) {
  const [c] = await ctx.db.select().from(checkouts).where(and(eq(checkouts.id, checkoutId), eq(checkouts.buyerId, ctx.actor.userId!)));
  if (!c) throw new NotFound("Checkout", "CHECKOUT_NOT_FOUND");
  const os = await ctx.db.select({ id: orders.id, no: orders.no, merchantId: orders.merchantId, status: orders.status, itemsFen: orders.itemsFen, shippingFen: orders.shippingFen, totalFen: orders.totalFen, payDeadline: orders.payDeadline })
    .from(orders).where(eq(orders.checkoutId, c.id)).orderBy(asc(orders.no));
  return { id: c.id, created, totalFen: c.totalFen, createdAt: c.createdAt, orders: os };
}
