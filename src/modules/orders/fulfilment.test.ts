import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import { ledgerBalances } from "../../../test/support/trade.js";
import { addDays, addHours, addMinutes } from "../../lib/clock.js";
import { newId } from "../../lib/ids.js";
import { effectiveCategory } from "../catalog/categories.js";
import { products } from "../catalog/schema.js";
import { orderExceptions } from "../exceptions/schema.js";
import { shanghaiDay } from "../inventory/index.js";
import { escrowOf } from "../ledger/service.js";
import { merchantBreaches } from "../merchants/schema.js";
import { refunds } from "../payments/schema.js";
import { escrowReleases } from "../settlement/schema.js";
import { BAMBOO_OWNER, BUYER, CARRIER, TEA_OWNER, deliverByPush, scene, waybill, type Scene } from "../logistics/fulfilment.testkit.js";
import { autoConfirmDue } from "./receipt.js";
import { flagOverdueShipping } from "./sla.js";
import { orderLines } from "./schema.js";

// O5: the ship-by deadline, flagged once with its consequences, and the compliance board.
// O6: receipt confirmed by the buyer or automatically, extended once, held by an open case.
// F3: completing an order releases its escrow to the shop less the category commission.
let s: Scene;
beforeAll(async () => { s = await scene("莫干山路 100 号 fulfilment"); }, 180_000);
afterAll(async () => { await s?.w.close(); });

const OTHER_BUYER = "13800138000";
const post = async (url: string, login = BUYER, body?: unknown) => s.w.http("POST", url, { token: await s.as(login), body });
const get = async (url: string, login = BUYER) => s.w.http("GET", url, { token: await s.as(login) });

// Paid, shipped by SF and reported delivered a day later.
async function delivered(items: [string, number][] = [["OF-500", 1]], login = TEA_OWNER) {
  const o = await s.buy(items);
  const r = await s.ship(o.id, { carrierId: CARRIER.sf, trackingNo: waybill.sf() }, login);
  s.w.clock.advance({ days: 1 });
  await deliverByPush(s.w, r.shipment.trackingNo, new Date(r.shipment.shippedAt));
  const after = await s.order(o.id);
  expect(after.status).toBe("delivered");
  return after;
}

describe("O5 ship-by", () => {
  it("O5 flags a paid order not shipped 72 h after payment at the deadline, not a minute before, and only once", async () => {
    const { w } = s;
    const o = await s.buy([["OF-500", 1]]);
    expect(o.shipBy).toEqual(addHours(o.paidAt!, 72));
    w.clock.set(addMinutes(o.shipBy!, -1));
    await flagOverdueShipping(w.services);
    expect((await s.order(o.id)).shipOverdueAt).toBeNull();
    expect((await get("/api/v1/merchant/orders/overdue", TEA_OWNER)).body.items.map((x: { id: string }) => x.id)).not.toContain(o.id);

    w.clock.set(o.shipBy!);
    expect((await flagOverdueShipping(w.services)).flagged).toBeGreaterThanOrEqual(1);
    expect((await s.order(o.id)).shipOverdueAt).toEqual(o.shipBy);
    expect((await flagOverdueShipping(w.services)).flagged, "running again flags nothing new").toBe(0);

    const tasks = (await get("/api/v1/merchant/tasks", TEA_OWNER)).body.items.filter((t: { subjectId: string }) => t.subjectId === o.id);
    expect(tasks).toEqual([expect.objectContaining({ kind: "ship_overdue", status: "open", params: expect.objectContaining({ orderNo: o.no, hours: 72 }) })]);
    const notices = (await get("/api/v1/me/notices")).body.items.filter((n: { subjectId: string }) => n.subjectId === o.id);
    expect(notices).toEqual([expect.objectContaining({ kind: "order_ship_overdue" })]);
    const breaches = await w.services.db.select().from(merchantBreaches).where(eq(merchantBreaches.subjectId, o.id));
    expect(breaches).toEqual([expect.objectContaining({ kind: "ship_overdue", requirement: "O5", merchantId: o.merchantId })]);
    const timeline = (await get(`/api/v1/me/orders/${o.id}`)).body.timeline;
    expect(timeline.at(-1)).toMatchObject({ event: "ship_overdue", from: "paid", to: "paid", actorKind: "system" });

    const overdue = (await get("/api/v1/merchant/orders/overdue", TEA_OWNER)).body.items.map((x: { id: string }) => x.id);
    expect(overdue, "overdue from the deadline on").toContain(o.id);
    expect((await get("/api/v1/merchant/orders/overdue", BAMBOO_OWNER)).body.items.map((x: { id: string }) => x.id)).not.toContain(o.id);
    expect((await get(`/api/v1/admin/orders/overdue?merchantId=${o.merchantId}`, "operations")).body.items.map((x: { id: string }) => x.id)).toContain(o.id);

    // The buyer may now walk away with all their money.
    const before = await ledgerBalances(w);
    const cancel = await post(`/api/v1/me/orders/${o.id}/cancel`, BUYER, { reason: "等太久了 waited too long" });
    expect(cancel.status, JSON.stringify(cancel.body)).toBe(200);
    expect(cancel.body.status).toBe("closed");
    const after = await s.order(o.id);
    expect(after.refundedFen).toBe(o.totalFen);
    const [refund] = await w.services.db.select().from(refunds).where(eq(refunds.orderId, o.id));
    expect(refund).toMatchObject({ amountFen: o.totalFen, status: "succeeded" });
    expect((await escrowOf(w.services.db, [o.id])).get(o.id)).toBe(0);
    const balances = await ledgerBalances(w);
    expect(balances("escrow") - before("escrow"), "the escrow gave back the whole order").toBe(o.totalFen);
    expect((await get("/api/v1/merchant/orders/overdue", TEA_OWNER)).body.items.map((x: { id: string }) => x.id)).not.toContain(o.id);
    const closed = (await get("/api/v1/merchant/tasks?status=done", TEA_OWNER)).body.items.filter((t: { subjectId: string }) => t.subjectId === o.id);
    expect(closed, "the shop's task ends with the order").toEqual([expect.objectContaining({ kind: "ship_overdue", status: "done" })]);
  });

  it("O5 the SLA board counts on time, late and overdue orders per shop; a shop sees only its own", async () => {
    const { w } = s;
    // A day of its own: only the orders below are paid on it.
    const day = shanghaiDay(addDays(w.clock.now(), 1));
    const nextDay = shanghaiDay(addDays(new Date(`${day}T12:00:00+08:00`), 1));
    w.clock.set(`${day}T09:00:00+08:00`);
    const [onTime, lateUnflagged, lateFlagged, open, cancelled] = [await s.buy([["OF-500", 1]]), await s.buy([["OF-500", 1]]), await s.buy([["OF-500", 1]]), await s.buy([["OF-500", 1]]), await s.buy([["OF-500", 1]])];
    const bamboo = await s.buy([["CB-M", 1]]);
    w.clock.advance({ hours: 5 });
    await s.ship(onTime.id, { carrierId: CARRIER.sf, trackingNo: waybill.sf() });
    await s.ship(bamboo.id, { carrierId: CARRIER.yt, trackingNo: waybill.yt() }, BAMBOO_OWNER);
    w.clock.advance({ hours: 9 });
    await s.buy([["OF-500", 1]]); // still waiting: its deadline is hours away
    // Shipped a minute late, before the job noticed: late all the same.
    w.clock.set(addMinutes(lateUnflagged.shipBy!, 1));
    await s.ship(lateUnflagged.id, { carrierId: CARRIER.sf, trackingNo: waybill.sf() });
    await flagOverdueShipping(w.services);
    w.clock.advance({ hours: 1 });
    await s.ship(lateFlagged.id, { carrierId: CARRIER.sf, trackingNo: waybill.sf() });
    expect((await post(`/api/v1/me/orders/${cancelled.id}/cancel`, BUYER, { reason: "不等了 not waiting any more" })).status).toBe(200);

    const board = await get(`/api/v1/admin/sla/shipping?from=${day}&to=${nextDay}`, "operations");
    expect(board.status, JSON.stringify(board.body)).toBe(200);
    expect(board.body.shipByHours).toBe(72);
    const tea = board.body.shops.find((x: { merchantId: string }) => x.merchantId === onTime.merchantId);
    expect(tea).toMatchObject({ paid: 6, onTime: 1, late: 3, overdueOpen: 1, waiting: 1, rate: 0.2 });
    expect(board.body.shops.find((x: { merchantId: string }) => x.merchantId === bamboo.merchantId)).toMatchObject({ paid: 1, onTime: 1, late: 0, overdueOpen: 0, waiting: 0, rate: 1 });
    expect(board.body.totals).toMatchObject({ paid: 7, onTime: 2, late: 3, overdueOpen: 1, waiting: 1 });
    expect(board.body.daily).toEqual([{ day: shanghaiDay(onTime.shipBy!), onTime: 2, missed: 4 }]);

    const mine = await get(`/api/v1/merchant/sla/shipping?from=${day}&to=${nextDay}`, TEA_OWNER);
    expect(mine.body.shops.map((x: { merchantId: string }) => x.merchantId)).toEqual([onTime.merchantId]);
    expect(mine.body.totals.paid).toBe(6);
    const one = await get(`/api/v1/admin/sla/shipping?from=${day}&to=${nextDay}&merchantId=${bamboo.merchantId}`, "operations");
    expect(one.body.shops.map((x: { merchantId: string }) => x.merchantId)).toEqual([bamboo.merchantId]);

    for (const [url, login, code] of [
      [`/api/v1/merchant/sla/shipping?merchantId=${bamboo.merchantId}`, TEA_OWNER, "VALIDATION_FAILED"],
      ["/api/v1/admin/sla/shipping?from=yesterday", "operations", "VALIDATION_FAILED"],
      [`/api/v1/admin/sla/shipping?from=${nextDay}&to=${day}`, "operations", "PERIOD_INVALID"],
      ["/api/v1/admin/sla/shipping?from=2020-01-01&to=2026-01-01", "operations", "PERIOD_TOO_LONG"],
      ["/api/v1/admin/sla/shipping?merchantId=tea", "operations", "VALIDATION_FAILED"],
      ["/api/v1/admin/orders/overdue?limit=0", "operations", "VALIDATION_FAILED"],
      ["/api/v1/merchant/orders/overdue?merchantId=x", TEA_OWNER, "VALIDATION_FAILED"],
    ] as const) {
      const r = await get(url, login);
      expect(r.status, url).toBe(400);
      expect(r.body.error.code, url).toBe(code);
    }
    expect((await get("/api/v1/admin/sla/shipping", TEA_OWNER)).status).toBe(403);
    expect((await get("/api/v1/merchant/sla/shipping", BUYER)).status).toBe(403);
  });
});

describe("O6 receipt", () => {
  it("O6 the buyer confirms receipt: the order completes and its escrow is released; not twice, not before shipping, not another's", async () => {
    const o = await delivered();
    expect((await post(`/api/v1/me/orders/${o.id}/confirm-receipt`, OTHER_BUYER)).status).toBe(404);
    const r = await post(`/api/v1/me/orders/${o.id}/confirm-receipt`);
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body).toMatchObject({ id: o.id, status: "completed" });
    expect((await s.order(o.id)).completedAt).toEqual(s.w.clock.now());
    expect(await s.w.services.db.select().from(escrowReleases).where(eq(escrowReleases.orderId, o.id))).toHaveLength(1);
    expect((await escrowOf(s.w.services.db, [o.id])).get(o.id)).toBe(0);
    const again = await post(`/api/v1/me/orders/${o.id}/confirm-receipt`);
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe("ORDER_NOT_CONFIRMABLE");

    const paid = await s.buy([["OF-500", 1]]);
    const early = await post(`/api/v1/me/orders/${paid.id}/confirm-receipt`);
    expect(early.status).toBe(409);
    expect(early.body.error.code).toBe("ORDER_NOT_CONFIRMABLE");
    expect((await post("/api/v1/me/orders/not-an-id/confirm-receipt")).status).toBe(400);
    expect((await post(`/api/v1/me/orders/${paid.id}/confirm-receipt`, TEA_OWNER)).status).toBe(403);
  });

  it("O6 receipt is confirmed automatically 10 days after delivery, not a minute before", async () => {
    const o = await delivered();
    expect(o.confirmBy).toEqual(addDays(o.deliveredAt!, 10));
    s.w.clock.set(addMinutes(o.confirmBy!, -1));
    await autoConfirmDue(s.w.services);
    expect((await s.order(o.id)).status).toBe("delivered");
    s.w.clock.set(o.confirmBy!);
    expect((await autoConfirmDue(s.w.services)).confirmed).toBeGreaterThanOrEqual(1);
    const done = await s.order(o.id);
    expect(done.status).toBe("completed");
    expect(done.completedAt).toEqual(o.confirmBy);
    expect((await escrowOf(s.w.services.db, [o.id])).get(o.id)).toBe(0);
    const timeline = (await get(`/api/v1/me/orders/${o.id}`)).body.timeline;
    expect(timeline.at(-1)).toMatchObject({ to: "completed", actorKind: "system", reason: expect.stringContaining("10 days") });
  });

  it("O6 the buyer extends receipt once by 5 days; a second extension is refused", async () => {
    const o = await delivered();
    const ext = await post(`/api/v1/me/orders/${o.id}/extend-receipt`);
    expect(ext.status, JSON.stringify(ext.body)).toBe(200);
    expect(new Date(ext.body.confirmBy)).toEqual(addDays(o.confirmBy!, 5));
    const twice = await post(`/api/v1/me/orders/${o.id}/extend-receipt`);
    expect(twice.status).toBe(409);
    expect(twice.body.error.code).toBe("RECEIPT_ALREADY_EXTENDED");
    expect((await post(`/api/v1/me/orders/${o.id}/extend-receipt`, OTHER_BUYER)).status).toBe(404);

    s.w.clock.set(o.confirmBy!);
    await autoConfirmDue(s.w.services);
    expect((await s.order(o.id)).status, "the original date no longer applies").toBe("delivered");
    s.w.clock.set(addDays(o.confirmBy!, 5));
    await autoConfirmDue(s.w.services);
    expect((await s.order(o.id)).status).toBe("completed");

    const paid = await s.buy([["OF-500", 1]]);
    const early = await post(`/api/v1/me/orders/${paid.id}/extend-receipt`);
    expect(early.status).toBe(409);
    expect(early.body.error.code).toBe("ORDER_NOT_EXTENDABLE");
  });

  it("O6 an open exception case holds the automatic confirmation until it is closed", async () => {
    const { w } = s;
    const o = await delivered();
    const caseId = newId();
    await w.services.db.insert(orderExceptions).values({
      id: caseId, no: `EX${Date.now()}`, orderId: o.id, merchantId: o.merchantId, kind: "damaged", source: "buyer", description: "茶罐压扁了 the tin arrived crushed",
      status: "open", ownerKind: "merchant", deadline: addHours(w.clock.now(), 48), openedByLabel: "buyer", openedAt: w.clock.now(), updatedAt: w.clock.now(),
    });
    w.clock.set(addDays(o.confirmBy!, 2));
    await autoConfirmDue(w.services);
    expect((await s.order(o.id)).status).toBe("delivered");
    await w.services.db.update(orderExceptions).set({ status: "resolved", resolution: "no_action", resolvedAt: w.clock.now(), resolvedByLabel: "test" }).where(and(eq(orderExceptions.id, caseId)));
    await autoConfirmDue(w.services);
    expect((await s.order(o.id)).status).toBe("completed");
  });
});

describe("F3 escrow release", () => {
  // The commission rate of each line's category (inherited down the category tree).
  const ratesOf = async (orderId: string) => {
    const lines = await s.w.services.db.select({ id: orderLines.id, lineFen: orderLines.lineFen, skuCode: orderLines.skuCode, categoryId: products.categoryId })
      .from(orderLines).innerJoin(products, eq(products.id, orderLines.productId)).where(eq(orderLines.orderId, orderId));
    return Promise.all(lines.map(async (l) => ({ ...l, bps: (await effectiveCategory(s.w.services.db, l.categoryId)).commissionBps ?? 0 })));
  };

  it("F3 a completed order's escrow goes to the shop less the category commission on the goods; the platform keeps the commission", async () => {
    const { w } = s;
    const o = await delivered([["OF-500", 1], ["DH-200", 1]]);
    const lines = await ratesOf(o.id);
    expect(lines.find((l) => l.skuCode === "DH-200")!.bps, "the demo tea categories take 5%").toBe(500);
    const before = await ledgerBalances(w);
    expect((await escrowOf(w.services.db, [o.id])).get(o.id)).toBe(o.totalFen);
    expect((await post(`/api/v1/me/orders/${o.id}/confirm-receipt`)).status).toBe(200);

    const commission = lines.reduce((n, l) => n + Math.round((l.lineFen * l.bps) / 10_000), 0);
    const [release] = await w.services.db.select().from(escrowReleases).where(eq(escrowReleases.orderId, o.id));
    expect(release).toMatchObject({ releasedFen: o.totalFen, commissionFen: commission, payableFen: o.totalFen - commission, merchantId: o.merchantId });
    expect(release!.commissionLines.reduce((n, l) => n + l.baseFen, 0), "shipping carries no commission").toBe(o.totalFen - o.shippingFen);
    const after = await ledgerBalances(w);
    expect(after(`merchant_payable:${o.merchantId}`) - before(`merchant_payable:${o.merchantId}`)).toBe(-(o.totalFen - commission));
    expect(after("platform_commission") - before("platform_commission")).toBe(-commission);
    expect(after("escrow") - before("escrow")).toBe(o.totalFen);
    expect((await escrowOf(w.services.db, [o.id])).get(o.id)).toBe(0);
  });

  it("F3 a partly refunded order releases what is left in escrow", async () => {
    const { w } = s;
    const o = await s.buy([["OF-500", 2]]);
    const refund = await post(`/api/v1/admin/orders/${o.id}/refunds`, "service", { amountFen: 1000, reason: "少了一个赠品 gift missing", requestKey: `f3-partial-${o.id}` });
    expect(refund.status, JSON.stringify(refund.body)).toBe(201);
    expect((await s.order(o.id)).refundedFen).toBe(1000);
    const r = await s.ship(o.id, { carrierId: CARRIER.sf, trackingNo: waybill.sf() });
    w.clock.advance({ days: 1 });
    await deliverByPush(w, r.shipment.trackingNo, new Date(r.shipment.shippedAt));
    const { bps } = (await ratesOf(o.id))[0]!;
    const before = await ledgerBalances(w);
    w.clock.set((await s.order(o.id)).confirmBy!);
    await autoConfirmDue(w.services);
    expect((await s.order(o.id)).status).toBe("completed");

    const held = o.totalFen - 1000;
    const commission = Math.round(((held - o.shippingFen) * bps) / 10_000);
    const [release] = await w.services.db.select().from(escrowReleases).where(eq(escrowReleases.orderId, o.id));
    expect(release).toMatchObject({ releasedFen: held, commissionFen: commission, payableFen: held - commission });
    const after = await ledgerBalances(w);
    expect(after(`merchant_payable:${o.merchantId}`) - before(`merchant_payable:${o.merchantId}`)).toBe(-(held - commission));
    expect(after("platform_commission") - before("platform_commission")).toBe(-commission);
    expect((await escrowOf(w.services.db, [o.id])).get(o.id)).toBe(0);
  });
});
