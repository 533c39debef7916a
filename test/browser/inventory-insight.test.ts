import { describe, expect, it } from "vitest";
import ExcelJS from "exceljs";
import type { Page } from "playwright-core";
import { expectClean, fileTab, menuIds, screenshot, shanghaiDate, signInAfresh } from "./browser.js";

// I6 alerts and replenishment, I7 the monthly report, on the demo stock (HZ-01, TEA-01).
// Orders are shipped here to give the SKUs a sales history: a server of its own, so that
// the other files' stock figures stay as seeded.
const file = fileTab({ ownServer: true });

const rows = (page: Page, testId: string) => page.locator(`[data-testid=${testId}] tr[data-testid]`);

async function sheetRows(body: Buffer): Promise<unknown[][]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(body as unknown as ArrayBuffer);
  const out: unknown[][] = [];
  wb.worksheets[0]!.eachRow((row) => out.push(Array.from(row.values as unknown[]).slice(1)));
  return out;
}

/** Ships an order from a warehouse through the API, as the outbound screen does: hold, document, done. */
async function shipOrder(page: Page, line: { productId: string; skuCode: string; warehouseId: string; quantity: number }, ref: string) {
  const hold = await page.request.post("/api/v1/admin/inventory/reservations", { data: { referenceType: "order", referenceId: ref, lines: [line] } });
  expect(hold.status()).toBe(201);
  const doc = await page.request.post("/api/v1/admin/inventory/outbound", { data: { kind: "order", reservationId: (await hold.json()).id, orderRef: ref } });
  expect(doc.status()).toBe(201);
  const done = await page.request.post(`/api/v1/admin/inventory/outbound/${(await doc.json()).id}/done`);
  expect(done.status()).toBe(200);
}

describe("inventory alerts, replenishment and monthly report", () => {
  it("I6 I7 warehouse staff see the alerts by kind, download the purchase plan and read the monthly report with its chart", async () => {
    const tab = await signInAfresh(file.tab, "warehouse");
    const { page } = tab;
    expect(await menuIds(page)).toContain("nav-inventory");
    await page.getByTestId("nav-inventory").click();
    await page.waitForURL("**/admin/inventory");

    // --- 预警: counts per kind, most urgent first.
    await page.getByTestId("inventory-tab-alerts").click();
    await page.waitForURL("**/admin/inventory/alerts");
    const table = page.getByTestId("alerts-table");
    await rows(page, "alerts-table").first().waitFor();
    const count = async (kind: string) => Number(await page.getByTestId(`alert-count-${kind}`).getAttribute("data-count"));
    expect(await count("expired")).toBe(1);
    expect(await count("expiring")).toBe(1);
    expect(await count("damaged")).toBe(1);
    expect(await count("out")).toBe(1);
    expect(await count("low")).toBe(2);
    expect(await count("slow")).toBe(0);
    expect(await count("all")).toBe(6);
    expect(await rows(page, "alerts-table").first().getAttribute("data-kind")).toBe("expired");
    expect(await table.locator("tr[data-kind=expired]").getAttribute("data-batch")).toBe("BLC-2509");
    expect(await table.locator("tr[data-kind=damaged]").getAttribute("data-batch")).toBe("SB-3-2512");
    expect(await table.locator("tr[data-kind=low]").evaluateAll((trs) => trs.map((tr) => tr.getAttribute("data-sku")).sort())).toEqual(["CB-L", "LJ-500"]);
    expect(await table.locator("tr[data-kind=low][data-sku=LJ-500]").getByTestId("alert-detail").innerText()).toBe("可用 8 件，低于预警线 10 件。");
    await screenshot(page, "inventory-alerts");

    // One kind: the batch 18 days from its expiry date.
    await page.getByTestId("alert-count-expiring").click();
    await page.waitForURL("**/admin/inventory/alerts?kind=expiring");
    await expect.poll(() => rows(page, "alerts-table").count()).toBe(1);
    const expiring = table.locator("tr[data-kind=expiring]");
    expect(await expiring.getAttribute("data-batch")).toBe("LJ250-2601");
    expect(await expiring.innerText()).toContain(`${shanghaiDate(18)} 到期 · 还剩 18 天`);
    await page.getByTestId("alert-count-slow").click();
    await page.getByTestId("alerts-empty").getByText("没有「呆滞」预警。").waitFor();
    await expectClean(tab);

    // Orders ship: LJ-250 and CB-M get a sales history (60 and 70 units today).
    const stock = (await (await page.request.get("/api/v1/admin/inventory/stock?limit=100")).json()) as { items: { productId: string; skuCode: string; warehouse: { id: string; code: string } }[] };
    const level = (sku: string) => stock.items.find((l) => l.skuCode === sku && l.warehouse.code === "HZ-01")!;
    for (const [sku, quantity] of [["LJ-250", 60], ["CB-M", 70]] as const) {
      const l = level(sku);
      await shipOrder(page, { productId: l.productId, skuCode: sku, warehouseId: l.warehouse.id, quantity }, `DEMO-ORDER-${sku}`);
    }

    // --- 补货建议: each suggestion with the numbers it comes from.
    await page.getByTestId("inventory-tab-replenishment").click();
    await page.waitForURL("**/admin/inventory/replenishment");
    const suggestion = (sku: string) => page.locator(`[data-testid=replenishment-table] tr[data-sku="${sku}"][data-warehouse=HZ-01]`);
    await suggestion("LJ-250").waitFor();
    // LJ-250: 60 ÷ 28 × (5 + 14) + 10 = 50.71; 90 − 60 − 6 held = 24 available → ⌈26.71⌉ = 27.
    expect(await suggestion("LJ-250").getAttribute("data-suggested")).toBe("27");
    expect(await suggestion("LJ-250").getByTestId("replenishment-working").innerText()).toBe("60 ÷ 28 × (5 + 14) + 10 = 50.71；50.71 − 24 − 0 = 26.71");
    expect(await suggestion("LJ-250").innerText()).toContain("杭州西湖龙井茶叶专业合作社");
    // CB-M: 70 ÷ 28 × (7 + 14) + 0 = 52.5; 10 available → 43.
    expect(await suggestion("CB-M").getAttribute("data-suggested")).toBe("43");
    expect(await page.getByTestId("replenishment-summary").getAttribute("data-units")).toBe("70");
    await page.getByTestId("replenishment-formula").waitFor();
    await screenshot(page, "inventory-replenishment");

    // The purchase plan downloads as an Excel workbook grouped by supplier.
    const href = await page.getByTestId("replenishment-download").getAttribute("href");
    expect(href).toBe("/api/v1/admin/inventory/replenishment.xlsx");
    const plan = await page.request.get(href!);
    expect(plan.status()).toBe(200);
    expect(plan.headers()["content-type"]).toContain("spreadsheetml");
    expect(plan.headers()["content-disposition"]).toContain("purchase-plan-");
    const sheet = await sheetRows(await plan.body());
    const header = sheet.findIndex((r) => r[0] === "供应商 Supplier");
    expect(sheet[header]!.slice(0, 5)).toEqual(["供应商 Supplier", "商品 Product", "SKU", "仓库 Warehouse", "建议采购量 Suggested qty"]);
    const lines = sheet.slice(header + 1).filter((r) => typeof r[2] === "string");
    expect(lines.map((r) => [r[2], r[4]])).toEqual([["LJ-250", 27], ["CB-M", 43]]);
    expect(sheet.some((r) => String(r[0]).startsWith("杭州西湖龙井茶叶专业合作社"))).toBe(true);
    await expectClean(tab);

    // --- 月报: this month so far, reconciled, with the daily chart.
    await page.getByTestId("inventory-tab-report").click();
    await page.waitForURL("**/admin/inventory/report");
    await page.locator("[data-testid=report-reconciled][data-ok=true]").waitFor();
    const today = shanghaiDate(0);
    await expect.poll(() => page.getByTestId("report-chart").getAttribute("data-days")).toBe(String(Number(today.slice(8))));
    // Today's shipments are a bar of their own (the demo's earlier orders may add other days').
    expect(await page.locator(`[data-testid=report-chart-out][data-day="${today}"]`).count()).toBe(1);
    const lj = page.locator("[data-testid=report-table] tr[data-sku=LJ-250][data-warehouse=HZ-01]");
    expect(await lj.getAttribute("data-closing")).toBe("30");
    expect(await lj.getByTestId("row-check").getAttribute("data-ok")).toBe("true");
    await page.getByTestId("report-totals").waitFor();
    await screenshot(page, "inventory-report");
    const report = await page.request.get((await page.getByTestId("report-download").getAttribute("href"))!);
    expect(report.status()).toBe(200);
    const reportSheet = await sheetRows(await report.body());
    expect(reportSheet.some((r) => r[0] === "合计 Total" && r.at(-1) === "是 Yes")).toBe(true);
    await expectClean(tab);

    // The same report in English.
    await page.evaluate(() => window.localStorage.setItem("sg.lang", "en-US"));
    await page.reload();
    await page.getByText("Agrees with the books", { exact: false }).waitFor();
    await page.getByTestId("report-chart").waitFor();
    await screenshot(page, "inventory-report-en");
    await expectClean(tab);
    await page.evaluate(() => window.localStorage.setItem("sg.lang", "zh-CN"));

    // A shop's owner: its own store room has no alerts.
    await signInAfresh(tab, "owner@tea-house.example");
    await page.goto("/merchant/inventory/alerts");
    await rows(page, "alerts-table").first().waitFor();
    await page.getByTestId("insight-warehouse").click();
    await page.getByTestId("warehouse-option-TEA-01").click();
    await page.getByTestId("alerts-empty").getByText("没有预警，库存一切正常。").waitFor();
    expect(await count("all")).toBe(0);
    await screenshot(page, "inventory-alerts-shop");
    await expectClean(tab);
  });
});
