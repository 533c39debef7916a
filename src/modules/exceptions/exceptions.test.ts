import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq, sql } from "drizzle-orm";
import { world, type World } from "../../../test/support/world.js";
import { addressAt, available, buyAndPay, sellable } from "../../../test/support/trade.js";
import { rowsOf } from "../../lib/db-types.js";
import { newId } from "../../lib/ids.js";
import { next } from "../../lib/machine.js";
import { ctxFor, type Ctx } from "../../server/context.js";
import { RuleViolation } from "../../server/errors.js";
import { verifyStock } from "../inventory/verify.js";
import { carrierAgreements, shipments } from "../logistics/schema.js";
import { shipOrder } from "../logistics/shipments.js";
import { addManualTracking } from "../logistics/tracking.js";
import { orders } from "../orders/schema.js";
import { autoConfirmDue } from "../orders/receipt.js";
import { tasks } from "../tasks/schema.js";
import { detectShipmentExceptions } from "./detect.js";
import { exceptionStatuses, orderExceptions } from "./schema.js";
import { exceptionMachine } from "./service.js";

// O7/L4: the demo buyer's orders from the tea house (西湖龙井 LJ-250 ¥688, 杭州西湖藕粉 OF-500
// ¥59.90) and the bamboo shop (楠竹砧板 CB-M ¥69), shipped with SF Express under an agreement
// promising 24 hours and ¥50 per parcel, then lost, damaged, late and settled.
const TEA = "owner@tea-house.example";
const BAMBOO = "owner@bamboo.example";
const BUYER = "buyer@example.com";
const PROMISE_HOURS = 24;
const CLAIM_PER_PARCEL = 5_000;

let w: World;
let home: string;
let sf: string;
let staff: Ctx;
let goods: Map<string, { productId: string; merchantId: string }>;
const tokens = new Map<string, { token: string; at: number }>();

// A token for the login, signed in again once the clock has moved (sessions idle out).
async function as(login: string) {
  const known = tokens.get(login);
  if (known && known.at === w.clock.now().getTime()) return known.token;
  const token = await w.loginAs(login);
  tokens.set(login, { token, at: w.clock.now().getTime() });
  return token;
}

const digits = (n: number) => Array.from({ length: n }, () => Math.floor(Math.random() * 10)).join("");
const waybill = () => `SF${digits(13)}`;
const api = async (method: string, url: string, login: string, body?: unknown) => w.http(method, `/api/v1${url}`, { token: await as(login), body });

async function buy(items: [sku: string, quantity: number][]) {
  const { checkout } = await buyAndPay(w, await as(BUYER), items.map(([sku, quantity]) => ({ productId: goods.get(sku)!.productId, skuCode: sku, quantity })), home);
  return checkout.orders[0] as { id: string; no: string; totalFen: number; merchantId: string };
}
async function ship(orderId: string, parcels?: { weightGrams: number }[]) {
  const r = await shipOrder(staff, orderId, { carrierId: sf, trackingNo: waybill(), parcels });
  return r.shipment;
}
const orderRow = async (id: string) => (await w.services.db.select().from(orders).where(eq(orders.id, id)))[0]!;
const caseRow = async (id: string) => (await w.services.db.select().from(orderExceptions).where(eq(orderExceptions.id, id)))[0]!;
const casesOfShipment = async (shipmentId: string) => w.services.db.select().from(orderExceptions).where(eq(orderExceptions.shipmentId, shipmentId));

beforeAll(async () => {
  w = await world({ seed: true });
  home = await addressAt(w, await as(BUYER), "文三路 478 号 华星时代广场 exceptions");
  goods = new Map((await sellable(w, 0)).map((g) => [g.skuCode, g]));
  sf = rowsOf<{ id: string }>(await w.services.db.execute(sql`select id from carriers where code = 'shunfeng'`))[0]!.id;
  staff = ctxFor(w.services, { userId: null, kind: "staff", label: "仓储 Warehouse (test)", merchantId: null, permissions: new Set(["logistics.manage", "order.manage.any"]), sessionId: null, mfaPending: false });
  // The agreement is written as the carriers API would store it; the demo's own SF agreement
  // ends first, so that the promise and the claim limit are the ones below.
  const now = w.clock.now();
  await w.services.db.update(carrierAgreements).set({ status: "ended", updatedAt: now }).where(eq(carrierAgreements.carrierId, sf));
  await w.services.db.insert(carrierAgreements).values({
    id: newId(), carrierId: sf, no: "SF-2026-EXC", validFrom: "2020-01-01", validUntil: "2099-12-31", createdByLabel: "test", createdAt: now, updatedAt: now,
    terms: { serviceLevels: [{ provinces: [], hours: PROMISE_HOURS }], price: { firstGrams: 1000, firstFen: 1200, extraGrams: 1000, extraFen: 600 }, coverage: [], claimLimitFen: CLAIM_PER_PARCEL },
  });
});
afterAll(async () => { await w?.close(); });

describe("O7 L4 exception cases", () => {
  it("O7 L4 the case table: open goes to resolved or cancelled; a settled case takes no other step", () => {
    expect(next(exceptionMachine, "open", "resolve")).toBe("resolved");
    expect(next(exceptionMachine, "open", "cancel")).toBe("cancelled");
    for (const from of exceptionStatuses.filter((s) => s !== "open")) {
      for (const event of ["resolve", "cancel"] as const) {
        let error: unknown;
        try { next(exceptionMachine, from, event); } catch (e) { error = e; }
        expect(error, `${from} + ${event}`).toBeInstanceOf(RuleViolation);
        expect(error).toMatchObject({ status: 409, code: "INVALID_TRANSITION" });
      }
    }
  });

  it("O7 L4 a buyer reports a damaged parcel: the shop owns the case with a 48 h deadline and a task, and settles it with a refund through the ledger", async () => {
    const o = await buy([["OF-500", 2]]);
    const shipment = await ship(o.id);
    const openedAt = w.clock.now();
    const opened = await api("POST", `/me/orders/${o.id}/exceptions`, BUYER, { kind: "damaged", description: "外箱破损，一袋藕粉撒了 the box was crushed" });
    expect(opened.status, JSON.stringify(opened.body)).toBe(201);
    expect(opened.body).toMatchObject({ kind: "damaged", source: "buyer", status: "open", ownerKind: "merchant", ownerLabel: expect.stringContaining("西湖茶舍"), shipmentId: shipment.id, orderNo: o.no, overdue: false });
    expect(opened.body.no).toMatch(/^YC\d{8}-\d{4}$/);
    expect(new Date(opened.body.deadline).getTime() - openedAt.getTime()).toBe(48 * 3600_000);
    const caseId = opened.body.id as string;

    const [task] = await w.services.db.select().from(tasks).where(and(eq(tasks.subjectId, caseId), eq(tasks.audience, "merchant")));
    expect(task).toMatchObject({ merchantId: o.merchantId, kind: "order_exception", status: "open", params: expect.objectContaining({ caseNo: opened.body.no, orderNo: o.no, kind: "damaged" }) });
    expect(task!.dueAt!.getTime()).toBe(new Date(opened.body.deadline).getTime());

    const queue = await api("GET", "/merchant/exceptions?status=open", TEA);
    expect(queue.status).toBe(200);
    expect(queue.body.items.map((c: { id: string }) => c.id)).toContain(caseId);
    expect(queue.body.counts.status.open).toBeGreaterThanOrEqual(1);
    expect(queue.body.counts.kind.damaged).toBeGreaterThanOrEqual(1);
    expect(queue.body.items.find((c: { id: string }) => c.id === caseId).shipment).toMatchObject({ trackingNo: shipment.trackingNo, carrierName: expect.stringContaining("顺丰") });
    const mine = await api("GET", `/me/orders/${o.id}/exceptions`, BUYER);
    expect(mine.body.items).toEqual([expect.objectContaining({ id: caseId, kind: "damaged", status: "open", trackingNo: shipment.trackingNo })]);

    w.clock.advance({ hours: 3 });
    const before = await orderRow(o.id);
    const resolved = await api("POST", `/merchant/exceptions/${caseId}/resolve`, TEA, { resolution: "refund", refundFen: 5_990, note: "退一袋的货款 one bag refunded" });
    expect(resolved.status, JSON.stringify(resolved.body)).toBe(200);
    expect(resolved.body).toMatchObject({ status: "resolved", resolution: "refund", refundFen: 5_990, overdue: false, resolvedBy: expect.stringContaining("Owner Chen") });
    expect(resolved.body.refund).toMatchObject({ amountFen: 5_990, status: "succeeded" });
    const after = await orderRow(o.id);
    expect(after.refundedFen).toBe(before.refundedFen + 5_990);
    expect(after.status, "the order goes on; only part of it was refunded").toBe("shipped");
    // The refund leaves escrow and reaches the buyer's payment method, once.
    const postings = rowsOf<{ kind: string; escrow: string }>(await w.services.db.execute(sql`
      select t.kind, sum(e.amount_fen) filter (where a.code = 'escrow') as escrow from ledger_transactions t join ledger_entries e on e.transaction_id = t.id join ledger_accounts a on a.id = e.account_id
      where t.reference_type = 'refund' and t.reference_id = ${resolved.body.refund.id} group by t.kind order by t.kind`));
    expect(postings.map((p) => [p.kind, Number(p.escrow ?? 0)])).toEqual([["refund.payout", 0], ["refund.request", 5_990]]);
    const [held] = rowsOf<{ held: string }>(await w.services.db.execute(sql`
      select -sum(e.amount_fen) as held from ledger_entries e join ledger_accounts a on a.id = e.account_id where a.code = 'escrow' and e.order_id = ${o.id}`));
    expect(Number(held!.held)).toBe(o.totalFen - 5_990);

    expect((await w.services.db.select().from(tasks).where(eq(tasks.id, task!.id)))[0]!.status).toBe("done");
    const detail = await api("GET", `/merchant/exceptions/${caseId}`, TEA);
    expect(detail.body.timeline.map((e: { event: string; actor: string }) => [e.event, e.actor])).toEqual([["exception_open", "buyer"], ["exception_resolve", expect.stringContaining("Owner Chen")]]);
    expect(detail.body.order).toMatchObject({ no: o.no, refundedFen: 5_990, refundableFen: o.totalFen - 5_990 });
    // The order's own timeline carries the case too.
    const timeline = (await api("GET", `/me/orders/${o.id}`, BUYER)).body.timeline.map((e: { event: string }) => e.event);
    expect(timeline.slice(-2)).toEqual(["exception_open", "exception_resolve"]);
    expect((await api("GET", `/me/orders/${o.id}/exceptions`, BUYER)).body.items[0]).toMatchObject({ status: "resolved", resolution: "refund", refundFen: 5_990 });
  });

  it("O7 O6 while a case is open the automatic receipt confirmation waits; once it is settled the order completes", async () => {
    const o = await buy([["OF-500", 1]]);
    const shipment = await ship(o.id);
    w.clock.advance({ hours: 20 });
    await addManualTracking(staff, shipment.id, { kind: "delivered", text: "本人签收 signed by the buyer" });
    expect((await orderRow(o.id)).status).toBe("delivered");
    const opened = await api("POST", `/me/orders/${o.id}/exceptions`, BUYER, { kind: "customer", description: "少了赠品 the free sample is missing" });
    expect(opened.status, JSON.stringify(opened.body)).toBe(201);
    expect(opened.body).toMatchObject({ ownerKind: "merchant", shipmentId: null });

    w.clock.advance({ days: 11 });
    await autoConfirmDue(w.services);
    expect((await orderRow(o.id)).status, "an open case holds the confirmation").toBe("delivered");
    // Eleven days against 48 hours: the open case is late in the queue.
    const late = await api("GET", "/merchant/exceptions?overdue=true", TEA);
    expect(late.body.items.map((c: { id: string }) => c.id)).toContain(opened.body.id);
    expect(late.body.counts.overdue).toBeGreaterThanOrEqual(1);

    const settled = await api("POST", `/merchant/exceptions/${opened.body.id}/resolve`, TEA, { resolution: "no_action", note: "赠品已另寄 the sample went by post" });
    expect(settled.status, JSON.stringify(settled.body)).toBe(200);
    expect(settled.body).toMatchObject({ status: "resolved", resolution: "no_action", overdue: true });
    await autoConfirmDue(w.services);
    expect((await orderRow(o.id)).status).toBe("completed");
  });

  it("L4 a parcel past its promise and the grace hours is detected as delayed, once; the late case is reshipped from fresh stock under a new waybill", async () => {
    const o = await buy([["LJ-250", 2]]);
    const shipment = await ship(o.id);
    const promisedBy = (await w.services.db.select().from(shipments).where(eq(shipments.id, shipment.id)))[0]!.promisedBy!;
    expect(promisedBy.getTime() - shipment.shippedAt.getTime()).toBe(PROMISE_HOURS * 3600_000);

    w.clock.advance({ hours: PROMISE_HOURS + 23 });
    await detectShipmentExceptions(w.services);
    expect(await casesOfShipment(shipment.id), "within the 24 grace hours").toEqual([]);
    w.clock.advance({ hours: 1, minutes: 1 });
    expect((await detectShipmentExceptions(w.services)).opened).toBeGreaterThanOrEqual(1);
    const [delayed] = await casesOfShipment(shipment.id);
    expect(delayed).toMatchObject({ kind: "delayed", source: "system", status: "open", ownerKind: "merchant", openedByLabel: "exception detection" });
    expect(delayed!.description).toContain(shipment.trackingNo);
    expect((await detectShipmentExceptions(w.services)).opened, "the job is idempotent").toBe(0);
    expect(await casesOfShipment(shipment.id)).toHaveLength(1);

    // Past the 48 hours to handle it: late in the queue, and still settled.
    w.clock.advance({ hours: 49 });
    const queue = await api("GET", "/merchant/exceptions?kind=delayed&overdue=true", TEA);
    expect(queue.body.items.find((c: { id: string }) => c.id === delayed!.id)).toMatchObject({ overdue: true, shipment: { trackingNo: shipment.trackingNo, status: "in_transit" } });

    const lines = (await api("GET", `/merchant/exceptions/${delayed!.id}`, TEA)).body.order.lines as { id: string; quantity: number; shipped: number }[];
    expect(lines).toEqual([expect.objectContaining({ quantity: 2, shipped: 2 })]);
    const stockBefore = await available(w, goods.get("LJ-250")!.productId, "LJ-250");
    const again = waybill();
    const r = await api("POST", `/merchant/exceptions/${delayed!.id}/resolve`, TEA, {
      resolution: "reship", note: "补发两罐 two tins sent again", reship: { carrierId: sf, trackingNo: again, lines: [{ orderLineId: lines[0]!.id, quantity: 2 }] },
    });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body).toMatchObject({ status: "resolved", resolution: "reship", overdue: true, reship: { trackingNo: again, status: "in_transit", reshipOfCaseId: delayed!.id } });
    const [reshipped] = await w.services.db.select().from(shipments).where(eq(shipments.reshipOfCaseId, delayed!.id));
    expect(reshipped).toMatchObject({ trackingNo: again, orderId: o.id, status: "in_transit" });
    expect((await caseRow(delayed!.id)).reshipShipmentId).toBe(reshipped!.id);
    expect(await available(w, goods.get("LJ-250")!.productId, "LJ-250"), "two more tins left the warehouse").toBe(stockBefore - 2);
    expect((await verifyStock(w.services.db)).problems).toEqual([]);
    expect((await orderRow(o.id)).status, "a reship leaves the order as it was").toBe("shipped");
    const resolvedLate = await api("GET", "/merchant/exceptions?status=resolved&overdue=true", TEA);
    expect(resolvedLate.body.items.map((c: { id: string }) => c.id)).toContain(delayed!.id);
  });

  it("L4 a claim on a lost parcel is capped by the agreement per parcel; the parcel is then lost, and no breach is counted against the shop", async () => {
    const o = await buy([["LJ-250", 1], ["OF-500", 1]]);
    const shipment = await ship(o.id, [{ weightGrams: 600 }, { weightGrams: 500 }]);
    const opened = await api("POST", `/merchant/orders/${o.id}/exceptions`, TEA, { kind: "lost", description: "转运中心找不到包裹 the hub cannot find it" });
    expect(opened.status, JSON.stringify(opened.body)).toBe(201);
    expect(opened.body).toMatchObject({ source: "merchant", ownerKind: "merchant", shipmentId: shipment.id });
    const detail = await api("GET", `/merchant/exceptions/${opened.body.id}`, TEA);
    expect(detail.body.claimLimit).toEqual({ agreementNo: "SF-2026-EXC", perParcelFen: CLAIM_PER_PARCEL, parcels: 2, limitFen: 2 * CLAIM_PER_PARCEL });

    const over = await api("POST", `/merchant/exceptions/${opened.body.id}/resolve`, TEA, { resolution: "claim", claimFen: 2 * CLAIM_PER_PARCEL + 1, note: "向顺丰索赔 claim from SF" });
    expect(over.status).toBe(409);
    expect(over.body.error).toMatchObject({ code: "CLAIM_EXCEEDS_LIMIT", details: { field: "claimFen", limitFen: 2 * CLAIM_PER_PARCEL } });
    expect((await caseRow(opened.body.id)).status, "a refused claim changes nothing").toBe("open");

    const claimed = await api("POST", `/merchant/exceptions/${opened.body.id}/resolve`, TEA, { resolution: "claim", claimFen: 2 * CLAIM_PER_PARCEL, note: "向顺丰索赔 claim from SF" });
    expect(claimed.status, JSON.stringify(claimed.body)).toBe(200);
    expect(claimed.body).toMatchObject({ status: "resolved", resolution: "claim", claimFen: 2 * CLAIM_PER_PARCEL });
    expect((await w.services.db.select().from(shipments).where(eq(shipments.id, shipment.id)))[0]!.status).toBe("lost");
    const breaches = rowsOf<{ n: number }>(await w.services.db.execute(sql`select count(*)::int as n from merchant_breaches where subject_id = ${shipment.id} or subject_id = ${o.id} or subject_id = ${opened.body.id}`));
    expect(breaches[0]!.n).toBe(0);
    // The lost parcel already has its case: the job opens no other.
    await detectShipmentExceptions(w.services);
    expect(await casesOfShipment(shipment.id)).toHaveLength(1);
  });

  it("L4 a parcel the carrier reports as a problem opens a platform case; staff hand it to the shop and back, audited; the shop cannot settle a platform case", async () => {
    const o = await buy([["OF-500", 1]]);
    const shipment = await ship(o.id);
    w.clock.advance({ hours: 2 });
    await addManualTracking(staff, shipment.id, { kind: "problem", text: "地址不详，联系不上收件人 address unclear" });
    await detectShipmentExceptions(w.services);
    const [c] = (await casesOfShipment(shipment.id)).filter((x) => x.kind === "system");
    expect(c).toMatchObject({ source: "system", ownerKind: "platform", status: "open" });
    const [platformTask] = await w.services.db.select().from(tasks).where(and(eq(tasks.subjectId, c!.id), eq(tasks.audience, "platform")));
    expect(platformTask).toMatchObject({ permission: "order.manage.any", status: "open" });

    const refused = await api("POST", `/merchant/exceptions/${c!.id}/resolve`, TEA, { resolution: "no_action", note: "not ours" });
    expect(refused.status).toBe(403);
    expect(refused.body.error.code).toBe("EXCEPTION_OWNED_BY_PLATFORM");
    const platformQueue = await api("GET", "/admin/exceptions?owner=platform&status=open", "service");
    expect(platformQueue.body.items.map((x: { id: string }) => x.id)).toContain(c!.id);
    expect(platformQueue.body.counts.owner.platform).toBeGreaterThanOrEqual(1);

    const toShop = await api("POST", `/admin/exceptions/${c!.id}/assign`, "service", { ownerKind: "merchant" });
    expect(toShop.status, JSON.stringify(toShop.body)).toBe(200);
    expect(toShop.body).toMatchObject({ ownerKind: "merchant", ownerLabel: expect.stringContaining("西湖茶舍") });
    expect((await w.services.db.select().from(tasks).where(eq(tasks.id, platformTask!.id)))[0]!.status).toBe("done");
    const shopTasks = await w.services.db.select().from(tasks).where(and(eq(tasks.subjectId, c!.id), eq(tasks.audience, "merchant"), eq(tasks.status, "open")));
    expect(shopTasks).toHaveLength(1);
    const back = await api("POST", `/admin/exceptions/${c!.id}/assign`, "service", { ownerKind: "platform", ownerLabel: "物流组 Logistics desk" });
    expect(back.body).toMatchObject({ ownerKind: "platform", ownerLabel: "物流组 Logistics desk" });
    const audit = rowsOf<{ action: string }>(await w.services.db.execute(sql`select action from audit_log where entity_type = 'order_exception' and entity_id = ${c!.id} order by seq`));
    expect(audit.map((a) => a.action)).toEqual(["exception.assign", "exception.assign"]);

    const settled = await api("POST", `/admin/exceptions/${c!.id}/resolve`, "service", { resolution: "no_action", note: "已电话核实地址 address confirmed by phone" });
    expect(settled.status, JSON.stringify(settled.body)).toBe(200);
    expect(settled.body.timeline.map((e: { event: string }) => e.event)).toEqual(["exception_open", "exception_assign", "exception_assign", "exception_resolve"]);
    const all = rowsOf<{ action: string }>(await w.services.db.execute(sql`select action from audit_log where entity_type = 'order_exception' and entity_id = ${c!.id} order by seq`));
    expect(all.at(-1)!.action).toBe("exception.resolve");
    const consoleQueue = await api("GET", `/admin/exceptions?status=resolved&q=${o.no}`, "service");
    expect(consoleQueue.body.items.map((x: { id: string }) => x.id)).toEqual([c!.id]);
  });

  it("O7 one open case per order, parcel and kind: a second one is 409 naming the first; another kind, or after the first is settled, may open", async () => {
    const o = await buy([["OF-500", 1]]);
    await ship(o.id);
    const first = await api("POST", `/me/orders/${o.id}/exceptions`, BUYER, { kind: "damaged", description: "罐子压扁了 the tin is dented" });
    expect(first.status).toBe(201);
    const second = await api("POST", `/merchant/orders/${o.id}/exceptions`, TEA, { kind: "damaged", description: "again" });
    expect(second.status).toBe(409);
    expect(second.body.error).toMatchObject({ code: "EXCEPTION_ALREADY_OPEN", message: expect.stringContaining(first.body.no), details: { caseId: first.body.id, no: first.body.no } });
    const other = await api("POST", `/me/orders/${o.id}/exceptions`, BUYER, { kind: "address", description: "门牌号写错了 wrong door number" });
    expect(other.status).toBe(201);
    expect((await api("POST", `/me/orders/${o.id}/exceptions`, BUYER, { kind: "address", description: "again" })).status).toBe(409);
    const withdrawn = await api("POST", `/admin/exceptions/${other.body.id}/cancel`, "service", { note: "与 YC 重复 duplicate" });
    expect(withdrawn.body.status).toBe("cancelled");
    expect((await api("POST", `/admin/exceptions/${other.body.id}/resolve`, "service", { resolution: "no_action", note: "again" })).body.error.code).toBe("INVALID_TRANSITION");
    expect((await api("POST", `/me/orders/${o.id}/exceptions`, BUYER, { kind: "address", description: "门牌号是 501 the door is 501" })).status).toBe(201);

    // Two reports at once: the order's lock lets one in; the other is told about it.
    const both = await Promise.all([
      api("POST", `/me/orders/${o.id}/exceptions`, BUYER, { kind: "customer", description: "发票没开 no invoice" }),
      api("POST", `/admin/orders/${o.id}/exceptions`, "service", { kind: "customer", description: "买家来电要发票 the buyer called about the invoice" }),
    ]);
    expect(both.map((r) => r.status).sort()).toEqual([201, 409]);
    const open = await w.services.db.select().from(orderExceptions).where(and(eq(orderExceptions.orderId, o.id), eq(orderExceptions.kind, "customer"), eq(orderExceptions.status, "open")));
    expect(open).toHaveLength(1);
    // Staff may open any kind; a fault of the platform's own is the platform's.
    const system = await api("POST", `/admin/orders/${o.id}/exceptions`, "service", { kind: "system", description: "支付回调重复 duplicate payment callback" });
    expect(system.body).toMatchObject({ source: "staff", ownerKind: "platform" });
    const audit = rowsOf<{ action: string }>(await w.services.db.execute(sql`select action from audit_log where entity_type = 'order_exception' and entity_id = ${system.body.id}`));
    expect(audit.map((a) => a.action)).toEqual(["exception.open"]);
  });

  it("O7 another shop gets 404 for the case and the order; another buyer cannot report on the order", async () => {
    const o = await buy([["OF-500", 1]]);
    await ship(o.id);
    const c = (await api("POST", `/me/orders/${o.id}/exceptions`, BUYER, { kind: "lost", description: "一周没动静 no news for a week" })).body;
    for (const [method, url, body] of [
      ["GET", `/merchant/exceptions/${c.id}`, undefined],
      ["POST", `/merchant/exceptions/${c.id}/resolve`, { resolution: "no_action", note: "not ours" }],
      ["POST", `/merchant/orders/${o.id}/exceptions`, { kind: "customer", description: "not ours" }],
    ] as const) {
      const r = await api(method, url, BAMBOO, body);
      expect(r.status, `${method} ${url}`).toBe(404);
    }
    expect((await api("GET", "/merchant/exceptions?limit=200", BAMBOO)).body.items.map((x: { id: string }) => x.id)).not.toContain(c.id);
    const li = await api("POST", `/me/orders/${o.id}/exceptions`, "13800138000", { kind: "customer", description: "not mine" });
    expect(li.status).toBe(404);
    expect((await api("GET", `/me/orders/${o.id}/exceptions`, "13800138000")).status).toBe(404);
    // Reading is not acting: the auditor sees the queue but cannot assign.
    expect((await api("GET", `/admin/exceptions/${c.id}`, "auditor")).status).toBe(200);
    expect((await api("POST", `/admin/exceptions/${c.id}/assign`, "auditor", { ownerKind: "platform" })).status).toBe(403);
  });

  it("O7 L4 bad inputs are refused with 4xx and a stable code, and change nothing", async () => {
    const o = await buy([["OF-500", 1]]);
    const unshipped = await buy([["OF-500", 1]]);
    const other = await buy([["OF-500", 1]]);
    const shipment = await ship(o.id);
    const otherShipment = await ship(other.id);
    const code = async (method: string, url: string, login: string, body: unknown, status: number) => {
      const r = await api(method, url, login, body);
      expect(r.status, `${url} ${JSON.stringify(body)} → ${JSON.stringify(r.body)}`).toBe(status);
      return r.body.error?.code as string;
    };
    const me = `/me/orders/${o.id}/exceptions`;
    expect(await code("POST", me, BUYER, { kind: "delayed", description: "the buyer cannot say late" }, 400)).toBe("VALIDATION_FAILED");
    expect(await code("POST", me, BUYER, { kind: "damaged" }, 400)).toBe("VALIDATION_FAILED");
    expect(await code("POST", me, BUYER, { kind: "damaged", description: "  " }, 400)).toBe("VALIDATION_FAILED");
    expect(await code("POST", me, BUYER, { kind: "damaged", description: "crushed", extra: 1 }, 400)).toBe("VALIDATION_FAILED");
    expect(await code("POST", me, BUYER, { kind: "damaged", description: "crushed", shipmentId: "nope" }, 400)).toBe("VALIDATION_FAILED");
    expect(await code("POST", me, BUYER, { kind: "damaged", description: "crushed", shipmentId: otherShipment.id }, 400)).toBe("SHIPMENT_NOT_OF_ORDER");
    expect(await code("POST", `/merchant/orders/${o.id}/exceptions`, TEA, { kind: "weird", description: "what" }, 400)).toBe("VALIDATION_FAILED");
    expect(await code("POST", `/me/orders/${unshipped.id}/exceptions`, BUYER, { kind: "lost", description: "where is it" }, 409)).toBe("ORDER_NOT_SHIPPED");
    expect(await code("POST", "/me/orders/not-an-id/exceptions", BUYER, { kind: "lost", description: "where is it" }, 400)).toBe("VALIDATION_FAILED");
    expect(await code("POST", `/me/orders/${newId()}/exceptions`, BUYER, { kind: "lost", description: "where is it" }, 404)).toBe("ORDER_NOT_FOUND");
    expect(await code("GET", "/merchant/exceptions?status=pending", TEA, undefined, 400)).toBe("VALIDATION_FAILED");
    expect(await code("GET", "/merchant/exceptions?overdue=yes", TEA, undefined, 400)).toBe("VALIDATION_FAILED");
    expect(await code("GET", `/merchant/exceptions/${newId()}`, TEA, undefined, 404)).toBe("EXCEPTION_NOT_FOUND");
    expect(await code("POST", `/admin/exceptions/${newId()}/assign`, "service", { ownerKind: "carrier" }, 400)).toBe("VALIDATION_FAILED");

    const noParcel = (await api("POST", `/me/orders/${unshipped.id}/exceptions`, BUYER, { kind: "address", description: "改地址 change the address" })).body;
    const c = (await api("POST", me, BUYER, { kind: "damaged", description: "crushed" })).body;
    expect(c.shipmentId).toBe(shipment.id);
    const resolve = `/merchant/exceptions/${c.id}/resolve`;
    expect(await code("POST", resolve, TEA, { resolution: "refund", note: "refund" }, 400)).toBe("REFUND_AMOUNT_REQUIRED");
    expect(await code("POST", resolve, TEA, { resolution: "refund", refundFen: 12.5, note: "refund" }, 400)).toBe("VALIDATION_FAILED");
    expect(await code("POST", resolve, TEA, { resolution: "refund", refundFen: 100, claimFen: 100, note: "both" }, 400)).toBe("RESOLUTION_FIELD_UNEXPECTED");
    expect(await code("POST", resolve, TEA, { resolution: "refund", refundFen: 100 }, 400)).toBe("VALIDATION_FAILED");
    expect(await code("POST", resolve, TEA, { resolution: "reship", note: "again" }, 400)).toBe("RESHIP_REQUIRED");
    expect(await code("POST", resolve, TEA, { resolution: "claim", note: "claim" }, 400)).toBe("CLAIM_AMOUNT_REQUIRED");
    expect(await code("POST", resolve, TEA, { resolution: "refund", refundFen: o.totalFen + 1, note: "too much" }, 409)).toBe("REFUND_EXCEEDS_PAID");
    expect(await code("POST", resolve, TEA, { resolution: "reship", note: "again", reship: { carrierId: sf, trackingNo: "12345", lines: [{ orderLineId: newId(), quantity: 1 }] } }, 400)).toBe("TRACKING_NO_INVALID");
    expect(await code("POST", resolve, TEA, { resolution: "reship", note: "again", reship: { carrierId: sf, trackingNo: waybill(), lines: [{ orderLineId: newId(), quantity: 1 }] } }, 400)).toBe("ORDER_LINE_UNKNOWN");
    expect(await code("POST", resolve, TEA, { resolution: "reship", note: "again", reship: { carrierId: sf, trackingNo: shipment.trackingNo, lines: [{ orderLineId: (await api("GET", `/merchant/exceptions/${c.id}`, TEA)).body.order.lines[0].id, quantity: 1 }] } }, 409)).toBe("TRACKING_NO_TAKEN");
    expect(await code("POST", `/merchant/exceptions/${noParcel.id}/resolve`, TEA, { resolution: "claim", claimFen: 100, note: "claim" }, 409)).toBe("CLAIM_NEEDS_PARCEL");
    expect(await code("POST", `/merchant/exceptions/${noParcel.id}/resolve`, TEA, { resolution: "reship", note: "again", reship: { carrierId: sf, trackingNo: waybill(), lines: [{ orderLineId: newId(), quantity: 1 }] } }, 409)).toBe("RESHIP_NOT_POSSIBLE");
    expect((await caseRow(c.id)).status).toBe("open");
    expect((await orderRow(o.id)).refundedFen).toBe(0);
    expect((await verifyStock(w.services.db)).problems).toEqual([]);
  });
});
