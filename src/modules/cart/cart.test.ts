import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { world, type World } from "../../../test/support/world.js";
import { rowsOf } from "../../lib/db-types.js";
import { publishRule } from "../settings/index.js";
import { removeCartItems } from "./index.js";

let w: World;
let buyer: string;
let other: string;
let tea: string;
let bamboo: string;
const ids: Record<string, string> = {};
beforeAll(async () => {
  w = await world({ seed: true });
  [buyer, other, tea, bamboo] = [await w.loginAs("buyer@example.com"), await w.loginAs("13800138000"), await w.loginAs("owner@tea-house.example"), await w.loginAs("owner@bamboo.example")];
  for (const r of rowsOf<{ id: string; title: string }>(await w.services.db.execute(sql`select id, title from products`))) ids[r.title.split(" ")[0]!] = r.id;
});
afterAll(async () => { await w?.close(); });

// The demo shops' goods (see src/demo/seed.ts): 西湖龙井 LJ-250 ¥688 / LJ-500 ¥1280, 楠竹砧板 CB-M / CB-L, 竹制餐具套装 CS-4 / CS-8.
const longjing = () => ids["西湖龙井"]!;
const board = () => ids["楠竹砧板"]!;
const cutlery = () => ids["竹制餐具套装"]!;

interface Line { id: string; productId: string; skuCode: string; quantity: number; selected: boolean; available: boolean; reason: string | null; title: string | null; unitPriceFen: number | null; priceFenAtAdd: number | null; priceChanged: boolean; lineFen: number; stock: number }
interface Cart { groups: { merchantId: string; merchantName: string; lines: Line[] }[]; totals: { lines: number; units: number; itemsFen: number }; count: number; lines: number; limits: { maxQuantityPerLine: number; maxLines: number } }

const cart = async (token: string) => (await w.http("GET", "/api/v1/me/cart", { token })).body as Cart;
const linesOf = (c: Cart) => c.groups.flatMap((g) => g.lines);
const line = (c: Cart, productId: string, skuCode: string) => linesOf(c).find((l) => l.productId === productId && l.skuCode === skuCode);
const add = (token: string, productId: string, skuCode: string, quantity: number) => w.http("POST", "/api/v1/me/cart/items", { token, body: { productId, skuCode, quantity } });
async function empty(token: string) {
  for (const l of linesOf(await cart(token))) expect((await w.http("DELETE", `/api/v1/me/cart/items/${l.id}`, { token })).status).toBe(200);
}

describe("O2 cart", () => {
  it("O2 adds to the line of the same SKU, up to the per-line limit, and groups lines by shop with stock and the selected total", async () => {
    expect(await cart(buyer)).toMatchObject({ groups: [], count: 0, totals: { itemsFen: 0 }, limits: { maxQuantityPerLine: 99, maxLines: 100 } });
    expect((await add(buyer, longjing(), "LJ-250", 2)).status).toBe(201);
    const again = await add(buyer, longjing(), "LJ-250", 3);
    expect(line(again.body, longjing(), "LJ-250")).toMatchObject({ quantity: 5, unitPriceFen: 68_800, lineFen: 344_000, available: true, priceChanged: false });
    expect(again.body.lines).toBe(1);

    const over = await add(buyer, longjing(), "LJ-250", 95);
    expect(over.status).toBe(409);
    expect(over.body.error).toMatchObject({ code: "CART_QUANTITY_LIMIT", details: { limit: 99, inCart: 5 } });
    expect((await add(buyer, longjing(), "LJ-500", 100)).body.error).toMatchObject({ code: "CART_QUANTITY_LIMIT", details: { limit: 99 } });
    expect(line(await cart(buyer), longjing(), "LJ-250")!.quantity).toBe(5);
    expect((await add(buyer, longjing(), "LJ-250", 94)).status).toBe(201);
    expect((await add(buyer, longjing(), "LJ-250", 1)).body.error.code).toBe("CART_QUANTITY_LIMIT");
    const [lj] = linesOf(await cart(buyer));
    expect((await w.http("PATCH", `/api/v1/me/cart/items/${lj!.id}`, { token: buyer, body: { quantity: 100 } })).body.error.code).toBe("CART_QUANTITY_LIMIT");
    expect((await w.http("PATCH", `/api/v1/me/cart/items/${lj!.id}`, { token: buyer, body: { quantity: 0 } })).status).toBe(400);
    expect(line((await w.http("PATCH", `/api/v1/me/cart/items/${lj!.id}`, { token: buyer, body: { quantity: 2 } })).body, longjing(), "LJ-250")!.quantity).toBe(2);

    await add(buyer, board(), "CB-L", 5);
    await add(buyer, cutlery(), "CS-8", 1);
    let c = await cart(buyer);
    expect(c.groups.map((g) => g.merchantName)).toEqual(["竹韵家居 Bamboo Home", "西湖茶舍 West Lake Tea House"]);
    expect(c.groups[0]!.lines.map((l) => l.skuCode)).toEqual(["CS-8", "CB-L"]);
    // Stock over every warehouse: 3 chopping boards in stock, no 8-piece cutlery sets at all.
    expect(line(c, board(), "CB-L")!.stock).toBe(3);
    expect(line(c, cutlery(), "CS-8")!.stock).toBe(0);
    expect(line(c, longjing(), "LJ-250")!.stock).toBeGreaterThan(0);
    expect(c.totals).toEqual({ lines: 3, units: 8, itemsFen: 2 * 68_800 + 5 * 8_900 + 6_900 });
    expect(c.count).toBe(8);

    // Unticked lines leave the total; a shop's lines are ticked at once.
    const bambooIds = c.groups[0]!.lines.map((l) => l.id);
    c = (await w.http("POST", "/api/v1/me/cart/selection", { token: buyer, body: { itemIds: bambooIds, selected: false } })).body;
    expect(c.totals).toEqual({ lines: 1, units: 2, itemsFen: 2 * 68_800 });
    c = (await w.http("PATCH", `/api/v1/me/cart/items/${bambooIds[0]}`, { token: buyer, body: { selected: true } })).body;
    expect(c.totals.itemsFen).toBe(2 * 68_800 + 6_900);
    c = (await w.http("POST", "/api/v1/me/cart/selection", { token: buyer, body: { selected: true } })).body;
    expect(c.totals.lines).toBe(3);
    await empty(buyer);
  });

  it("O2 an unknown SKU is refused with 400, a product not on sale with 409; a line whose product leaves sale is flagged, not counted", async () => {
    const unknown = await add(buyer, longjing(), "LJ-999", 1);
    expect(unknown.status).toBe(400);
    expect(unknown.body.error).toMatchObject({ code: "SKU_UNKNOWN", details: { field: "skuCode" } });
    expect((await add(buyer, "01a20b81-0000-7000-8000-000000000000", "X", 1)).body.error.code).toBe("PRODUCT_UNAVAILABLE");

    await add(buyer, board(), "CB-M", 2);
    await add(buyer, longjing(), "LJ-250", 1);
    expect((await w.http("POST", `/api/v1/merchant/products/${board()}/delist`, { token: bamboo, body: { reason: "换季下架" } })).status).toBe(200);
    try {
      const c = await cart(buyer);
      expect(line(c, board(), "CB-M")).toMatchObject({ available: false, reason: "PRODUCT_UNAVAILABLE", title: "楠竹砧板 加厚 Bamboo chopping board", unitPriceFen: null, lineFen: 0, quantity: 2 });
      expect(c.groups.find((g) => g.lines.some((l) => l.productId === board()))!.merchantName).toBe("竹韵家居 Bamboo Home");
      expect(c.totals).toEqual({ lines: 1, units: 1, itemsFen: 68_800 });
      const refused = await add(buyer, board(), "CB-M", 1);
      expect(refused.status).toBe(409);
      expect(refused.body.error.code).toBe("PRODUCT_UNAVAILABLE");
    } finally {
      expect((await w.http("POST", `/api/v1/merchant/products/${board()}/relist`, { token: bamboo })).status).toBe(200);
    }
    expect(line(await cart(buyer), board(), "CB-M")).toMatchObject({ available: true, unitPriceFen: 6_900 });
    await empty(buyer);
  });

  it("O2 a price that changed since the item was added is flagged; the cart always shows today's price", async () => {
    await add(buyer, longjing(), "LJ-500", 1);
    const product = (await w.http("GET", `/api/v1/merchant/products/${longjing()}`, { token: tea })).body;
    const content = product.live.content;
    const cheaper = { ...content, skus: content.skus.map((s: { code: string; priceFen: number }) => (s.code === "LJ-500" ? { ...s, priceFen: 118_000 } : s)) };
    expect((await w.http("PUT", `/api/v1/merchant/products/${longjing()}`, { token: tea, body: cheaper })).status).toBe(200);
    expect((await w.http("POST", `/api/v1/merchant/products/${longjing()}/submit`, { token: tea })).body.status).toBe("listed");
    expect(line(await cart(buyer), longjing(), "LJ-500")).toMatchObject({ priceFenAtAdd: 128_000, unitPriceFen: 118_000, priceChanged: true, lineFen: 118_000 });
    expect((await cart(buyer)).totals.itemsFen).toBe(118_000);
    // Adding it again, the buyer has seen the new price.
    expect(line((await add(buyer, longjing(), "LJ-500", 1)).body, longjing(), "LJ-500")).toMatchObject({ quantity: 2, priceFenAtAdd: 118_000, priceChanged: false });
    await empty(buyer);
  });

  it("O2 a guest's cart is priced without storing anything, and merges at sign-in: quantities add up to the limit, goods not on sale are reported", async () => {
    const before = rowsOf<{ n: number }>(await w.services.db.execute(sql`select count(*)::int as n from cart_items`))[0]!.n;
    const quote = await w.http("POST", "/api/v1/cart/quote", {
      body: { items: [{ productId: longjing(), skuCode: "LJ-250", quantity: 2, priceFenAtAdd: 60_000 }, { productId: board(), skuCode: "CB-M", quantity: 1, selected: false }, { productId: board(), skuCode: "XX", quantity: 1 }] },
    });
    expect(quote.status).toBe(200);
    const q = quote.body as Cart;
    expect(line(q, longjing(), "LJ-250")).toMatchObject({ id: null, priceChanged: true, unitPriceFen: 68_800, lineFen: 137_600 });
    expect(line(q, board(), "XX")).toMatchObject({ available: false, reason: "SKU_UNKNOWN" });
    expect(q.totals).toEqual({ lines: 1, units: 2, itemsFen: 137_600 });
    expect(rowsOf<{ n: number }>(await w.services.db.execute(sql`select count(*)::int as n from cart_items`))[0]!.n).toBe(before);

    await add(buyer, longjing(), "LJ-250", 5);
    await add(buyer, board(), "CB-L", 1);
    expect((await w.http("POST", `/api/v1/merchant/products/${cutlery()}/delist`, { token: bamboo, body: { reason: "盘点" } })).status).toBe(200);
    try {
      const merged = await w.http("POST", "/api/v1/me/cart/merge", {
        token: buyer,
        body: {
          items: [
            { productId: longjing(), skuCode: "LJ-250", quantity: 97 },
            { productId: board(), skuCode: "CB-M", quantity: 2, selected: false },
            { productId: board(), skuCode: "CB-M", quantity: 2 },
            { productId: cutlery(), skuCode: "CS-4", quantity: 1 },
            { productId: longjing(), skuCode: "NOPE", quantity: 1 },
          ],
        },
      });
      expect(merged.status).toBe(200);
      expect(merged.body.merged).toBe(2);
      expect(merged.body.skipped).toEqual(expect.arrayContaining([
        { productId: cutlery(), skuCode: "CS-4", reason: "PRODUCT_UNAVAILABLE" }, { productId: longjing(), skuCode: "NOPE", reason: "SKU_UNKNOWN" },
      ]));
      const c = merged.body.cart as Cart;
      expect(line(c, longjing(), "LJ-250")!.quantity).toBe(99);
      expect(line(c, board(), "CB-M")).toMatchObject({ quantity: 4, selected: true });
      expect(line(c, board(), "CB-L")!.quantity).toBe(1);
      expect(line(c, cutlery(), "CS-4")).toBeUndefined();
      // Merging the same guest cart twice (a retried request) still stays within the limit.
      const twice = await w.http("POST", "/api/v1/me/cart/merge", { token: buyer, body: { items: [{ productId: longjing(), skuCode: "LJ-250", quantity: 50 }] } });
      expect(line(twice.body.cart, longjing(), "LJ-250")!.quantity).toBe(99);
    } finally {
      await w.http("POST", `/api/v1/merchant/products/${cutlery()}/relist`, { token: bamboo });
    }
    expect((await w.http("POST", "/api/v1/me/cart/merge", { token: buyer, body: { items: Array.from({ length: 101 }, () => ({ productId: longjing(), skuCode: "LJ-250", quantity: 1 })) } })).status).toBe(400);
    await empty(buyer);
  });

  it("O2 one buyer cannot see, change or remove another buyer's lines", async () => {
    await add(buyer, longjing(), "LJ-250", 1);
    const mine = linesOf(await cart(buyer))[0]!;
    expect(linesOf(await cart(other))).toEqual([]);
    for (const [method, body] of [["PATCH", { quantity: 50 }], ["PATCH", { selected: false }], ["DELETE", undefined]] as const) {
      const r = await w.http(method, `/api/v1/me/cart/items/${mine.id}`, { token: other, body });
      expect(r.status).toBe(404);
      expect(r.body.error.code).toBe("CART_ITEM_NOT_FOUND");
    }
    await w.http("POST", "/api/v1/me/cart/selection", { token: other, body: { itemIds: [mine.id], selected: false } });
    expect(linesOf(await cart(buyer))[0]).toMatchObject({ id: mine.id, quantity: 1, selected: true });
    // Shops and staff have no cart; visitors only the quote.
    expect((await w.http("GET", "/api/v1/me/cart", { token: tea })).status).toBe(403);
    expect((await w.http("POST", "/api/v1/me/cart/items", { body: { productId: longjing(), skuCode: "LJ-250", quantity: 1 } })).status).toBe(401);
    await empty(buyer);
  });

  it("O2 checkout takes what it ordered out of the buyer's cart and nobody else's", async () => {
    await add(buyer, longjing(), "LJ-250", 1);
    await add(buyer, board(), "CB-M", 1);
    await add(other, longjing(), "LJ-250", 3);
    const me = (await w.http("GET", "/api/v1/auth/me", { token: buyer })).body.user.id as string;
    await w.services.db.transaction((tx) => removeCartItems(tx, me, [{ productId: longjing(), skuCode: "LJ-250" }]));
    expect(linesOf(await cart(buyer)).map((l) => l.skuCode)).toEqual(["CB-M"]);
    expect(linesOf(await cart(other)).map((l) => [l.skuCode, l.quantity])).toEqual([["LJ-250", 3]]);
    await empty(buyer);
    await empty(other);
  });

  it("O2 the limits are platform rules: fewer lines or units once an operator changes them", async () => {
    await publishRule(w.system, { key: "cart.maxLines", value: 2, reason: "test: small carts" });
    await publishRule(w.system, { key: "cart.maxQuantityPerLine", value: 10, reason: "test: few units" });
    w.clock.advance({ days: 8 });
    const token = await w.loginAs("buyer@example.com");
    expect((await cart(token)).limits).toEqual({ maxQuantityPerLine: 10, maxLines: 2 });
    expect((await add(token, longjing(), "LJ-250", 11)).body.error).toMatchObject({ code: "CART_QUANTITY_LIMIT", details: { limit: 10 } });
    await add(token, longjing(), "LJ-250", 10);
    await add(token, longjing(), "LJ-500", 1);
    const full = await add(token, board(), "CB-M", 1);
    expect(full.status).toBe(409);
    expect(full.body.error).toMatchObject({ code: "CART_FULL", details: { limit: 2 } });
    // A line already in the cart still takes more, up to its limit.
    expect((await add(token, longjing(), "LJ-500", 2)).status).toBe(201);
    const merged = await w.http("POST", "/api/v1/me/cart/merge", { token, body: { items: [{ productId: board(), skuCode: "CB-M", quantity: 1 }, { productId: longjing(), skuCode: "LJ-250", quantity: 5 }] } });
    expect(merged.body.skipped).toEqual([{ productId: board(), skuCode: "CB-M", reason: "CART_FULL" }]);
    expect(line(merged.body.cart, longjing(), "LJ-250")!.quantity).toBe(10);
  });
});
