import { and, eq, inArray } from "drizzle-orm";
import type { Queryable } from "../../lib/db-types.js";
import { RuleViolation, ValidationError } from "../../server/errors.js";
import { products, productVersions } from "../catalog/schema.js";
import { merchants } from "../merchants/schema.js";
import { maySell } from "../penalties/standing.js";

export interface WantedItem { productId: string; skuCode: string; quantity: number }
export interface PricedLine extends WantedItem {
  merchantId: string; merchantName: string; versionId: string; title: string; options: Record<string, string>;
  imageId: string | null; unitPriceFen: number; lineFen: number; weightGrams: number;
}
export type PricedItem = (PricedLine & { available: true }) | (WantedItem & { available: false; reason: "PRODUCT_UNAVAILABLE" | "SKU_UNKNOWN" });

// O2: what goods cost now, from the live version of products on sale by shops that may
// sell. The cart shows this; checkout refuses anything not available.
export async function priceItems(q: Queryable, now: Date, items: WantedItem[]): Promise<PricedItem[]> {
  const ids = [...new Set(items.map((i) => i.productId))];
  const rows = ids.length ? await q.select({ id: products.id, merchantId: products.merchantId, merchantName: merchants.name, versionId: productVersions.id, content: productVersions.content })
    .from(products).innerJoin(productVersions, eq(productVersions.id, products.liveVersionId)).innerJoin(merchants, eq(merchants.id, products.merchantId))
    .where(and(inArray(products.id, ids), eq(products.status, "listed"), maySell(merchants, now))) : [];
  const byId = new Map(rows.map((r) => [r.id, r]));
  return items.map((i): PricedItem => {
    const p = byId.get(i.productId);
    if (!p) return { ...i, available: false, reason: "PRODUCT_UNAVAILABLE" };
    const sku = p.content.skus.find((s) => s.code === i.skuCode);
    if (!sku) return { ...i, available: false, reason: "SKU_UNKNOWN" };
    return {
      ...i, available: true, merchantId: p.merchantId, merchantName: p.merchantName, versionId: p.versionId, title: p.content.title, options: sku.options,
      imageId: p.content.images[0] ?? null, unitPriceFen: sku.priceFen, lineFen: sku.priceFen * i.quantity, weightGrams: sku.weightGrams * i.quantity,
    };
  });
}

export async function priceForCheckout(q: Queryable, now: Date, items: WantedItem[]): Promise<PricedLine[]> {
  if (!items.length) throw new ValidationError("CHECKOUT_EMPTY", "Choose at least one item to buy.", { field: "items" });
  const priced = await priceItems(q, now, items);
  const gone = priced.filter((p) => !p.available);
  if (gone.length) {
    throw new RuleViolation("ITEMS_UNAVAILABLE", "Some items are no longer on sale. Remove them from your cart and check out again.", { items: gone.map((g) => ({ productId: g.productId, skuCode: g.skuCode, reason: g.available ? null : g.reason })) });
  }
  return priced as PricedLine[];
}
