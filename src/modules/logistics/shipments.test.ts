import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { placeOrders } from "../../../test/support/trade.js";
import { rowsOf } from "../../lib/db-types.js";
import { addDays } from "../../lib/clock.js";
import { shanghaiDay } from "../inventory/index.js";
import { receive } from "../inventory/insight.testkit.js";
import { verifyStock } from "../inventory/verify.js";
import { BAMBOO_OWNER, BUYER, CARRIER, TEA_OWNER, scene, waybill, type Scene } from "./fulfilment.testkit.js";

// L2: goods of paid orders handed to carriers through the merchant's and the console's
// routes: whole or in parts, in several parcels, batches first-expiry-first, waybill
// numbers checked per carrier, and every bad request refused with a stable code.
let s: Scene;
beforeAll(async () => { s = await scene("文一西路 969 号 shipments"); }, 180_000);
afterAll(async () => { await s?.w.close(); });

const picksOf = async (orderId: string) => rowsOf<{ order_line_id: string; batch_no: string; quantity: number; expiry_date: string | null }>(await s.w.services.db.execute(sql`
  select p.order_line_id, p.batch_no, p.quantity, b.expiry_date::text as expiry_date from shipment_picks p join stock_batches b on b.id = p.batch_id
  where p.order_id = ${orderId} order by p.order_line_id, b.expiry_date nulls last, p.batch_no`));

describe("L2 shipping", () => {
  it("L2 ships a paid order in full from the merchant route; batches are picked first-expiry-first per line and the stock books stay whole", async () => {
    const { w } = s;
    // A batch received last but expiring first: FEFO, not FIFO, must take it first.
    const [hz] = rowsOf<{ id: string }>(await w.services.db.execute(sql`select w.id from warehouses w join stock_levels l on l.warehouse_id = w.id where l.sku_code = 'LJ-250' limit 1`));
    await receive(w, hz!.id, s.product("LJ-250"), "LJ-250", [{ batchNo: "LJ250-T10", quantity: 5, expiryDate: shanghaiDay(addDays(w.clock.now(), 10)) }]);
    const o = await s.buy([["LJ-250", 40], ["LJ-500", 1]]);
    const owner = await s.as(TEA_OWNER);

    const packing = await w.http("GET", `/api/v1/merchant/orders/${o.id}/packing-list`, { token: owner });
    expect(packing.status).toBe(200);
    expect(packing.body.lines.map((l: { left: number }) => l.left).sort()).toEqual([1, 40]);
    expect(packing.body.address.mobile, "the label needs the full number").toBe("13800138000");

    const trackingNo = waybill.sf();
    const r = await s.ship(o.id, { carrierId: CARRIER.sf, trackingNo: trackingNo.toLowerCase(), note: "易碎 fragile" });
    expect(r.order.status).toBe("shipped");
    expect(r.shipment.trackingNo, "stored as the carrier writes it").toBe(trackingNo);
    expect((await s.order(o.id)).shippedAt).not.toBeNull();

    const picks = await picksOf(o.id);
    const lj = picks.filter((p) => p.batch_no.startsWith("LJ250"));
    expect(lj.reduce((n, p) => n + p.quantity, 0)).toBe(40);
    expect(lj[0], "the batch expiring first goes first").toMatchObject({ batch_no: "LJ250-T10", quantity: 5 });
    // First-expiry-first: no stock is left in a batch expiring before the last one picked.
    const lastPicked = lj.at(-1)!.expiry_date!;
    const left = rowsOf<{ batch_no: string; on_hand: number; expiry_date: string }>(await w.services.db.execute(sql`
      select batch_no, on_hand, expiry_date::text as expiry_date from stock_batches where product_id = ${s.product("LJ-250")} and sku_code = 'LJ-250' and on_hand > 0`));
    expect(left.filter((b) => b.expiry_date < lastPicked)).toEqual([]);
    expect(picks.filter((p) => p.batch_no.startsWith("LJ500")).reduce((n, p) => n + p.quantity, 0)).toBe(1);

    const view = await w.http("GET", `/api/v1/merchant/orders/${o.id}/shipments`, { token: owner });
    expect(view.status).toBe(200);
    expect(view.body.items).toHaveLength(1);
    const [shipment] = view.body.items;
    expect(shipment).toMatchObject({ status: "in_transit", trackingNo, carrier: { code: "shunfeng" }, parcels: [{ seq: 1 }] });
    expect(shipment.lines.find((l: { skuCode: string }) => l.skuCode === "LJ-250").batches.map((b: { batchNo: string }) => b.batchNo).sort()).toEqual(lj.map((p) => p.batch_no).sort());
    const mine = await w.http("GET", `/api/v1/me/orders/${o.id}/shipments`, { token: await s.as(BUYER) });
    expect(mine.body.items[0].trackingNo).toBe(trackingNo);
    const admin = await w.http("GET", `/api/v1/admin/orders/${o.id}/shipments`, { token: await s.as("warehouse") });
    expect(admin.body.items[0].id).toBe(shipment.id);
    expect((await w.http("GET", `/api/v1/merchant/orders/${o.id}/packing-list`, { token: owner })).body.lines.every((l: { left: number }) => l.left === 0)).toBe(true);

    expect((await verifyStock(w.services.db)).problems).toEqual([]);
  });

  it("L2 ships part of an order (partly shipped), then the rest (shipped)", async () => {
    const { w } = s;
    const o = await s.buy([["DH-200", 3], ["PE-357", 1]]);
    const lines = rowsOf<{ id: string; sku_code: string }>(await w.services.db.execute(sql`select id, sku_code from order_lines where order_id = ${o.id} order by id`));
    const dh = lines.find((l) => l.sku_code === "DH-200")!.id;
    const pe = lines.find((l) => l.sku_code === "PE-357")!.id;

    const first = await s.ship(o.id, { carrierId: CARRIER.yt, trackingNo: waybill.yt(), lines: [{ orderLineId: dh, quantity: 2 }] });
    expect(first.order.status).toBe("partly_shipped");
    const over = await w.http("POST", `/api/v1/merchant/orders/${o.id}/shipments`, { token: await s.as(TEA_OWNER), body: { carrierId: CARRIER.yt, trackingNo: waybill.yt(), lines: [{ orderLineId: dh, quantity: 2 }] } });
    expect(over.status).toBe(409);
    expect(over.body.error).toMatchObject({ code: "SHIP_QUANTITY_EXCEEDS_ORDER", details: { left: 1 } });

    const rest = await s.ship(o.id, { carrierId: CARRIER.yt, trackingNo: waybill.yt() });
    expect(rest.order.status).toBe("shipped");
    const view = await w.http("GET", `/api/v1/me/orders/${o.id}`, { token: await s.as(BUYER) });
    expect(view.body.timeline.map((e: { to: string }) => e.to)).toEqual(["pending_payment", "paid", "partly_shipped", "shipped"]);
    expect(view.body.shipments).toHaveLength(2);
    const shipped = (n: number) => view.body.shipments[n].lines.map((l: { orderLineId: string; quantity: number }) => [l.orderLineId, l.quantity]);
    expect(shipped(0)).toEqual([[dh, 2]]);
    expect(shipped(1).sort()).toEqual([[dh, 1], [pe, 1]].sort());

    const again = await w.http("POST", `/api/v1/merchant/orders/${o.id}/shipments`, { token: await s.as(TEA_OWNER), body: { carrierId: CARRIER.yt, trackingNo: waybill.yt() } });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe("ORDER_NOT_SHIPPABLE");
    expect((await verifyStock(w.services.db)).problems).toEqual([]);
  });

  it("L2 ships several parcels under one waybill, each with its weight and child number", async () => {
    const o = await s.buy([["OF-500", 4]]);
    const child = waybill.sf();
    const r = await s.ship(o.id, { carrierId: CARRIER.sf, trackingNo: waybill.sf(), parcels: [{ weightGrams: 1200, trackingNo: child }, { weightGrams: 900 }, { weightGrams: 300, trackingNo: null }] });
    const view = await s.w.http("GET", `/api/v1/me/orders/${o.id}/shipments`, { token: await s.as(BUYER) });
    expect(view.body.items[0].parcels).toEqual([{ seq: 1, weightGrams: 1200, trackingNo: child }, { seq: 2, weightGrams: 900, trackingNo: null }, { seq: 3, weightGrams: 300, trackingNo: null }]);
    expect(view.body.items[0].weightGrams).toBe(2400);
    expect(r.order.status).toBe("shipped");
  });

  it("L2 the console ships an order too (logistics staff), and the buyer cannot", async () => {
    const o = await s.buy([["OF-500", 1]]);
    const buyer = await s.w.http("POST", `/api/v1/merchant/orders/${o.id}/shipments`, { token: await s.as(BUYER), body: { carrierId: CARRIER.sf, trackingNo: waybill.sf() } });
    expect(buyer.status).toBe(403);
    const staff = await s.w.http("POST", `/api/v1/admin/orders/${o.id}/shipments`, { token: await s.as("warehouse"), body: { carrierId: CARRIER.jd, trackingNo: "JDVA00000000001" } });
    expect(staff.status, JSON.stringify(staff.body)).toBe(201);
    expect(staff.body.order.status).toBe("shipped");
    const audit = rowsOf<{ action: string }>(await s.w.services.db.execute(sql`select action from audit_log where entity_id = ${staff.body.shipment.id}`));
    expect(audit.map((a) => a.action)).toContain("shipment.create");
    expect((await s.w.http("GET", `/api/v1/admin/orders/${o.id}/packing-list`, { token: await s.as("warehouse") })).status).toBe(200);
  });
});

describe("L2 refusals", () => {
  it("L2 refuses a waybill number that is not in the carrier's format, naming the example", async () => {
    const o = await s.buy([["OF-500", 1]]);
    const tryShip = async (carrierId: string, trackingNo: string, extra: Record<string, unknown> = {}) =>
      s.w.http("POST", `/api/v1/merchant/orders/${o.id}/shipments`, { token: await s.as(TEA_OWNER), body: { carrierId, trackingNo, ...extra } });
    for (const [carrier, no, example] of [[CARRIER.sf, "123456", "SF1234567890123"], [CARRIER.yt, "SF1234567890123", "YT1234567890123"], [CARRIER.jd, "JD12", "JDVA01234567890"], [CARRIER.local, "-x", "LOCAL-0001"]] as const) {
      const r = await tryShip(carrier, no);
      expect(r.status, no).toBe(400);
      expect(r.body.error.code).toBe("TRACKING_NO_INVALID");
      expect(r.body.error.message).toContain(example);
      expect(r.body.error.details).toMatchObject({ field: "trackingNo", example });
    }
    const child = await tryShip(CARRIER.sf, waybill.sf(), { parcels: [{ weightGrams: 100 }, { weightGrams: 100, trackingNo: "YT1234567890123" }] });
    expect(child.status).toBe(400);
    expect(child.body.error).toMatchObject({ code: "TRACKING_NO_INVALID", details: { field: "parcels.1.trackingNo" } });
    expect((await s.order(o.id)).status).toBe("paid");
  });

  it("L2 the same waybill twice is refused (409) and the second order stays paid", async () => {
    const [a, b] = [await s.buy([["OF-500", 1]]), await s.buy([["OF-500", 1]])];
    const no = waybill.sf();
    await s.ship(a.id, { carrierId: CARRIER.sf, trackingNo: no });
    const before = await verifyStock(s.w.services.db);
    const r = await s.w.http("POST", `/api/v1/merchant/orders/${b.id}/shipments`, { token: await s.as(TEA_OWNER), body: { carrierId: CARRIER.sf, trackingNo: no } });
    expect(r.status).toBe(409);
    expect(r.body.error.code).toBe("TRACKING_NO_TAKEN");
    expect((await s.order(b.id)).status).toBe("paid");
    expect((await s.w.http("GET", `/api/v1/me/orders/${b.id}/shipments`, { token: await s.as(BUYER) })).body.items).toEqual([]);
    expect((await verifyStock(s.w.services.db)).movements).toBe(before.movements);
    // The same number at another carrier is another waybill.
    const other = await s.w.http("POST", `/api/v1/merchant/orders/${b.id}/shipments`, { token: await s.as(TEA_OWNER), body: { carrierId: CARRIER.local, trackingNo: no } });
    expect(other.status).toBe(201);
  });

  it("L2 another shop's order is not found (404) on every shipping route", async () => {
    const o = await s.buy([["OF-500", 1]]);
    const bamboo = await s.as(BAMBOO_OWNER);
    for (const [method, url, body] of [
      ["POST", `/api/v1/merchant/orders/${o.id}/shipments`, { carrierId: CARRIER.sf, trackingNo: waybill.sf() }],
      ["GET", `/api/v1/merchant/orders/${o.id}/shipments`, undefined],
      ["GET", `/api/v1/merchant/orders/${o.id}/packing-list`, undefined],
    ] as const) {
      const r = await s.w.http(method, url, { token: bamboo, body });
      expect(r.status, url).toBe(404);
      expect(r.body.error.code).toBe("ORDER_NOT_FOUND");
    }
    expect((await s.order(o.id)).status).toBe("paid");
    const shipment = await s.ship(o.id, { carrierId: CARRIER.local, trackingNo: waybill.local() });
    const track = await s.w.http("POST", `/api/v1/merchant/shipments/${shipment.shipment.id}/tracking`, { token: bamboo, body: { kind: "in_transit", text: "在路上 on the way" } });
    expect(track.status).toBe(404);
    expect(track.body.error.code).toBe("SHIPMENT_NOT_FOUND");
  });

  it("L2 an unpaid order cannot ship (409)", async () => {
    const c = await placeOrders(s.w, await s.as(BUYER), [{ productId: s.product("OF-500"), skuCode: "OF-500", quantity: 1 }], s.home);
    const r = await s.w.http("POST", `/api/v1/merchant/orders/${c.orders[0]!.id}/shipments`, { token: await s.as(TEA_OWNER), body: { carrierId: CARRIER.sf, trackingNo: waybill.sf() } });
    expect(r.status).toBe(409);
    expect(r.body.error.code).toBe("ORDER_NOT_SHIPPABLE");
    expect(r.body.error.message).toContain("not paid");
  });

  it("L2 bad shipping bodies get a 400 with a stable code and change nothing", async () => {
    const o = await s.buy([["OF-500", 2], ["DH-200", 1]]);
    const other = await s.buy([["OF-500", 1]]);
    const [line] = rowsOf<{ id: string }>(await s.w.services.db.execute(sql`select id from order_lines where order_id = ${o.id} order by id limit 1`));
    const [foreign] = rowsOf<{ id: string }>(await s.w.services.db.execute(sql`select id from order_lines where order_id = ${other.id} limit 1`));
    const ok = { carrierId: CARRIER.sf, trackingNo: waybill.sf() };
    const cases: [string, unknown, string][] = [
      ["empty object", {}, "VALIDATION_FAILED"],
      ["JSON null", null, "VALIDATION_FAILED"],
      ["array", [], "VALIDATION_FAILED"],
      ["text", "ship it", "VALIDATION_FAILED"],
      ["unknown field", { ...ok, express: true }, "VALIDATION_FAILED"],
      ["carrier not an id", { ...ok, carrierId: "shunfeng" }, "VALIDATION_FAILED"],
      ["carrier unknown", { ...ok, carrierId: "0193f000-0000-7000-8021-0000000000ff" }, "CARRIER_UNKNOWN"],
      ["waybill empty", { ...ok, trackingNo: "  " }, "VALIDATION_FAILED"],
      ["waybill huge", { ...ok, trackingNo: "SF".padEnd(5000, "1") }, "VALIDATION_FAILED"],
      ["waybill a number", { ...ok, trackingNo: 1234567890123 }, "VALIDATION_FAILED"],
      ["parcels empty", { ...ok, parcels: [] }, "VALIDATION_FAILED"],
      ["parcels too many", { ...ok, parcels: Array.from({ length: 21 }, () => ({ weightGrams: 100 })) }, "VALIDATION_FAILED"],
      ["parcel weight 0", { ...ok, parcels: [{ weightGrams: 0 }] }, "VALIDATION_FAILED"],
      ["parcel weight 1.5", { ...ok, parcels: [{ weightGrams: 1.5 }] }, "VALIDATION_FAILED"],
      ["parcel weight 200 kg", { ...ok, parcels: [{ weightGrams: 200_000 }] }, "VALIDATION_FAILED"],
      ["parcel weight text", { ...ok, parcels: [{ weightGrams: "heavy" }] }, "VALIDATION_FAILED"],
      ["lines empty", { ...ok, lines: [] }, "VALIDATION_FAILED"],
      ["line quantity 0", { ...ok, lines: [{ orderLineId: line!.id, quantity: 0 }] }, "VALIDATION_FAILED"],
      ["line quantity -1", { ...ok, lines: [{ orderLineId: line!.id, quantity: -1 }] }, "VALIDATION_FAILED"],
      ["line not an id", { ...ok, lines: [{ orderLineId: "first", quantity: 1 }] }, "VALIDATION_FAILED"],
      ["line of another order", { ...ok, lines: [{ orderLineId: foreign!.id, quantity: 1 }] }, "ORDER_LINE_UNKNOWN"],
      ["line twice", { ...ok, lines: [{ orderLineId: line!.id, quantity: 1 }, { orderLineId: line!.id, quantity: 1 }] }, "SHIPMENT_DUPLICATE_LINE"],
      ["note huge", { ...ok, note: "汉".repeat(600) }, "VALIDATION_FAILED"],
    ];
    for (const [name, body, code] of cases) {
      const r = await s.w.http("POST", `/api/v1/merchant/orders/${o.id}/shipments`, { token: await s.as(TEA_OWNER), body: typeof body === "string" ? JSON.stringify(body) : body });
      expect(r.status, `${name}: ${JSON.stringify(r.body)}`).toBe(400);
      expect(r.body.error.code, name).toBe(code);
    }
    const broken = await s.w.http("POST", `/api/v1/merchant/orders/${o.id}/shipments`, { token: await s.as(TEA_OWNER), body: "{carrier", headers: { "content-type": "application/json" } });
    expect(broken.status).toBe(400);
    const badId = await s.w.http("POST", "/api/v1/merchant/orders/not-an-id/shipments", { token: await s.as(TEA_OWNER), body: ok });
    expect(badId.status).toBe(400);
    expect((await s.order(o.id)).status).toBe("paid");
    expect((await s.w.http("GET", `/api/v1/merchant/orders/${o.id}/shipments`, { token: await s.as(TEA_OWNER) })).body.items).toEqual([]);
    expect((await verifyStock(s.w.services.db)).problems).toEqual([]);
  });
});
