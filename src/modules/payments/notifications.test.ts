import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import type { World } from "../../../test/support/world.js";
import { notify, outboxOf, placeOrders, startPayment, tradeScene } from "../../../test/support/trade.js";
import { rowsOf } from "../../lib/db-types.js";
import { escrowOf } from "../ledger/service.js";
import { decideTrade, notificationBody, signNotification, tradeByNo, type SandboxStatus } from "./sandbox/gateway.js";

let w: World, buyer: string, finance: string, home: string, ids: Map<string, string>;
beforeAll(async () => { ({ w, buyer, finance, home, ids } = await tradeScene("教工路 18 号 F2 室")); });
afterAll(async () => { await w?.close(); });

const q = async <T>(query: ReturnType<typeof sql>) => rowsOf<T>(await w.services.db.execute(query));
const outcomesOf = async (paymentId: string) =>
  (await q<{ outcome: string }>(sql`select outcome from payment_notifications where payment_id = ${paymentId} order by received_at, id`)).map((r) => r.outcome);
const captures = async (paymentId: string) =>
  (await q<{ n: number }>(sql`select count(*)::int as n from ledger_transactions where kind = 'payment.capture' and reference_id = ${paymentId}`))[0]!.n;
const paymentOf = async (no: string) => (await w.http("GET", `/api/v1/me/payments/${no}`, { token: buyer })).body;

// A checkout of both shops with a sandbox payment the buyer has not decided yet.
async function awaitingPayment() {
  const c = await placeOrders(w, buyer, [{ productId: ids.get("杭州西湖藕粉")!, skuCode: "OF-500", quantity: 1 }, { productId: ids.get("楠竹砧板")!, skuCode: "CB-M", quantity: 1 }], home);
  const p = await startPayment(w, buyer, c.id);
  return { c, p, tradeNo: p.payUrl!.split("/").pop()! };
}
// The buyer pays on the gateway, whose notification is queued but not yet delivered.
async function paidAtGateway() {
  const a = await awaitingPayment();
  await decideTrade(w.services, a.tradeNo, "pay");
  const [n] = await outboxOf(w, a.p.no);
  return { ...a, n: n! };
}
// A notification the gateway's key really signed, about this trade, with what we choose to say.
async function signed(paymentNo: string, status: SandboxStatus, change: { amountFen?: number; outTradeNo?: string } = {}) {
  const t = (await tradeByNo(w.services.db, { outTradeNo: paymentNo }))!;
  const body = notificationBody({ ...t, ...change }, status);
  return { body, headers: await signNotification(w.services, body) };
}

describe("F2 payment notifications", () => {
  it("F2 F3 one signed notification replayed 100 times captures once: 1 applied, 99 duplicates, escrow = the orders' totals", async () => {
    const { c, p, n } = await paidAtGateway();
    expect(n.delivered_at).toBeNull();
    expect((await paymentOf(p.no)).status).toBe("pending");
    for (let i = 0; i < 100; i++) {
      const r = await notify(w, n.body, n.headers);
      expect(r).toEqual({ status: 200, body: "success" });
    }
    const outcomes = await outcomesOf(p.id);
    expect(outcomes[0]).toBe("applied");
    expect(outcomes.filter((o) => o === "duplicate")).toHaveLength(99);
    expect(outcomes).toHaveLength(100);
    const pay = await paymentOf(p.no);
    expect(pay).toMatchObject({ status: "succeeded", amountFen: c.totalFen });
    expect(pay.orders.map((o: { status: string }) => o.status)).toEqual(["paid", "paid"]);
    expect(await captures(p.id)).toBe(1);
    const escrow = await escrowOf(w.services.db, c.orders.map((o) => o.id));
    for (const o of c.orders) expect(escrow.get(o.id)).toBe(o.totalFen);
    const timeline = (await w.http("GET", `/api/v1/me/orders/${c.orders[0]!.id}`, { token: buyer })).body.timeline;
    expect(timeline.filter((e: { event: string }) => e.event === "pay")).toHaveLength(1);
    const listed = await w.http("GET", "/api/v1/admin/payment-notifications?outcome=applied&limit=200", { token: finance });
    expect(listed.body.items.filter((x: { paymentId: string }) => x.paymentId === p.id)).toHaveLength(1);
  });

  it("F2 a notification whose body or signature was altered changes nothing, is answered 'failure' and logged as bad_signature", async () => {
    const { c, p, n } = await paidAtGateway();
    const flipped = (s: string, at: number) => s.slice(0, at) + String.fromCharCode(s.charCodeAt(at) ^ 1) + s.slice(at + 1);
    const amountAt = n.body.indexOf('"amount_fen":') + '"amount_fen":'.length;
    const forged = [
      { body: flipped(n.body, amountAt), headers: n.headers },
      { body: n.body, headers: { ...n.headers, "x-sandbox-signature": flipped(n.headers["x-sandbox-signature"]!, 10) } },
      { body: n.body, headers: { ...n.headers, "x-sandbox-timestamp": String(Number(n.headers["x-sandbox-timestamp"]) + 1) } },
      { body: n.body, headers: { "content-type": "application/json" } },
    ];
    const before = (await q<{ n: number }>(sql`select count(*)::int as n from payment_notifications where outcome = 'bad_signature'`))[0]!.n;
    for (const f of forged) expect(await notify(w, f.body, f.headers)).toEqual({ status: 200, body: "failure" });
    expect((await q<{ n: number }>(sql`select count(*)::int as n from payment_notifications where outcome = 'bad_signature'`))[0]!.n).toBe(before + forged.length);
    expect(await outcomesOf(p.id)).toEqual([]);
    expect((await paymentOf(p.no)).status).toBe("pending");
    expect(await captures(p.id)).toBe(0);
    const logged = await w.http("GET", "/api/v1/admin/payment-notifications?outcome=bad_signature&limit=200", { token: finance });
    expect(logged.body.items.length).toBeGreaterThanOrEqual(forged.length);
    expect(logged.body.items[0]).toMatchObject({ outcome: "bad_signature", paymentId: null, detail: expect.any(String) });

    // The genuine message still pays.
    expect((await notify(w, n.body, n.headers)).body).toBe("success");
    expect((await paymentOf(p.no)).orders.map((o: { status: string }) => o.status)).toEqual(c.orders.map(() => "paid"));
  });

  it("F2 F4 a correctly signed notification with another amount changes nothing, is logged amount_mismatch and opens a review", async () => {
    const { c, p } = await awaitingPayment();
    const wrong = await signed(p.no, "SUCCESS", { amountFen: c.totalFen - 1 });
    expect(await notify(w, wrong.body, wrong.headers)).toEqual({ status: 200, body: "success" });
    expect(await outcomesOf(p.id)).toEqual(["amount_mismatch"]);
    const pay = await paymentOf(p.no);
    expect(pay.status).toBe("pending");
    expect(pay.orders.map((o: { status: string }) => o.status)).toEqual(["pending_payment", "pending_payment"]);
    expect(await captures(p.id)).toBe(0);
    const queue = await w.http("GET", "/api/v1/admin/payment-reviews?status=open&kind=amount_mismatch", { token: finance });
    expect(queue.body.items).toEqual([expect.objectContaining({
      kind: "amount_mismatch", status: "open", paymentId: p.id, paymentNo: p.no, amountFen: c.totalFen,
      details: expect.objectContaining({ reportedFen: c.totalFen - 1, expectedFen: c.totalFen }), reason: expect.any(String),
    })]);
  });

  it("F2 out of order and late: a FAILED before the SUCCESS is overtaken by it; a FAILED or CLOSED after the SUCCESS does not undo the payment", async () => {
    const a = await paidAtGateway();
    const failedFirst = await signed(a.p.no, "FAILED");
    expect((await notify(w, failedFirst.body, failedFirst.headers)).body).toBe("success");
    expect((await paymentOf(a.p.no)).status).toBe("failed");
    expect((await notify(w, a.n.body, a.n.headers)).body).toBe("success");
    const paid = await paymentOf(a.p.no);
    expect(paid.status).toBe("succeeded");
    expect(paid.orders.map((o: { status: string }) => o.status)).toEqual(["paid", "paid"]);
    expect(await outcomesOf(a.p.id)).toEqual(["failed", "applied"]);

    const b = await paidAtGateway();
    expect((await notify(w, b.n.body, b.n.headers)).body).toBe("success");
    for (const status of ["FAILED", "CLOSED"] as const) {
      const late = await signed(b.p.no, status);
      expect((await notify(w, late.body, late.headers)).body).toBe("success");
    }
    const still = await paymentOf(b.p.no);
    expect(still.status).toBe("succeeded");
    expect(still.orders.map((o: { status: string }) => o.status)).toEqual(["paid", "paid"]);
    expect(await outcomesOf(b.p.id)).toEqual(["applied", "ignored", "ignored"]);
    expect(await captures(b.p.id)).toBe(1);
  });

  it("F2 the same notification delivered twice at the same moment applies once", async () => {
    const { p, n } = await paidAtGateway();
    const rs = await Promise.all([notify(w, n.body, n.headers), notify(w, n.body, n.headers), notify(w, n.body, n.headers)]);
    expect(rs.map((r) => r.status)).toEqual([200, 200, 200]);
    expect((await outcomesOf(p.id)).sort()).toEqual(["applied", "duplicate", "duplicate"]);
    expect(await captures(p.id)).toBe(1);
    expect((await paymentOf(p.no)).status).toBe("succeeded");
  });

  it("F2 a signed notification for a payment we do not know is logged unknown_payment and answered 'failure'; a signed non-JSON body is malformed", async () => {
    const { p } = await awaitingPayment();
    const stranger = await signed(p.no, "SUCCESS", { outTradeNo: "P2026010599999999" });
    expect(await notify(w, stranger.body, stranger.headers)).toEqual({ status: 200, body: "failure" });
    const [row] = await q<{ outcome: string; payment_id: string | null; detail: string }>(sql`select outcome, payment_id, detail from payment_notifications where body = ${stranger.body}`);
    expect(row).toMatchObject({ outcome: "unknown_payment", payment_id: null, detail: expect.stringContaining("P2026010599999999") });

    const text = "status=SUCCESS&out_trade_no=" + p.no;
    expect(await notify(w, text, await signNotification(w.services, text))).toEqual({ status: 200, body: "failure" });
    expect((await q<{ outcome: string }>(sql`select outcome from payment_notifications where body = ${text}`)).map((r) => r.outcome)).toEqual(["malformed"]);
    expect((await paymentOf(p.no)).status).toBe("pending");
  });
});
