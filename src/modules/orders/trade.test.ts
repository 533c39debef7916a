import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { world, type World } from "../../../test/support/world.js";
import { addAddress, buyAndPay, sellable } from "../../../test/support/trade.js";
import { verifyLedger } from "../ledger/verify.js";

describe("trade smoke", () => {
  let w: World;
  beforeAll(async () => { w = await world({ seed: true }); });
  afterAll(async () => { await w?.close(); });

  it("O2/F1: buys from two shops and pays through the sandbox", async () => {
    const token = await w.loginAs("buyer@example.com");
    const goods = await sellable(w);
    const shops = [...new Map(goods.map((g) => [g.merchantId, g])).values()];
    expect(shops.length).toBeGreaterThanOrEqual(2);
    const addressId = await addAddress(w, token);
    const { checkout, payment } = await buyAndPay(w, token, shops.slice(0, 2).map((g) => ({ productId: g.productId, skuCode: g.skuCode, quantity: 1 })), addressId);
    expect(checkout.orders).toHaveLength(2);
    const after = await w.http("GET", `/api/v1/me/payments/${payment.no}`, { token });
    expect(after.body.status, JSON.stringify(after.body)).toBe("succeeded");
    expect(after.body.orders.map((o: { status: string }) => o.status)).toEqual(["paid", "paid"]);
    const detail = await w.http("GET", `/api/v1/me/orders/${checkout.orders[0].id}`, { token });
    expect(detail.body.timeline.map((e: { to: string }) => e.to)).toEqual(["pending_payment", "paid"]);
    expect(await verifyLedger(w.services.db)).toMatchObject({ ok: true });
  });
});
