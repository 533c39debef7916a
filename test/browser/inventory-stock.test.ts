import { describe, expect, it } from "vitest";
import type { Locator, Page } from "playwright-core";
import { expectClean, fileTab, menuIds, screenshot, signInAfresh } from "./browser.js";

// I1 I2 stock levels, batches first-expiry-first, holds and movements, for warehouse staff
// (the platform's HZ-01) and a merchant (its goods in HZ-01 and its own TEA-01). It sets
// goods aside and opens a warehouse: own server, so the other files' demo stock stays put.
const file = fileTab({ ownServer: true });

/** The input inside a test id (on the input itself or on its wrapper). */
const input = (scope: Page | Locator, testId: string): Locator =>
  scope.locator(`[data-testid="${testId}"]`).locator("xpath=descendant-or-self::input | descendant-or-self::textarea").first();

/** The SKU / warehouse pairs the stock table shows, in order. */
const shownRows = (page: Page) =>
  page.locator("[data-testid=stock-table] tr[data-testid^=stock-row-]").evaluateAll((rows) => rows.map((r) => r.getAttribute("data-testid")!.replace("stock-row-", "")));

async function expectRows(page: Page, has: string[], not: string[] = []) {
  await expect.poll(async () => {
    const rows = await shownRows(page);
    return has.every((r) => rows.includes(r)) && !not.some((r) => rows.includes(r));
  }).toBe(true);
  return shownRows(page);
}

describe("stock levels and movements", () => {
  it("I1 I2 warehouse staff filter the platform's stock, open a level with its batches first-expiry-first and set damaged goods aside", async () => {
    const tab = await signInAfresh(file.tab, "warehouse");
    const { page } = tab;
    expect(await menuIds(page)).toContain("nav-inventory");
    await page.getByTestId("nav-inventory").click();
    await page.waitForURL("**/admin/inventory");
    await page.getByTestId("inventory-stock-page").waitFor();
    const all = await expectRows(page, ["LJ-250-HZ-01", "CB-M-HZ-01", "CS-8-HZ-01"], ["DH-200-TEA-01"]);
    expect(all.every((r) => r.endsWith("-HZ-01"))).toBe(true);
    await expect.poll(() => page.getByTestId("stock-summary-low").getAttribute("data-count")).toBe("3");
    await screenshot(page, "inventory-stock-staff");

    // The figures above the list filter it: SKUs below their threshold, sold out included.
    await page.getByTestId("stock-summary-low").click();
    await page.waitForURL(/state=low/);
    await expect.poll(async () => (await shownRows(page)).sort()).toEqual(["CB-L-HZ-01", "CS-8-HZ-01", "LJ-500-HZ-01"]);
    expect(await page.locator("tr[data-testid=stock-row-CS-8-HZ-01] [data-testid=stock-state]").getAttribute("data-state")).toBe("out");
    await page.getByTestId("stock-state-all").click();
    await page.waitForURL((u) => !u.searchParams.has("state"));
    await input(page, "stock-search").fill("龙井");
    await input(page, "stock-search").press("Enter");
    await expect.poll(async () => (await shownRows(page)).sort()).toEqual(["LJ-250-HZ-01", "LJ-500-HZ-01"]);

    // A level: batches in the order they ship, the one expiring in 18 days first.
    await page.getByTestId("stock-row-LJ-250-HZ-01").click();
    const drawer = page.getByTestId("level-drawer");
    await drawer.getByTestId("level-detail").waitFor();
    const batches = drawer.locator("[data-testid=batch-table] tr[data-batch]");
    expect(await batches.evaluateAll((rows) => rows.map((r) => r.getAttribute("data-batch")))).toEqual(["LJ250-2601", "LJ250-2602"]);
    expect(await drawer.getByTestId("batch-chart").getAttribute("data-batches")).toBe("LJ250-2601,LJ250-2602");
    expect(Number(await drawer.locator("tr[data-batch=LJ250-2601] [data-testid=expiry]").getAttribute("data-days"))).toBeLessThanOrEqual(18);
    expect(await drawer.getByTestId("level-available").innerText()).toContain("84");
    expect(await drawer.locator("[data-testid=level-movements] [data-testid=movement-type]").evaluateAll((els) => els.map((e) => e.getAttribute("data-type")).sort())).toEqual(["receive", "receive", "reserve"]);
    await drawer.getByTestId("level-tab-holds").click();
    await drawer.getByTestId("hold-table").getByText("HOLD-TRADE-FAIR").waitFor();
    await drawer.getByTestId("level-tab-movements").click();
    await screenshot(page, "inventory-stock-level");
    await expectClean(tab);

    // Three tins crushed: set aside, out of what may be sold.
    await drawer.getByTestId("batch-actions-LJ250-2601").click();
    await page.locator(".ant-dropdown:not(.ant-dropdown-hidden) .ant-dropdown-menu-item", { hasText: "隔离" }).first().click();
    const modal = page.getByTestId("batch-action-modal");
    await input(modal, "batch-action-quantity").fill("3");
    await input(modal, "batch-action-note").fill("罐体压瘪");
    await page.getByTestId("batch-action-submit").click();
    await modal.waitFor({ state: "hidden" });
    await expect.poll(() => drawer.getByTestId("level-blocked").innerText()).toContain("3");
    expect(await drawer.getByTestId("level-available").innerText()).toContain("81");
    await expect.poll(() => drawer.locator("[data-testid=level-movements] [data-testid=movement-type]").first().getAttribute("data-type")).toBe("block");

    // The whole trail, newest first, filtered to this SKU from the drawer.
    await drawer.getByTestId("level-all-movements").click();
    await page.waitForURL(/\/admin\/inventory\/movements\?level=/);
    await page.getByTestId("movements-level-filter").getByText("LJ-250 · HZ-01").waitFor();
    await expect.poll(() => page.locator("[data-testid=movements-table] tr[data-testid=movement-row]").count()).toBe(4);
    expect(await page.locator("tr[data-testid=movement-row]").first().getAttribute("data-type")).toBe("block");
    await page.getByTestId("movements-level-filter").locator(".ant-tag-close-icon").click();
    await page.getByTestId("movements-filter-type").click();
    await page.locator(".ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option", { hasText: "入库" }).first().click();
    await expect.poll(async () => {
      const types = await page.locator("tr[data-testid=movement-row]").evaluateAll((rows) => rows.map((r) => r.getAttribute("data-type")));
      return types.length > 5 && types.every((t) => t === "receive");
    }).toBe(true);
    await screenshot(page, "inventory-movements-staff");

    // The platform's warehouses and their locations.
    await page.getByTestId("inventory-tab-warehouses").click();
    await page.getByTestId("warehouse-row-HZ-01").waitFor();
    expect(await page.getByTestId("warehouse-row-TEA-01").count()).toBe(0);
    await page.getByTestId("warehouse-row-HZ-01").getByTestId("warehouse-link").click();
    await page.getByTestId("location-table").getByText("Q-01").waitFor();
    await expectClean(tab);
  });

  it("I1 a merchant owner sees its own goods wherever they lie and opens a warehouse of its own", async () => {
    const tab = await signInAfresh(file.tab, "owner@tea-house.example");
    const { page } = tab;
    await page.getByTestId("nav-inventory").click();
    await page.waitForURL("**/merchant/inventory");
    const rows = await expectRows(page, ["DH-200-TEA-01", "PE-357-TEA-01", "LJ-250-HZ-01", "OF-500-HZ-01", "OF-500-TEA-01"]);
    expect(rows.some((r) => r.startsWith("CB-") || r.startsWith("SB-"))).toBe(false);

    // Goods in its own store room: batches first expiry first, and the shop handles them.
    await page.getByTestId("stock-row-DH-200-TEA-01").click();
    const drawer = page.getByTestId("level-drawer");
    await drawer.getByTestId("level-detail").waitFor();
    expect(await drawer.locator("[data-testid=batch-table] tr[data-batch]").evaluateAll((r) => r.map((x) => x.getAttribute("data-batch")))).toEqual(["DH-2511", "DH-2602"]);
    await drawer.getByTestId("batch-actions-DH-2511").waitFor();
    expect(await drawer.getByTestId("level-reserved").innerText()).toContain("12");
    await screenshot(page, "inventory-stock-merchant-level");
    await page.keyboard.press("Escape");
    await drawer.waitFor({ state: "hidden" });

    // Its goods in the platform's warehouse: visible, handled by the platform's staff.
    await page.getByTestId("stock-row-LJ-250-HZ-01").click();
    await drawer.getByTestId("level-detail").waitFor();
    await drawer.locator("tr[data-batch=LJ250-2601]").waitFor();
    expect(await drawer.getByTestId("batch-actions-LJ250-2601").count()).toBe(0);
    await page.keyboard.press("Escape");

    await page.getByTestId("inventory-tab-warehouses").click();
    await page.getByTestId("warehouse-row-TEA-01").waitFor();
    expect(await page.getByTestId("warehouse-row-HZ-01").count()).toBe(0);
    await page.getByTestId("warehouse-new").click();
    const modal = page.getByTestId("warehouse-modal");
    await input(modal, "warehouse-code").fill("tea-02");
    await input(modal, "warehouse-name").fill("西湖茶舍梅家坞仓");
    await input(modal, "warehouse-address").fill("杭州市西湖区梅家坞村 66 号");
    await page.getByTestId("warehouse-create").click();
    await page.waitForURL(/\/merchant\/inventory\/warehouses\/[0-9a-f-]{36}$/);
    await page.getByTestId("warehouse-detail").getByText("TEA-02 · 西湖茶舍梅家坞仓").waitFor();
    await input(page, "location-code").fill("m-01");
    await page.getByTestId("location-add").click();
    await page.getByTestId("location-table").getByText("M-01").waitFor();
    await screenshot(page, "inventory-warehouse-merchant");

    // The code is the shop's now: a second warehouse cannot take it.
    await page.getByTestId("warehouse-detail").locator(".ant-breadcrumb a").first().click();
    await page.getByTestId("warehouse-row-TEA-02").waitFor();
    await page.getByTestId("warehouse-new").click();
    await input(page.getByTestId("warehouse-modal"), "warehouse-code").fill("TEA-02");
    await input(page.getByTestId("warehouse-modal"), "warehouse-name").fill("重复的仓库");
    await page.getByTestId("warehouse-create").click();
    await page.getByTestId("warehouse-modal").getByText("这个仓库编码已被使用，请换一个。").waitFor();
    await expectClean(tab);
    await page.keyboard.press("Escape");

    // The same screens in English.
    await page.getByTestId("lang-en-US").click();
    await page.getByTestId("inventory-tab-stock").click();
    await page.getByTestId("stock-row-LJ-250-HZ-01").click();
    await page.getByTestId("level-drawer").getByText("Batches", { exact: true }).waitFor();
    await screenshot(page, "inventory-stock-level-en");
    await expectClean(tab);
  });
});
