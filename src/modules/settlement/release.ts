import { eq, inArray } from "drizzle-orm";
import type { Tx } from "../../lib/db-types.js";
import { newId } from "../../lib/ids.js";
import { fen, percentOf } from "../../lib/money.js";
import type { Ctx } from "../../server/context.js";
import { effectiveCategory } from "../catalog/categories.js";
import { products } from "../catalog/schema.js";
import { accounts, escrowOf, post } from "../ledger/service.js";
import { orderLines } from "../orders/schema.js";
import type { Order } from "../orders/service.js";
import { escrowReleases } from "./schema.js";

// Shares `total` out over `weights` in whole 分, the remainders going to the largest
// fractions, so that the parts always add up to the total.
export function shareOut(total: number, weights: number[]): number[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  if (!sum) return weights.map(() => 0);
  const exact = weights.map((w) => (total * w) / sum);
  const parts = exact.map(Math.floor);
  let left = total - parts.reduce((a, b) => a + b, 0);
  const order = exact.map((e, i) => ({ i, frac: e - Math.floor(e) })).sort((a, b) => b.frac - a.frac || a.i - b.i);
  for (const { i } of order) { if (left-- <= 0) break; parts[i]! += 1; }
  return parts;
}

// F3: a completed order's escrow goes to its shop, less the platform's commission (P1: a
// rate per category, inherited down the tree). The base is what is left in escrow less the
// shipping fee (partial refunds come off the goods), shared over the lines by their value;
// shipping carries no commission. One posting per order, in the completing transaction.
export async function releaseEscrow(tx: Tx, ctx: Ctx, order: Order) {
  const held = (await escrowOf(tx, [order.id])).get(order.id) ?? 0;
  if (held <= 0) return null;
  const lines = await tx.select({ id: orderLines.id, lineFen: orderLines.lineFen, productId: orderLines.productId }).from(orderLines).where(eq(orderLines.orderId, order.id));
  const cats = await tx.select({ id: products.id, categoryId: products.categoryId }).from(products).where(inArray(products.id, lines.map((l) => l.productId)));
  const rates = new Map<string, { key: string; bps: number }>();
  for (const c of new Set(cats.map((c) => c.categoryId))) {
    const e = await effectiveCategory(tx, c);
    rates.set(c, { key: e.key, bps: e.commissionBps ?? 0 });
  }
  const goods = Math.max(0, held - order.shippingFen);
  const bases = shareOut(goods, lines.map((l) => l.lineFen));
  const commissionLines = lines.map((l, i) => {
    const rate = rates.get(cats.find((c) => c.id === l.productId)!.categoryId)!;
    return { orderLineId: l.id, categoryKey: rate.key, baseFen: bases[i]!, bps: rate.bps, commissionFen: percentOf(fen(bases[i]!), rate.bps) };
  });
  const commission = commissionLines.reduce((n, l) => n + l.commissionFen, 0);
  const payable = held - commission;
  const now = ctx.clock.now();
  const [row] = await tx.insert(escrowReleases).values({
    id: newId(), orderId: order.id, merchantId: order.merchantId, releasedFen: held, commissionFen: commission, payableFen: payable, commissionLines, releasedAt: now,
  }).onConflictDoNothing().returning();
  if (!row) return null;
  await post(tx, ctx, {
    kind: "escrow.release", referenceType: "order", referenceId: order.id, memo: `Order ${order.no} completed`,
    entries: [
      { account: accounts.escrow, amountFen: held, orderId: order.id, merchantId: order.merchantId },
      { account: accounts.merchantPayable(order.merchantId), amountFen: -payable, orderId: order.id },
      { account: accounts.platformCommission, amountFen: -commission, orderId: order.id, merchantId: order.merchantId },
    ],
  });
  return row;
}
