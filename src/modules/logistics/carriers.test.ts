import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addressAt, buyAndPay, sellable } from "../../../test/support/trade.js";
import { world, type World } from "../../../test/support/world.js";
import { rowsOf } from "../../lib/db-types.js";
import { newId } from "../../lib/ids.js";
import { ctxFor, type Ctx } from "../../server/context.js";
import { orderExceptions } from "../exceptions/schema.js";
import { orders } from "../orders/schema.js";
import { scoreOf } from "./carriers.js";
import { carriers, shipments, type AgreementTerms } from "./schema.js";
import { agreementFor, covers, serviceHours, shipOrder, type Shipment } from "./shipments.js";
import { pushSalt, receiveTrackingPush } from "./tracking.js";
import { pushBody } from "./tracking/push.js";

const TEA_OWNER = "owner@tea-house.example";
const BUYER = "buyer@example.com";
const ZJ = "330000";

let w: World;
const signedIn = new Map<string, { token: string; at: number }>();
// Sessions end when the clock moves far enough: sign in again then.
async function as(login: string) {
  const known = signedIn.get(login);
  if (known && w.clock.now().getTime() - known.at < 30 * 60_000) return known.token;
  const token = await w.loginAs(login);
  signedIn.set(login, { token, at: w.clock.now().getTime() });
  return token;
}
let home: string;
let teaGoods: { productId: string; skuCode: string; available: number }[];
let staff: Ctx;

beforeAll(async () => {
  w = await world({ seed: true });
  home = await addressAt(w, await as(BUYER), "文二路 391 号 L1 测试");
  const [tea] = rowsOf<{ id: string }>(await w.services.db.execute(sql`select id from merchants where name like '%Tea House%'`));
  teaGoods = (await sellable(w, 5)).filter((g) => g.merchantId === tea!.id).sort((a, b) => b.available - a.available);
  staff = ctxFor(w.services, { userId: null, kind: "staff", label: "L1 test warehouse", merchantId: null, permissions: new Set(["logistics.manage"]), sessionId: null, mfaPending: false });
});
afterAll(async () => { await w?.close(); });

const everywhere = (hours: number, firstFen = 1000): AgreementTerms => ({
  serviceLevels: [{ provinces: [], hours }], price: { firstGrams: 1000, firstFen, extraGrams: 1000, extraFen: 500 }, coverage: [], claimLimitFen: 50_000,
});
let n = 0;
// A carrier of the test's own, so that its figures count only the test's shipments.
async function newCarrier(prefix: string) {
  const r = await w.http("POST", "/api/v1/admin/carriers", { token: await as("warehouse"), body: { code: `l1-${prefix.toLowerCase()}-${++n}`, name: `测试快递 ${prefix}`, nameEn: `Test ${prefix}`, trackingPattern: `^${prefix}\\d{10}$`, trackingExample: `${prefix}0123456789` } });
  expect(r.status, JSON.stringify(r.body)).toBe(201);
  return r.body as { id: string; code: string };
}
async function addAgreement(carrierId: string, terms: AgreementTerms, validFrom = "2026-01-01", validUntil = "2026-12-31") {
  const r = await w.http("POST", `/api/v1/admin/carriers/${carrierId}/agreements`, { token: await as("warehouse"), body: { terms, validFrom, validUntil } });
  expect(r.status, JSON.stringify(r.body)).toBe(201);
  return r.body as { id: string; no: string; state: string };
}
let bought = 0;
async function paidOrder() {
  const g = teaGoods[bought++ % teaGoods.length]!;
  const { checkout } = await buyAndPay(w, await as(BUYER), [{ productId: g.productId, skuCode: g.skuCode, quantity: 1 }], home);
  return checkout.orders[0].id as string;
}
let waybills = 0;
async function ship(carrier: { id: string }, prefix: string) {
  const { shipment } = await shipOrder(staff, await paidOrder(), { carrierId: carrier.id, trackingNo: `${prefix}${String(++waybills).padStart(10, "0")}` });
  return shipment;
}
// The aggregator says the waybill was signed for, now.
async function deliver(carrier: { code: string }, s: Shipment) {
  const body = pushBody({ carrierCode: carrier.code, trackingNo: s.trackingNo, state: "3", events: [{ at: s.shippedAt, text: "已揽收", status: "揽收" }, { at: w.clock.now(), text: "已签收，签收人：本人", status: "签收" }] }, pushSalt(w.services));
  expect(await receiveTrackingPush(w.services, body)).toMatchObject({ ok: true, outcome: "applied" });
}
async function raiseCase(s: Shipment, kind: "lost" | "damaged" | "customer", source: "buyer" | "merchant" | "staff" | "system", status: "open" | "cancelled" = "open") {
  const now = w.clock.now();
  await w.services.db.insert(orderExceptions).values({
    id: newId(), no: `EX-L1-${newId().slice(-8)}`, orderId: s.orderId, merchantId: s.merchantId, shipmentId: s.id, kind, source, description: `${kind} (test)`, status,
    ownerKind: "merchant", deadline: new Date(now.getTime() + 48 * 3_600_000), openedByLabel: "test", openedAt: now, updatedAt: now,
  });
}

describe("L1 carriers", () => {
  it("L1 a carrier's code is unique and its waybill pattern must compile and accept its example; staff changes are audited; a merchant cannot add one (403)", async () => {
    const token = await as("warehouse");
    const body = { code: "l1-quick", name: "快捷速递", nameEn: "Quick Express", trackingPattern: "^QK\\d{12}$", trackingExample: "QK123456789012", tracking: "aggregator" };
    const post = (b: Record<string, unknown>) => w.http("POST", "/api/v1/admin/carriers", { token, body: { ...body, ...b } });
    for (const [bad, code] of [
      [{ code: "Quick Express" }, "CARRIER_CODE_INVALID"], [{ trackingPattern: "^QK(\\d{12}$" }, "TRACKING_PATTERN_INVALID"],
      [{ trackingPattern: "QK\\d{12}" }, "TRACKING_PATTERN_UNANCHORED"], [{ trackingExample: "QK12345" }, "TRACKING_EXAMPLE_MISMATCH"],
    ] as const) {
      const r = await post(bad);
      expect(r.status, JSON.stringify(bad)).toBe(400);
      expect(r.body.error.code).toBe(code);
    }
    expect((await post({ name: "" })).body.error.code).toBe("VALIDATION_FAILED");
    const created = await post({ trackingExample: " qk123456789012 " });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect(created.body).toMatchObject({ code: "l1-quick", trackingExample: "QK123456789012", active: true });
    expect((await post({})).body.error).toMatchObject({ code: "CARRIER_CODE_TAKEN" });
    expect((await post({})).status).toBe(409);

    const patched = await w.http("PATCH", `/api/v1/admin/carriers/${created.body.id}`, { token, body: { name: "快捷速运", contact: "400-000-0000" } });
    expect(patched.status, JSON.stringify(patched.body)).toBe(200);
    expect(patched.body).toMatchObject({ name: "快捷速运", contact: "400-000-0000", code: "l1-quick" });
    const badPatch = await w.http("PATCH", `/api/v1/admin/carriers/${created.body.id}`, { token, body: { trackingPattern: "^ZZ\\d{3}$" } });
    expect(badPatch.body.error.code).toBe("TRACKING_EXAMPLE_MISMATCH");
    // A seeded carrier with shipments elsewhere keeps its code: pushes are matched by it.
    expect((await w.http("PATCH", "/api/v1/admin/carriers/00000000-0000-7000-8000-000000000000", { token, body: { name: "x" } })).status).toBe(404);

    const audit = rowsOf<{ action: string; actor_label: string }>(await w.services.db.execute(sql`select action, actor_label from audit_log where entity_id = ${created.body.id} order by seq`));
    expect(audit.map((a) => a.action)).toEqual(["carrier.create", "carrier.update"]);
    expect(audit[0]!.actor_label).toContain("warehouse");

    const merchant = await as(TEA_OWNER);
    const refused = await w.http("POST", "/api/v1/admin/carriers", { token: merchant, body: { ...body, code: "l1-merchant" } });
    expect(refused.status).toBe(403);
    expect((await w.http("POST", `/api/v1/admin/carriers/${created.body.id}/agreements`, { token: merchant, body: { terms: everywhere(24), validFrom: "2026-01-01", validUntil: "2026-12-31" } })).status).toBe(403);
    expect((await w.http("GET", "/api/v1/admin/carriers", { token: merchant })).status).toBe(403);
    // The shop sees the carriers it may ship with, with their evaluation.
    const shopList = await w.http("GET", "/api/v1/merchant/carriers", { token: merchant });
    expect(shopList.status).toBe(200);
    expect(shopList.body.items.find((c: { code: string }) => c.code === "shunfeng")).toMatchObject({ evaluation: { shipments: expect.any(Number) } });
    expect((await w.http("GET", "/api/v1/merchant/carriers", { token: await as(BUYER) })).status).toBe(403);
  });

  it("L1 agreement terms are checked: real provinces, hours 1–720, whole non-negative prices, dates in order, every served province promised; overlaps refused", async () => {
    const token = await as("warehouse");
    const carrier = await newCarrier("AG");
    const post = (terms: unknown, validFrom = "2026-02-01", validUntil = "2026-12-31") => w.http("POST", `/api/v1/admin/carriers/${carrier.id}/agreements`, { token, body: { terms, validFrom, validUntil } });
    const good = everywhere(48);
    const cases: [unknown, string, string?, string?][] = [
      [{ ...good, serviceLevels: [{ provinces: ["990000"], hours: 24 }, { provinces: [], hours: 48 }] }, "AGREEMENT_PROVINCE_UNKNOWN"],
      [{ ...good, serviceLevels: [{ provinces: ["330100"], hours: 24 }, { provinces: [], hours: 48 }] }, "AGREEMENT_PROVINCE_UNKNOWN"],
      [{ ...good, coverage: ["33000"] }, "AGREEMENT_PROVINCE_UNKNOWN"],
      [{ ...good, serviceLevels: [{ provinces: [], hours: 0 }] }, "AGREEMENT_HOURS_INVALID"],
      [{ ...good, serviceLevels: [{ provinces: [], hours: 721 }] }, "AGREEMENT_HOURS_INVALID"],
      [{ ...good, serviceLevels: [{ provinces: [], hours: 1.5 }] }, "AGREEMENT_HOURS_INVALID"],
      [{ ...good, serviceLevels: [] }, "AGREEMENT_LEVELS_EMPTY"],
      [{ ...good, serviceLevels: [{ provinces: [ZJ], hours: 24 }, { provinces: [ZJ, "310000"], hours: 48 }, { provinces: [], hours: 72 }] }, "AGREEMENT_PROVINCE_TWICE"],
      [{ ...good, price: { ...good.price, firstFen: -1 } }, "AGREEMENT_PRICE_INVALID"],
      [{ ...good, price: { ...good.price, extraFen: 2.5 } }, "AGREEMENT_PRICE_INVALID"],
      [{ ...good, claimLimitFen: -100 }, "AGREEMENT_CLAIM_LIMIT_INVALID"],
      [{ ...good, coverage: [ZJ, "310000"], serviceLevels: [{ provinces: [ZJ], hours: 24 }] }, "AGREEMENT_LEVEL_MISSING"],
      [{ ...good, serviceLevels: [{ provinces: [ZJ], hours: 24 }] }, "AGREEMENT_LEVEL_MISSING"],
      [{ ...good, coverage: [ZJ], serviceLevels: [{ provinces: ["310000"], hours: 24 }, { provinces: [], hours: 48 }] }, "AGREEMENT_LEVEL_OUTSIDE_COVERAGE"],
      [good, "AGREEMENT_DATES_INVALID", "2026-12-31", "2026-02-01"],
      [good, "AGREEMENT_DATES_INVALID", "2026-02-30", "2026-12-31"],
      [good, "AGREEMENT_DATES_INVALID", "2025-01-01", "2025-12-31"],
    ];
    for (const [terms, code, from, until] of cases) {
      const r = await post(terms, from, until);
      expect(r.status, `${code} ${JSON.stringify(terms)}`).toBe(400);
      expect(r.body.error.code, JSON.stringify(r.body)).toBe(code);
    }
    const shape = await post({ ...good, price: undefined });
    expect(shape.status).toBe(400);
    expect(shape.body.error.code).toBe("VALIDATION_FAILED");
    const [none] = rowsOf<{ n: number }>(await w.services.db.execute(sql`select count(*)::int as n from carrier_agreements where carrier_id = ${carrier.id}`));
    expect(none!.n).toBe(0);

    // Zhejiang and Shanghai next day, Xinjiang and Tibet in four days, the rest in two.
    const terms: AgreementTerms = {
      serviceLevels: [{ provinces: [ZJ, "310000"], hours: 24 }, { provinces: ["650000", "540000"], hours: 96 }, { provinces: [], hours: 48 }],
      price: { firstGrams: 1000, firstFen: 900, extraGrams: 500, extraFen: 300 }, coverage: [], claimLimitFen: 30_000,
    };
    const first = await post(terms, "2026-01-01", "2026-06-30");
    expect(first.status, JSON.stringify(first.body)).toBe(201);
    expect(first.body).toMatchObject({ no: expect.stringMatching(/^XY\d{8}-\d{4}$/), state: "in_force", status: "active", validFrom: "2026-01-01", validUntil: "2026-06-30" });
    const overlap = await post(terms, "2026-06-01", "2026-12-31");
    expect(overlap.status).toBe(409);
    expect(overlap.body.error).toMatchObject({ code: "AGREEMENT_OVERLAPS", details: { no: first.body.no, validUntil: "2026-06-30" } });
    // A renewal from the day after.
    const renewal = await post({ ...terms, price: { ...terms.price, firstFen: 950 } }, "2026-07-01", "2026-12-31");
    expect(renewal.status, JSON.stringify(renewal.body)).toBe(201);
    expect(renewal.body.state).toBe("upcoming");

    // The lookups shipping relies on.
    const inForce = (await agreementFor(w.services.db, carrier.id, "2026-01-05"))!;
    expect(inForce.id).toBe(first.body.id);
    expect((await agreementFor(w.services.db, carrier.id, "2026-08-01"))!.id).toBe(renewal.body.id);
    expect([serviceHours(inForce.terms, ZJ), serviceHours(inForce.terms, "650000"), serviceHours(inForce.terms, "440000")]).toEqual([24, 96, 48]);
    expect(covers(inForce.terms, "440000")).toBe(true);

    const detail = await w.http("GET", `/api/v1/admin/carriers/${carrier.id}`, { token });
    expect(detail.body.agreement).toMatchObject({ id: first.body.id });
    expect(detail.body.agreements.map((a: { no: string; state: string }) => a.state)).toEqual(["upcoming", "in_force"]);

    // Ending one early: audited, kept on record, no longer in force; twice is refused.
    expect((await w.http("POST", `/api/v1/admin/carrier-agreements/${first.body.id}/end`, { token, body: { reason: "" } })).body.error.code).toBe("REASON_REQUIRED");
    const ended = await w.http("POST", `/api/v1/admin/carrier-agreements/${first.body.id}/end`, { token, body: { reason: "合同提前终止 terminated" } });
    expect(ended.status, JSON.stringify(ended.body)).toBe(200);
    expect(ended.body).toMatchObject({ status: "ended", state: "ended", note: expect.stringContaining("合同提前终止") });
    expect(await agreementFor(w.services.db, carrier.id, "2026-01-05")).toBeNull();
    const again = await w.http("POST", `/api/v1/admin/carrier-agreements/${first.body.id}/end`, { token, body: { reason: "again" } });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe("AGREEMENT_ALREADY_ENDED");
    const audit = rowsOf<{ action: string }>(await w.services.db.execute(sql`select action from audit_log where entity_id = ${first.body.id} order by seq`));
    expect(audit.map((a) => a.action)).toEqual(["carrier.agreement.create", "carrier.agreement.end"]);
    // With the old one ended, a new one may start at once.
    expect((await post(terms, "2026-01-05", "2026-06-30")).status).toBe(201);
  });

  it("L1 a shipment takes its promise from the agreement's service level; a carrier whose agreement does not reach the province is refused", async () => {
    const north = await newCarrier("NO");
    await addAgreement(north.id, { ...everywhere(24), coverage: ["110000", "120000"], serviceLevels: [{ provinces: ["110000", "120000"], hours: 24 }] });
    const orderId = await paidOrder();
    await expect(shipOrder(staff, orderId, { carrierId: north.id, trackingNo: "NO0000000001" })).rejects.toMatchObject({ code: "CARRIER_NOT_COVERING" });
    const east = await newCarrier("EA");
    await addAgreement(east.id, { ...everywhere(72), serviceLevels: [{ provinces: [ZJ], hours: 36 }, { provinces: [], hours: 72 }] });
    const { shipment } = await shipOrder(staff, orderId, { carrierId: east.id, trackingNo: "EA0000000001" });
    expect(shipment.promisedBy!.getTime() - shipment.shippedAt.getTime()).toBe(36 * 3_600_000);
    expect(shipment.agreementId).toBeTruthy();
  });

  it("L1 the evaluation is computed from shipments, tracking and exception cases: on-time, loss and damage rates, complaints, score and a monthly series", async () => {
    const fast = await newCarrier("FA");
    const slow = await newCarrier("SL");
    await addAgreement(fast.id, { ...everywhere(72, 1200), serviceLevels: [{ provinces: [ZJ, "310000"], hours: 24 }, { provinces: [], hours: 72 }] });
    await addAgreement(slow.id, everywhere(48, 800));
    const f = [await ship(fast, "FA"), await ship(fast, "FA"), await ship(fast, "FA"), await ship(fast, "FA")];
    const s = [await ship(slow, "SL"), await ship(slow, "SL")];

    // 20 hours on: three of the fast carrier's parcels arrive within their 24 hours.
    w.clock.advance({ hours: 20 });
    for (const x of [f[0]!, f[1]!, f[3]!]) await deliver(fast, x);
    // 30 hours: the fourth, late.
    w.clock.advance({ hours: 10 });
    await deliver(fast, f[2]!);
    // 50 hours: the slow carrier's first parcel, two hours past its 48.
    w.clock.advance({ hours: 20 });
    await deliver(slow, s[0]!);
    // Cases: the buyer reports one fast parcel damaged; the slow carrier's second is lost
    // (found by a job); a case cancelled as a mistake counts for nothing.
    await raiseCase(f[3]!, "damaged", "buyer");
    await raiseCase(s[1]!, "lost", "system");
    await raiseCase(s[0]!, "damaged", "buyer", "cancelled");

    const list = await w.http("GET", "/api/v1/admin/carriers", { token: await as("warehouse") });
    expect(list.status).toBe(200);
    const of = (id: string) => list.body.items.find((c: { id: string }) => c.id === id);
    // 4 shipped, 4 delivered (all promised), 3 on time; 1 damaged, no loss; 1 complaint.
    // Score: 50 × 0.75 + 30 × max(0, 1 − 10 × 0.25) + 20 × max(0, 1 − 20 × 0.25) = 37.5.
    expect(of(fast.id).evaluation).toMatchObject({ shipments: 4, delivered: 4, onTimeRate: 0.75, lossRate: 0, damageRate: 0.25, complaints: 1, score: 37.5 });
    // 2 shipped, 1 delivered late, 1 lost, no complaint: 50 × 0 + 30 × 0 + 20 × 1 = 20.
    expect(of(slow.id).evaluation).toMatchObject({ shipments: 2, delivered: 1, onTimeRate: 0, lossRate: 0.5, damageRate: 0, complaints: 0, score: 20 });
    expect(of(fast.id).agreement).toMatchObject({ state: "in_force" });
    // Parcels still on their way prove nothing; a loss does: (30 × 0 + 20 × 1) ÷ 50.
    expect(scoreOf({ shipments: 3, delivered: 0, promised: 0, onTime: 0, lost: 0, damaged: 0, complaints: 0 })).toBeNull();
    expect(scoreOf({ shipments: 10, delivered: 0, promised: 0, onTime: 0, lost: 1, damaged: 0, complaints: 0 })).toBe(40);
    expect(scoreOf({ shipments: 0, delivered: 0, promised: 0, onTime: 0, lost: 0, damaged: 0, complaints: 0 })).toBeNull();

    // Best score first among the carriers with shipments.
    const ranked = list.body.items.map((c: { id: string }) => c.id);
    expect(ranked.indexOf(fast.id)).toBeLessThan(ranked.indexOf(slow.id));

    // A shipment marked lost by its status counts as lost too.
    await w.services.db.update(shipments).set({ status: "lost" }).where(eq(shipments.id, s[1]!.id));
    const token = await as("warehouse");
    const detail = await w.http("GET", `/api/v1/admin/carriers/${slow.id}`, { token });
    expect(detail.body.evaluation).toMatchObject({ shipments: 2, lossRate: 0.5 });
    expect(detail.body.monthly).toHaveLength(12);
    expect(detail.body.monthly.at(-1)).toMatchObject({ month: "2026-01", shipments: 2, onTimeRate: 0, lossRate: 0.5 });
    expect(detail.body.monthly[0]).toMatchObject({ month: "2025-02", shipments: 0, onTimeRate: null, score: null });

    // Another period: nothing shipped then.
    const before = await w.http("GET", `/api/v1/admin/carriers/${fast.id}?from=2025-10-01&to=2025-12-31`, { token });
    expect(before.body).toMatchObject({ from: "2025-10-01", to: "2025-12-31", evaluation: { shipments: 0, score: null, onTimeRate: null } });
    expect((await w.http("GET", `/api/v1/admin/carriers?from=2026-01-31&to=2026-01-01`, { token })).body.error.code).toBe("PERIOD_INVALID");
    expect((await w.http("GET", `/api/v1/admin/carriers?from=tomorrow`, { token })).status).toBe(400);
  });

  it("L1 suggestions for an order: carriers covering the destination by score then agreed price for its weight; without an agreement after; not covering last", async () => {
    const token = await as(TEA_OWNER);
    const fastId = (await w.services.db.select().from(carriers).where(sql`${carriers.code} like 'l1-fa-%'`))[0]!.id;
    const slowId = (await w.services.db.select().from(carriers).where(sql`${carriers.code} like 'l1-sl-%'`))[0]!.id;
    const quickId = (await w.services.db.select().from(carriers).where(eq(carriers.code, "l1-quick")))[0]!.id;
    const pricey = await newCarrier("PR");
    const cheap = await newCarrier("CH");
    await addAgreement(pricey.id, everywhere(96, 700));
    await addAgreement(cheap.id, { ...everywhere(96, 300), price: { firstGrams: 500, firstFen: 300, extraGrams: 500, extraFen: 100 } });
    const orderId = await paidOrder();
    const grams = rowsOf<{ grams: number }>(await w.services.db.execute(sql`select sum(weight_grams * quantity)::int as grams from order_lines where order_id = ${orderId}`))[0]!.grams;

    const r = await w.http("GET", `/api/v1/merchant/orders/${orderId}/carrier-suggestions`, { token });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body).toMatchObject({ province: ZJ, provinceName: "浙江省", weightGrams: grams });
    const items = r.body.items as { carrierId: string; covers: boolean | null; hours: number | null; priceFen: number | null; score: number | null; recommended: boolean }[];
    const at = (id: string) => items.findIndex((i) => i.carrierId === id);
    const price = (first: number, step: number, firstFen: number, extraFen: number) => firstFen + Math.ceil(Math.max(0, grams - first) / step) * extraFen;
    expect(items[at(fastId)]).toMatchObject({ covers: true, hours: 24, score: 37.5, priceFen: price(1000, 1000, 1200, 500) });
    expect(items[at(slowId)]).toMatchObject({ covers: true, hours: 48, score: 20, priceFen: price(1000, 1000, 800, 500), recommended: false });
    expect(items[at(cheap.id)]).toMatchObject({ covers: true, hours: 96, score: null, priceFen: price(500, 500, 300, 100) });
    // By score first (37.5 before 20 though dearer), then, without a score yet, by price.
    expect(at(fastId)).toBeLessThan(at(slowId));
    expect(at(slowId)).toBeLessThan(at(cheap.id));
    expect(at(cheap.id)).toBeLessThan(at(pricey.id));
    // Covering first, then without an agreement, then not covering; within the first, by score.
    const groups = items.map((i) => (i.covers === true ? 0 : i.covers === null ? 1 : 2));
    expect([...groups].sort()).toEqual(groups);
    const scored = items.filter((i) => i.covers === true && i.score !== null).map((i) => i.score!);
    expect([...scored].sort((a, b) => b - a)).toEqual(scored);
    expect(items.filter((i) => i.recommended).map((i) => i.carrierId)).toEqual([items[0]!.carrierId]);
    const quick = items.find((i) => i.carrierId === quickId)!;
    expect(quick).toMatchObject({ covers: null, hours: null, priceFen: null, recommended: false });
    const north = items.find((i) => i.covers === false)!;
    expect(at(north.carrierId)).toBeGreaterThan(at(quickId));

    // Another shop's order is not found; a buyer has no access.
    const bamboo = await w.loginAs("owner@bamboo.example");
    expect((await w.http("GET", `/api/v1/merchant/orders/${orderId}/carrier-suggestions`, { token: bamboo })).status).toBe(404);
    expect((await w.http("GET", `/api/v1/merchant/orders/${orderId}/carrier-suggestions`, { token: await as(BUYER) })).status).toBe(403);
    const [o] = await w.services.db.select({ status: orders.status }).from(orders).where(eq(orders.id, orderId));
    expect(o!.status).toBe("paid");
  });
});
