import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq, sql } from "drizzle-orm";
import { rowsOf } from "../../lib/db-types.js";
import { addDays, addHours } from "../../lib/clock.js";
import { pushSign } from "./tracking/push.js";
import { pushSalt } from "./tracking.js";
import { shipments, trackingEvents } from "./schema.js";
import { journey, pushDueTracking } from "./tracking/sandbox.js";
import { BAMBOO_OWNER, BUYER, CARRIER, TEA_OWNER, agreement, callbacks, deliverByPush, push, scene, signedPush, waybill, type Scene } from "./fulfilment.testkit.js";

// L3: tracking reaches the platform as the aggregator's signed pushes (or typed in by
// hand), is shown to the buyer, and a delivery moves the shipment and the order on.
let s: Scene;
beforeAll(async () => { s = await scene("文二路 391 号 tracking"); }, 180_000);
afterAll(async () => { await s?.w.close(); });

const shipped = async (carrier: keyof typeof waybill = "sf") => {
  const o = await s.buy([["OF-500", 1]]);
  const r = await s.ship(o.id, { carrierId: CARRIER[carrier], trackingNo: waybill[carrier]() });
  return { order: r.order, shipment: r.shipment };
};
const shipmentRow = async (id: string) => (await s.w.services.db.select().from(shipments).where(eq(shipments.id, id)))[0]!;
const eventCount = async (id: string) => rowsOf<{ n: number }>(await s.w.services.db.execute(sql`select count(*)::int as n from tracking_events where shipment_id = ${id}`))[0]!.n;

describe("L3 pushes", () => {
  it("L3 a signed push records the events and the buyer sees them; a replay adds nothing", async () => {
    const { w } = s;
    const { order, shipment } = await shipped();
    w.clock.advance({ hours: 3 });
    const t0 = new Date(shipment.shippedAt);
    const body = signedPush(w, {
      carrierCode: "shunfeng", trackingNo: shipment.trackingNo, state: "0",
      events: [{ at: addHours(t0, 1), text: "【杭州市】顺丰速运 已收取快件", status: "揽收", areaName: "浙江省杭州市" }, { at: addHours(t0, 2), text: "【杭州市】快件已发往 上海转运中心", status: "在途" }],
    });
    const first = await push(w, body);
    expect(first).toEqual({ status: 200, body: { result: true, returnCode: "200", message: "成功" } });

    const mine = await w.http("GET", `/api/v1/me/orders/${order.id}/shipments`, { token: await s.as(BUYER) });
    expect(mine.body.items[0].events.map((e: { kind: string; source: string }) => [e.kind, e.source])).toEqual([["in_transit", "aggregator"], ["collected", "aggregator"]]);
    expect(mine.body.items[0].events[1].location).toBe("浙江省杭州市");
    expect(mine.body.items[0].lastEventText).toContain("上海转运中心");
    const detail = await w.http("GET", `/api/v1/me/orders/${order.id}`, { token: await s.as(BUYER) });
    expect(detail.body.shipments[0].events).toHaveLength(2);

    const replay = await push(w, body);
    expect(replay.body.result).toBe(true);
    expect(await eventCount(shipment.id)).toBe(2);
    expect((await callbacks(w, shipment.trackingNo)).map((c) => [c.outcome, c.events_added])).toEqual([["applied", 2], ["duplicate", 0]]);

    // The next push repeats the history and adds the new event only.
    const later = signedPush(w, {
      carrierCode: "shunfeng", trackingNo: shipment.trackingNo, state: "5",
      events: [{ at: addHours(t0, 1), text: "【杭州市】顺丰速运 已收取快件", status: "揽收", areaName: "浙江省杭州市" }, { at: addHours(t0, 2), text: "【杭州市】快件已发往 上海转运中心", status: "在途" }, { at: addHours(t0, 3), text: "【上海市】快递员正在派送" }],
    });
    expect((await push(w, later)).body.result).toBe(true);
    expect(await eventCount(shipment.id)).toBe(3);
    const after = await w.http("GET", `/api/v1/me/orders/${order.id}/shipments`, { token: await s.as(BUYER) });
    expect(after.body.items[0].events[0].kind, "the newest event takes the waybill's state").toBe("out_for_delivery");
    expect(after.body.items[0].status).toBe("in_transit");
  });

  it("L3 a push with a bad signature changes nothing, is logged and answered result false", async () => {
    const { w } = s;
    const { order, shipment } = await shipped();
    const before = { shipment: await shipmentRow(shipment.id), order: await s.order(order.id) };
    w.clock.advance({ hours: 30 });
    const good = signedPush(w, { carrierCode: "shunfeng", trackingNo: shipment.trackingNo, state: "3", events: [{ at: w.clock.now(), text: "已签收", status: "签收" }] });
    const form = new URLSearchParams(good);
    const forged = new URLSearchParams({ param: form.get("param")!, sign: pushSign(form.get("param")!, "someone-elses-salt") }).toString();
    const tampered = new URLSearchParams({ param: form.get("param")!.replace("签收", "拒签"), sign: form.get("sign")! }).toString();
    const unsigned = new URLSearchParams({ param: form.get("param")! }).toString();
    for (const body of [forged, tampered, unsigned]) {
      const r = await push(w, body);
      expect(r).toEqual({ status: 400, body: { result: false, returnCode: "400", message: expect.stringContaining("签名") } });
    }
    expect(await eventCount(shipment.id)).toBe(0);
    expect(await shipmentRow(shipment.id)).toEqual(before.shipment);
    expect(await s.order(order.id)).toEqual(before.order);
    const logged = rowsOf<{ outcome: string; tracking_no: string | null }>(await w.services.db.execute(sql`select outcome, tracking_no from tracking_callbacks where body in (${forged}, ${tampered}, ${unsigned})`));
    expect(logged.map((l) => l.outcome)).toEqual(["bad_signature", "bad_signature", "bad_signature"]);
    expect(logged.every((l) => l.tracking_no === null), "nothing is read from an unsigned body").toBe(true);

    const list = await w.http("GET", "/api/v1/admin/tracking-callbacks?outcome=bad_signature", { token: await s.as("warehouse") });
    expect(list.status).toBe(200);
    expect(list.body.items.length).toBeGreaterThanOrEqual(3);
    expect(list.body.items.every((c: { outcome: string }) => c.outcome === "bad_signature")).toBe(true);
    expect((await w.http("GET", "/api/v1/admin/tracking-callbacks", { token: await s.as(TEA_OWNER) })).status).toBe(403);
    expect((await w.http("GET", "/api/v1/admin/tracking-callbacks?outcome=lost", { token: await s.as("warehouse") })).status).toBe(400);
  });

  it("L3 malformed pushes and unknown waybills are logged; neither is a 500", async () => {
    const { w } = s;
    const signed = (param: string) => new URLSearchParams({ param, sign: pushSign(param, pushSalt(w.services)) }).toString();
    const bodies: [string, string, string][] = [
      ["empty body", "", "malformed"],
      ["not a form", "hello world", "malformed"],
      ["param not JSON", signed("{not json"), "malformed"],
      ["no lastResult", signed(JSON.stringify({ status: "polling" })), "malformed"],
      ["event without time", signed(JSON.stringify({ lastResult: { nu: "SF1", com: "shunfeng", state: "0", data: [{ context: "x" }] } })), "malformed"],
      ["event with a bad time", signed(JSON.stringify({ lastResult: { nu: "SF1", com: "shunfeng", state: "0", data: [{ context: "x", ftime: "yesterday" }] } })), "malformed"],
    ];
    for (const [name, body, outcome] of bodies) {
      const r = await push(w, body);
      expect(r.status, name).toBe(400);
      expect(r.body, name).toMatchObject({ result: false, returnCode: "400" });
      const [last] = rowsOf<{ outcome: string }>(await w.services.db.execute(sql`select outcome from tracking_callbacks order by received_at desc, id desc limit 1`));
      expect(last!.outcome, name).toBe(outcome);
    }
    const json = await push(w, JSON.stringify({ param: "{}" }), "application/json");
    expect(json.status).toBe(400);
    const bare = await w.app.inject({ method: "POST", url: "/api/v1/logistics/tracking/push", payload: "param=%7B%7D" });
    expect(bare.statusCode, bare.body).toBe(400);
    expect(bare.json()).toMatchObject({ result: false });

    const unknown = waybill.sf();
    const r = await push(w, signedPush(w, { carrierCode: "shunfeng", trackingNo: unknown, state: "0", events: [{ at: w.clock.now(), text: "在途" }] }));
    expect(r.body.result, "the aggregator need not send it again").toBe(true);
    expect((await callbacks(w, unknown)).map((c) => c.outcome)).toEqual(["unknown_shipment"]);
    // A known number at another carrier is not that shipment.
    const { shipment } = await shipped();
    await push(w, signedPush(w, { carrierCode: "yuantong", trackingNo: shipment.trackingNo, state: "3", events: [{ at: w.clock.now(), text: "签收", status: "签收" }] }));
    expect(await eventCount(shipment.id)).toBe(0);
  });

  it("L3 a delivery moves the shipment and the order to delivered and starts the 10-day confirmation clock", async () => {
    const { w } = s;
    const { order, shipment } = await shipped();
    w.clock.advance({ hours: 26 });
    await deliverByPush(w, shipment.trackingNo, new Date(shipment.shippedAt));
    const row = await shipmentRow(shipment.id);
    expect(row.status).toBe("delivered");
    expect(row.deliveredAt).toEqual(new Date(Math.floor(w.clock.now().getTime() / 1000) * 1000));
    const o = await s.order(order.id);
    expect(o.status).toBe("delivered");
    expect(o.deliveredAt).toEqual(w.clock.now());
    expect(o.confirmBy).toEqual(addDays(w.clock.now(), 10));
    const view = await w.http("GET", `/api/v1/me/orders/${order.id}`, { token: await s.as(BUYER) });
    expect(view.body.timeline.at(-1)).toMatchObject({ to: "delivered", actorKind: "system" });
    expect(view.body.confirmBy).toBe(addDays(w.clock.now(), 10).toISOString());
  });

  it("L3 a partly shipped order is delivered only once every parcel is", async () => {
    const { w } = s;
    const o = await s.buy([["OF-500", 2], ["DH-200", 1]]);
    const [line] = rowsOf<{ id: string }>(await w.services.db.execute(sql`select id from order_lines where order_id = ${o.id} and sku_code = 'OF-500'`));
    const first = await s.ship(o.id, { carrierId: CARRIER.sf, trackingNo: waybill.sf(), lines: [{ orderLineId: line!.id, quantity: 2 }] });
    w.clock.advance({ hours: 20 });
    await deliverByPush(w, first.shipment.trackingNo, w.clock.now());
    expect((await shipmentRow(first.shipment.id)).status).toBe("delivered");
    expect((await s.order(o.id)).status).toBe("partly_shipped");

    const second = await s.ship(o.id, { carrierId: CARRIER.sf, trackingNo: waybill.sf() });
    expect(second.order.status).toBe("shipped");
    w.clock.advance({ hours: 20 });
    expect((await s.order(o.id)).status, "one parcel still on its way").toBe("shipped");
    await deliverByPush(w, second.shipment.trackingNo, w.clock.now());
    const done = await s.order(o.id);
    expect(done.status).toBe("delivered");
    expect(done.confirmBy).toEqual(addDays(w.clock.now(), 10));
  });
});

describe("L3 manual tracking", () => {
  it("L3 the shop types in events of a carrier without push; a delivery delivers the order", async () => {
    const { w } = s;
    const { order, shipment } = await shipped("local");
    const url = `/api/v1/merchant/shipments/${shipment.id}/tracking`;
    w.clock.advance({ hours: 2 });
    const owner = await s.as(TEA_OWNER);
    const moving = await w.http("POST", url, { token: owner, body: { kind: "in_transit", text: "骑手已取件 Rider picked it up", location: "西湖区" } });
    expect(moving.status, JSON.stringify(moving.body)).toBe(201);
    expect(moving.body).toMatchObject({ added: 1, orderDelivered: false });
    const bad: [unknown, string][] = [
      [{ kind: "teleported", text: "gone" }, "VALIDATION_FAILED"],
      [{ kind: "in_transit" }, "VALIDATION_FAILED"],
      [{ kind: "in_transit", text: " " }, "VALIDATION_FAILED"],
      [{ kind: "in_transit", text: "ok", at: "tomorrow" }, "VALIDATION_FAILED"],
      [{ kind: "in_transit", text: "ok", at: addHours(w.clock.now(), 2).toISOString() }, "TRACKING_IN_FUTURE"],
      [{ kind: "in_transit", text: "ok", at: addHours(w.clock.now(), -5).toISOString() }, "TRACKING_BEFORE_SHIPPING"],
      [{ kind: "in_transit", text: "ok", who: "me" }, "VALIDATION_FAILED"],
      [null, "VALIDATION_FAILED"],
    ];
    for (const [body, code] of bad) {
      const r = await w.http("POST", url, { token: owner, body });
      expect(r.status, JSON.stringify(body)).toBe(400);
      expect(r.body.error.code, JSON.stringify(body)).toBe(code);
    }
    expect((await w.http("POST", url, { token: await s.as(BUYER), body: { kind: "delivered", text: "got it" } })).status).toBe(403);
    expect((await w.http("POST", url, { token: await s.as(BAMBOO_OWNER), body: { kind: "delivered", text: "got it" } })).status).toBe(404);

    w.clock.advance({ hours: 1 });
    const at = addHours(w.clock.now(), -0.5);
    const delivered = await w.http("POST", url, { token: await s.as(TEA_OWNER), body: { kind: "delivered", text: "已送达 本人签收 Delivered", at: at.toISOString() } });
    expect(delivered.status).toBe(201);
    expect(delivered.body.orderDelivered).toBe(true);
    expect((await shipmentRow(shipment.id)).deliveredAt).toEqual(at);
    expect((await s.order(order.id)).status).toBe("delivered");
    const again = await w.http("POST", url, { token: await s.as(TEA_OWNER), body: { kind: "delivered", text: "已送达 本人签收 Delivered", at: at.toISOString() } });
    expect(again.status, "the same event again is no new event").toBe(200);
    expect(again.body.added).toBe(0);
    const view = await w.http("GET", `/api/v1/me/orders/${order.id}/shipments`, { token: await s.as(BUYER) });
    expect(view.body.items[0].events.map((e: { kind: string; source: string }) => [e.kind, e.source])).toEqual([["delivered", "manual"], ["in_transit", "manual"]]);

    const staff = await shipped("local");
    const byStaff = await w.http("POST", `/api/v1/admin/shipments/${staff.shipment.id}/tracking`, { token: await s.as("warehouse"), body: { kind: "problem", text: "地址不详 address unclear" } });
    expect(byStaff.status).toBe(201);
    const audit = rowsOf<{ action: string }>(await w.services.db.execute(sql`select action from audit_log where entity_id = ${staff.shipment.id}`));
    expect(audit.map((a) => a.action)).toContain("shipment.track");
  });
});

describe("L3 tracking sandbox", () => {
  it("L3 the sandbox's journeys are fixed per shipment, never before shipping, and some arrive late", () => {
    const shippedAt = new Date("2026-01-05T10:00:00+08:00");
    const promisedBy = addHours(shippedAt, 48);
    const ids = Array.from({ length: 200 }, (_, i) => `0193f000-0000-7000-8000-${String(i).padStart(12, "0")}`);
    const ends = ids.map((id) => journey({ id, carrierCode: "shunfeng", shippedAt, promisedBy, province: "330000" }));
    for (const steps of ends) {
      expect(steps.map((e) => e.at.getTime())).toEqual([...steps.map((e) => e.at.getTime())].sort((a, b) => a - b));
      expect(steps[0]!.at > shippedAt).toBe(true);
      expect(steps.at(-1)!.state).toBe("3");
    }
    const late = ends.filter((e) => e.at(-1)!.at > promisedBy).length;
    expect(late).toBeGreaterThan(0);
    expect(late).toBeLessThan(100);
    expect(journey({ id: ids[0]!, carrierCode: "shunfeng", shippedAt, promisedBy, province: "330000" })).toEqual(ends[0]);
    const noPromise = journey({ id: ids[0]!, carrierCode: "shunfeng", shippedAt, promisedBy: null, province: "330000" });
    expect(noPromise).toEqual(ends[0]);
  });

  it("L3 the sandbox pushes a shipment's events through the HTTP path as the clock moves, and delivers it", async () => {
    const { w } = s;
    await agreement(w, CARRIER.yt, 36);
    const { order, shipment } = await shipped("yt");
    const row = await shipmentRow(shipment.id);
    expect(row.promisedBy).toEqual(addHours(row.shippedAt, 36));
    const steps = journey({ id: shipment.id, carrierCode: "yuantong", shippedAt: row.shippedAt, promisedBy: row.promisedBy, province: "330000" });
    const deliver = w.services.loopback!;

    expect((await pushDueTracking(w.services, deliver, { shipmentId: shipment.id })).pushed, "nothing has happened yet").toBe(0);
    w.clock.set(steps[0]!.at);
    expect((await pushDueTracking(w.services, deliver, { shipmentId: shipment.id })).pushed).toBe(1);
    expect(await eventCount(shipment.id)).toBe(1);
    expect((await pushDueTracking(w.services, deliver, { shipmentId: shipment.id })).pushed, "nothing new: nothing sent").toBe(0);
    w.clock.set(new Date(steps[3]!.at.getTime() + 60_000));
    await pushDueTracking(w.services, deliver, { shipmentId: shipment.id });
    expect(await eventCount(shipment.id)).toBe(4);
    expect((await shipmentRow(shipment.id)).status).toBe("in_transit");
    const events = await w.services.db.select().from(trackingEvents).where(eq(trackingEvents.shipmentId, shipment.id));
    expect(events.every((e) => e.at <= w.clock.now()), "never an event from the future").toBe(true);

    // The recurring job does the rest.
    w.clock.set(steps[4]!.at);
    await w.jobs.scheduleRecurring();
    w.clock.advance({ minutes: 10 });
    await w.jobs.runDue();
    const done = await shipmentRow(shipment.id);
    expect(done.status).toBe("delivered");
    expect(done.deliveredAt).toEqual(steps[4]!.at);
    expect((await s.order(order.id)).status).toBe("delivered");
    expect((await callbacks(w, shipment.trackingNo)).map((c) => c.outcome)).toEqual(["applied", "applied", "applied"]);
    const view = await w.http("GET", `/api/v1/me/orders/${order.id}/shipments`, { token: await s.as(BUYER) });
    expect(view.body.items[0].events.map((e: { kind: string }) => e.kind)).toEqual(["delivered", "out_for_delivery", "in_transit", "in_transit", "collected"]);
  });
});
