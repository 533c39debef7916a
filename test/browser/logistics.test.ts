import { describe, expect, it } from "vitest";
import type { Locator, Page } from "playwright-core";
import { expectClean, fileTab, screenshot, signInAfresh } from "./browser.js";

// L1 warehouse staff record an agreement with a carrier and read the carriers' evaluation;
// L2 a shop owner edits the default shipping template with the fee preview. Both change
// what other files read (suggestions, checkout fees): own server.
const file = fileTab({ ownServer: true });

/** The input inside a test id (on the input itself or on its wrapper). */
const input = (scope: Page | Locator, testId: string): Locator =>
  scope.locator(`[data-testid="${testId}"]`).locator("xpath=descendant-or-self::input | descendant-or-self::textarea").first();

const dropdown = (page: Page) => page.locator(".ant-select-dropdown:not(.ant-select-dropdown-hidden)");

/** Picks options of a multiple select by their labels, then closes it. */
async function chooseMany(page: Page, select: Locator, labels: string[]): Promise<void> {
  await select.click();
  for (const label of labels) {
    await page.keyboard.type(label.slice(0, 2));
    await dropdown(page).locator(".ant-select-item-option", { hasText: label }).first().click();
  }
  await page.keyboard.press("Escape");
  await dropdown(page).waitFor({ state: "hidden" });
}

async function apiGet<T>(page: Page, path: string): Promise<T> {
  const r = await page.request.get(`/api/v1${path}`);
  expect(r.status(), path).toBe(200);
  return (await r.json()) as T;
}

interface Evaluation { shipments: number; onTimeRate: number | null; lossRate: number | null; score: number | null }
interface Carrier { id: string; code: string; name: string; agreement: { no: string } | null; evaluation: Evaluation }

const pct = (r: number | null) => (r === null ? "—" : `${(r * 100).toFixed(1)}%`);

describe("logistics", () => {
  it("L1 warehouse staff record an agreement with Yunda, see it refuse an overlapping one, and read the carriers' evaluation with its monthly chart", async () => {
    const tab = await signInAfresh(file.tab, "warehouse");
    const { page } = tab;
    await page.goto("/admin/logistics");
    await page.getByTestId("carrier-table").waitFor();
    await page.getByTestId("carrier-row-yunda").waitFor();
    const before = await apiGet<{ items: Carrier[] }>(page, "/admin/carriers");
    // The table shows the evaluation the API computes, carrier by carrier.
    for (const c of before.items.filter((x) => ["shunfeng", "yunda", "jd"].includes(x.code))) {
      const row = page.getByTestId(`carrier-row-${c.code}`);
      expect(await row.getByTestId("eval-shipments").innerText()).toBe(String(c.evaluation.shipments));
      expect(await row.getByTestId("eval-on-time").innerText()).toBe(pct(c.evaluation.onTimeRate));
      expect(await row.getByTestId("eval-loss").innerText()).toBe(pct(c.evaluation.lossRate));
    }
    expect(await page.getByTestId("carrier-row-yunda").getByTestId("carrier-agreement").innerText()).toBe("无协议");
    expect(await page.getByTestId("score-formula").innerText()).toContain("准时率 × 50");
    await expectClean(tab);
    await screenshot(page, "logistics-carriers");

    // --- Yunda: no agreement yet. Zhejiang and Shanghai next day, the rest in three days.
    await page.getByTestId("carrier-row-yunda").getByTestId("carrier-link").click();
    await page.waitForURL(/\/admin\/logistics\/carriers\/[0-9a-f-]{36}$/);
    await page.getByTestId("agreements-empty").waitFor();
    await page.getByTestId("agreement-new").click();
    const form = page.getByTestId("agreement-form");
    await form.waitFor();
    await form.getByTestId("level-add").click();
    await chooseMany(page, form.getByTestId("level-provinces-0"), ["浙江省", "上海市"]);
    await input(form, "level-hours-0").fill("24");
    await input(form, "price-first-fen").fill("6.5");
    await input(form, "price-extra-fen").fill("2");
    await input(form, "agreement-note").fill("2026 年度协议，华东次日达");
    await screenshot(page, "logistics-agreement-new");
    await page.getByTestId("agreement-save").click();
    const row = page.locator("[data-testid^=agreement-row-][data-state=in_force]");
    await row.waitFor();
    const no = await row.getByTestId("agreement-no").innerText();
    expect(no).toMatch(/^XY\d{8}-\d{4}$/);
    const levels = await row.getByTestId("agreement-levels").innerText();
    expect(levels).toContain("上海市、浙江省");
    expect(levels).toContain("24 小时");
    expect(levels).toContain("其余地区");
    expect(levels).toContain("72 小时");
    expect(await row.getByTestId("agreement-price").innerText()).toBe("首重 1000 g ¥6.50，续重每 1000 g ¥2.00");
    await expectClean(tab);

    // The same dates again overlap the agreement in force: refused, naming it.
    await page.getByTestId("agreement-new").click();
    await page.getByTestId("agreement-form").waitFor();
    await page.getByTestId("agreement-save").click();
    const refusal = page.locator(".ant-modal [data-testid=error-alert]");
    await refusal.waitFor();
    expect(await refusal.innerText()).toContain(`与生效中的协议 ${no}`);
    await screenshot(page, "logistics-agreement-overlap");
    await page.keyboard.press("Escape");
    await page.getByTestId("agreement-form").waitFor({ state: "detached" });

    // The list shows the agreement in force.
    await page.getByTestId("back-to-carriers").click();
    await page.getByTestId("carrier-table").waitFor();
    await expect.poll(() => page.getByTestId("carrier-row-yunda").getByTestId("carrier-agreement").innerText()).toContain(no);

    // --- The evaluation of the carrier with the most shipments, and its twelve months.
    const busiest = [...before.items].sort((a, b) => b.evaluation.shipments - a.evaluation.shipments)[0]!;
    await page.getByTestId(`carrier-row-${busiest.code}`).getByTestId("carrier-link").click();
    await page.locator(`[data-testid=carrier-detail][data-code=${busiest.code}]`).waitFor();
    const detail = await apiGet<{ evaluation: Evaluation & { onTime: number; promised: number }; monthly: { month: string; shipments: number }[] }>(page, `/admin/carriers/${busiest.id}`);
    expect(await page.getByTestId("detail-on-time").innerText()).toContain(`${detail.evaluation.onTime} / ${detail.evaluation.promised}`);
    if (detail.monthly.some((m) => m.shipments)) {
      const chart = page.getByTestId("rate-chart");
      await chart.waitFor();
      expect(await chart.getAttribute("data-months")).toBe("12");
      const last = detail.monthly.at(-1)!;
      expect(await page.getByTestId(`chart-shipments-${last.month}`).textContent()).toBe(String(last.shipments));
    } else {
      await page.getByTestId("chart-empty").waitFor();
    }
    await expectClean(tab);
    await screenshot(page, "logistics-carrier-evaluation");
  });

  it("L2 the tea house's owner edits its default shipping template, previewing the fee before saving", async () => {
    const tab = await signInAfresh(file.tab, "owner@tea-house.example");
    const { page } = tab;
    await page.goto("/merchant/orders/shipping");
    const card = page.locator("[data-testid^=template-card-][data-default=true]");
    await card.waitFor();
    const name = (await card.getAttribute("data-testid"))!.replace("template-card-", "");
    await expectClean(tab);
    await screenshot(page, "logistics-templates");

    await card.getByTestId("template-edit").click();
    const form = page.getByTestId("template-form");
    await form.waitFor();
    await expect.poll(() => input(form, "template-name").inputValue()).toBe(name);
    // The last row prices everywhere else: ¥10 for the first kilo, ¥5 per kilo more.
    const rows = await page.locator("[data-testid^=region-row-]").count();
    const rest = rows - 1;
    await input(form, `region-first-fen-${rest}`).fill("10");
    await input(form, `region-extra-fen-${rest}`).fill("5");
    // Free from ¥150 of goods.
    if ((await page.getByTestId("template-free").getAttribute("aria-checked")) !== "true") await page.getByTestId("template-free").click();
    await input(form, "template-free-over").fill("150");

    // The preview follows the unsaved rules: 1.5 kg to Guangdong, ¥50 of goods → ¥10 + ¥5.
    const preview = page.getByTestId("quote-preview");
    await preview.getByTestId("quote-province").click();
    await page.keyboard.type("广东");
    await dropdown(page).locator(".ant-select-item-option", { hasText: "广东省" }).first().click();
    await input(preview, "quote-weight").fill("1500");
    await input(preview, "quote-items").fill("50");
    await expect.poll(() => preview.getByTestId("quote-result").getAttribute("data-fen")).toBe("1500");
    expect(await preview.getByTestId("quote-fee").innerText()).toBe("¥15.00");
    await screenshot(page, "logistics-template-editor");
    await input(preview, "quote-items").fill("160");
    await expect.poll(() => preview.getByTestId("quote-result").getAttribute("data-fen")).toBe("0");
    expect(await preview.getByTestId("quote-fee").innerText()).toBe("包邮");
    await expectClean(tab);

    await page.getByTestId("template-save").click();
    await page.waitForURL("**/merchant/orders/shipping");
    const saved = page.locator(`[data-testid="template-card-${name}"][data-default=true]`);
    await saved.getByTestId(`region-${rest}`).getByText("首重 1000 g ¥10.00，续重每 1000 g ¥5.00").waitFor();
    expect(await saved.getByTestId("free-over").innerText()).toBe("商品金额满 ¥150.00 包邮");
    const listed = await apiGet<{ items: { name: string; isDefault: boolean; rules: { regions: { provinces: string[]; firstFen: number; extraFen: number }[]; freeOverFen: number | null } }[] }>(page, "/merchant/shipping-templates");
    const tpl = listed.items.find((x) => x.isDefault)!;
    expect(tpl.rules.freeOverFen).toBe(15_000);
    expect(tpl.rules.regions.at(-1)).toMatchObject({ provinces: [], firstFen: 1000, extraFen: 500 });
    await expectClean(tab);
    await screenshot(page, "logistics-templates-saved");
  });
});
