import { describe, expect, it } from "vitest";
import type { Locator, Page } from "playwright-core";
import { expectClean, fileTab, PDF, pickDate, screenshot, shanghaiDate, signInAfresh, untranslatedKeys } from "./browser.js";

// I3 a receipt at the platform's Hangzhou warehouse (HZ-01) accepted with refused units and
// the supplier discrepancy report; I4/P6 a transfer with its printed pick list. It changes
// stock other files read: own server.
const file = fileTab({ ownServer: true });

const LONGJING = "西湖龙井 明前特级 Longjing green tea";
const LOTUS = "杭州西湖藕粉 Lotus root powder";
const COOPERATIVE = "杭州西湖龙井茶叶专业合作社 Longjing Tea Cooperative";

/** The input inside a test id (on the input itself or on its wrapper). */
const input = (scope: Page | Locator, testId: string): Locator =>
  scope.locator(`[data-testid="${testId}"]`).locator("xpath=descendant-or-self::input | descendant-or-self::textarea").first();

const dropdown = (page: Page) => page.locator(".ant-select-dropdown:not(.ant-select-dropdown-hidden)");

async function chooseOption(page: Page, select: Locator, label: string, search?: string): Promise<void> {
  await select.click();
  if (search) await page.keyboard.type(search);
  await dropdown(page).locator(".ant-select-item-option", { hasText: label }).first().click();
  await dropdown(page).waitFor({ state: "hidden" });
}

async function apiGet<T>(page: Page, path: string): Promise<T> {
  const r = await page.request.get(`/api/v1${path}`);
  expect(r.status(), path).toBe(200);
  return (await r.json()) as T;
}

describe("inventory receipts and outbound", () => {
  it("I3 warehouse staff record a receipt for HZ-01, accept it with refused units and a quality note, and see the supplier discrepancy report", async () => {
    const tab = await signInAfresh(file.tab, "warehouse");
    const { page } = tab;
    await page.goto("/admin/inventory");
    await page.getByTestId("inventory-tab-receipts").click();
    await page.waitForURL("**/admin/inventory/receipts");
    await page.getByTestId("receipt-empty").waitFor();
    await expectClean(tab);

    // --- The receipt: two lines of the tea house's goods from its cooperative, due yesterday.
    await page.getByTestId("receipt-new").click();
    const form = page.getByTestId("receipt-form");
    await form.waitFor();
    await chooseOption(page, form.getByTestId("receipt-warehouse"), "HZ-01");
    await chooseOption(page, form.getByTestId("receipt-line-product-0"), LONGJING, "龙井");
    await chooseOption(page, form.getByTestId("receipt-line-sku-0"), "LJ-250");
    await input(form, "receipt-line-qty-0").fill("100");
    await form.getByTestId("receipt-line-add").click();
    await chooseOption(page, form.getByTestId("receipt-line-product-1"), LOTUS, "藕粉");
    await input(form, "receipt-line-qty-1").fill("20");
    await chooseOption(page, form.getByTestId("receipt-supplier"), COOPERATIVE);
    await input(form, "receipt-purchase-ref").fill("PO-2026-0188");
    await pickDate(input(form, "receipt-expected-on"), shanghaiDate(-1));
    await screenshot(page, "inventory-flow-receipt-new");
    await form.getByTestId("receipt-save").click();
    await page.waitForURL(/\/admin\/inventory\/receipts\/[0-9a-f-]{36}$/);
    const detail = page.locator("[data-testid=receipt-detail][data-status=expected]");
    await detail.waitFor();
    const number = await page.getByTestId("receipt-number").innerText();
    expect(number).toMatch(/^RK\d{8}-\d{4}$/);
    await page.getByTestId("receipt-late").getByText("逾期 1 天").waitFor();

    // --- The inspection report, judged by its bytes.
    await page.getByTestId("inspection-report-input").setInputFiles({ name: "检验报告.pdf", mimeType: "application/pdf", buffer: PDF });
    await page.getByTestId("inspection-report-open").waitFor();

    // --- Acceptance: 98 of 100 tins arrived, 8 dented; the lotus powder in full.
    const row = (sku: string) => page.getByTestId(`accept-row-${sku}`);
    await input(row("LJ-250"), "accept-received-LJ-250").fill("98");
    await input(row("LJ-250"), "accept-accepted-LJ-250").fill("90");
    await expect.poll(() => page.getByTestId("accept-rejected-LJ-250").innerText()).toBe("8");
    await input(row("LJ-250"), "accept-batch-LJ-250").fill("LJ250-2612");
    // The category asks for dates; the expiry follows from the shelf life once production is in.
    await pickDate(input(row("LJ-250"), "accept-production-LJ-250"), shanghaiDate(-20));
    await expect.poll(() => input(row("LJ-250"), "accept-expiry-LJ-250").inputValue()).toBe(shanghaiDate(520));
    await pickDate(input(row("OF-500"), "accept-production-OF-500"), shanghaiDate(-10));
    // Refused units without a reason are refused by the form itself.
    await page.getByTestId("receipt-accept").click();
    await row("LJ-250").getByText("有拒收时请写明原因").waitFor();
    await input(row("LJ-250"), "accept-note-LJ-250").fill("8 罐外包装压坏，已拍照留存");
    await screenshot(page, "inventory-flow-acceptance");
    await page.getByTestId("receipt-accept").click();
    await page.locator("[data-testid=receipt-detail][data-status=accepted]").waitFor();
    const lj = page.getByTestId("receipt-line-LJ-250");
    expect(await lj.getByTestId("line-rejected").innerText()).toBe("8");
    expect(await lj.getByTestId("line-difference").innerText()).toBe("−2");
    expect(await lj.innerText()).toContain("8 罐外包装压坏");
    expect(await page.getByTestId("receipt-summary").innerText()).toContain("93.2");
    await expectClean(tab);
    await screenshot(page, "inventory-flow-receipt-accepted");

    // The batch is in stock, linked to supplier, purchase and receipt (P6).
    const hz = (await apiGet<{ items: { id: string; code: string }[] }>(page, "/admin/inventory/warehouses")).items.find((w) => w.code === "HZ-01")!;
    const receipt = await apiGet<{ id: string; lines: { skuCode: string; batchId: string | null }[] }>(page, `/admin/inventory/receipts/${page.url().split("/").pop()}`);
    expect(receipt.lines.find((l) => l.skuCode === "LJ-250")!.batchId).toBeTruthy();
    const stock = await apiGet<{ items: { skuCode: string; batches: { batchNo: string; onHand: number; supplierId: string | null }[] }[] }>(page, `/admin/inventory/outbound/stock?warehouseId=${hz.id}&q=LJ-250`);
    expect(stock.items.find((i) => i.skuCode === "LJ-250")!.batches.find((b) => b.batchNo === "LJ250-2612")).toMatchObject({ onHand: 90, supplierId: expect.any(String) });

    // --- The discrepancy report: 110 of 118 received accepted (93), one receipt one day late.
    await page.getByTestId("back-to-receipts").click();
    await page.locator(`[data-testid=receipt-row-${number}][data-status=accepted]`).waitFor();
    await page.getByTestId("receipts-view-discrepancies").click();
    await page.waitForURL("**/admin/inventory/receipts/discrepancies");
    const supplierRow = page.locator(`[data-testid=discrepancy-table] tr[data-name="${COOPERATIVE}"]`);
    await supplierRow.waitFor();
    expect(await supplierRow.getByTestId("discrepancy-rejected").innerText()).toBe("8");
    expect(await supplierRow.getByTestId("suggested-quality").getAttribute("data-value")).toBe("93");
    // None on time (0 of 1), 118 of 120 ordered delivered (98.3): (0 + 98.3) / 2 → 49.
    expect(await supplierRow.getByTestId("suggested-delivery").getAttribute("data-value")).toBe("49");
    expect(await supplierRow.innerText()).toContain("晚到 1 张");
    await page.getByTestId("discrepancy-chart").waitFor();
    const lines = page.getByTestId("discrepancy-lines");
    await lines.getByText("8 罐外包装压坏，已拍照留存").waitFor();
    expect(await page.getByTestId("discrepancy-formula").innerText()).toContain("合格件数 ÷ 实收件数");
    await expectClean(tab);
    await screenshot(page, "inventory-flow-discrepancies");
  });

  it("I4 P6 warehouse staff transfer goods to another warehouse, print the pick list with batch numbers and complete it", async () => {
    const tab = await signInAfresh(file.tab, "warehouse");
    const { page } = tab;
    const opened = await page.request.post("/api/v1/admin/inventory/warehouses", { data: { code: "NB-01", name: "宁波前置仓 Ningbo" } });
    expect(opened.status()).toBe(201);

    // The demo's shipped orders left HZ-01 on outbound documents of their own.
    await page.goto("/admin/inventory/outbound");
    await page.locator("[data-testid^=outbound-row-][data-kind=order][data-status=done]").first().waitFor();
    await page.getByTestId("outbound-new").click();
    const form = page.getByTestId("outbound-form");
    await form.waitFor();
    await form.getByTestId("outbound-kind-transfer").click();
    await chooseOption(page, form.getByTestId("outbound-warehouse"), "HZ-01");
    await chooseOption(page, form.getByTestId("outbound-target"), "NB-01");
    // BLC-250: one batch past its date, one fresh; FEFO must skip the expired one.
    await chooseOption(page, form.getByTestId("outbound-line-level-0"), "BLC-250", "BLC");
    await input(form, "outbound-line-qty-0").fill("12");
    await input(form, "outbound-note").fill("宁波大促备货");
    await screenshot(page, "inventory-flow-transfer-new");
    await form.getByTestId("outbound-save").click();
    await page.waitForURL(/\/admin\/inventory\/outbound\/[0-9a-f-]{36}$/);
    await page.locator("[data-testid=outbound-detail][data-status=open]").waitFor();
    const number = await page.getByTestId("outbound-number").innerText();
    expect(number).toMatch(/^CK\d{8}-\d{4}$/);
    const planned = page.getByTestId("planned-picks").getByTestId("pick");
    await expect.poll(() => planned.evaluateAll((els) => els.map((e) => `${e.getAttribute("data-batch")}×${e.getAttribute("data-quantity")}`))).toEqual(["BLC-2601×12"]);
    await expectClean(tab);
    await screenshot(page, "inventory-flow-transfer-open");

    // --- The pick list: batch, location and expiry on paper, nothing of the console.
    await page.getByTestId("outbound-print").click();
    await page.getByTestId("pick-list").waitFor();
    expect(await page.getByTestId("pick-list-number").innerText()).toBe(number);
    expect(await page.locator("[data-testid=pick-list-row]").evaluateAll((els) => els.map((e) => e.getAttribute("data-batch")))).toEqual(["BLC-2601"]);
    expect(await page.getByTestId("pick-list").innerText()).toContain("A-02-01");
    await page.emulateMedia({ media: "print" });
    expect(await page.getByTestId("area-menu").isVisible()).toBe(false);
    expect(await page.getByTestId("pick-list-print").isVisible()).toBe(false);
    expect(await page.getByTestId("pick-list").isVisible()).toBe(true);
    await screenshot(page, "inventory-flow-pick-list-print");
    await page.emulateMedia({ media: "screen" });
    expect(await untranslatedKeys(page)).toEqual([]);
    await page.getByTestId("pick-list-back").click();

    // --- Completing it moves the batch with its number and dates.
    await page.getByTestId("outbound-done").click();
    await page.getByTestId("outbound-done-confirm").click();
    await page.locator("[data-testid=outbound-detail][data-status=done]").waitFor();
    const done = page.getByTestId("done-picks").getByTestId("pick");
    await expect.poll(() => done.evaluateAll((els) => els.map((e) => `${e.getAttribute("data-batch")}×${e.getAttribute("data-quantity")}`))).toEqual(["BLC-2601×12"]);
    const nb = (await opened.json()) as { id: string };
    const arrived = await apiGet<{ items: { skuCode: string; batches: { batchNo: string; onHand: number; expiryDate: string | null }[] }[] }>(page, `/admin/inventory/outbound/stock?warehouseId=${nb.id}`);
    expect(arrived.items.find((i) => i.skuCode === "BLC-250")!.batches).toEqual([expect.objectContaining({ batchNo: "BLC-2601", onHand: 12, expiryDate: shanghaiDate(360) })]);
    await expectClean(tab);
    await screenshot(page, "inventory-flow-transfer-done");

    await page.getByTestId("back-to-outbound").click();
    await page.locator(`[data-testid=outbound-row-${number}][data-status=done]`).waitFor();
    await screenshot(page, "inventory-flow-outbound-list");
  });

  it("I3 a merchant's portal shows only the shop's own receipts and documents", async () => {
    const tab = await signInAfresh(file.tab, "owner@tea-house.example");
    const { page } = tab;
    await page.goto("/merchant/inventory/receipts");
    // The platform's receipt for the shop's goods belongs to the platform's warehouse, not here.
    await page.getByTestId("receipt-empty").waitFor();
    await page.getByTestId("receipt-new").click();
    const form = page.getByTestId("receipt-form");
    await chooseOption(page, form.getByTestId("receipt-warehouse"), "TEA-01");
    await form.getByTestId("receipt-supplier").click();
    await dropdown(page).locator(".ant-select-item-option", { hasText: COOPERATIVE }).waitFor();
    await page.keyboard.press("Escape");
    await page.goto("/merchant/inventory/outbound");
    await page.getByTestId("outbound-empty").waitFor();
    await expectClean(tab);
    await screenshot(page, "inventory-flow-merchant-outbound");
  });
});
