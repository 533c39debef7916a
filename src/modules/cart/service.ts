import { and, desc, eq, inArray, or, sql } from "drizzle-orm";
import type { Queryable, Tx } from "../../lib/db-types.js";
import { newId } from "../../lib/ids.js";
import type { Ctx } from "../../server/context.js";
import { NotFound, RuleViolation, ValidationError } from "../../server/errors.js";
import { imageUrls } from "../catalog/images.js";
import { products } from "../catalog/schema.js";
import { stockLevels } from "../inventory/schema.js";
import { merchants } from "../merchants/schema.js";
import { priceItems, type WantedItem } from "../orders/pricing.js";
import { getRule } from "../settings/index.js";
import { cartItems, carts } from "./schema.js";

// One line as the cart holds it: a guest's lines come from the browser (no id).
export interface CartEntry extends WantedItem {
  id: string | null;
  selected: boolean;
  priceFenAtAdd: number | null;
  addedAt: Date | null;
}
export interface GuestItem extends WantedItem { selected?: boolean; priceFenAtAdd?: number }

const keyOf = (i: { productId: string; skuCode: string }) => `${i.productId}/${i.skuCode}`;

async function limits(ctx: Ctx, q?: Queryable) {
  return { maxQuantityPerLine: await getRule(ctx, "cart.maxQuantityPerLine", q), maxLines: await getRule(ctx, "cart.maxLines", q) };
}

const quantityLimit = (limit: number, inCart: number) =>
  new RuleViolation("CART_QUANTITY_LIMIT", `At most ${limit} units of one item fit in a cart${inCart ? ` (${inCart} are there already)` : ""}; lower the quantity.`, { limit, inCart });

function me(ctx: Ctx) {
  if (!ctx.actor.userId) throw new NotFound("Cart", "CART_NOT_FOUND");
  return ctx.actor.userId;
}

// Units that can still be sold, over every warehouse (I1: available = on hand − reserved).
async function stockOf(q: Queryable, items: WantedItem[]) {
  const ids = [...new Set(items.map((i) => i.productId))];
  if (!ids.length) return new Map<string, number>();
  const rows = await q.select({ productId: stockLevels.productId, skuCode: stockLevels.skuCode, available: sql<number>`coalesce(sum(${stockLevels.onHand} - ${stockLevels.reserved}), 0)::int` })
    .from(stockLevels).where(inArray(stockLevels.productId, ids)).groupBy(stockLevels.productId, stockLevels.skuCode);
  return new Map(rows.map((r) => [keyOf(r), r.available]));
}

// What the cart can still say about goods no longer on sale: their name and shop.
async function productFacts(q: Queryable, ids: string[]) {
  if (!ids.length) return new Map<string, { title: string; merchantId: string; merchantName: string; imageId: string | null }>();
  const rows = await q.select({ id: products.id, title: products.title, merchantId: products.merchantId, merchantName: merchants.name, imageId: products.mainImageId })
    .from(products).innerJoin(merchants, eq(merchants.id, products.merchantId)).where(inArray(products.id, ids));
  return new Map(rows.map((r) => [r.id, r]));
}

// O2: the cart priced now, grouped by shop. The price when added only tells the buyer it
// changed; totals count the selected lines that can be bought.
export async function pricedView(ctx: Ctx, entries: CartEntry[], q: Queryable = ctx.db) {
  const priced = await priceItems(q, ctx.clock.now(), entries);
  const stock = await stockOf(q, entries);
  const facts = await productFacts(q, [...new Set(priced.filter((p) => !p.available).map((p) => p.productId))]);
  const lines = entries.map((e, i) => {
    const p = priced[i]!;
    const base = {
      id: e.id, key: keyOf(e), productId: e.productId, skuCode: e.skuCode, quantity: e.quantity, selected: e.selected,
      priceFenAtAdd: e.priceFenAtAdd, stock: stock.get(keyOf(e)) ?? 0, addedAt: e.addedAt,
    };
    if (p.available) {
      return {
        ...base, available: true, reason: null, merchantId: p.merchantId, merchantName: p.merchantName, title: p.title, options: p.options,
        image: p.imageId ? imageUrls(p.imageId) : null, unitPriceFen: p.unitPriceFen, lineFen: p.lineFen,
        priceChanged: e.priceFenAtAdd !== null && e.priceFenAtAdd !== p.unitPriceFen,
      };
    }
    const f = facts.get(e.productId);
    return {
      ...base, available: false, reason: p.reason, merchantId: f?.merchantId ?? null, merchantName: f?.merchantName ?? null, title: f?.title ?? null, options: {},
      image: f?.imageId ? imageUrls(f.imageId) : null, unitPriceFen: null, lineFen: 0, priceChanged: false,
    };
  });
  type Line = (typeof lines)[number];
  const groups = new Map<string, { merchantId: string | null; merchantName: string | null; lines: Line[] }>();
  for (const l of lines) {
    const g = groups.get(l.merchantId ?? "") ?? { merchantId: l.merchantId, merchantName: l.merchantName, lines: [] };
    g.lines.push(l);
    groups.set(l.merchantId ?? "", g);
  }
  const chosen = lines.filter((l) => l.selected && l.available);
  return {
    groups: [...groups.values()],
    totals: { lines: chosen.length, units: chosen.reduce((s, l) => s + l.quantity, 0), itemsFen: chosen.reduce((s, l) => s + l.lineFen, 0) },
    count: lines.reduce((s, l) => s + l.quantity, 0),
    lines: lines.length,
    limits: await limits(ctx, q),
  };
}
export type CartView = Awaited<ReturnType<typeof pricedView>>;

async function entriesOf(q: Queryable, userId: string): Promise<CartEntry[]> {
  return q.select({
    id: cartItems.id, productId: cartItems.productId, skuCode: cartItems.skuCode, quantity: cartItems.quantity, selected: cartItems.selected,
    priceFenAtAdd: cartItems.priceFenAtAdd, addedAt: cartItems.addedAt,
  }).from(cartItems).innerJoin(carts, eq(carts.id, cartItems.cartId)).where(eq(carts.userId, userId)).orderBy(desc(cartItems.addedAt), desc(cartItems.id));
}

export async function getCart(ctx: Ctx) {
  return pricedView(ctx, await entriesOf(ctx.db, me(ctx)));
}

// The buyer's cart row, made on first use. The upsert also locks it: writes to one cart
// take turns, so the line limit holds.
async function cartIdFor(tx: Tx, userId: string, now: Date) {
  const [row] = await tx.insert(carts).values({ id: newId(), userId, createdAt: now, updatedAt: now })
    .onConflictDoUpdate({ target: carts.userId, set: { updatedAt: now } }).returning({ id: carts.id });
  return row!.id;
}

const mine = (userId: string) => inArray(cartItems.cartId, sql`(select ${carts.id} from ${carts} where ${carts.userId} = ${userId})`);

// Adds to the line of the same SKU if there is one; over the per-line limit the cart
// refuses rather than silently keeping less than the buyer asked for.
export async function addItem(ctx: Ctx, input: WantedItem) {
  const userId = me(ctx);
  const now = ctx.clock.now();
  const lim = await limits(ctx);
  if (input.quantity > lim.maxQuantityPerLine) throw quantityLimit(lim.maxQuantityPerLine, 0);
  const [p] = await priceItems(ctx.db, now, [input]);
  if (!p!.available) {
    if (p!.reason === "SKU_UNKNOWN") throw new ValidationError("SKU_UNKNOWN", `This product has no variant "${input.skuCode}"; choose one of the options shown.`, { field: "skuCode" });
    throw new RuleViolation("PRODUCT_UNAVAILABLE", "This product is not on sale at the moment, so it cannot go into the cart.", { productId: input.productId });
  }
  const unitPriceFen = p!.unitPriceFen;
  await ctx.db.transaction(async (tx) => {
    const cartId = await cartIdFor(tx, userId, now);
    const [state] = await tx.select({
      lines: sql<number>`count(*)::int`,
      has: sql<boolean>`coalesce(bool_or(${cartItems.productId} = ${input.productId} and ${cartItems.skuCode} = ${input.skuCode}), false)`,
    }).from(cartItems).where(eq(cartItems.cartId, cartId));
    if (!state!.has && state!.lines >= lim.maxLines) {
      throw new RuleViolation("CART_FULL", `A cart holds at most ${lim.maxLines} different items; remove some before adding more.`, { limit: lim.maxLines });
    }
    const [row] = await tx.insert(cartItems).values({
      id: newId(), cartId, productId: input.productId, skuCode: input.skuCode, quantity: input.quantity, selected: true, priceFenAtAdd: unitPriceFen, addedAt: now, updatedAt: now,
    }).onConflictDoUpdate({
      target: [cartItems.cartId, cartItems.productId, cartItems.skuCode],
      // The buyer has just seen today's price: changes are told from here on.
      set: { quantity: sql`${cartItems.quantity} + excluded.quantity`, priceFenAtAdd: sql`excluded.price_fen_at_add`, selected: true, updatedAt: now },
      setWhere: sql`${cartItems.quantity} + excluded.quantity <= ${lim.maxQuantityPerLine}`,
    }).returning({ id: cartItems.id });
    if (!row) {
      const [held] = await tx.select({ quantity: cartItems.quantity }).from(cartItems)
        .where(and(eq(cartItems.cartId, cartId), eq(cartItems.productId, input.productId), eq(cartItems.skuCode, input.skuCode)));
      throw quantityLimit(lim.maxQuantityPerLine, held?.quantity ?? 0);
    }
  });
  return getCart(ctx);
}

export async function updateItem(ctx: Ctx, id: string, input: { quantity?: number; selected?: boolean }) {
  const userId = me(ctx);
  if (input.quantity !== undefined) {
    const { maxQuantityPerLine } = await limits(ctx);
    if (input.quantity > maxQuantityPerLine) throw quantityLimit(maxQuantityPerLine, 0);
  }
  const [row] = await ctx.db.update(cartItems).set({
    ...(input.quantity !== undefined ? { quantity: input.quantity } : {}), ...(input.selected !== undefined ? { selected: input.selected } : {}), updatedAt: ctx.clock.now(),
  }).where(and(eq(cartItems.id, id), mine(userId))).returning({ id: cartItems.id });
  if (!row) throw new NotFound("Cart item", "CART_ITEM_NOT_FOUND");
  return getCart(ctx);
}

// Ticks or unticks several lines at once (a shop's, or all of them when no ids are given).
export async function selectItems(ctx: Ctx, input: { itemIds?: string[]; selected: boolean }) {
  const userId = me(ctx);
  await ctx.db.update(cartItems).set({ selected: input.selected, updatedAt: ctx.clock.now() })
    .where(and(mine(userId), input.itemIds ? inArray(cartItems.id, input.itemIds) : undefined));
  return getCart(ctx);
}

export async function removeItem(ctx: Ctx, id: string) {
  const [row] = await ctx.db.delete(cartItems).where(and(eq(cartItems.id, id), mine(me(ctx)))).returning({ id: cartItems.id });
  if (!row) throw new NotFound("Cart item", "CART_ITEM_NOT_FOUND");
  return getCart(ctx);
}

// One line per SKU, quantities added up, as the cart would hold them.
function combine(items: GuestItem[], cap: number) {
  const byKey = new Map<string, GuestItem & { selected: boolean }>();
  for (const i of items) {
    const seen = byKey.get(keyOf(i));
    if (seen) {
      seen.quantity = Math.min(cap, seen.quantity + i.quantity);
      seen.selected ||= i.selected ?? true;
    } else {
      byKey.set(keyOf(i), { ...i, quantity: Math.min(cap, i.quantity), selected: i.selected ?? true });
    }
  }
  return [...byKey.values()];
}

// A guest's cart joins the buyer's at sign-in: quantities add up to the per-line limit,
// goods no longer on sale and lines beyond the cart's size are left out and reported.
export async function mergeCart(ctx: Ctx, items: GuestItem[]) {
  const userId = me(ctx);
  const now = ctx.clock.now();
  const lim = await limits(ctx);
  const wanted = combine(items, lim.maxQuantityPerLine);
  const priced = await priceItems(ctx.db, now, wanted);
  const skipped: { productId: string; skuCode: string; reason: string }[] = [];
  const onSale: (GuestItem & { selected: boolean; priceFenAtAdd: number })[] = [];
  wanted.forEach((w, i) => {
    const p = priced[i]!;
    if (p.available) onSale.push({ ...w, priceFenAtAdd: w.priceFenAtAdd ?? p.unitPriceFen });
    else skipped.push({ productId: w.productId, skuCode: w.skuCode, reason: p.reason });
  });
  const merged = await ctx.db.transaction(async (tx) => {
    const cartId = await cartIdFor(tx, userId, now);
    const held = new Set((await tx.select({ productId: cartItems.productId, skuCode: cartItems.skuCode }).from(cartItems).where(eq(cartItems.cartId, cartId))).map(keyOf));
    let room = lim.maxLines - held.size;
    const rows = onSale.filter((i) => {
      if (held.has(keyOf(i))) return true;
      if (room > 0) {
        room -= 1;
        return true;
      }
      skipped.push({ productId: i.productId, skuCode: i.skuCode, reason: "CART_FULL" });
      return false;
    });
    if (!rows.length) return 0;
    await tx.insert(cartItems).values(rows.map((i) => ({
      id: newId(), cartId, productId: i.productId, skuCode: i.skuCode, quantity: i.quantity, selected: i.selected, priceFenAtAdd: i.priceFenAtAdd, addedAt: now, updatedAt: now,
    }))).onConflictDoUpdate({
      target: [cartItems.cartId, cartItems.productId, cartItems.skuCode],
      set: { quantity: sql`least(${cartItems.quantity} + excluded.quantity, ${lim.maxQuantityPerLine}::int)`, updatedAt: now },
    });
    return rows.length;
  });
  return { merged, skipped, cart: await getCart(ctx) };
}

// A guest's cart priced like a buyer's, without storing anything.
export async function quoteCart(ctx: Ctx, items: GuestItem[]) {
  return pricedView(ctx, items.map((i) => ({ ...i, id: null, selected: i.selected ?? true, priceFenAtAdd: i.priceFenAtAdd ?? null, addedAt: null })));
}

// Checkout takes the goods it ordered out of the buyer's cart, in its own transaction.
export async function removeCartItems(tx: Tx, userId: string, items: { productId: string; skuCode: string }[]) {
  if (!items.length) return;
  await tx.delete(cartItems).where(and(
    mine(userId),
    or(...items.map((i) => and(eq(cartItems.productId, i.productId), eq(cartItems.skuCode, i.skuCode)))),
  ));
}
