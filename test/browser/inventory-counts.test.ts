import { describe, expect, it } from "vitest";
import type { Locator, Page } from "playwright-core";
import { DEMO_PASSWORD, expectClean, fileTab, login, screenshot, signInAfresh, untranslatedKeys } from "./browser.js";

// I5 a count of the platform's Hangzhou warehouse (HZ-01, demo stock): started at the desk,
// counted on a phone with the barcode field, submitted with a reason, approved by a second
// person; the books change. It changes stock other files read: own server.
const file = fileTab({ ownServer: true });

interface Line { id: string; skuCode: string; batchNo: string; expectedQty: number; countedQty: number | null; difference: number | null }
interface Count { id: string; number: string; status: string; lines: Line[]; totals: { lines: number; counted: number; differing: number } }

/** The input inside a test id (on the input itself or on its wrapper). */
const input = (scope: Page | Locator, testId: string): Locator =>
  scope.locator(`[data-testid="${testId}"]`).locator("xpath=descendant-or-self::input | descendant-or-self::textarea").first();

async function apiGet<T>(page: Page, path: string): Promise<T> {
  const r = await page.request.get(`/api/v1${path}`);
  expect(r.status(), path).toBe(200);
  return (await r.json()) as T;
}

async function onHand(page: Page, warehouseId: string, sku: string): Promise<number> {
  const { items } = await apiGet<{ items: { skuCode: string; onHand: number }[] }>(page, `/admin/inventory/stock?warehouseId=${warehouseId}&q=${sku}`);
  return items.find((i) => i.skuCode === sku)!.onHand;
}

/** Scans (types) a code into the phone's big field and presses Enter, as a scanner does. */
async function scan(page: Page, code: string): Promise<void> {
  const field = input(page, "phone-code");
  await field.fill(code);
  await field.press("Enter");
}

describe("stocktakes", () => {
  it("I5 warehouse staff count HZ-01 on a phone with the barcode field, submit with a reason, and a second person's approval changes the books", async () => {
    const tab = await signInAfresh(file.tab, "warehouse");
    const { page } = tab;

    // --- The desk: start a full count of HZ-01.
    await page.goto("/admin/inventory");
    await page.getByTestId("inventory-tab-stocktakes").click();
    await page.waitForURL("**/admin/inventory/stocktakes");
    await page.getByTestId("count-empty").waitFor();
    await page.getByTestId("count-new").click();
    const form = page.getByTestId("count-start-form");
    await form.waitFor();
    await form.getByTestId("count-warehouse").click();
    await page.locator(".ant-select-dropdown:not(.ant-select-dropdown-hidden) [data-testid=count-warehouse-HZ-01]").click();
    await screenshot(page, "inventory-counts-start");
    await page.getByTestId("count-start-submit").click();
    await page.waitForURL(/\/admin\/inventory\/stocktakes\/[0-9a-f-]{36}$/);
    const id = page.url().split("/").pop()!;
    await page.locator("[data-testid=count-detail][data-status=counting]").waitFor();
    const started = await apiGet<Count>(page, `/admin/inventory/stocktakes/${id}`);
    expect(started.number).toMatch(/^PD\d{8}-\d{4}$/);
    expect(started.lines.map((l) => l.batchNo)).toEqual(expect.arrayContaining(["LJ250-2601", "LJ250-2602", "LJ500-2601", "OF-2601", "CB-M-2601"]));
    expect(await page.getByTestId("count-number").innerText()).toBe(started.number);
    await expect.poll(() => page.locator("[data-testid=count-lines] tr[data-testid=count-line]").count()).toBe(started.totals.lines);
    await expectClean(tab);
    await screenshot(page, "inventory-counts-detail-counting");
    const hz = (await apiGet<{ warehouses: { id: string; code: string }[] }>(page, "/admin/inventory/stocktakes/start-options")).warehouses.find((w) => w.code === "HZ-01")!;
    const before = { lj250: await onHand(page, hz.id, "LJ-250"), of500: await onHand(page, hz.id, "OF-500") };

    // --- The printable sheet: blind by default, the book column behind a switch.
    await page.getByTestId("count-print").click();
    await page.locator("[data-testid=count-sheet][data-blind=true]").waitFor();
    await expect.poll(() => page.locator("[data-testid=sheet-row]").count()).toBe(started.totals.lines);
    expect(await page.getByTestId("sheet-book-header").count()).toBe(0);
    await screenshot(page, "inventory-counts-sheet-blind");
    await page.getByTestId("sheet-show-book").click();
    await page.getByTestId("sheet-book-header").waitFor();
    await page.emulateMedia({ media: "print" });
    // On paper only the sheet: no console menu, no toolbar.
    expect(await page.getByTestId("area-menu").isVisible()).toBe(false);
    expect(await page.getByTestId("sheet-print").isVisible()).toBe(false);
    expect(await page.getByTestId("count-sheet").isVisible()).toBe(true);
    await screenshot(page, "inventory-counts-sheet-print");
    await page.emulateMedia({ media: "screen" });
    expect(await untranslatedKeys(page)).toEqual([]);
    await page.getByTestId("sheet-back").click();
    await page.locator("[data-testid=count-detail][data-status=counting]").waitFor();

    // --- The phone: a small screen of its own, signed in as the same clerk.
    const phoneContext = await file.world.browser.newContext({
      baseURL: file.world.url, viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true, locale: "zh-CN", timezoneId: "Asia/Shanghai", reducedMotion: "reduce",
    });
    phoneContext.setDefaultTimeout(15_000);
    const phone = await phoneContext.newPage();
    const phoneProblems: string[] = [];
    phone.on("pageerror", (e) => phoneProblems.push(`pageerror: ${e.message}`));
    phone.on("console", (m) => {
      if (m.type() === "error" && !/Failed to load resource/.test(m.text())) phoneProblems.push(`console: ${m.text()}`);
    });
    try {
      await login(phone, "warehouse", DEMO_PASSWORD);
      await phone.goto(`/admin/inventory/stocktakes/${id}/count`);
      await phone.getByTestId("count-phone-screen").waitFor();
      // The code field has the focus: a scanner can start at once.
      await expect.poll(() => phone.evaluate(() => document.activeElement?.closest("[data-testid=phone-code]") !== null || document.activeElement?.getAttribute("data-testid") === "phone-code")).toBe(true);
      // A blind count: the phone shows no book quantities.
      const blind = async () => {
        const text = await phone.getByTestId("count-phone-screen").innerText();
        return ["期初账面", "应有数", "差异"].filter((w) => text.includes(w));
      };
      expect(await blind()).toEqual([]);

      // A code that is not on the sheet.
      await scan(phone, "XX-404");
      await phone.getByTestId("phone-not-found").waitFor();

      // LJ-250 lies in two batches: choose the one on the label, then the quantity, Enter.
      await scan(phone, "lj-250");
      await phone.getByTestId("phone-batches").waitFor();
      await screenshot(phone, "inventory-counts-phone-batches");
      await phone.getByTestId("phone-batch-LJ250-2601").click();
      await phone.getByTestId("phone-selected").waitFor();
      await expect.poll(() => phone.evaluate(() => document.activeElement?.closest("[data-testid=phone-qty]") !== null || document.activeElement?.getAttribute("data-testid") === "phone-qty")).toBe(true);
      // One tin of the first batch is missing.
      const expected = (batch: string) => started.lines.find((l) => l.batchNo === batch)!.expectedQty;
      await phone.keyboard.type(String(expected("LJ250-2601") - 1));
      expect(await blind()).toEqual([]);
      await screenshot(phone, "inventory-counts-phone-quantity");
      await phone.keyboard.press("Enter");
      await phone.getByTestId("phone-entry").first().waitFor();
      await expect.poll(() => phone.getByTestId("phone-progress").getAttribute("data-counted")).toBe("1");

      // Unit by unit: each scan of LJ-500 adds one.
      await phone.getByTestId("phone-add-mode").click();
      for (let i = 0; i < expected("LJ500-2601"); i++) {
        await scan(phone, "LJ-500");
        await expect.poll(() => phone.getByTestId("phone-entry").first().innerText()).toContain(`共 ${i + 1}`);
      }
      await phone.getByTestId("phone-add-mode").click();

      // The rest with their quantities; one sack of lotus powder too many.
      for (const l of started.lines.filter((x) => !["LJ250-2601", "LJ500-2601"].includes(x.batchNo))) {
        await scan(phone, l.skuCode);
        const choice = phone.getByTestId(`phone-batch-${l.batchNo}`);
        await phone.locator("[data-testid=phone-batches], [data-testid=phone-selected]").first().waitFor();
        if (await choice.isVisible()) await choice.click();
        await phone.locator(`[data-testid=phone-line][data-batch="${l.batchNo}"]`).waitFor();
        await input(phone, "phone-qty").fill(String(l.batchNo === "OF-2601" ? l.expectedQty + 1 : l.expectedQty));
        await input(phone, "phone-qty").press("Enter");
        await phone.getByTestId("phone-selected").waitFor({ state: "detached" });
      }
      await expect.poll(() => phone.getByTestId("phone-progress").getAttribute("data-counted")).toBe(String(started.totals.lines));
      await phone.getByTestId("phone-remaining").locator(".ant-collapse-header").click();
      await phone.getByText("全部清点完毕，可以回到电脑上提交复核").waitFor();
      expect(await untranslatedKeys(phone)).toEqual([]);
      await screenshot(phone, "inventory-counts-phone-done");
      expect(phoneProblems).toEqual([]);
    } finally {
      await phoneContext.close();
    }

    // --- Back at the desk: the differences, the reason, submission.
    await page.reload();
    await page.locator("[data-testid=count-detail][data-status=counting]").waitFor();
    await page.getByTestId("difference-chart").waitFor();
    expect(await page.locator("[data-testid=difference-bar]").evaluateAll((bars) => bars.map((b) => `${b.getAttribute("data-sku")} ${b.getAttribute("data-value")}`).sort())).toEqual(["LJ-250 -1", "OF-500 1"]);
    await page.getByTestId("count-submit").click();
    const submitForm = page.getByTestId("count-submit-form");
    await submitForm.waitFor();
    // A difference needs a reason: the button waits for one.
    expect(await page.getByTestId("count-submit-confirm").isDisabled()).toBe(true);
    await input(submitForm, "count-reason").fill("LJ250-2601 一罐外包装破损已报废未登记；藕粉多出一袋为上次入库少登记");
    await page.getByTestId("count-submit-confirm").click();
    await page.locator("[data-testid=count-detail][data-status=submitted]").waitFor();
    // The one who counted and submitted cannot decide.
    await page.getByTestId("count-second-person").waitFor();
    expect(await page.getByTestId("count-approve").isDisabled()).toBe(true);
    await expectClean(tab);
    await screenshot(page, "inventory-counts-submitted");

    // --- A second person approves; the books change by the differences.
    await signInAfresh(tab, "admin");
    await page.goto(`/admin/inventory/stocktakes/${id}`);
    await page.locator("[data-testid=count-detail][data-status=submitted]").waitFor();
    expect(await page.getByTestId("count-reason-text").innerText()).toContain("藕粉多出一袋");
    await page.getByTestId("count-approve").click();
    await page.getByTestId("count-decide-form").waitFor();
    await input(page.getByTestId("count-decide-form"), "count-note").fill("已核对报废记录与入库单");
    await page.getByTestId("count-decide-confirm").click();
    await page.locator("[data-testid=count-detail][data-status=approved]").waitFor();
    expect(await onHand(page, hz.id, "LJ-250")).toBe(before.lj250 - 1);
    expect(await onHand(page, hz.id, "OF-500")).toBe(before.of500 + 1);
    await expectClean(tab);
    await screenshot(page, "inventory-counts-approved");
    await page.getByTestId("back-to-counts").click();
    await page.locator(`[data-testid=count-table] tr[data-testid="count-row-${started.number}"][data-status=approved]`).waitFor();
    // The same list in English.
    await page.getByTestId("lang-en-US").click();
    await page.getByText("Whole warehouse").first().waitFor();
    expect(await page.locator(`tr[data-testid="count-row-${started.number}"]`).innerText()).toContain("Approved");
    await expectClean(tab);
    await screenshot(page, "inventory-counts-list-en");
    await page.getByTestId("lang-zh-CN").click();
  });
});
