import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { world, type World } from "../../../test/support/world.js";
import { newId } from "../../lib/ids.js";
import { creditCodeCheckChar } from "../onboarding/rules.js";
import { createSupplier } from "../suppliers/service.js";
import { ctxFor } from "../../server/context.js";
import { purchasePlanColumns, suggestedQuantity } from "./replenishment.js";
import { purchaseReceiptLines, purchaseReceipts } from "./schema.js";
import { download, hold, merchantId, readSheet, receive, sell, settings, skus, TEA, warehouse } from "./insight.testkit.js";
import { verifyStock } from "./verify.js";

let w: World;
beforeAll(async () => { w = await world({ seed: true }); });
afterAll(async () => { await w?.close(); });

const XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

// An open (or finished) receipt of goods on their way, as the receipts screen records it.
async function receipt(warehouseId: string, merchant: string, status: "expected" | "accepted" | "cancelled", lines: { productId: string; skuCode: string; expectedQty: number }[]) {
  const id = newId();
  const now = w.clock.now();
  await w.services.db.insert(purchaseReceipts).values({ id, number: `RK-TEST-${id.slice(-6)}`, warehouseId, merchantId: merchant, purchaseRef: "PO-TEST", status, createdByLabel: "test", createdAt: now, updatedAt: now });
  await w.services.db.insert(purchaseReceiptLines).values(lines.map((l) => ({ id: newId(), receiptId: id, ...l })));
}

describe("I6 replenishment", () => {
  it("I6 the formula rounds up and never goes below zero", () => {
    const base = { soldInWindow: 57, windowDays: 28, leadTimeDays: 10, coverTargetDays: 14, safetyStock: 20, available: 49, inbound: 12 };
    // 57/28 × 24 + 20 − 49 − 12 = 7.86 → 8
    expect(suggestedQuantity(base)).toBe(8);
    expect(suggestedQuantity({ ...base, inbound: 30 })).toBe(0);
    expect(suggestedQuantity({ ...base, soldInWindow: 0, available: 0, inbound: 0 })).toBe(20);
    // Exactly on target: nothing to buy.
    expect(suggestedQuantity({ soldInWindow: 28, windowDays: 28, leadTimeDays: 7, coverTargetDays: 14, safetyStock: 0, available: 21, inbound: 0 })).toBe(0);
  });

  it("I6 suggests per SKU from sales velocity over the window, lead time, cover and safety stock, less what is on hand and inbound, and exports the purchase plan by supplier", async () => {
    const tea = await skus(w, TEA);
    const teaId = await merchantId(w, TEA);
    const wh = await warehouse(w, "I6-REPL");
    const elsewhere = await warehouse(w, "I6-OTHER");
    const owner = ctxFor(w.services, { userId: null, kind: "merchant", label: "test owner", merchantId: teaId, permissions: new Set(), sessionId: null, mfaPending: false });
    const code = (first17: string) => first17 + creditCodeCheckChar(first17);
    const oldSupplier = await createSupplier(owner, { name: "老茶园 Old Garden", creditCode: code("93330106MA2C1C2D3"), contactName: "吴", contactPhone: "13905710001" });
    const newSupplier = await createSupplier(owner, { name: "梅家坞茶厂 Meijiawu", creditCode: code("91330106MA2F4F5G6"), contactName: "周经理", contactPhone: "13905710002" });

    // LJ-250: 120 in (the newest batch from 梅家坞), lead time 10 days, safety stock 20.
    const lj = await receive(w, wh, tea.get("LJ-250")!, "LJ-250", [
      { batchNo: "LJ-A", quantity: 100, expiryDate: "2099-01-01", supplierId: oldSupplier.id },
      { batchNo: "LJ-B", quantity: 20, expiryDate: "2099-06-01", supplierId: newSupplier.id },
    ]);
    await settings(w, lj, { leadTimeDays: 10, safetyStock: 20 });
    // A sale 45 days ago falls outside the 28-day window; 21 + 36 units inside it count.
    await sell(w, lj, 10);
    w.clock.advance({ days: 30 });
    await sell(w, lj, 21);
    w.clock.advance({ days: 10 });
    await sell(w, lj, 36);
    w.clock.advance({ days: 5 });
    await hold(w, lj, 4);
    // 12 on their way here; a finished receipt, a cancelled one and one for another warehouse are not.
    await receipt(wh, teaId, "expected", [{ productId: tea.get("LJ-250")!, skuCode: "LJ-250", expectedQty: 12 }]);
    await receipt(wh, teaId, "accepted", [{ productId: tea.get("LJ-250")!, skuCode: "LJ-250", expectedQty: 50 }]);
    await receipt(wh, teaId, "cancelled", [{ productId: tea.get("LJ-250")!, skuCode: "LJ-250", expectedQty: 70 }]);
    await receipt(elsewhere, teaId, "expected", [{ productId: tea.get("LJ-250")!, skuCode: "LJ-250", expectedQty: 90 }]);
    // BLC-250: no sales, no supplier on record, safety stock 30 and 5 on hand: 25 to buy.
    const blc = await receive(w, wh, tea.get("BLC-250")!, "BLC-250", [{ batchNo: "BLC-1", quantity: 5 }]);
    await settings(w, blc, { safetyStock: 30 });
    // DH-200: plenty and no sales: nothing to buy.
    await receive(w, wh, tea.get("DH-200")!, "DH-200", [{ batchNo: "DH-1", quantity: 10 }]);
    expect((await verifyStock(w.services.db)).problems).toEqual([]);

    const staff = await w.loginAs("warehouse");
    const plan = (await w.http("GET", `/api/v1/admin/inventory/replenishment?warehouseId=${wh}`, { token: staff })).body;
    expect(plan.rules).toEqual({ velocityWindowDays: 28, coverTargetDays: 14 });
    expect(plan.items.map((i: { skuCode: string; suggestedQty: number }) => [i.skuCode, i.suggestedQty])).toEqual([["BLC-250", 25], ["LJ-250", 8], ["DH-200", 0]]);
    const row = plan.items.find((i: { skuCode: string }) => i.skuCode === "LJ-250");
    // on hand 120 − 67 = 53, 4 held: 49 available; 57 sold in 28 days = 2.04 a day;
    // target 57/28 × (10 + 14) + 20 = 68.86; 68.86 − 49 − 12 = 7.86 → 8.
    expect(row).toMatchObject({
      soldInWindow: 57, velocity: 2.04, leadTimeDays: 10, coverTargetDays: 14, safetyStock: 20, target: 68.86,
      onHand: 53, reserved: 4, available: 49, inbound: 12, suggestedQty: 8,
      supplier: { id: newSupplier.id, name: "梅家坞茶厂 Meijiawu" }, warehouse: { id: wh, code: "I6-REPL" }, product: { id: tea.get("LJ-250") },
    });
    expect(plan.items.find((i: { skuCode: string }) => i.skuCode === "BLC-250").supplier).toBeNull();

    // A longer cover target (a platform rule) raises the suggestion: 57/28 × 31 + 20 − 61 → 23.
    const admin = await w.loginAs("admin");
    expect((await w.http("POST", "/api/v1/admin/rules/inventory.coverTargetDays", { token: admin, body: { value: 21, reason: "春节备货" } })).status).toBe(201);
    const longer = (await w.http("GET", `/api/v1/admin/inventory/replenishment?warehouseId=${wh}`, { token: staff })).body;
    expect(longer.items.find((i: { skuCode: string }) => i.skuCode === "LJ-250")).toMatchObject({ coverTargetDays: 21, suggestedQty: 23 });

    // The purchase plan: only what to buy, under the supplier to buy it from.
    const file = await download(w, `/api/v1/admin/inventory/replenishment.xlsx?warehouseId=${wh}`, staff);
    expect(file.status).toBe(200);
    expect(file.headers["content-type"]).toContain(XLSX);
    expect(String(file.headers["content-disposition"])).toMatch(/^attachment; filename="purchase-plan-\d{4}-\d{2}-\d{2}\.xlsx"$/);
    const rows = await readSheet(file.body);
    const header = rows.findIndex((r) => r[0] === purchasePlanColumns[0][1]);
    expect(rows[header]).toEqual(purchasePlanColumns.map(([, label]) => label));
    const body = rows.slice(header + 1).filter((r) => r.some((v) => v !== null));
    expect(body).toEqual([
      ["梅家坞茶厂 Meijiawu · 周经理 13905710002"],
      ["梅家坞茶厂 Meijiawu", expect.stringContaining("龙井"), "LJ-250", "I6-REPL", 23, 2.04, 10, 20, 53, 4, 12],
      ["小计 Subtotal", null, null, null, 23],
      ["未指定供应商 No supplier on record"],
      [null, expect.any(String), "BLC-250", "I6-REPL", 25, 0, 7, 30, 5, 0, 0],
      ["小计 Subtotal", null, null, null, 25],
    ]);

    // The shop sees its goods' plan; another shop sees none of them.
    const teaOwner = await w.loginAs("owner@tea-house.example");
    const shop = (await w.http("GET", `/api/v1/merchant/inventory/replenishment?warehouseId=${wh}`, { token: teaOwner })).body;
    expect(shop.items.map((i: { skuCode: string }) => i.skuCode).sort()).toEqual(["BLC-250", "DH-200", "LJ-250"]);
    const bamboo = await w.loginAs("owner@bamboo.example");
    expect((await w.http("GET", `/api/v1/merchant/inventory/replenishment?warehouseId=${wh}`, { token: bamboo })).body.items).toEqual([]);
    const bambooFile = await download(w, `/api/v1/merchant/inventory/replenishment.xlsx?warehouseId=${wh}`, bamboo);
    expect((await readSheet(bambooFile.body)).some((r) => r[0] === "目前没有需要补货的 SKU No SKU needs replenishing now")).toBe(true);
    expect((await w.http("GET", "/api/v1/merchant/inventory/replenishment?warehouseId=not-an-id", { token: bamboo })).status).toBe(400);
    expect((await verifyStock(w.services.db)).problems).toEqual([]);
  });
});
