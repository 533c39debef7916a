import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { world, type World } from "../../../test/support/world.js";
import { addressAt, buyAndPay, notify, placeOrders, productIds, startPayment } from "../../../test/support/trade.js";
import { rowsOf } from "../../lib/db-types.js";
import { notificationBody, signNotification, tradeByNo } from "../payments/sandbox/gateway.js";

// Every trade write route with bodies a careless or hostile client sends: the answer is a
// 4xx with a stable code, never a 500, and nothing is written. The path ids are real (an
// open order, a paid one, an open review), so a body that slipped through would show.
let w: World;
const tokens: Record<"buyer" | "service" | "finance", string> = { buyer: "", service: "", finance: "" };
const real: Record<string, string> = {};
let validItem: { productId: string; skuCode: string; quantity: number };

beforeAll(async () => {
  w = await world({ seed: true });
  tokens.buyer = await w.loginAs("buyer@example.com");
  tokens.service = await w.loginAs("service");
  tokens.finance = await w.loginAs("finance");
  const ids = await productIds(w);
  validItem = { productId: ids.get("杭州西湖藕粉")!, skuCode: "OF-500", quantity: 1 };
  real.address = await addressAt(w, tokens.buyer, "湖墅南路 1 号 bad input");
  const open = await placeOrders(w, tokens.buyer, [validItem], real.address);
  [real.checkout, real.openOrder] = [open.id, open.orders[0]!.id];
  real.paidOrder = (await buyAndPay(w, tokens.buyer, [validItem], real.address)).checkout.orders[0].id;
  // An open review: a signed notification that reported the wrong amount.
  const mismatch = await placeOrders(w, tokens.buyer, [validItem], real.address);
  const p = await startPayment(w, tokens.buyer, mismatch.id);
  const t = (await tradeByNo(w.services.db, { outTradeNo: p.no }))!;
  const body = notificationBody({ ...t, amountFen: t.amountFen + 1 }, "SUCCESS");
  await notify(w, body, await signNotification(w.services, body));
  real.review = rowsOf<{ id: string }>(await w.services.db.execute(sql`select id from payment_reviews where payment_id = ${p.id}`))[0]!.id;
});
afterAll(async () => { await w?.close(); });

type Route = { method: "POST"; path: string; url: () => string; token: keyof typeof tokens; valid: () => Record<string, unknown>; headers?: () => Record<string, string>; extra?: () => [string, unknown][] };
let keyNo = 0;
const routes: Route[] = [
  { method: "POST", path: "/api/v1/me/checkouts/preview", url: () => "/api/v1/me/checkouts/preview", token: "buyer", valid: () => ({ addressId: real.address, items: [validItem] }) },
  { method: "POST", path: "/api/v1/me/checkouts", url: () => "/api/v1/me/checkouts", token: "buyer", valid: () => ({ addressId: real.address, items: [validItem] }), headers: () => ({ "idempotency-key": `bad-input-${++keyNo}` }),
    extra: () => [["notes not a map", { addressId: real.address, items: [validItem], notes: "ship fast" }], ["notes keyed by a non-id", { addressId: real.address, items: [validItem], notes: { shop: "ship fast" } }],
      ["note huge", { addressId: real.address, items: [validItem], notes: { [validItem.productId]: huge } }], ["notes null", { addressId: real.address, items: [validItem], notes: null }]] },
  { method: "POST", path: "/api/v1/me/checkouts/{id}/payments", url: () => `/api/v1/me/checkouts/${real.checkout}/payments`, token: "buyer", valid: () => ({ provider: "sandbox" }) },
  { method: "POST", path: "/api/v1/me/orders/{id}/cancel", url: () => `/api/v1/me/orders/${real.openOrder}/cancel`, token: "buyer", valid: () => ({ reason: "changed my mind" }) },
  { method: "POST", path: "/api/v1/admin/orders/{id}/cancel", url: () => `/api/v1/admin/orders/${real.openOrder}/cancel`, token: "service", valid: () => ({ reason: "buyer asked by phone" }) },
  { method: "POST", path: "/api/v1/admin/orders/{id}/refunds", url: () => `/api/v1/admin/orders/${real.paidOrder}/refunds`, token: "service", valid: () => ({ amountFen: 100, reason: "gift missing", requestKey: "bad-input-refund-0001" }) },
  { method: "POST", path: "/api/v1/admin/payment-reviews/{id}/decision", url: () => `/api/v1/admin/payment-reviews/${real.review}/decision`, token: "finance", valid: () => ({ decision: "clear", note: "looks fine" }) },
];

const huge = "汉".repeat(100_000);
const wrongType = (v: unknown) => (typeof v === "string" ? 12345 : typeof v === "number" ? String(v) : Array.isArray(v) ? "all" : []);
// Bodies derived from a valid one: each field missing, null, mistyped, empty, huge, negative.
function variants(valid: Record<string, unknown>): [string, unknown][] {
  const out: [string, unknown][] = [["empty object", {}], ["JSON null", null], ["array", []], ["string", "text"], ["number", 42], ["unknown field", { ...valid, admin: true }]];
  for (const [k, v] of Object.entries(valid)) {
    const { [k]: _, ...rest } = valid;
    out.push([`${k} missing`, rest], [`${k} null`, { ...valid, [k]: null }], [`${k} mistyped`, { ...valid, [k]: wrongType(v) }]);
    if (typeof v === "string") out.push([`${k} empty`, { ...valid, [k]: "" }], [`${k} huge`, { ...valid, [k]: huge }]);
    if (typeof v === "number") for (const n of [-100, 0, 1.5, 1e308, 2 ** 63]) out.push([`${k} = ${n}`, { ...valid, [k]: n }]);
    if (k === "items") {
      const item = (change: Record<string, unknown>) => ({ ...valid, items: [{ ...validItem, ...change }] });
      out.push(["items empty", { ...valid, items: [] }], ["101 items", { ...valid, items: Array.from({ length: 101 }, () => validItem) }], ["item null", { ...valid, items: [null] }]);
      for (const q of [-1, 0, 1.5, 1e308, "1", null]) out.push([`quantity ${q}`, item({ quantity: q })]);
      out.push(["productId not an id", item({ productId: "not-an-id" })], ["skuCode empty", item({ skuCode: "" })], ["skuCode huge", item({ skuCode: huge })], ["item price", item({ unitPriceFen: 1 })]);
    }
  }
  return out;
}

const count = async (query: string) => rowsOf<{ n: number }>(await w.services.db.execute(sql.raw(`select count(*)::int as n from ${query}`)))[0]!.n;
const books = async () => Object.fromEntries(await Promise.all([
  "checkouts", "orders", "order_lines", "order_events", "payments", "refunds", "ledger_entries", "stock_reservations", "sandbox_trades",
  "payment_reviews where status = 'open'", "payment_notifications where outcome not in ('bad_signature', 'malformed')",
].map(async (t) => [t, await count(t)] as const)));

describe("O2 O3 F1 F2 F4 F6 bad input to the trade routes", () => {
  it("O2 O3 F1 F4 F6 every trade write route answers empty, mistyped, huge, negative and null bodies with a 4xx and a stable code, and writes nothing", async () => {
    // Every trade write route the API offers is in the table above; fulfilment's own routes
    // (shipments, exceptions, receipt) have their bad-input tests in their modules.
    const spec = (await w.http("GET", "/api/openapi.json")).body as { paths: Record<string, Record<string, unknown>> };
    const writes = Object.entries(spec.paths).filter(([p]) => /\/(checkouts|orders|payments|payment-reviews|refunds)(\/|$)/.test(p) && !p.includes("/notify/") && !/\/(shipments|exceptions|confirm-receipt|extend-receipt)(\/|$)/.test(p))
      .flatMap(([p, ops]) => Object.keys(ops).filter((m) => ["post", "put", "patch", "delete"].includes(m)).map((m) => `${m.toUpperCase()} ${p}`));
    expect(writes.sort()).toEqual(routes.map((r) => `${r.method} ${r.path}`).sort());

    const before = await books();
    let sent = 0;
    for (const r of routes) {
      const token = tokens[r.token];
      const raw: [string, string | undefined, string | undefined][] = [
        ["no body", undefined, undefined], ["empty JSON", "", "application/json"], ["broken JSON", '{"reason": ', "application/json"],
        ["form data", "reason=x", "application/x-www-form-urlencoded"], ["over a megabyte", JSON.stringify({ ...r.valid(), reason: "x".repeat(1_100_000) }), "application/json"],
      ];
      for (const [name, payload, type] of raw) {
        const res = await w.app.inject({ method: r.method, url: r.url(), payload, headers: { authorization: `Bearer ${token}`, ...(type ? { "content-type": type } : {}), ...r.headers?.() } });
        const body = JSON.parse(res.body || "{}");
        expect(res.statusCode, `${r.path} ${name}: ${res.body}`).toBeGreaterThanOrEqual(400);
        expect(res.statusCode, `${r.path} ${name}: ${res.body}`).toBeLessThan(500);
        expect(body.error?.code, `${r.path} ${name}`).toMatch(/^[A-Z_]+$/);
        sent++;
      }
      for (const [name, body] of [...variants(r.valid()), ...(r.extra?.() ?? [])]) {
        const res = await w.http(r.method, r.url(), { token, body: JSON.stringify(body), headers: r.headers?.() });
        expect(res.status, `${r.path} ${name}: ${JSON.stringify(res.body)}`).toBeGreaterThanOrEqual(400);
        expect(res.status, `${r.path} ${name}: ${JSON.stringify(res.body)}`).toBeLessThan(500);
        expect(res.body?.error?.code, `${r.path} ${name}`).toMatch(/^[A-Z_]+$/);
        expect(res.body.error.message, `${r.path} ${name}`).toEqual(expect.any(String));
        sent++;
      }
    }
    expect(sent).toBeGreaterThan(150);
    expect(await books()).toEqual(before);
    const orders = rowsOf<{ id: string; status: string; refunded: number }>(await w.services.db.execute(sql`select id, status, refunded_fen::int as refunded from orders where id in (${real.openOrder}, ${real.paidOrder})`));
    expect(Object.fromEntries(orders.map((o) => [o.id, [o.status, o.refunded]]))).toEqual({ [real.openOrder!]: ["pending_payment", 0], [real.paidOrder!]: ["paid", 0] });
  });

  it("F2 the notify route answers any unsigned or malformed message 'failure' (the provider's protocol) or a 4xx, logs it as refused and changes nothing", async () => {
    const before = await books();
    const refused = await count("payment_notifications where outcome in ('bad_signature', 'malformed')");
    const bodies: [string, string, Record<string, string>][] = [
      ["empty", "", {}], ["JSON null", "null", { "content-type": "application/json" }], ["empty object", "{}", { "content-type": "application/json" }],
      ["broken JSON", '{"out_trade_no": ', { "content-type": "application/json" }], ["form", "out_trade_no=P1&status=SUCCESS", { "content-type": "application/x-www-form-urlencoded" }],
      ["mistyped", JSON.stringify({ out_trade_no: 42, trade_no: [], amount_fen: "1", status: true }), { "content-type": "application/json" }],
      ["negative", JSON.stringify({ out_trade_no: "P2026010500000001", trade_no: "SBX1", amount_fen: -100, status: "SUCCESS" }), { "content-type": "application/json", "x-sandbox-timestamp": "-1", "x-sandbox-signature": "" }],
      ["huge field", JSON.stringify({ out_trade_no: "x".repeat(60_000) }), { "content-type": "application/json", "x-sandbox-timestamp": "9".repeat(400), "x-sandbox-signature": "A".repeat(4000) }],
    ];
    let logged = 0;
    for (const [name, body, headers] of bodies) {
      const r = await notify(w, body, headers);
      expect(r.status, `${name}: ${r.body}`).toBeLessThan(500);
      if (r.status === 200) { expect(r.body, name).toBe("failure"); logged++; } else expect(JSON.parse(r.body).error.code, name).toMatch(/^[A-Z_]+$/);
    }
    const tooBig = await notify(w, JSON.stringify({ pad: "x".repeat(70_000) }), { "content-type": "application/json" });
    expect(tooBig.status).toBe(413);
    expect(JSON.parse(tooBig.body).error.code).toBe("BODY_TOO_LARGE");
    for (const provider of ["bogus", "alipay", "wechatpay"]) {
      const r = await w.app.inject({ method: "POST", url: `/api/v1/payments/notify/${provider}`, payload: "{}", headers: { "content-type": "application/json" } });
      expect(r.statusCode, provider).toBe(400);
      expect(JSON.parse(r.body).error.code, provider).toMatch(/^(VALIDATION_FAILED|PROVIDER_UNAVAILABLE)$/);
    }
    // The gateway page's actions with a trade that does not exist or an outcome it does not know.
    for (const url of ["/api/v1/sandbox/pay/SBXNOSUCHTRADE/pay", "/api/v1/sandbox/pay/SBXNOSUCHTRADE/steal", `/api/v1/sandbox/pay/${"X".repeat(500)}/pay`]) {
      const r = await w.app.inject({ method: "POST", url, payload: "{}", headers: { "content-type": "application/json" } });
      expect(r.statusCode, url).toBeGreaterThanOrEqual(400);
      expect(r.statusCode, url).toBeLessThan(500);
    }
    expect(await books()).toEqual(before);
    expect(await count("payment_notifications where outcome in ('bad_signature', 'malformed')")).toBe(refused + logged);
  });
});
