import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq, sql } from "drizzle-orm";
import { world, type World } from "../../../test/support/world.js";
import { addressAt, available, buyAndPay, notify, outboxOf, placeOrders, productIds, startPayment } from "../../../test/support/trade.js";
import { rowsOf } from "../../lib/db-types.js";
import { next } from "../../lib/machine.js";
import { ctxFor } from "../../server/context.js";
import { RuleViolation } from "../../server/errors.js";
import { saveDefaultTemplate } from "../logistics/templates.js";
import { decideTrade, tradeByNo } from "../payments/sandbox/gateway.js";
import { orderEventActors, orderMachine, type OrderEvent } from "./machine.js";
import { orderEvents, orders, orderStatuses } from "./schema.js";
import { cancelOverdueOrders } from "./cancel.js";
import { applyOrderEvent } from "./service.js";

// The demo goods (src/demo/seed.ts): 西湖龙井 LJ-250 ¥688 (tea house), 杭州西湖藕粉 OF-500 ¥59.90
// (tea house), 楠竹砧板 CB-M ¥69 1100 g and CB-L ¥89 with 3 in stock, 竹编收纳篮 SB-3 ¥128 (bamboo).
let w: World;
let zhang: string;
let li: string;
let home: string;
let liHome: string;
let ids: Map<string, string>;
let shopOf: Map<string, string>;
const item = (title: string, skuCode: string, quantity = 1) => ({ productId: ids.get(title)!, skuCode, quantity });
const count = async (table: string) => rowsOf<{ n: number }>(await w.services.db.execute(sql.raw(`select count(*)::int as n from ${table}`)))[0]!.n;
const orderRow = async (id: string) => (await w.services.db.select().from(orders).where(eq(orders.id, id)))[0]!;

beforeAll(async () => {
  w = await world({ seed: true });
  [zhang, li] = [await w.loginAs("buyer@example.com"), await w.loginAs("13800138000")];
  home = await addressAt(w, zhang, "文三路 100 号 1 幢 101 室");
  liHome = await addressAt(w, li, "文三路 100 号 2 幢 202 室");
  ids = await productIds(w);
  shopOf = new Map(rowsOf<{ id: string; m: string }>(await w.services.db.execute(sql`select id, merchant_id as m from products`)).map((r) => [r.id, r.m]));
});
afterAll(async () => { await w?.close(); });

describe("O3 order states, timeline and who sees an order", () => {
  it("O3 every (state, event) pair outside the transition table is refused with 409 INVALID_TRANSITION", () => {
    const events = Object.keys(orderEventActors) as OrderEvent[];
    let refused = 0;
    for (const from of orderStatuses) {
      for (const event of events) {
        const to = orderMachine.table[from][event];
        if (to) {
          expect(next(orderMachine, from, event)).toBe(to);
          continue;
        }
        refused++;
        let error: unknown;
        try { next(orderMachine, from, event); } catch (e) { error = e; }
        expect(error, `${from} + ${event}`).toBeInstanceOf(RuleViolation);
        expect(error).toMatchObject({ status: 409, code: "INVALID_TRANSITION", details: { from, event } });
      }
    }
    // 8 states × 8 events, 13 edges in the table: the ended states accept nothing.
    expect(refused).toBe(orderStatuses.length * events.length - 13);
    for (const end of ["completed", "cancelled", "closed"] as const) expect(orderMachine.table[end]).toEqual({});
  });

  it("O3 a stored order refuses an edge outside the table, writes no timeline row; cancelling a closed order through the API is refused", async () => {
    const { checkout } = await buyAndPay(w, zhang, [item("西湖龙井", "LJ-250")], home);
    const id = checkout.orders[0].id;
    const closed = await w.http("POST", `/api/v1/me/orders/${id}/cancel`, { token: zhang, body: { reason: "不想要了 changed my mind" } });
    expect(closed.status, JSON.stringify(closed.body)).toBe(200);
    expect(closed.body.status).toBe("closed");

    const o = await orderRow(id);
    const buyer = ctxFor(w.services, { userId: o.buyerId, kind: "buyer", label: "buyer", merchantId: null, permissions: new Set(), sessionId: null, mfaPending: false });
    const events = async () => (await w.services.db.select().from(orderEvents).where(eq(orderEvents.orderId, id))).length;
    const before = await events();
    await expect(w.services.db.transaction((tx) => applyOrderEvent(tx, buyer, o, "cancel", "again"))).rejects.toMatchObject({ status: 409, code: "INVALID_TRANSITION", details: { from: "closed", event: "cancel" } });
    expect(await events()).toBe(before);

    // The cancel route answers a finished order with its own code before the table is consulted.
    for (const [url, token] of [[`/api/v1/me/orders/${id}/cancel`, zhang], [`/api/v1/admin/orders/${id}/cancel`, await w.loginAs("service")]] as const) {
      const again = await w.http("POST", url, { token, body: { reason: "cancel it again" } });
      expect(again.status).toBe(409);
      expect(again.body.error).toMatchObject({ code: "ORDER_NOT_CANCELLABLE", message: expect.stringContaining("closed") });
    }
    expect((await orderRow(id)).status).toBe("closed");
    expect(await events()).toBe(before);
  });

  it("O3 every transition writes a timeline row with actor kind, label, reason and time, which the buyer sees", async () => {
    const placedAt = w.clock.now().toISOString();
    const c = await placeOrders(w, zhang, [item("杭州西湖藕粉", "OF-500", 2)], home);
    const p = await startPayment(w, zhang, c.id);
    w.clock.advance({ minutes: 3 });
    const paidAt = w.clock.now().toISOString();
    expect((await w.app.inject({ method: "POST", url: `${p.payUrl}/pay` })).statusCode).toBe(303);
    w.clock.advance({ minutes: 5 });
    const closedAt = w.clock.now().toISOString();
    expect((await w.http("POST", `/api/v1/me/orders/${c.orders[0]!.id}/cancel`, { token: zhang, body: { reason: "地址写错了 wrong address" } })).status).toBe(200);

    const mine = await w.http("GET", `/api/v1/me/orders/${c.orders[0]!.id}`, { token: zhang });
    expect(mine.status).toBe(200);
    expect(mine.body.status).toBe("closed");
    expect(mine.body.timeline).toEqual([
      { event: "place", from: null, to: "pending_payment", actorKind: "buyer", actor: expect.stringContaining("张三 Zhang San"), reason: null, at: placedAt },
      { event: "pay", from: "pending_payment", to: "paid", actorKind: "system", actor: expect.stringContaining("sandbox"), reason: expect.stringMatching(/^paid by sandbox SBX/), at: paidAt },
      { event: "close", from: "paid", to: "closed", actorKind: "buyer", actor: expect.stringContaining("张三 Zhang San"), reason: "地址写错了 wrong address", at: closedAt },
    ]);
    expect(mine.body.lines).toEqual([expect.objectContaining({ skuCode: "OF-500", quantity: 2, unitPriceFen: 5_990, lineFen: 11_980 })]);

    // The shop sees the same timeline, without the buyer's name.
    const shop = await w.http("GET", `/api/v1/merchant/orders/${c.orders[0]!.id}`, { token: await w.loginAs("owner@tea-house.example") });
    expect(shop.body.timeline.map((e: { event: string; actor: string }) => [e.event, e.actor])).toEqual([["place", "buyer"], ["pay", expect.stringContaining("sandbox")], ["close", "buyer"]]);

    const unpaid = await placeOrders(w, zhang, [item("杭州西湖藕粉", "OF-500")], home);
    const cancelled = await w.http("POST", `/api/v1/admin/orders/${unpaid.orders[0]!.id}/cancel`, { token: await w.loginAs("service"), body: { reason: "buyer asked by phone" } });
    expect(cancelled.body.status).toBe("cancelled");
    const t = (await w.http("GET", `/api/v1/me/orders/${unpaid.orders[0]!.id}`, { token: zhang })).body.timeline;
    expect(t.at(-1)).toMatchObject({ event: "cancel", from: "pending_payment", to: "cancelled", actorKind: "staff", actor: expect.stringContaining("service"), reason: "buyer asked by phone" });
  });

  it("O3 another buyer gets 404 for an order; each shop sees its own orders only", async () => {
    const c = await placeOrders(w, zhang, [item("西湖龙井", "LJ-250"), item("楠竹砧板", "CB-M")], home);
    const [teaOrder, bambooOrder] = [c.orders.find((o) => o.merchantId === shopOf.get(ids.get("西湖龙井")!))!, c.orders.find((o) => o.merchantId === shopOf.get(ids.get("楠竹砧板")!))!];

    for (const url of [`/api/v1/me/orders/${teaOrder.id}`, `/api/v1/me/checkouts/${c.id}`]) {
      const r = await w.http("GET", url, { token: li });
      expect(r.status, url).toBe(404);
      expect(r.body.error.code).toMatch(/^(ORDER|CHECKOUT)_NOT_FOUND$/);
    }
    const cancel = await w.http("POST", `/api/v1/me/orders/${teaOrder.id}/cancel`, { token: li, body: { reason: "not mine to cancel" } });
    expect(cancel.status).toBe(404);
    expect((await w.http("POST", `/api/v1/me/checkouts/${c.id}/payments`, { token: li, body: { provider: "sandbox" } })).status).toBe(404);
    expect((await orderRow(teaOrder.id)).status).toBe("pending_payment");
    const lis = (await w.http("GET", "/api/v1/me/orders?limit=200", { token: li })).body.items as { id: string }[];
    expect(lis.map((o) => o.id)).not.toContain(teaOrder.id);
    // Li cannot ship to Zhang's address either.
    const foreign = await w.http("POST", "/api/v1/me/checkouts", { token: li, body: { addressId: home, items: [item("楠竹砧板", "CB-M")] }, headers: { "idempotency-key": "li-foreign-address" } });
    expect(foreign.status).toBe(404);

    const tea = await w.loginAs("owner@tea-house.example");
    const bamboo = await w.loginAs("owner@bamboo.example");
    const teaList = (await w.http("GET", "/api/v1/merchant/orders?limit=200", { token: tea })).body.items as { id: string; merchantId: string }[];
    expect(teaList.map((o) => o.id)).toContain(teaOrder.id);
    expect(teaList.map((o) => o.id)).not.toContain(bambooOrder.id);
    expect(new Set(teaList.map((o) => o.merchantId))).toEqual(new Set([teaOrder.merchantId]));
    expect((await w.http("GET", `/api/v1/merchant/orders?limit=200&q=${bambooOrder.no}`, { token: tea })).body.items).toEqual([]);
    expect((await w.http("GET", `/api/v1/merchant/orders/${bambooOrder.id}`, { token: tea })).status).toBe(404);
    expect((await w.http("GET", `/api/v1/merchant/orders/${teaOrder.id}`, { token: bamboo })).status).toBe(404);
    expect((await w.http("GET", `/api/v1/merchant/orders/${bambooOrder.id}`, { token: bamboo })).body.merchantId).toBe(bambooOrder.merchantId);
    // The shop's staff see the shop's orders, a buyer no shop's, a shop no buyer's own list.
    const teaStaff = await w.loginAs("staff@tea-house.example");
    expect((await w.http("GET", `/api/v1/merchant/orders/${teaOrder.id}`, { token: teaStaff })).status).toBe(200);
    expect((await w.http("GET", `/api/v1/merchant/orders/${bambooOrder.id}`, { token: teaStaff })).status).toBe(404);
    expect((await w.http("GET", "/api/v1/merchant/orders", { token: zhang })).status).toBe(403);
    expect((await w.http("GET", `/api/v1/admin/orders/${teaOrder.id}`, { token: tea })).status).toBe(403);
    expect((await w.http("POST", `/api/v1/me/orders/${teaOrder.id}/cancel`, { token: tea, body: { reason: "shop cancels" } })).status).toBe(403);
  });
});

describe("O2 checkout", () => {
  it("O2 the same Idempotency-Key twice gives one set of orders; another body with it is refused; no key is refused", async () => {
    const body = { addressId: home, items: [item("西湖龙井", "LJ-250"), item("楠竹砧板", "CB-M")] };
    const headers = { "idempotency-key": "o2-same-key-0001" };
    const first = await w.http("POST", "/api/v1/me/checkouts", { token: zhang, body, headers });
    expect(first.status, JSON.stringify(first.body)).toBe(201);
    expect(first.body.created).toBe(true);
    expect(first.body.orders).toHaveLength(2);
    for (const o of first.body.orders) expect(o.no).toMatch(/^20260105\d{8}$/);
    const again = await w.http("POST", "/api/v1/me/checkouts", { token: zhang, body: { ...body, items: [...body.items].reverse() }, headers });
    expect(again.status).toBe(200);
    expect(again.body).toEqual({ ...first.body, created: false });

    const orderCount = await count("orders");
    const other = await w.http("POST", "/api/v1/me/checkouts", { token: zhang, body: { ...body, items: [item("西湖龙井", "LJ-250", 2)] }, headers });
    expect(other.status).toBe(409);
    expect(other.body.error).toMatchObject({ code: "IDEMPOTENCY_KEY_REUSED", details: { checkoutId: first.body.id } });
    for (const h of [{}, { "idempotency-key": "short" }, { "idempotency-key": "has spaces in it" }] as Record<string, string>[]) {
      const r = await w.http("POST", "/api/v1/me/checkouts", { token: zhang, body, headers: h });
      expect(r.status).toBe(400);
      expect(r.body.error).toMatchObject({ code: "IDEMPOTENCY_KEY_REQUIRED", details: { field: "Idempotency-Key" } });
    }
    expect(await count("orders")).toBe(orderCount);
    // A key is the buyer's own: Li may use the same one for a checkout of his.
    expect((await w.http("POST", "/api/v1/me/checkouts", { token: li, body: { addressId: liHome, items: [item("楠竹砧板", "CB-M")] }, headers })).status).toBe(201);
  });

  it("O2 five concurrent submits with one key place one set of orders and hold stock once", async () => {
    const before = await available(w, ids.get("楠竹砧板")!, "CB-M");
    const [checkouts, orderCount] = [await count("checkouts"), await count("orders")];
    const headers = { "idempotency-key": "o2-concurrent-0001" };
    const rs = await Promise.all(Array.from({ length: 5 }, () =>
      w.http("POST", "/api/v1/me/checkouts", { token: zhang, body: { addressId: home, items: [item("楠竹砧板", "CB-M", 2)] }, headers })));
    expect(rs.map((r) => r.status).sort()).toEqual([200, 200, 200, 200, 201]);
    expect(new Set(rs.map((r) => r.body.id)).size).toBe(1);
    expect(new Set(rs.map((r) => r.body.orders[0].id)).size).toBe(1);
    expect(await count("checkouts")).toBe(checkouts + 1);
    expect(await count("orders")).toBe(orderCount + 1);
    expect(await available(w, ids.get("楠竹砧板")!, "CB-M")).toBe(before - 2);
  });

  it("O2 L2 the shipping fee comes from the shop's template: region fee, extra weight, free threshold, excluded provinces", async () => {
    const bambooId = shopOf.get(ids.get("楠竹砧板")!)!;
    await saveDefaultTemplate(w.system, bambooId, "测试运费 test", {
      regions: [
        { provinces: ["330000"], firstGrams: 1000, firstFen: 1000, extraGrams: 500, extraFen: 300 },
        { provinces: [], firstGrams: 1000, firstFen: 1500, extraGrams: 1000, extraFen: 800 },
      ],
      freeOverFen: 20_000,
      excluded: ["540000"],
    });
    const canton = await addressAt(w, zhang, "天河路 1 号", { provinceCode: "440000", cityCode: "440100", districtCode: "440103" });
    const lhasa = await addressAt(w, zhang, "北京中路 1 号", { provinceCode: "540000", cityCode: "540100", districtCode: "540102" });
    const preview = async (addressId: string, quantity: number) => w.http("POST", "/api/v1/me/checkouts/preview", { token: zhang, body: { addressId, items: [item("楠竹砧板", "CB-M", quantity)] } });

    // Zhejiang: ¥10 for the first kilo, ¥3 per started 500 g more (1100 g → one step).
    const zj = await preview(home, 1);
    expect(zj.status, JSON.stringify(zj.body)).toBe(200);
    expect(zj.body).toMatchObject({ totalFen: 8_200, payDeadlineMinutes: 30, shops: [{ merchantId: bambooId, itemsFen: 6_900, shippingFen: 1_300, totalFen: 8_200 }] });
    expect((await preview(canton, 1)).body.shops[0]).toMatchObject({ shippingFen: 2_300, totalFen: 9_200 });
    expect((await preview(canton, 3)).body.shops[0]).toMatchObject({ itemsFen: 20_700, shippingFen: 0, totalFen: 20_700 });
    const orderCount = await count("orders");
    for (const r of [await preview(lhasa, 1), await w.http("POST", "/api/v1/me/checkouts", { token: zhang, body: { addressId: lhasa, items: [item("楠竹砧板", "CB-M")] }, headers: { "idempotency-key": "o2-lhasa-0001" } })]) {
      expect(r.status).toBe(409);
      expect(r.body.error).toMatchObject({ code: "SHIPPING_NOT_AVAILABLE", details: { provinceCode: "540000" } });
    }
    expect(await count("orders")).toBe(orderCount);

    const placed = await placeOrders(w, zhang, [item("楠竹砧板", "CB-M")], home);
    expect(placed.orders[0]).toMatchObject({ itemsFen: 6_900, shippingFen: 1_300, totalFen: 8_200 });
    expect(placed.totalFen).toBe(8_200);
    const far = await placeOrders(w, zhang, [item("楠竹砧板", "CB-M")], canton);
    expect(far.orders[0]).toMatchObject({ shippingFen: 2_300, totalFen: 9_200 });
  });

  it("O2 the order carries the live catalogue price, whatever the cart remembered; checked-out lines leave the cart", async () => {
    const board = ids.get("楠竹砧板")!;
    const baskets = ids.get("竹编收纳篮")!;
    for (const [productId, skuCode] of [[board, "CB-M"], [baskets, "SB-3"]]) {
      expect((await w.http("POST", "/api/v1/me/cart/items", { token: li, body: { productId, skuCode, quantity: 1 } })).status).toBe(201);
    }
    // The cart line's remembered price is stale (as if the price changed after it was added).
    await w.services.db.execute(sql`update cart_items set price_fen_at_add = 1 where product_id = ${board}`);
    const [live] = rowsOf<{ price: number }>(await w.services.db.execute(sql`
      select (s->>'priceFen')::int as price from products p join product_versions v on v.id = p.live_version_id, jsonb_array_elements(v.content->'skus') s
      where p.id = ${board} and s->>'code' = 'CB-M'`));
    expect(live!.price).toBe(6_900);

    // A client cannot name its own price: unknown fields are refused.
    const priced = await w.http("POST", "/api/v1/me/checkouts", { token: li, body: { addressId: liHome, items: [{ ...item("楠竹砧板", "CB-M"), unitPriceFen: 1 }] }, headers: { "idempotency-key": "o2-priced-0001" } });
    expect(priced.status).toBe(400);
    expect(priced.body.error.code).toBe("VALIDATION_FAILED");

    const c = await placeOrders(w, li, [item("楠竹砧板", "CB-M")], liHome);
    const detail = (await w.http("GET", `/api/v1/me/orders/${c.orders[0]!.id}`, { token: li })).body;
    expect(detail.lines).toEqual([expect.objectContaining({ productId: board, skuCode: "CB-M", unitPriceFen: live!.price, quantity: 1, lineFen: live!.price })]);
    expect(detail.itemsFen).toBe(live!.price);

    const cart = (await w.http("GET", "/api/v1/me/cart", { token: li })).body as { groups: { lines: { productId: string; skuCode: string }[] }[] };
    expect(cart.groups.flatMap((g) => g.lines).map((l) => `${l.productId}/${l.skuCode}`)).toEqual([`${baskets}/SB-3`]);
  });

  it("O2 I2 an item out of stock leaves no order, no stock hold and no checkout, and the key stays usable", async () => {
    const board = ids.get("楠竹砧板")!;
    const stock = await available(w, board, "CB-L");
    expect(stock).toBe(3);
    const tables = ["checkouts", "orders", "order_lines", "order_events", "stock_reservations", "payments"];
    const before = await Promise.all(tables.map(count));
    const headers = { "idempotency-key": "o2-out-of-stock-0001" };
    const r = await w.http("POST", "/api/v1/me/checkouts", { token: zhang, body: { addressId: home, items: [item("西湖龙井", "LJ-250"), item("楠竹砧板", "CB-L", 4)] }, headers });
    expect(r.status).toBe(409);
    expect(r.body.error).toMatchObject({ code: "OUT_OF_STOCK", details: { skuCode: "CB-L", requested: 4 } });
    expect(await Promise.all(tables.map(count))).toEqual(before);
    expect(await available(w, board, "CB-L")).toBe(3);

    const ok = await w.http("POST", "/api/v1/me/checkouts", { token: zhang, body: { addressId: home, items: [item("楠竹砧板", "CB-L", 3)] }, headers });
    expect(ok.status).toBe(201);
    expect(await available(w, board, "CB-L")).toBe(0);
    const sold = await w.http("POST", "/api/v1/me/checkouts", { token: li, body: { addressId: liHome, items: [item("楠竹砧板", "CB-L")] }, headers: { "idempotency-key": "o2-out-of-stock-0002" } });
    expect(sold.body.error.code).toBe("OUT_OF_STOCK");
    // Cancelling puts the three back on sale.
    expect((await w.http("POST", `/api/v1/me/orders/${ok.body.orders[0].id}/cancel`, { token: zhang, body: { reason: "ordered too many" } })).status).toBe(200);
    expect(await available(w, board, "CB-L")).toBe(3);
  });
});

describe("O4 unpaid orders expire", () => {
  it("O4 I2 an unpaid order is still open at 29 minutes and cancelled by the job at 31: stock back, timeline 'expire' with its reason, payment closed at the gateway", async () => {
    const powder = ids.get("杭州西湖藕粉")!;
    const stock = await available(w, powder, "OF-500");
    const c = await placeOrders(w, li, [item("杭州西湖藕粉", "OF-500", 3)], liHome);
    const p = await startPayment(w, li, c.id);
    expect(await available(w, powder, "OF-500")).toBe(stock - 3);
    await w.jobs.scheduleRecurring();

    w.clock.advance({ minutes: 29 });
    await w.jobs.runDue();
    expect((await orderRow(c.orders[0]!.id)).status).toBe("pending_payment");
    expect(await available(w, powder, "OF-500")).toBe(stock - 3);

    w.clock.advance({ minutes: 2 });
    await w.jobs.runDue();
    const o = (await w.http("GET", `/api/v1/me/orders/${c.orders[0]!.id}`, { token: li })).body;
    expect(o.status).toBe("cancelled");
    expect(o.timeline.at(-1)).toMatchObject({ event: "expire", from: "pending_payment", to: "cancelled", actorKind: "system", reason: "Not paid within 30 minutes" });
    expect(await available(w, powder, "OF-500")).toBe(stock);
    const pay = (await w.http("GET", `/api/v1/me/payments/${p.no}`, { token: li })).body;
    expect(pay).toMatchObject({ status: "closed", failureReason: expect.any(String) });
    expect((await tradeByNo(w.services.db, { outTradeNo: p.no }))!.status).toBe("closed");
    const late = await w.app.inject({ method: "POST", url: `${p.payUrl}/pay` });
    expect(late.statusCode).toBe(409);
    expect(late.body).toContain("closed");
    expect((await w.http("POST", `/api/v1/me/checkouts/${c.id}/payments`, { token: li, body: { provider: "sandbox" } })).body.error.code).toBe("NOTHING_TO_PAY");
  });

  it("O4 F2 a payment made in time whose notification is late is found by query before the cancel, and applied", async () => {
    const c = await placeOrders(w, li, [item("杭州西湖藕粉", "OF-500")], liHome);
    const p = await startPayment(w, li, c.id);
    await decideTrade(w.services, p.payUrl!.split("/").pop()!, "pay");
    expect((await outboxOf(w, p.no)).map((n) => n.delivered_at)).toEqual([null]);

    w.clock.advance({ minutes: 31 });
    await cancelOverdueOrders(w.services);
    const o = (await w.http("GET", `/api/v1/me/orders/${c.orders[0]!.id}`, { token: li })).body;
    expect(o.status).toBe("paid");
    expect(o.timeline.map((e: { event: string }) => e.event)).toEqual(["place", "pay"]);
    expect((await w.http("GET", `/api/v1/me/payments/${p.no}`, { token: li })).body.status).toBe("succeeded");

    // The notification, delivered at last, changes nothing more.
    const [n] = await outboxOf(w, p.no);
    expect((await notify(w, n!.body, n!.headers)).body).toBe("success");
    const outcomes = rowsOf<{ outcome: string }>(await w.services.db.execute(sql`select outcome from payment_notifications where payment_id = ${p.id} order by received_at, id`)).map((r) => r.outcome);
    expect(outcomes).toEqual(["applied", "duplicate"]);
    expect((await orderRow(c.orders[0]!.id)).status).toBe("paid");
  });
});

describe("O8 trade records are kept", () => {
  // Runs a statement in a transaction that is always rolled back, so a statement the
  // database wrongly allows cannot destroy the records the later tests read.
  async function attempt(statement: string): Promise<string> {
    const allowed = new Error("allowed");
    try {
      await w.services.db.transaction(async (tx) => { await tx.execute(sql.raw(statement)); throw allowed; });
    } catch (e) {
      if (e === allowed) return "allowed";
      const err = e as { message: string; cause?: { message?: string } };
      return err.cause?.message ?? err.message;
    }
    return "allowed";
  }

  it("O8 deleting an order, its lines, events, payment, refund or notifications is refused by the database, for the table owner too, before and after the order ends", async () => {
    const [{ owner, me }] = rowsOf<{ owner: string; me: string }>(await w.services.db.execute(sql`select tableowner as owner, current_user as me from pg_tables where tablename = 'orders'`)) as [{ owner: string; me: string }];
    expect(owner).toBe(me);

    const { checkout, payment } = await buyAndPay(w, zhang, [item("杭州西湖藕粉", "OF-500")], home);
    const id = checkout.orders[0].id;
    const open = await placeOrders(w, zhang, [item("杭州西湖藕粉", "OF-500")], home);
    const statements = (orderId: string, paymentId: string) => [
      `delete from orders where id = '${orderId}'`,
      `delete from order_lines where order_id = '${orderId}'`,
      `delete from order_events where order_id = '${orderId}'`,
      `delete from payments where id = '${paymentId}'`,
      `delete from refunds where order_id = '${orderId}'`,
      `delete from payment_notifications where payment_id = '${paymentId}'`,
    ];
    // Not ended: no retention date yet, nothing can go.
    for (const s of statements(open.orders[0]!.id, payment.id).slice(0, 3)) expect(await attempt(s), s).toMatch(/kept until .*delete refused/);
    // Ended (closed and refunded): kept for the rule's years.
    expect((await w.http("POST", `/api/v1/me/orders/${id}/cancel`, { token: zhang, body: { reason: "no longer needed" } })).status).toBe(200);
    const o = await orderRow(id);
    expect(o.status).toBe("closed");
    expect(o.retainUntil!.getTime() - o.endedAt!.getTime()).toBeGreaterThanOrEqual(3 * 365 * 86_400_000);
    expect(await count(`refunds where order_id = '${id}'`)).toBe(1);
    for (const s of statements(id, payment.id)) expect(await attempt(s), s).toMatch(/kept until .*delete refused/);
    expect(await count(`orders where id = '${id}'`)).toBe(1);
  });

  it("O8 once the retention date has passed the order's records can be deleted; TRUNCATE of orders and payments is refused; ledger entries are never changed", async () => {
    const c = await placeOrders(w, zhang, [item("杭州西湖藕粉", "OF-500")], home);
    const id = c.orders[0]!.id;
    expect((await w.http("POST", `/api/v1/me/orders/${id}/cancel`, { token: zhang, body: { reason: "wrong item" } })).status).toBe(200);
    expect(await attempt(`delete from order_events where order_id = '${id}'`)).toMatch(/delete refused/);
    // orders has no update trigger: the retention date is moved as an archive job would find it.
    await w.services.db.execute(sql`update orders set retain_until = now() - interval '1 day' where id = ${id}`);
    await w.services.db.transaction(async (tx) => {
      await tx.execute(sql`delete from order_events where order_id = ${id}`);
      await tx.execute(sql`delete from order_lines where order_id = ${id}`);
      await tx.execute(sql`delete from orders where id = ${id}`);
    });
    expect(await count(`orders where id = '${id}'`)).toBe(0);

    for (const t of ["orders", "payments", "ledger_entries"]) expect(await attempt(`truncate ${t} cascade`), t).toMatch(/append-only: TRUNCATE refused/);
    for (const s of ["update ledger_entries set amount_fen = amount_fen + 1", "delete from ledger_entries", "update ledger_transactions set memo = 'x'", "delete from ledger_transactions", "update order_events set reason = 'x'", "update payment_notifications set outcome = 'applied'"]) {
      expect(await attempt(s), s).toMatch(/append-only: (UPDATE|DELETE) refused/);
    }
    expect(await count("ledger_entries")).toBeGreaterThan(0);
  });
});
