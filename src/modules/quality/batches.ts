import { and, eq } from "drizzle-orm";
import type { Queryable } from "../../lib/db-types.js";
import type { Ctx } from "../../server/context.js";
import { NotFound } from "../../server/errors.js";
import { products } from "../catalog/schema.js";
import { stockBatches, warehouses } from "../inventory/schema.js";
import { merchants } from "../merchants/schema.js";
import { maskName, openOrderAddress } from "../addresses/service.js";
import type { OrderAddress } from "../orders/schema.js";

// Platform staff see every shop's batches; a shop only its own.
export const batchScope = (ctx: Ctx) => (ctx.actor.merchantId ? eq(stockBatches.merchantId, ctx.actor.merchantId) : undefined);

// A batch with what every quality record shows beside it: product, shop and warehouse.
export async function batchWithFacts(q: Queryable, ctx: Ctx, id: string) {
  const [row] = await q.select({
    b: stockBatches, productTitle: products.title, productStatus: products.status, merchantName: merchants.name, warehouseCode: warehouses.code, warehouseName: warehouses.name,
  }).from(stockBatches)
    .innerJoin(products, eq(products.id, stockBatches.productId))
    .innerJoin(merchants, eq(merchants.id, stockBatches.merchantId))
    .innerJoin(warehouses, eq(warehouses.id, stockBatches.warehouseId))
    .where(and(eq(stockBatches.id, id), batchScope(ctx)));
  if (!row) throw new NotFound("Batch", "BATCH_NOT_FOUND");
  return row;
}

export type BatchFacts = Awaited<ReturnType<typeof batchWithFacts>>;

export const batchRef = (f: BatchFacts) => ({
  id: f.b.id, batchNo: f.b.batchNo, skuCode: f.b.skuCode, warehouse: { id: f.b.warehouseId, code: f.warehouseCode, name: f.warehouseName },
});

// U4: who a buyer is, as quality staff may see it: name and login masked, and the
// recipient of the order's address masked the way addresses are everywhere else.
export function maskedBuyer(ctx: Ctx, user: { displayName: string; loginMasked: string }, address: OrderAddress) {
  const a = openOrderAddress(ctx, address, { masked: true });
  return { name: maskName(user.displayName), login: user.loginMasked, recipient: a.recipient, mobile: a.mobile, region: a.regionName };
}
