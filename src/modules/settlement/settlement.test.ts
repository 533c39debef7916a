import { sql } from "drizzle-orm";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { addressAt, buyAndPay, ledgerBalances, sellable } from "../../../test/support/trade.js";
import { world, type World } from "../../../test/support/world.js";
import { rowsOf } from "../../lib/db-types.js";
import { ctxFor } from "../../server/context.js";
import { shipOrder } from "../logistics/shipments.js";
import { refundOrder } from "../orders/cancel.js";
import { confirmReceipt } from "../orders/receipt.js";
import { providers } from "../payments/registry.js";
import { ProviderError } from "../payments/providers/provider.js";
import { verifyLedger } from "../ledger/verify.js";

interface Order { id: string; no: string; merchantId: string; totalFen: number }

describe("settlement", () => {
  let w: World;
  let buyer: string, finance: string, tea: string, bamboo: string, home: string;
  let teaId: string, bambooId: string, carrierId: string;
  let waybill = 0;

  const signIn = async () => {
    [buyer, finance, tea, bamboo] = [await w.loginAs("buyer@example.com"), await w.loginAs("finance"), await w.loginAs("owner@tea-house.example"), await w.loginAs("owner@bamboo.example")];
  };
  // Sessions lapse while the clock jumps weeks: everybody signs in again.
  const moveTo = async (at: string) => {
    w.clock.set(at);
    await signIn();
  };

  beforeAll(async () => {
    w = await world({ seed: true });
    await signIn();
    home = await addressAt(w, buyer, "settlement street 1");
    const shops = rowsOf<{ id: string; name: string }>(await w.services.db.execute(sql`select id, name from merchants`));
    teaId = shops.find((s) => s.name.includes("Tea House"))!.id;
    bambooId = shops.find((s) => s.name.includes("Bamboo"))!.id;
    carrierId = rowsOf<{ id: string }>(await w.services.db.execute(sql`select id from carriers where code = 'shunfeng'`))[0]!.id;
  }, 180_000);
  afterAll(async () => { await w?.close(); });

  const actors = async (orderId: string) => {
    const [o] = rowsOf<{ buyer_id: string; merchant_id: string }>(await w.services.db.execute(sql`select buyer_id, merchant_id from orders where id = ${orderId}`));
    return {
      buyer: ctxFor(w.services, { userId: o!.buyer_id, kind: "buyer", label: "buyer", merchantId: null, permissions: new Set(["order.place"]), sessionId: null, mfaPending: false }),
      shop: ctxFor(w.services, { userId: null, kind: "merchant", label: "shop", merchantId: o!.merchant_id, permissions: new Set(["order.fulfil.own"]), sessionId: null, mfaPending: false }),
    };
  };

  // Bought, paid through the sandbox, shipped under its own waybill and confirmed by the buyer.
  async function completed(merchantId: string, quantity = 1): Promise<{ orders: Order[]; payment: { no: string } }> {
    w.clock.advance({ minutes: 1 });
    const item = (await sellable(w, quantity)).find((g) => g.merchantId === merchantId)!;
    const { checkout, payment } = await buyAndPay(w, buyer, [{ productId: item.productId, skuCode: item.skuCode, quantity }], home);
    for (const o of checkout.orders as Order[]) {
      const as = await actors(o.id);
      await shipOrder(as.shop, o.id, { carrierId, trackingNo: `SF${String(9_000_000_000_000 + ++waybill)}` });
      await confirmReceipt(as.buyer, o.id);
    }
    return { orders: checkout.orders, payment };
  }

  const payable = async (merchantId: string) => 0 - (await ledgerBalances(w))(`merchant_payable:${merchantId}`);

  let january: { id: string; no: string; closingFen: number };

  it("F5 the current statement lists the period's completed orders and equals the ledger", async () => {
    // The demo seed completed orders of its own, in this period and before.
    const base = (await w.http("GET", "/api/v1/merchant/statements/current", { token: tea })).body;
    const owedBefore = rowsOf<{ owed: string }>(await w.services.db.execute(sql`
      select coalesce(sum(payable_fen), 0) as owed from escrow_releases where merchant_id = ${teaId} and released_at < '2026-01-01T00:00:00+08:00'`))[0]!;
    const a = await completed(teaId, 2);
    const b = await completed(teaId);
    await completed(bambooId);
    const r = await w.http("GET", "/api/v1/merchant/statements/current", { token: tea });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    const s = r.body;
    expect(s).toMatchObject({ periodStart: "2026-01-01", periodEnd: "2026-01-31", orders: base.orders + 2, openingFen: Number(owedBefore.owed), paidOutFen: 0, refundsFen: 0 });
    expect(s.lines.slice(-2).map((l: { orderNo: string }) => l.orderNo)).toEqual([a.orders[0]!.no, b.orders[0]!.no]);
    const releases = rowsOf<{ released: string; commission: string; payable: string }>(await w.services.db.execute(sql`
      select sum(released_fen) as released, sum(commission_fen) as commission, sum(payable_fen) as payable from escrow_releases
      where merchant_id = ${teaId} and released_at >= '2026-01-01T00:00:00+08:00'`))[0]!;
    expect(s.grossFen).toBe(base.grossFen + a.orders[0]!.totalFen + b.orders[0]!.totalFen);
    expect([s.grossFen, s.commissionFen, s.netFen]).toEqual([Number(releases.released), Number(releases.commission), Number(releases.payable)]);
    expect(s.netFen).toBe(s.grossFen - s.commissionFen);
    expect(s.closingFen).toBe(s.openingFen + s.netFen);
    expect(s.closingFen).toBe(await payable(teaId));
    // Commission per category: each line names its category and rate, and they add up.
    expect(s.commissionFen).toBeGreaterThan(base.commissionFen);
    for (const l of s.lines) {
      expect(l.netFen).toBe(l.grossFen - l.commissionFen);
      expect(l.commission.reduce((n: number, c: { commissionFen: number }) => n + c.commissionFen, 0)).toBe(l.commissionFen);
      for (const c of l.commission) expect(c).toMatchObject({ categoryKey: expect.any(String), bps: expect.any(Number) });
    }
    expect(s.byCategory.reduce((n: number, c: { commissionFen: number }) => n + c.commissionFen, 0)).toBe(s.commissionFen);
    // The other shop sees only its own.
    const other = await w.http("GET", "/api/v1/merchant/statements/current", { token: bamboo });
    expect(other.body.lines.some((l: { orderNo: string }) => l.orderNo === a.orders[0]!.no)).toBe(false);
    expect(other.body.closingFen).toBe(await payable(bambooId));
    expect((await w.http("GET", "/api/v1/merchant/statements/current", { token: finance })).status).toBe(403);
  });

  it("F5 issuing freezes ended periods once, in order, numbered by month, and refuses open periods", async () => {
    const early = await w.http("POST", "/api/v1/admin/statements/issue", { token: finance, body: { periodEnd: "2026-01-31" } });
    expect(early.status).toBe(409);
    expect(early.body.error.code).toBe("PERIOD_NOT_ENDED");
    const odd = await w.http("POST", "/api/v1/admin/statements/issue", { token: finance, body: { periodEnd: "2025-12-15" } });
    expect([odd.status, odd.body.error.code, odd.body.error.details.expected]).toEqual([400, "PERIOD_END_INVALID", "2025-12-31"]);
    expect((await w.http("POST", "/api/v1/admin/statements/issue", { token: tea, body: {} })).status).toBe(403);

    await moveTo("2026-02-01T00:20:00+08:00");
    const before = { tea: await payable(teaId), bamboo: await payable(bambooId) };
    const r = await w.http("POST", "/api/v1/admin/statements/issue", { token: finance, body: {} });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body.periodEnd).toBe("2026-01-31");
    const issued = r.body.issued as { id: string; no: string; merchantId: string; periodStart: string; periodEnd: string; closingFen: number; openingFen: number; status: string }[];
    for (const s of issued) {
      expect(s.no).toMatch(new RegExp(`^ST${s.periodStart.slice(0, 7).replace("-", "")}-\\d{4}$`));
      expect(s.periodStart <= "2026-01-01").toBe(true);
      expect(s.status).toBe("issued");
    }
    const jan = (m: string) => issued.find((s) => s.merchantId === m && s.periodStart === "2026-01-01")!;
    expect(jan(teaId)).toMatchObject({ periodEnd: "2026-01-31", closingFen: before.tea });
    expect(jan(bambooId)).toMatchObject({ periodEnd: "2026-01-31", closingFen: before.bamboo });
    january = jan(teaId);

    const count = async () => rowsOf<{ n: number }>(await w.services.db.execute(sql`select count(*)::int as n from settlement_statements`))[0]!.n;
    const n = await count();
    expect(n).toBe(issued.length);
    const again = await w.http("POST", "/api/v1/admin/statements/issue", { token: finance, body: { periodEnd: "2026-01-31" } });
    expect(again.body).toMatchObject({ issued: [], alreadyIssued: issued.filter((s) => s.periodStart === "2026-01-01").length });
    expect(await count()).toBe(n);

    // The live statement is now February's, opening with January's closing.
    const live = await w.http("GET", "/api/v1/merchant/statements/current", { token: tea });
    expect(live.body).toMatchObject({ periodStart: "2026-02-01", orders: 0, openingFen: january.closingFen, closingFen: january.closingFen, lastStatement: { no: january.no } });
  });

  it("F5 a shop reads and exports only its own statements", async () => {
    const mine = await w.http("GET", "/api/v1/merchant/statements", { token: tea });
    expect(mine.body.items.every((s: { merchantId: string }) => s.merchantId === teaId)).toBe(true);
    expect(mine.body.items[0]).toMatchObject({ no: january.no, payable: true, latest: true, payout: null });
    // An earlier statement was carried into January's: it is not paid out on its own.
    for (const s of mine.body.items.slice(1)) expect(s).toMatchObject({ latest: false, payable: false });
    const detail = await w.http("GET", `/api/v1/merchant/statements/${january.id}`, { token: tea });
    expect(detail.status).toBe(200);
    expect(detail.body.lines).toHaveLength(detail.body.orders);
    expect(detail.body.lines[0]).toMatchObject({ orderNo: expect.any(String), grossFen: expect.any(Number), commissionFen: expect.any(Number), netFen: expect.any(Number) });
    expect((await w.http("GET", `/api/v1/merchant/statements/${january.id}`, { token: bamboo })).status).toBe(404);
    expect((await w.http("GET", `/api/v1/admin/statements?merchantId=${teaId}`, { token: finance })).body.items).toHaveLength(mine.body.items.length);

    const csv = await w.app.inject({ method: "GET", url: `/api/v1/merchant/statements/${january.id}?format=csv`, headers: { authorization: `Bearer ${tea}` } });
    expect(csv.statusCode).toBe(200);
    expect(csv.headers["content-type"]).toContain("text/csv");
    expect(csv.headers["content-disposition"]).toContain(`${january.no}.csv`);
    for (const l of detail.body.lines) expect(csv.body).toContain(l.orderNo);
    expect(csv.body).toContain((january.closingFen / 100).toFixed(2));

    const xlsx = await w.app.inject({ method: "GET", url: `/api/v1/merchant/statements/${january.id}?format=xlsx`, headers: { authorization: `Bearer ${tea}` } });
    expect(xlsx.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const orders = wb.getWorksheet("订单 Orders")!;
    expect(orders.getColumn(1).values).toEqual(expect.arrayContaining(detail.body.lines.map((l: { orderNo: string }) => l.orderNo)));
  });

  it("F5 a payout pays the statement's closing balance once, posts to the ledger and zeroes the payable", async () => {
    const owed = await payable(teaId);
    expect(owed).toBe(january.closingFen);
    const bad = await w.http("POST", "/api/v1/admin/payouts", { token: tea, body: { statementId: january.id, requestKey: "payout-tea-2026-01" } });
    expect(bad.status).toBe(403);
    const r = await w.http("POST", "/api/v1/admin/payouts", { token: finance, body: { statementId: january.id, requestKey: "payout-tea-2026-01" } });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    expect(r.body).toMatchObject({ status: "paid", amountFen: january.closingFen, provider: "sandbox", merchantId: teaId, providerRef: expect.stringMatching(/^SBT[0-9A-F]{20}$/) });
    expect(r.body.no).toMatch(/^PO\d{8}-\d{4}$/);
    expect(await payable(teaId)).toBe(0);
    const tx = rowsOf<{ code: string; amount: string }>(await w.services.db.execute(sql`
      select a.code, e.amount_fen as amount from ledger_transactions t join ledger_entries e on e.transaction_id = t.id join ledger_accounts a on a.id = e.account_id
      where t.kind = 'payout' and t.reference_id = ${r.body.id} order by a.code`));
    expect(tx.map((x) => [x.code, Number(x.amount)])).toEqual([[`merchant_payable:${teaId}`, january.closingFen], ["provider_clearing:sandbox", -january.closingFen]]);

    const same = await w.http("POST", "/api/v1/admin/payouts", { token: finance, body: { statementId: january.id, requestKey: "payout-tea-2026-01" } });
    expect([same.status, same.body.id]).toEqual([201, r.body.id]);
    const twice = await w.http("POST", "/api/v1/admin/payouts", { token: finance, body: { statementId: january.id, requestKey: "payout-tea-2026-01-b" } });
    expect([twice.status, twice.body.error.code]).toEqual([409, "STATEMENT_ALREADY_PAID"]);

    const detail = await w.http("GET", `/api/v1/admin/statements/${january.id}`, { token: finance });
    expect(detail.body).toMatchObject({ status: "paid", payable: false, payout: { no: r.body.no, status: "paid" } });
    const shopPayouts = await w.http("GET", "/api/v1/merchant/payouts", { token: tea });
    expect(shopPayouts.body.items.map((p: { no: string; statementNo: string }) => [p.no, p.statementNo])).toEqual([[r.body.no, january.no]]);
    expect((await w.http("GET", "/api/v1/merchant/payouts", { token: bamboo })).body.items).toEqual([]);
  });

  it("F5 the next period opens with the closing balance, counts the payout, and a zero balance is not paid out", async () => {
    await moveTo("2026-03-01T08:00:00+08:00");
    const r = await w.http("POST", "/api/v1/admin/statements/issue", { token: finance, body: { periodEnd: "2026-02-28" } });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    const feb = r.body.issued.find((s: { merchantId: string }) => s.merchantId === teaId);
    expect(feb).toMatchObject({ no: expect.stringMatching(/^ST202602-\d{4}$/), openingFen: january.closingFen, orders: 0, netFen: 0, paidOutFen: january.closingFen, closingFen: 0 });
    // The bamboo shop had no activity in February: no statement, its balance carries on.
    expect(r.body.issued.some((s: { merchantId: string }) => s.merchantId === bambooId)).toBe(false);
    const zero = await w.http("POST", "/api/v1/admin/payouts", { token: finance, body: { statementId: feb.id, requestKey: "payout-tea-2026-02" } });
    expect([zero.status, zero.body.error.code]).toEqual([409, "PAYOUT_AMOUNT_NOT_POSITIVE"]);
    expect(rowsOf(await w.services.db.execute(sql`select 1 from payouts where request_key = 'payout-tea-2026-02'`))).toHaveLength(0);
  });

  let day: string;
  let paid: { no: string }[] = [];

  it("F3 reconciling a day of sandbox payments and refunds matches", async () => {
    await moveTo("2026-03-02T10:00:00+08:00");
    day = "2026-03-02";
    const one = await completed(teaId);
    const two = await completed(bambooId);
    await moveTo("2026-03-02T15:00:00+08:00");
    const three = (await sellable(w)).find((g) => g.merchantId === teaId)!;
    const { checkout, payment } = await buyAndPay(w, buyer, [{ productId: three.productId, skuCode: three.skuCode, quantity: 1 }], home);
    const staff = ctxFor(w.services, { userId: null, kind: "staff", label: "finance", merchantId: null, permissions: new Set(), sessionId: null, mfaPending: false });
    await refundOrder(staff, checkout.orders[0].id, { amountFen: 100, reason: "partial refund", requestKey: "settle-r1" });
    paid = [one.payment, two.payment, payment];

    const today = await w.http("POST", "/api/v1/admin/reconciliation/run", { token: finance, body: { provider: "sandbox", day } });
    expect([today.status, today.body.error.code]).toEqual([409, "DAY_NOT_ENDED"]);
    await moveTo("2026-03-03T09:00:00+08:00");
    const r = await w.http("POST", "/api/v1/admin/reconciliation/run", { token: finance, body: { provider: "sandbox", day } });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    const amounts = rowsOf<{ amount: string }>(await w.services.db.execute(sql`select amount_fen as amount from payments where no in (${paid[0]!.no}, ${paid[1]!.no}, ${paid[2]!.no})`)).map((x) => Number(x.amount));
    const fee = amounts.reduce((n, a) => n + Math.floor((a * 60 + 5000) / 10_000), 0);
    expect(r.body).toMatchObject({ provider: "sandbox", day, status: "matched", providerLines: 4, ourLines: 4, matched: 4, differences: 0, feeFen: fee, error: null });
    expect(r.body.providerTotalFen).toBe(amounts.reduce((a, b) => a + b, 0) - 100);
    expect(r.body.ourTotalFen).toBe(r.body.providerTotalFen);
    expect((await w.http("GET", `/api/v1/admin/reconciliation/${r.body.id}`, { token: finance })).body.items).toEqual([]);
  });

  it("F3 a tampered provider statement shows exactly that difference, and running the day again replaces the run", async () => {
    const first = (await w.http("GET", "/api/v1/admin/reconciliation?provider=sandbox", { token: finance })).body.items[0];
    await w.services.db.execute(sql`update sandbox_trades set amount_fen = amount_fen + 1 where out_trade_no = ${paid[0]!.no}`);
    const r = await w.http("POST", "/api/v1/admin/reconciliation/run", { token: finance, body: { provider: "sandbox", day } });
    expect(r.body).toMatchObject({ id: first.id, status: "differences", matched: 3, differences: 1 });
    const [ours] = rowsOf<{ amount: string; txn: string }>(await w.services.db.execute(sql`select amount_fen as amount, provider_txn_id as txn from payments where no = ${paid[0]!.no}`));
    let detail = (await w.http("GET", `/api/v1/admin/reconciliation/${r.body.id}`, { token: finance })).body;
    expect(detail.items.map((d: Record<string, unknown>) => ({ kind: d.kind, lineKind: d.lineKind, no: d.no, ourFen: d.ourFen, providerFen: d.providerFen, providerTxnId: d.providerTxnId })))
      .toEqual([{ kind: "amount_differs", lineKind: "payment", no: paid[0]!.no, ourFen: Number(ours!.amount), providerFen: Number(ours!.amount) + 1, providerTxnId: ours!.txn }]);
    await w.services.db.execute(sql`update sandbox_trades set amount_fen = amount_fen - 1 where out_trade_no = ${paid[0]!.no}`);

    // A trade the gateway settled that our books never saw, and one of ours it lists on another day.
    await w.services.db.execute(sql`insert into sandbox_trades (id, out_trade_no, trade_no, amount_fen, subject, notify_url, return_url, status, expires_at, paid_at, created_at)
      values (gen_random_uuid(), 'P2026030299999999', 'SBXFOREIGN0000000001', 4321, 'unknown', 'http://x/notify', 'http://x/return', 'paid', '2026-03-02T12:00:00+08:00', '2026-03-02T11:00:00+08:00', '2026-03-02T10:59:00+08:00')`);
    await w.services.db.execute(sql`update sandbox_trades set paid_at = paid_at + interval '1 day' where out_trade_no = ${paid[1]!.no}`);
    const again = await w.http("POST", "/api/v1/admin/reconciliation/run", { token: finance, body: { provider: "sandbox", day } });
    expect(again.body).toMatchObject({ id: first.id, status: "differences", providerLines: 4, ourLines: 4, matched: 3, differences: 2 });
    detail = (await w.http("GET", `/api/v1/admin/reconciliation/${first.id}`, { token: finance })).body;
    expect(detail.items.map((d: Record<string, unknown>) => [d.kind, d.no, d.ourFen, d.providerFen])).toEqual([
      ["missing_at_provider", paid[1]!.no, expect.any(Number), null],
      ["missing_in_books", "P2026030299999999", null, 4321],
    ]);
    const runs = rowsOf<{ n: number }>(await w.services.db.execute(sql`select count(*)::int as n from reconciliation_runs where provider = 'sandbox' and day = ${day}`));
    expect(runs[0]!.n).toBe(1);
  });

  it("F3 a provider that cannot deliver its statement gives a failed run with its message", async () => {
    const sandbox = providers(w.services).get("sandbox")!;
    const spy = vi.spyOn(sandbox, "statement").mockRejectedValue(new ProviderError("sandbox", "BILL_NOT_READY", "The statement of this day is not ready yet."));
    try {
      const r = await w.http("POST", "/api/v1/admin/reconciliation/run", { token: finance, body: { provider: "sandbox", day: "2026-03-01" } });
      expect(r.status).toBe(200);
      expect(r.body).toMatchObject({ status: "failed", error: "The statement of this day is not ready yet.", providerLines: 0 });
    } finally {
      spy.mockRestore();
    }
    expect((await w.http("POST", "/api/v1/admin/reconciliation/run", { token: finance, body: { provider: "alipay", day: "2026-03-01" } })).status).toBe(400);
  });

  it("F3 F5 the daily jobs reconcile yesterday and issue the ended month", async () => {
    await w.jobs.scheduleRecurring();
    await moveTo("2026-04-01T08:01:00+08:00");
    await w.jobs.runDue();
    const [run] = rowsOf<{ status: string; ran_by_label: string }>(await w.services.db.execute(sql`select status, ran_by_label from reconciliation_runs where provider = 'sandbox' and day = '2026-03-31'`));
    expect(run).toMatchObject({ status: "matched", ran_by_label: "reconciliation" });
    const march = rowsOf<{ merchant_id: string; orders: number; opening_fen: string }>(await w.services.db.execute(sql`select merchant_id, orders, opening_fen from settlement_statements where period_start = '2026-03-01' order by merchant_id`));
    expect(march.map((s) => s.merchant_id).sort()).toEqual([teaId, bambooId].sort());
    // Bamboo's January closing carried through a February without a statement.
    const bambooJan = rowsOf<{ closing: string }>(await w.services.db.execute(sql`select closing_fen as closing from settlement_statements where merchant_id = ${bambooId} and period_start = '2026-01-01'`))[0]!;
    expect(Number(march.find((s) => s.merchant_id === bambooId)!.opening_fen)).toBe(Number(bambooJan.closing));

    // January's statement was carried into March's: only the latest is paid out, and pays both.
    const list = (await w.http("GET", `/api/v1/admin/statements?merchantId=${bambooId}`, { token: finance })).body.items as { id: string; no: string; periodStart: string; status: string; closingFen: number; payable: boolean }[];
    const [latest, jan] = [list.find((x) => x.periodStart === "2026-03-01")!, list.find((x) => x.periodStart === "2026-01-01")!];
    expect([latest.payable, jan.payable]).toEqual([true, false]);
    const old = await w.http("POST", "/api/v1/admin/payouts", { token: finance, body: { statementId: jan.id, requestKey: "payout-bamboo-jan" } });
    expect([old.status, old.body.error.code, old.body.error.details.latestNo]).toEqual([409, "STATEMENT_SUPERSEDED", latest.no]);
    // The auto-confirm job completed more of the shop's orders this morning: April's, not paid yet.
    const owed = await payable(bambooId);
    // Sent twice at once with one key, and once with another: one payout.
    const [paid, same, other] = await Promise.all([
      w.http("POST", "/api/v1/admin/payouts", { token: finance, body: { statementId: latest.id, requestKey: "payout-bamboo-mar" } }),
      w.http("POST", "/api/v1/admin/payouts", { token: finance, body: { statementId: latest.id, requestKey: "payout-bamboo-mar" } }),
      w.http("POST", "/api/v1/admin/payouts", { token: finance, body: { statementId: latest.id, requestKey: "payout-bamboo-mar-2" } }),
    ]);
    expect(paid.body).toMatchObject({ status: "paid", amountFen: latest.closingFen });
    expect(same.body.id).toBe(paid.body.id);
    expect([other.status, ["PAYOUT_IN_PROGRESS", "STATEMENT_ALREADY_PAID"].includes(other.body.error?.code)]).toEqual([409, true]);
    expect(await payable(bambooId)).toBe(owed - latest.closingFen);
    const after = (await w.http("GET", `/api/v1/admin/statements?merchantId=${bambooId}`, { token: finance })).body.items as { id: string; status: string; payout: { no: string } | null }[];
    expect(after.map((x) => [x.status, x.payout?.no])).toEqual(after.map(() => ["paid", paid.body.no]));
  });

  it("F3 the ledger check sets releases, payouts and statements against the books", async () => {
    const db = w.services.db;
    const [open] = rowsOf<{ id: string; no: string; merchant_id: string }>(await db.execute(sql`select id, no, merchant_id from orders where status = 'paid' and merchant_id = ${teaId} limit 1`));
    const [p] = rowsOf<{ id: string; no: string }>(await db.execute(sql`select id, no from payouts where merchant_id = ${teaId} and status = 'paid' limit 1`));
    const [st] = rowsOf<{ id: string; no: string }>(await db.execute(sql`select id, no from settlement_statements where merchant_id = ${teaId} and period_start = '2026-01-01'`));
    expect((await verifyLedger(db)).problems).toEqual([]);
    // Each tampering is looked at inside a transaction that is then rolled back.
    const tampered = async (change: ReturnType<typeof sql>) => {
      let problems: { check: string; detail: string }[] = [];
      await db.transaction(async (tx) => {
        await tx.execute(change);
        problems = (await verifyLedger(tx)).problems;
        tx.rollback();
      }).catch((e: Error) => { if (!/rollback/i.test(e.message)) throw e; });
      return problems;
    };
    const early = await tampered(sql`insert into escrow_releases (id, order_id, merchant_id, released_fen, commission_fen, payable_fen, commission_lines, released_at)
      values (gen_random_uuid(), ${open!.id}, ${teaId}, 1000, 0, 1000, '[]'::jsonb, now())`);
    expect(early).toEqual(expect.arrayContaining([
      { check: "escrow released on completion", detail: `order ${open!.no} is paid, not completed, yet has an escrow release` },
      { check: "escrow release posted", detail: expect.stringContaining(`order ${open!.no}: the escrow.release posting has escrow none`) },
      { check: "merchant payable", detail: expect.stringContaining(`merchant_payable:${teaId} balance is`) },
    ]));
    expect(await tampered(sql`update payouts set status = 'pending' where id = ${p!.id}`)).toEqual(expect.arrayContaining([
      { check: "payout posted", detail: `payout ${p!.no} is pending but has a ledger posting` },
    ]));
    const statement = await tampered(sql`update settlement_statements set closing_fen = closing_fen + 1 where id = ${st!.id}`);
    expect(statement.map((x) => x.check)).toEqual(expect.arrayContaining(["statement adds up", "statement closing", "statement chain"]));
    expect((await verifyLedger(db)).problems).toEqual([]);
  });

  it("F3 F5 the settlement write routes answer bad bodies with a 4xx and a stable code, and write nothing", async () => {
    const count = async () => rowsOf<{ n: number }>(await w.services.db.execute(sql`
      select (select count(*) from settlement_statements) + (select count(*) from payouts) + (select count(*) from reconciliation_runs) as n`))[0]!.n;
    const before = await count();
    const [st] = rowsOf<{ id: string }>(await w.services.db.execute(sql`select id from settlement_statements limit 1`));
    const bodies: [string, unknown[]][] = [
      ["/api/v1/admin/statements/issue", [null, [], "text", 42, { periodEnd: 20260131 }, { periodEnd: "" }, { periodEnd: "2026-13-31" }, { periodEnd: "2026-02-31" }, { periodEnd: "汉".repeat(10_000) }, { extra: true }]],
      ["/api/v1/admin/payouts", [{}, null, [], { statementId: st!.id }, { requestKey: "payout-bad-input" }, { statementId: "not-an-id", requestKey: "payout-bad-input" }, { statementId: st!.id, requestKey: "" },
        { statementId: st!.id, requestKey: 12345678 }, { statementId: st!.id, requestKey: "x".repeat(1000) }, { statementId: "01a00000-0000-7000-8000-000000000000", requestKey: "payout-bad-input" }]],
      ["/api/v1/admin/reconciliation/run", [{}, null, { provider: "sandbox" }, { day: "2026-03-01" }, { provider: "bank", day: "2026-03-01" }, { provider: "sandbox", day: "yesterday" }, { provider: "sandbox", day: "2026-02-30" },
        { provider: "sandbox", day: "2999-01-01" }, { provider: "sandbox", day: "2026-03-01", extra: 1 }]],
    ];
    for (const [url, list] of bodies) {
      for (const body of list) {
        const r = await w.http("POST", url, { token: finance, body: body === null ? "null" : body });
        expect(r.status, `${url} ${JSON.stringify(body)?.slice(0, 80)}: ${JSON.stringify(r.body)}`).toBeGreaterThanOrEqual(400);
        expect(r.status, `${url} ${JSON.stringify(body)?.slice(0, 80)}: ${JSON.stringify(r.body)}`).toBeLessThan(500);
        expect(r.body.error.code).toMatch(/^[A-Z_]+$/);
      }
    }
    expect(await count()).toBe(before);
  });
});
