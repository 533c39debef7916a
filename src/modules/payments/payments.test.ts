import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { world, type World } from "../../../test/support/world.js";
import { addressAt, available, buyAndPay, ledgerBalances, newBuyer, notify, outboxOf, placeOrders, productIds, startPayment } from "../../../test/support/trade.js";
import { rowsOf } from "../../lib/db-types.js";
import { escrowOf } from "../ledger/service.js";
import { publishRule } from "../settings/index.js";
import { decideTrade, tradeByNo } from "./sandbox/gateway.js";

// The demo goods (src/demo/seed.ts): 西湖龙井 LJ-250 ¥688 and 杭州西湖藕粉 OF-500 ¥59.90 of the tea
// house, 楠竹砧板 CB-M ¥69 of the bamboo shop.
type Ids = Map<string, string>;
const longjing = (ids: Ids, quantity = 1) => ({ productId: ids.get("西湖龙井")!, skuCode: "LJ-250", quantity });
const powder = (ids: Ids, quantity = 1) => ({ productId: ids.get("杭州西湖藕粉")!, skuCode: "OF-500", quantity });
const board = (ids: Ids, quantity = 1) => ({ productId: ids.get("楠竹砧板")!, skuCode: "CB-M", quantity });
const orderCount = async (w: World) => rowsOf<{ n: number }>(await w.services.db.execute(sql`select count(*)::int as n from orders`))[0]!.n;
// Escrow held for orders, with a zero that is a plain 0.
const held = async (w: World, orderIds: string[]) => [...(await escrowOf(w.services.db, orderIds)).entries()].reduce((m, [k, v]) => m.set(k, v + 0), new Map<string, number>());
const checkoutOf = (w: World, token: string, addressId: string, items: unknown[], key: string) =>
  w.http("POST", "/api/v1/me/checkouts", { token, body: { addressId, items }, headers: { "idempotency-key": key } });

describe("F4 payment limits", () => {
  let w: World;
  let buyer: string;
  let home: string;
  let ids: Ids;
  beforeAll(async () => {
    w = await world({ seed: true });
    buyer = await w.loginAs("buyer@example.com");
    home = await addressAt(w, buyer, "莫干山路 1 号 F4 limits");
    ids = await productIds(w);
  });
  afterAll(async () => { await w?.close(); });

  it("F4 G1 a lower per-payment and daily limit, published with notice, refuses checkouts over them with a message", async () => {
    const per = await publishRule(w.system, { key: "payment.maxOrderYuan", value: 1000, reason: "F4 test: ¥1000 per payment" });
    const daily = await publishRule(w.system, { key: "payment.maxBuyerDailyYuan", value: 2000, reason: "F4 test: ¥2000 a day" });
    expect(per.effectiveFrom.getTime() - w.clock.now().getTime()).toBe(7 * 86_400_000);
    expect(daily.effectiveFrom).toEqual(per.effectiveFrom);

    // Until the announced day the old limits hold.
    // Sessions do not last a week: sign in again after each jump of the clock.
    w.clock.set(new Date(per.effectiveFrom.getTime() - 60_000));
    buyer = await w.loginAs("buyer@example.com");
    const early = await checkoutOf(w, buyer, home, [longjing(ids, 2)], "f4-before-limit");
    expect(early.status, JSON.stringify(early.body)).toBe(201);
    expect((await w.http("POST", `/api/v1/me/orders/${early.body.orders[0].id}/cancel`, { token: buyer, body: { reason: "test order" } })).status).toBe(200);

    w.clock.set(new Date(per.effectiveFrom.getTime() + 3_600_000));
    buyer = await w.loginAs("buyer@example.com");
    const before = await orderCount(w);
    const big = await checkoutOf(w, buyer, home, [longjing(ids, 2)], "f4-over-payment-limit");
    expect(big.status).toBe(409);
    expect(big.body.error).toMatchObject({ code: "PAYMENT_LIMIT_EXCEEDED", message: expect.stringContaining("¥1000"), details: { limitFen: 100_000, totalFen: 137_600 } });
    expect(await orderCount(w)).toBe(before);

    // ¥688 twice fits in ¥2000 (the cancelled ¥1376 does not count); a third does not.
    const first = await checkoutOf(w, buyer, home, [longjing(ids)], "f4-day-1");
    expect(first.status).toBe(201);
    expect((await checkoutOf(w, buyer, home, [longjing(ids)], "f4-day-2")).status).toBe(201);
    const third = await checkoutOf(w, buyer, home, [longjing(ids)], "f4-day-3");
    expect(third.status).toBe(409);
    expect(third.body.error).toMatchObject({ code: "DAILY_LIMIT_EXCEEDED", message: expect.stringMatching(/¥2000.*¥1376\.00/), details: { limitFen: 200_000, spentFen: 137_600, totalFen: 68_800 } });
    expect(await orderCount(w)).toBe(before + 2);

    expect((await w.http("POST", `/api/v1/me/orders/${first.body.orders[0].id}/cancel`, { token: buyer, body: { reason: "make room" } })).status).toBe(200);
    expect((await checkoutOf(w, buyer, home, [longjing(ids)], "f4-day-4")).status).toBe(201);
    expect((await checkoutOf(w, buyer, home, [longjing(ids)], "f4-day-5")).body.error.code).toBe("DAILY_LIMIT_EXCEEDED");
    // Another buyer has a day of their own, and so has this one tomorrow.
    const li = await w.loginAs("13800138000");
    expect((await checkoutOf(w, li, await addressAt(w, li, "莫干山路 2 号"), [longjing(ids)], "f4-li-day-1")).status).toBe(201);
    w.clock.advance({ days: 1 });
    buyer = await w.loginAs("buyer@example.com");
    expect((await checkoutOf(w, buyer, home, [longjing(ids)], "f4-day-6")).status).toBe(201);
  });

  it("F4 concurrent checkouts of one buyer cannot together pass the daily limit", async () => {
    // Runs after the test above: ¥2000 a day is in force.
    const token = await newBuyer(w, "f4-concurrent@example.com");
    const address = await addressAt(w, token, "莫干山路 3 号 concurrent");
    const rs = await Promise.all([1, 2, 3, 4].map((n) => checkoutOf(w, token, address, [longjing(ids)], `f4-concurrent-${n}`)));
    expect(rs.map((r) => r.status).sort(), JSON.stringify(rs.map((r) => r.body.error?.code ?? r.body.totalFen))).toEqual([201, 201, 409, 409]);
    expect(rs.filter((r) => r.status === 409).map((r) => r.body.error.code)).toEqual(["DAILY_LIMIT_EXCEEDED", "DAILY_LIMIT_EXCEEDED"]);
  });
});

describe("F4 anomalies held for review", () => {
  let w: World;
  let buyer: string;
  let finance: string;
  let home: string;
  let ids: Ids;
  beforeAll(async () => {
    w = await world({ seed: true });
    [buyer, finance] = [await w.loginAs("buyer@example.com"), await w.loginAs("finance")];
    home = await addressAt(w, buyer, "莫干山路 1 号 F4 holds");
    ids = await productIds(w);
  });
  afterAll(async () => { await w?.close(); });

  const queue = async (kind: string) => (await w.http("GET", `/api/v1/admin/payment-reviews?status=open&kind=${kind}`, { token: finance })).body.items as { id: string; paymentNo: string; details: Record<string, unknown>; status: string }[];
  const decide = (id: string, decision: "clear" | "reject", note: string, token = finance) => w.http("POST", `/api/v1/admin/payment-reviews/${id}/decision`, { token, body: { decision, note } });

  it("F4 after three failed payments in a day the next is held, the buyer is told why, finance clears it and the buyer pays", async () => {
    const c = await placeOrders(w, buyer, [powder(ids)], home);
    for (let i = 0; i < 3; i++) {
      const p = await startPayment(w, buyer, c.id);
      expect(p.status).toBe("pending");
      expect((await w.app.inject({ method: "POST", url: `${p.payUrl}/fail` })).statusCode).toBe(303);
      expect((await w.http("GET", `/api/v1/me/payments/${p.no}`, { token: buyer })).body.status).toBe("failed");
    }
    const held = await startPayment(w, buyer, c.id);
    expect(held).toMatchObject({ status: "review", payUrl: null, failureReason: expect.stringMatching(/Several payments failed today/) });
    expect((await w.http("GET", `/api/v1/me/payments/${held.no}`, { token: buyer })).body).toMatchObject({ status: "review", failureReason: held.failureReason });
    expect((await startPayment(w, buyer, c.id)).id).toBe(held.id);

    const [review] = (await queue("repeated_failures")).filter((r) => r.paymentNo === held.no);
    expect(review).toMatchObject({ status: "open", details: { failuresToday: 3, threshold: 3 } });
    expect((await w.http("GET", "/api/v1/admin/payment-reviews", { token: buyer })).status).toBe(403);
    expect((await decide(review!.id, "clear", "not mine", await w.loginAs("service"))).status).toBe(403);

    const cleared = await decide(review!.id, "clear", "called the buyer: card limit, fixed");
    expect(cleared.status).toBe(200);
    expect(cleared.body).toMatchObject({ status: "cleared", decidedByLabel: expect.stringContaining("finance"), decisionNote: "called the buyer: card limit, fixed" });
    expect((await decide(review!.id, "reject", "second thoughts")).body.error.code).toBe("REVIEW_DECIDED");

    const again = await startPayment(w, buyer, c.id);
    expect(again).toMatchObject({ id: held.id, status: "pending", failureReason: null, payUrl: expect.stringMatching(/^\/api\/v1\/sandbox\/pay\//) });
    expect((await w.app.inject({ method: "POST", url: `${again.payUrl}/pay` })).statusCode).toBe(303);
    const paid = (await w.http("GET", `/api/v1/me/payments/${held.no}`, { token: buyer })).body;
    expect(paid).toMatchObject({ status: "succeeded", orders: [{ status: "paid" }] });
  });

  it("F4 I2 a held payment that finance rejects is closed, its orders cancelled with the reason and their stock released", async () => {
    const stock = await available(w, ids.get("杭州西湖藕粉")!, "OF-500");
    const c = await placeOrders(w, buyer, [powder(ids, 2)], home);
    const held = await startPayment(w, buyer, c.id);
    expect(held.status).toBe("review");
    expect(await available(w, ids.get("杭州西湖藕粉")!, "OF-500")).toBe(stock - 2);
    const [review] = (await queue("repeated_failures")).filter((r) => r.paymentNo === held.no);
    expect((await decide(review!.id, "reject", "card reported stolen")).body.status).toBe("rejected");

    const p = (await w.http("GET", `/api/v1/me/payments/${held.no}`, { token: buyer })).body;
    expect(p).toMatchObject({ status: "closed", failureReason: expect.stringContaining("card reported stolen"), orders: [{ status: "cancelled" }] });
    const o = (await w.http("GET", `/api/v1/me/orders/${c.orders[0]!.id}`, { token: buyer })).body;
    expect(o.timeline.at(-1)).toMatchObject({ event: "cancel", to: "cancelled", actorKind: "staff", reason: expect.stringContaining("card reported stolen") });
    expect(await available(w, ids.get("杭州西湖藕粉")!, "OF-500")).toBe(stock);
    expect((await w.http("POST", `/api/v1/me/checkouts/${c.id}/payments`, { token: buyer, body: { provider: "sandbox" } })).body.error.code).toBe("NOTHING_TO_PAY");
  });

  it("F4 the third buyer ordering to one address in a day is held (shared_address)", async () => {
    const results: Awaited<ReturnType<typeof startPayment>>[] = [];
    for (const n of [1, 2, 3]) {
      const token = await newBuyer(w, `f4-address-${n}@example.com`);
      const c = await placeOrders(w, token, [powder(ids)], await addressAt(w, token, "  文一西路  969 号 共享地址 "));
      results.push(await startPayment(w, token, c.id));
    }
    expect(results.map((p) => p.status)).toEqual(["pending", "pending", "review"]);
    expect(results[2]!.failureReason).toMatch(/Many accounts ordered to this address/);
    expect((await queue("shared_address")).filter((r) => r.paymentNo === results[2]!.no)).toEqual([expect.objectContaining({ details: { buyersToday: 3, threshold: 3 } })]);
  });

  it("F4 the third buyer ordering from one device in a day is held (shared_device)", async () => {
    const results: Awaited<ReturnType<typeof startPayment>>[] = [];
    for (const n of [1, 2, 3]) {
      const token = await newBuyer(w, `f4-device-${n}@example.com`);
      const c = await placeOrders(w, token, [powder(ids)], await addressAt(w, token, `文一西路 ${n} 号 own address`), { device: "device-f4-shared-0001" });
      results.push(await startPayment(w, token, c.id));
    }
    expect(results.map((p) => p.status)).toEqual(["pending", "pending", "review"]);
    expect(results[2]!.failureReason).toMatch(/Many accounts ordered from this device/);
    expect((await queue("shared_device")).filter((r) => r.paymentNo === results[2]!.no)).toEqual([expect.objectContaining({ details: { buyersToday: 3, threshold: 3 } })]);
    // Without the device a fourth buyer pays as usual.
    const token = await newBuyer(w, "f4-device-4@example.com");
    const c = await placeOrders(w, token, [powder(ids)], await addressAt(w, token, "文一西路 4 号 own address"));
    expect((await startPayment(w, token, c.id)).status).toBe("pending");
  });
});

describe("F6 refunds", () => {
  let w: World;
  let buyer: string;
  let service: string;
  let home: string;
  let ids: Ids;
  beforeAll(async () => {
    w = await world({ seed: true });
    [buyer, service] = [await w.loginAs("buyer@example.com"), await w.loginAs("service")];
    home = await addressAt(w, buyer, "莫干山路 1 号 F6");
    ids = await productIds(w);
  });
  afterAll(async () => { await w?.close(); });

  const refund = (orderId: string, amountFen: number, requestKey: string, token = service) =>
    w.http("POST", `/api/v1/admin/orders/${orderId}/refunds`, { token, body: { amountFen, reason: "赠品漏发 gift missing", requestKey } });
  const order = async (id: string) => (await w.http("GET", `/api/v1/me/orders/${id}`, { token: buyer })).body;

  it("F6 F3 staff refund ¥1.00 and then the rest: amounts add up, a retry is one refund, over-refund is refused, the gateway and the ledger agree", async () => {
    const { checkout, payment } = await buyAndPay(w, buyer, [longjing(ids)], home);
    const o = checkout.orders[0] as { id: string; totalFen: number };
    const before = await ledgerBalances(w);

    expect((await refund(o.id, 100, "f6-partial-0001", buyer)).status).toBe(403);
    const partial = await refund(o.id, 100, "f6-partial-0001");
    expect(partial.status, JSON.stringify(partial.body)).toBe(201);
    expect(partial.body).toMatchObject({ amountFen: 100, status: "succeeded", paymentId: payment.id, orderId: o.id, providerRefundId: expect.stringMatching(/^SBR/) });
    const retry = await refund(o.id, 100, "f6-partial-0001");
    expect(retry.status).toBe(201);
    expect(retry.body.id).toBe(partial.body.id);
    expect((await order(o.id)).refundedFen).toBe(100);

    const tooMuch = await refund(o.id, o.totalFen, "f6-too-much-0001");
    expect(tooMuch.status).toBe(409);
    expect(tooMuch.body.error).toMatchObject({ code: "REFUND_EXCEEDS_PAID", message: expect.stringContaining(`¥${((o.totalFen - 100) / 100).toFixed(2)}`), details: { refundableFen: o.totalFen - 100 } });
    const rest = await refund(o.id, o.totalFen - 100, "f6-rest-0001");
    expect(rest.body).toMatchObject({ amountFen: o.totalFen - 100, status: "succeeded" });
    const detail = await order(o.id);
    expect(detail.refundedFen).toBe(o.totalFen);
    expect((await refund(o.id, 1, "f6-one-more-0001")).body.error.code).toBe("REFUND_EXCEEDS_PAID");

    expect((await tradeByNo(w.services.db, { outTradeNo: payment.no }))!.refundedFen).toBe(o.totalFen);
    const after = await ledgerBalances(w);
    expect(after("refunds_payable")).toBe(before("refunds_payable"));
    expect(after("refunds_payable")).toBe(0);
    expect(after("provider_clearing:sandbox") - before("provider_clearing:sandbox")).toBe(-o.totalFen);
    expect((await held(w, [o.id])).get(o.id)).toBe(0);
    const listed = (await w.http("GET", "/api/v1/admin/refunds?status=succeeded", { token: await w.loginAs("finance") })).body.items.filter((r: { orderId: string }) => r.orderId === o.id);
    expect(listed.map((r: { amountFen: number }) => r.amountFen).sort((a: number, b: number) => a - b)).toEqual([100, o.totalFen - 100].sort((a, b) => a - b));

    const unpaid = await placeOrders(w, buyer, [powder(ids)], home);
    expect((await refund(unpaid.orders[0]!.id, 100, "f6-unpaid-0001")).body.error.code).toBe("ORDER_NOT_PAID");
  });

  it("F6 O3 I2 a buyer cancelling one paid order of a two-shop payment gets that order back in full; the other stays paid", async () => {
    const stock = await available(w, ids.get("楠竹砧板")!, "CB-M");
    const { checkout, payment } = await buyAndPay(w, buyer, [powder(ids), board(ids)], home);
    const [{ shop }] = rowsOf<{ shop: string }>(await w.services.db.execute(sql`select merchant_id as shop from products where id = ${ids.get("楠竹砧板")!}`)) as [{ shop: string }];
    type O = { id: string; merchantId: string; totalFen: number };
    const [gone, kept] = [checkout.orders.find((o: O) => o.merchantId === shop), checkout.orders.find((o: O) => o.merchantId !== shop)] as O[];
    expect((await order(gone!.id)).lines.map((l: { skuCode: string }) => l.skuCode)).toEqual(["CB-M"]);
    expect(await available(w, ids.get("楠竹砧板")!, "CB-M")).toBe(stock - 1);

    const r = await w.http("POST", `/api/v1/me/orders/${gone!.id}/cancel`, { token: buyer, body: { reason: "买重复了 bought twice" } });
    expect(r.status).toBe(200);
    expect(r.body.status).toBe("closed");
    const d = await order(gone!.id);
    expect(d).toMatchObject({ status: "closed", refundedFen: gone!.totalFen });
    expect(d.timeline.at(-1)).toMatchObject({ event: "close", from: "paid", to: "closed", actorKind: "buyer", reason: "买重复了 bought twice" });
    expect(await available(w, ids.get("楠竹砧板")!, "CB-M")).toBe(stock);
    expect(await order(kept!.id)).toMatchObject({ status: "paid", refundedFen: 0 });
    expect((await tradeByNo(w.services.db, { outTradeNo: payment.no }))!.refundedFen).toBe(gone!.totalFen);
    const escrow = await held(w, [gone!.id, kept!.id]);
    expect([escrow.get(gone!.id), escrow.get(kept!.id)]).toEqual([0, kept!.totalFen]);
    const refunds = rowsOf<{ status: string; amount_fen: number; payment_id: string }>(await w.services.db.execute(sql`select status, amount_fen::int as amount_fen, payment_id from refunds where order_id = ${gone!.id}`));
    expect(refunds).toEqual([{ status: "succeeded", amount_fen: gone!.totalFen, payment_id: payment.id }]);
  });

  it("F6 concurrent refunds of one order never add up to more than was paid; a buyer cancel afterwards refunds only the rest", async () => {
    const { checkout, payment } = await buyAndPay(w, buyer, [longjing(ids)], home);
    const o = checkout.orders[0] as { id: string; totalFen: number };
    const part = Math.floor(o.totalFen * 0.4);
    const rs = await Promise.all([1, 2, 3].map((n) => refund(o.id, part, `f6-concurrent-${n}`)));
    expect(rs.map((r) => r.status).sort()).toEqual([201, 201, 409]);
    expect(rs.find((r) => r.status === 409)!.body.error.code).toBe("REFUND_EXCEEDS_PAID");
    expect((await order(o.id)).refundedFen).toBe(2 * part);

    expect((await w.http("POST", `/api/v1/me/orders/${o.id}/cancel`, { token: buyer, body: { reason: "the rest, please" } })).body.status).toBe("closed");
    expect(await order(o.id)).toMatchObject({ status: "closed", refundedFen: o.totalFen });
    expect((await tradeByNo(w.services.db, { outTradeNo: payment.no }))!.refundedFen).toBe(o.totalFen);
  });

  it("F6 F2 money arriving for an order cancelled meanwhile is captured and refunded at once, with a late_payment review", async () => {
    const c = await placeOrders(w, buyer, [powder(ids)], home);
    const p = await startPayment(w, buyer, c.id);
    await decideTrade(w.services, p.payUrl!.split("/").pop()!, "pay");
    expect((await w.http("POST", `/api/v1/me/orders/${c.orders[0]!.id}/cancel`, { token: buyer, body: { reason: "changed my mind" } })).body.status).toBe("cancelled");
    expect((await w.http("GET", `/api/v1/me/payments/${p.no}`, { token: buyer })).body.status).toBe("closed");

    const [n] = await outboxOf(w, p.no);
    expect((await notify(w, n!.body, n!.headers)).body).toBe("success");
    const pay = (await w.http("GET", `/api/v1/me/payments/${p.no}`, { token: buyer })).body;
    expect(pay).toMatchObject({ status: "succeeded", orders: [{ status: "cancelled" }] });
    expect(await order(c.orders[0]!.id)).toMatchObject({ status: "cancelled", refundedFen: c.totalFen });
    expect((await tradeByNo(w.services.db, { outTradeNo: p.no }))!.refundedFen).toBe(c.totalFen);
    const reviews = (await w.http("GET", "/api/v1/admin/payment-reviews?status=open&kind=late_payment", { token: await w.loginAs("finance") })).body.items;
    expect(reviews.filter((r: { paymentNo: string }) => r.paymentNo === p.no)).toEqual([expect.objectContaining({ details: expect.objectContaining({ orderNo: c.orders[0]!.no, orderStatus: "cancelled" }) })]);
    expect((await held(w, [c.orders[0]!.id])).get(c.orders[0]!.id)).toBe(0);
  });

  it("F1 F6 another buyer cannot pay, read or refund someone else's checkout; a shop cannot read the payment books", async () => {
    const c = await placeOrders(w, buyer, [powder(ids)], home);
    const p = await startPayment(w, buyer, c.id);
    const li = await w.loginAs("13800138000");
    expect((await w.http("POST", `/api/v1/me/checkouts/${c.id}/payments`, { token: li, body: { provider: "sandbox" } })).status).toBe(404);
    expect((await w.http("GET", `/api/v1/me/payments/${p.no}`, { token: li })).status).toBe(404);
    expect((await w.http("GET", `/api/v1/me/checkouts/${c.id}`, { token: li })).status).toBe(404);
    expect((await w.http("GET", `/api/v1/me/checkouts/${c.id}`, { token: buyer })).body.payments).toEqual([expect.objectContaining({ id: p.id })]);
    const shop = await w.loginAs("owner@tea-house.example");
    for (const url of ["/api/v1/admin/payments", `/api/v1/admin/payments/${p.id}`, "/api/v1/admin/ledger/accounts", "/api/v1/admin/refunds", "/api/v1/admin/payment-notifications"]) {
      expect((await w.http("GET", url, { token: shop })).status, url).toBe(403);
    }
    expect((await refund(c.orders[0]!.id, 100, "f6-shop-0001", shop)).status).toBe(403);
    expect((await w.http("POST", `/api/v1/me/checkouts/${c.id}/payments`, { token: buyer, body: { provider: "alipay" } })).body.error.code).toBe("PROVIDER_UNAVAILABLE");
  });
});
