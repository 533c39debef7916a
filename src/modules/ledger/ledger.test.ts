import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import type { World } from "../../../test/support/world.js";
import { buyAndPay, ledgerBalances, tradeScene } from "../../../test/support/trade.js";
import { rowsOf } from "../../lib/db-types.js";
import { newId } from "../../lib/ids.js";
import { escrowOf } from "./service.js";
import { verifyLedger } from "./verify.js";

let w: World, buyer: string, finance: string, home: string, ids: Map<string, string>;
beforeAll(async () => { ({ w, buyer, finance, home, ids } = await tradeScene("学院路 28 号 F3 室")); });
afterAll(async () => { await w?.close(); });

const twoShops = () => [{ productId: ids.get("西湖龙井")!, skuCode: "LJ-250", quantity: 1 }, { productId: ids.get("竹编收纳篮")!, skuCode: "SB-3", quantity: 2 }];
const accountId = async (db: World["services"]["db"], code: string) => rowsOf<{ id: string }>(await db.execute(sql`select id from ledger_accounts where code = ${code}`))[0]!.id;

describe("F3 escrow in a double-entry ledger", () => {
  it("F3 after a purchase escrow holds exactly the orders' totals and provider clearing the payment; every transaction sums to zero", async () => {
    const before = await ledgerBalances(w);
    const { checkout, payment } = await buyAndPay(w, buyer, twoShops(), home);
    const after = await ledgerBalances(w);
    const total = checkout.orders.reduce((n: number, o: { totalFen: number }) => n + o.totalFen, 0);
    expect(payment.amountFen).toBe(total);
    expect(after("escrow") - before("escrow")).toBe(-total);
    expect(after("provider_clearing:sandbox") - before("provider_clearing:sandbox")).toBe(total);
    expect(after("buyer_clearing") - before("buyer_clearing")).toBe(0);
    const escrow = await escrowOf(w.services.db, checkout.orders.map((o: { id: string }) => o.id));
    for (const o of checkout.orders) expect(escrow.get(o.id)).toBe(o.totalFen);

    // The same, as finance sees it.
    const accounts = (await w.http("GET", "/api/v1/admin/ledger/accounts", { token: finance })).body.items as { code: string; kind: string; balanceFen: number }[];
    expect(accounts.find((a) => a.code === "escrow")).toMatchObject({ kind: "liability", balanceFen: after("escrow") });
    expect(accounts.reduce((n, a) => n + a.balanceFen, 0)).toBe(0);
    const entries = (await w.http("GET", `/api/v1/admin/ledger/entries?orderId=${checkout.orders[0].id}`, { token: finance })).body.items;
    expect(entries).toHaveLength(2);
    expect(entries).toEqual(expect.arrayContaining([
      expect.objectContaining({ account: "escrow", amountFen: -checkout.orders[0].totalFen, kind: "payment.capture", paymentId: payment.id }),
      expect.objectContaining({ account: "buyer_clearing", amountFen: checkout.orders[0].totalFen, kind: "payment.capture", paymentId: payment.id }),
    ]));

    const unbalanced = rowsOf<{ id: string }>(await w.services.db.execute(sql`select transaction_id as id from ledger_entries group by transaction_id having sum(amount_fen) <> 0 or count(*) < 2`));
    expect(unbalanced).toEqual([]);
    const [{ transactions }] = rowsOf<{ transactions: number }>(await w.services.db.execute(sql`select count(*)::int as transactions from ledger_transactions`)) as [{ transactions: number }];
    expect(transactions).toBeGreaterThan(0);
    expect((await w.http("GET", "/api/v1/admin/ledger/verify", { token: finance })).body).toMatchObject({ ok: true, problems: [] });
  });

  it("F3 the database refuses to commit an unbalanced transaction written by raw SQL", async () => {
    const escrow = await accountId(w.services.db, "escrow");
    const txId = newId();
    let inserted = false;
    await expect(w.services.db.transaction(async (tx) => {
      await tx.execute(sql`insert into ledger_transactions (id, kind, reference_type, reference_id, at) values (${txId}, 'test.unbalanced', 'test', ${txId}, now())`);
      await tx.execute(sql`insert into ledger_entries (id, transaction_id, account_id, amount_fen, at) values (${newId()}, ${txId}, ${escrow}, 100, now())`);
      // The check is deferred to the commit: a transaction is written entry by entry.
      inserted = true;
    })).rejects.toSatisfy((e: { message: string; cause?: { message?: string } }) => /does not balance/.test(`${e.message} ${e.cause?.message ?? ""}`));
    expect(inserted).toBe(true);
    expect(rowsOf(await w.services.db.execute(sql`select 1 from ledger_transactions where id = ${txId}`))).toEqual([]);
  });

  it("F3 verifyLedger finds books that balance but disagree with the orders and payments", async () => {
    // Entries are append-only, so a tampered ledger cannot be repaired: this test corrupts a
    // database of its own and closes it before the shared after-each check looks at it.
    const { w: t, buyer: token, finance: admin, home: address, ids: goods } = await tradeScene("学院路 28 号 tampered");
    try {
      const { checkout } = await buyAndPay(t, token, [{ productId: goods.get("西湖龙井")!, skuCode: "LJ-250", quantity: 1 }], address);
      const order = checkout.orders[0];
      expect(await verifyLedger(t.services.db)).toMatchObject({ ok: true });

      // A balanced pair that takes ¥5 out of the order's escrow into provider clearing.
      const [escrow, clearing] = [await accountId(t.services.db, "escrow"), await accountId(t.services.db, "provider_clearing:sandbox")];
      const txId = newId();
      await t.services.db.transaction(async (tx) => {
        await tx.execute(sql`insert into ledger_transactions (id, kind, reference_type, reference_id, at) values (${txId}, 'test.tamper', 'test', ${txId}, now())`);
        await tx.execute(sql`insert into ledger_entries (id, transaction_id, account_id, amount_fen, order_id, at) values (${newId()}, ${txId}, ${escrow}, 500, ${order.id}, now()), (${newId()}, ${txId}, ${clearing}, -500, null, now())`);
      });
      // And a payment marked paid without any money captured.
      const c2 = await t.http("POST", "/api/v1/me/checkouts", { token, body: { addressId: address, items: [{ productId: goods.get("西湖龙井")!, skuCode: "LJ-250", quantity: 1 }] }, headers: { "idempotency-key": "f3-tamper-0002" } });
      const p2 = await t.http("POST", `/api/v1/me/checkouts/${c2.body.id}/payments`, { token, body: { provider: "sandbox" } });
      await t.services.db.execute(sql`update payments set status = 'succeeded' where id = ${p2.body.id}`);

      const report = await verifyLedger(t.services.db);
      expect(report.ok).toBe(false);
      expect(report.problems).toEqual(expect.arrayContaining([
        { check: "escrow per order", detail: `order ${order.no} holds ${order.totalFen - 500} 分 in escrow, expected ${order.totalFen}` },
        { check: "payment captured once, in full", detail: `payment ${p2.body.no} of ${p2.body.amountFen} 分 has no capture` },
      ]));
      expect(report.problems.filter((p) => p.check === "transaction balances" || p.check === "books balance")).toEqual([]);
      expect((await t.http("GET", "/api/v1/admin/ledger/verify", { token: admin })).body).toMatchObject({ ok: false, problems: report.problems });
    } finally {
      await t.close();
    }
  });
});
